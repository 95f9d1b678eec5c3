-- Frame benchmark scene: N small (4x4) sprites of one image a frame (default 10,000),
-- drawn with love.graphics.draw, or with "batch" as second argument through one
-- SpriteBatch refilled every frame. Runs the same in LÖVE (love DIR N [batch]).
-- After 120 frames it prints the CPU time spent in love.draw (the API's cost: mean, median
-- and best of 100 frames, thread CPU time from cpuclock.lua) and quits.
--   engine run --headless --stats games/bench-sprites [N] [batch]
local n = 10000
local sprites = {}
local img, sb, use_batch
local frames, spent = 0, 0
local clock = require("cpuclock")
local times = {}

function love.load(args)
    n = tonumber(args[1]) or n
    use_batch = args[2] == "batch"
    local d = love.image.newImageData(4, 4)
    d:mapPixel(function(x, y) return x / 3, y / 3, 1, 1 end)
    img = love.graphics.newImage(d)
    math.randomseed(1)
    for i = 1, n do
        sprites[i] = { math.random() * 790, math.random() * 590, math.random() * 6.28 }
    end
    if use_batch then sb = love.graphics.newSpriteBatch(img, n) end
end

local t = 0
function love.update(dt) t = t + dt end

function love.draw()
    local t0 = clock.now()
    local s = math.sin(t) * 5
    local draw = love.graphics.draw
    if use_batch then
        sb:clear()
        for i = 1, n do
            local p = sprites[i]
            sb:add(p[1] + s, p[2], p[3])
        end
        draw(sb)
    else
        for i = 1, n do
            local p = sprites[i]
            draw(img, p[1] + s, p[2], p[3])
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
            "bench-sprites n=%d %s: love.draw %.2f ms/frame (mean of 100; median %.2f, min %.2f; %s)",
            n, use_batch and "batch" or "draw", spent / 100 * 1000, times[50] * 1000, times[1] * 1000,
            clock.kind))
        love.event.quit()
    end
end
