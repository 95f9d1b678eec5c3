-- ParticleSystem: a fountain with linear acceleration, sizes and colours over life, spin
-- with variation, relative rotation, size variation and a uniform emission area, built
-- with a fixed dt in love.load. LÖVE's particle generator has a fixed seed, so LÖVE
-- 11.4 renders the same particles (tests/golden/love/compare.sh particles_fire).
local g = love.graphics
local ps
function love.load()
    local d = love.image.newImageData(4, 4)
    d:mapPixel(function(x, y) return 1, 1, 1, (x == 0 or y == 0 or x == 3 or y == 3) and 0.5 or 1 end)
    local img = g.newImage(d)
    img:setFilter("nearest", "nearest")
    ps = g.newParticleSystem(img, 400)
    ps:setPosition(80, 110)
    ps:setEmissionRate(120)
    ps:setParticleLifetime(0.6, 1.4)
    ps:setDirection(-math.pi / 2)
    ps:setSpread(0.8)
    ps:setSpeed(60, 110)
    ps:setLinearAcceleration(-10, 60, 10, 90)
    ps:setEmissionArea("uniform", 12, 2)
    ps:setSizes(0.5, 1.5, 2.5, 1)
    ps:setSizeVariation(0.5)
    ps:setSpin(-3, 3)
    ps:setSpinVariation(1)
    ps:setRelativeRotation(true)
    ps:setColors(1, 1, 0.4, 1, 1, 0.5, 0, 0.9, 0.8, 0.1, 0.1, 0.6, 0.2, 0.2, 0.2, 0)
    for _ = 1, 60 do ps:update(1 / 60) end
end
function love.draw()
    g.clear(0.05, 0.05, 0.1)
    g.draw(ps)
    -- The same system again through a transform and the current colour.
    g.setColor(0.5, 0.8, 1, 1)
    g.draw(ps, 40, 30, 0, 0.4, 0.4, 80, 110)
    g.setColor(1, 1, 1, 1)
end
