-- Frame benchmark scene: N (default 5,000) mixed rectangles and circles, each with its
-- own colour (setColor before every shape). Runs the same in LÖVE (love DIR N).
-- After 120 frames it prints the mean time spent in love.draw and quits.
local n = 5000
local shapes = {}
local frames, spent = 0, 0

function love.load(args)
    n = tonumber(args[1]) or n
    math.randomseed(2)
    for i = 1, n do
        shapes[i] = { math.random() * 790, math.random() * 590, math.random(), math.random(), math.random() }
    end
end

function love.draw()
    local t0 = love.timer.getTime()
    local g = love.graphics
    for i = 1, n do
        local s = shapes[i]
        g.setColor(s[3], s[4], s[5], 0.9)
        if i % 2 == 0 then
            g.rectangle("fill", s[1], s[2], 6, 6)
        else
            g.circle("fill", s[1], s[2], 3)
        end
    end
    frames = frames + 1
    if frames > 20 then spent = spent + (love.timer.getTime() - t0) end
    if frames == 120 then
        print(string.format("bench-mixed n=%d: love.draw %.2f ms/frame (mean of 100)", n, spent / 100 * 1000))
        love.event.quit()
    end
end
