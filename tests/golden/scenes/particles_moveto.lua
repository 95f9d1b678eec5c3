-- ParticleSystem:moveTo spreads each update's particles along the emitter's path; an
-- emitter lifetime stops one system; pause and a later start resume another; a clone
-- shares the settings. LÖVE's particle generator has a fixed seed, so LÖVE 11.4 renders
-- the same particles (tests/golden/love/compare.sh particles_moveto).
local g = love.graphics
local a, b, c
function love.load()
    local d = love.image.newImageData(2, 2)
    d:mapPixel(function() return 1, 1, 1, 1 end)
    local img = g.newImage(d)
    img:setFilter("nearest", "nearest")
    a = g.newParticleSystem(img, 500)
    a:setEmissionRate(200)
    a:setParticleLifetime(0.8)
    a:setSpeed(0, 5)
    a:setSpread(math.pi * 2)
    a:setColors(1, 1, 1, 1, 0.2, 0.6, 1, 0.3)
    a:setPosition(10, 20)
    b = a:clone()
    b:setColors(1, 0.6, 0.2, 1)
    b:setEmitterLifetime(0.5)
    b:setPosition(10, 70)
    c = a:clone()
    c:setColors(0.4, 1, 0.4, 1)
    c:setPosition(10, 100)
    for i = 1, 30 do
        local t = i / 30
        a:moveTo(10 + 140 * t, 20 + math.sin(t * 6) * 12)
        b:moveTo(10 + 140 * t, 55 + math.cos(t * 6) * 10)
        c:moveTo(10 + 140 * t, 100)
        if i == 10 then c:pause() elseif i == 20 then c:start() end
        a:update(1 / 30); b:update(1 / 30); c:update(1 / 30)
    end
end
function love.draw()
    g.draw(a); g.draw(b); g.draw(c)
end
