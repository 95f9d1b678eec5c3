-- Frame benchmark scene: N entities (default 100,000) updated in Lua every frame
-- (movement, bouncing off the walls, a little trigonometry), 1,000 of them drawn, so
-- the frame time measures Lua, not the rasterizer. Prints the mean update time (CPU) every 100 frames.
-- engine run --headless --stats --frames 300 games/bench-luaheavy [N] [off]
local n = 100000
local xs, ys, vxs, vys, phase = {}, {}, {}, {}, {}
local W, H = 800, 600
local updateTime, frames = 0, 0

function love.load(args)
    n = tonumber(args[1]) or n
    math.randomseed(1)
    for i = 1, n do
        xs[i], ys[i] = math.random() * W, math.random() * H
        vxs[i], vys[i] = math.random() * 200 - 100, math.random() * 200 - 100
        phase[i] = math.random() * 6.28
    end
    print(("bench-luaheavy: %d entities, execution limit %s"):format(n, args[2] == "off" and "off" or "on"))
end

function love.update(dt)
    local t0 = os.clock() -- CPU time: real even under --fixed-dt
    local sin = math.sin
    for i = 1, n do
        local x, y = xs[i] + vxs[i] * dt, ys[i] + vys[i] * dt
        if x < 0 or x > W then vxs[i] = -vxs[i] end
        if y < 0 or y > H then vys[i] = -vys[i] end
        local p = phase[i] + dt
        phase[i] = p
        xs[i], ys[i] = x + sin(p) * 0.1, y
    end
    updateTime = updateTime + (os.clock() - t0)
    frames = frames + 1
    -- --frames ends the run without a quit event: report every 100 frames.
    if frames % 100 == 0 then report() end
end

function love.draw()
    love.graphics.setColor(1, 1, 1)
    local step = math.max(1, math.floor(n / 1000))
    for i = 1, n, step do
        love.graphics.rectangle("fill", xs[i], ys[i], 4, 4)
    end
end

function report()
    print(("bench-luaheavy: mean love.update %.3f ms over %d frames"):format(updateTime / frames * 1000, frames))
end
