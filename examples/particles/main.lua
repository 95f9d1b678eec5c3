-- Particles: a fire that follows the mouse (moveTo spreads each frame's particles along
-- the path), smoke behind it (insert mode "bottom"), and a burst of animated sparks
-- (quads over life, tangential acceleration) on every click or key press.
local g = love.graphics
local fire, smoke, sparks
local t = 0

local function blob(r, gg, b)
    local d = love.image.newImageData(16, 16)
    d:mapPixel(function(x, y)
        local dx, dy = x - 7.5, y - 7.5
        return r, gg, b, math.max(0, 1 - (dx * dx + dy * dy) / 64)
    end)
    return g.newImage(d)
end

function love.load()
    fire = g.newParticleSystem(blob(1, 1, 1), 600)
    fire:setEmissionRate(250)
    fire:setParticleLifetime(0.4, 0.9)
    fire:setDirection(-math.pi / 2)
    fire:setSpread(0.6)
    fire:setSpeed(40, 120)
    fire:setLinearAcceleration(0, -60)
    fire:setEmissionArea("ellipse", 10, 4)
    fire:setSizes(1.2, 0.8, 0.3)
    fire:setColors(1, 1, 0.6, 1, 1, 0.5, 0.1, 0.8, 0.6, 0.1, 0.05, 0)

    smoke = fire:clone()
    smoke:setInsertMode("bottom")
    smoke:setEmissionRate(40)
    smoke:setParticleLifetime(1.5, 2.5)
    smoke:setSpeed(20, 50)
    smoke:setSizes(1, 3)
    smoke:setSpin(-1, 1)
    smoke:setColors(0.3, 0.3, 0.3, 0.5, 0.2, 0.2, 0.2, 0)

    -- Sparks: a 4-frame strip animated over each spark's life.
    local d = love.image.newImageData(16, 4)
    d:mapPixel(function(x) local k = 1 - math.floor(x / 4) / 4 return 1, k, k * 0.5, 1 end)
    local strip = g.newImage(d)
    strip:setFilter("nearest", "nearest")
    sparks = g.newParticleSystem(strip, 400)
    local q = {}
    for i = 0, 3 do q[#q + 1] = g.newQuad(i * 4, 0, 4, 4, strip) end
    sparks:setQuads(q)
    sparks:setParticleLifetime(0.5, 1.2)
    sparks:setSpread(math.pi * 2)
    sparks:setSpeed(80, 220)
    sparks:setLinearDamping(1, 3)
    sparks:setTangentialAcceleration(-200, 200)
    sparks:setLinearAcceleration(0, 200)
    sparks:setRelativeRotation(true)
end

local function where()
    local x, y = love.mouse.getPosition()
    if x == 0 and y == 0 then -- headless or no mouse yet: circle the centre
        return 320 + math.cos(t * 2) * 150, 300 + math.sin(t * 3) * 60
    end
    return x, y
end

local function burst()
    sparks:setPosition(where())
    sparks:emit(120)
end

function love.update(dt)
    t = t + dt
    local x, y = where()
    fire:moveTo(x, y)
    smoke:moveTo(x, y - 20)
    fire:update(dt)
    smoke:update(dt)
    sparks:update(dt)
    if math.floor(t) ~= math.floor(t - dt) then burst() end
end

function love.mousepressed() burst() end
function love.keypressed(k) if k == "escape" then love.event.quit() else burst() end end

function love.draw()
    g.clear(0.05, 0.04, 0.08)
    g.draw(smoke)
    g.setBlendMode("add")
    g.draw(fire)
    g.draw(sparks)
    g.setBlendMode("alpha")
    g.print(string.format("%d particles, %d draw calls", fire:getCount() + smoke:getCount()
        + sparks:getCount(), g.getStats().drawcalls), 10, 10)
end
