-- Frame benchmark scene: N (default 5,000) mixed rectangles and circles, each with its
-- own colour (setColor before every shape). Runs the same in LÖVE (love DIR N).
-- After 120 frames it prints the CPU time spent in love.draw (mean, median and best of 100
-- frames, thread CPU time from cpuclock.lua) and quits.
local n = 5000
local shapes = {}
local frames, spent = 0, 0
local clock = require("cpuclock")
local times = {}

function love.load(args)
    n = tonumber(args[1]) or n
    math.randomseed(2)
    for i = 1, n do
        shapes[i] = { math.random() * 790, math.random() * 590, math.random(), math.random(), math.random() }
    end
end

function love.draw()
    local t0 = clock.now()
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
    if frames > 20 then
        local dt = clock.now() - t0
        spent = spent + dt
        times[#times + 1] = dt
    end
    if frames == 120 then
        table.sort(times)
        print(string.format(
            "bench-mixed n=%d: love.draw %.2f ms/frame (mean of 100; median %.2f, min %.2f; %s)",
            n, spent / 100 * 1000, times[50] * 1000, times[1] * 1000, clock.kind))
        love.event.quit()
    end
end
