-- Frame benchmark scene: one ParticleSystem holding N particles (default 10,000) that
-- emits N/2 a second with 2-second lifetimes, sizes, colours, spin, linear and radial
-- acceleration, moved every frame with moveTo. Runs the same in LÖVE (love DIR [N]).
-- After 120 frames it prints the mean time spent in love.update (ParticleSystem:update)
-- and in love.draw (one love.graphics.draw of the system) and quits.
--   engine run --headless --stats games/bench-particles [N]
local n = 10000
local ps
local frames, spent_update, spent_draw = 0, 0, 0
local t = 0

function love.load(args)
    n = tonumber(args[1]) or n
    local d = love.image.newImageData(8, 8)
    d:mapPixel(function(x, y)
        local dx, dy = x - 3.5, y - 3.5
        return 1, 1, 1, math.max(0, 1 - (dx * dx + dy * dy) / 16)
    end)
    ps = love.graphics.newParticleSystem(love.graphics.newImage(d), n)
    ps:setPosition(400, 300)
    ps:setEmissionRate(n / 2)
    ps:setParticleLifetime(2)
    ps:setSpeed(20, 120)
    ps:setSpread(math.pi * 2)
    ps:setLinearAcceleration(0, 20, 0, 40)
    ps:setRadialAcceleration(-10, 10)
    ps:setSizes(1, 2, 0.5)
    ps:setSizeVariation(0.5)
    ps:setSpin(-2, 2)
    ps:setColors(1, 0.9, 0.3, 1, 1, 0.3, 0.1, 0.8, 0.3, 0.3, 1, 0)
    ps:setEmissionArea("ellipse", 60, 40)
    -- Fill the buffer before measuring.
    for _ = 1, 150 do ps:update(1 / 60) end
end

function love.update(dt)
    local t0 = love.timer.getTime()
    t = t + dt
    ps:moveTo(400 + math.cos(t) * 200, 300 + math.sin(t * 1.3) * 150)
    ps:update(1 / 60)
    if frames >= 20 then spent_update = spent_update + (love.timer.getTime() - t0) end
end

function love.draw()
    local t0 = love.timer.getTime()
    love.graphics.draw(ps)
    frames = frames + 1
    if frames > 20 then spent_draw = spent_draw + (love.timer.getTime() - t0) end
    if frames == 120 then
        print(string.format("bench-particles n=%d (%d alive): love.update %.2f ms, love.draw %.2f ms "
            .. "per frame (mean of 100), %d draw call(s)", n, ps:getCount(), spent_update / 100 * 1000,
            spent_draw / 100 * 1000, love.graphics.getStats().drawcalls))
        love.event.quit()
    end
end
