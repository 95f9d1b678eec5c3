-- ParticleSystem emission areas: each distribution (angle, directionRelativeToCenter),
-- insert modes, damping, radial and tangential acceleration, and quads animated over
-- life with a custom offset. LÖVE's particle generator has a fixed seed, so LÖVE 11.4
-- renders the same particles (tests/golden/love/compare.sh particles_areas).
local g = love.graphics
local systems = {}
function love.load()
    local d = love.image.newImageData(8, 2)
    local cols = { { 1, 0.2, 0.2 }, { 0.2, 1, 0.2 }, { 0.3, 0.4, 1 }, { 1, 1, 0.2 } }
    d:mapPixel(function(x, y)
        local c = cols[math.floor(x / 2) + 1]
        return c[1], c[2], c[3], 1
    end)
    local img = g.newImage(d)
    img:setFilter("nearest", "nearest")
    local quads = {}
    for i = 0, 3 do quads[#quads + 1] = g.newQuad(i * 2, 0, 2, 2, 8, 2) end
    local areas = {
        { "uniform", 14, 6, 0.3, false },
        { "normal", 6, 3, 0, true },
        { "ellipse", 14, 8, 0.5, false },
        { "borderellipse", 14, 8, 0, true },
        { "borderrectangle", 12, 8, 0.4, true },
        { "none", 0, 0, 0, false },
    }
    for i, a in ipairs(areas) do
        local ps = g.newParticleSystem(img, 200)
        ps:setPosition(27 + ((i - 1) % 3) * 53, 30 + math.floor((i - 1) / 3) * 60)
        ps:setEmissionArea(a[1], a[2], a[3], a[4], a[5])
        ps:setParticleLifetime(1, 2)
        ps:setSpeed(2, 8)
        ps:setSizes(1.5)
        ps:setQuads(quads)
        ps:setInsertMode(({ "top", "bottom", "random" })[(i - 1) % 3 + 1])
        if i == 6 then
            ps:setSpeed(20, 30)
            ps:setSpread(math.pi * 2)
            ps:setRadialAcceleration(-40, -20)
            ps:setTangentialAcceleration(30, 50)
            ps:setLinearDamping(0.5, 1.5)
            ps:setOffset(0, 0)
            ps:setEmissionRate(80)
        end
        ps:emit(120)
        systems[i] = ps
    end
    for _ = 1, 20 do
        for _, ps in ipairs(systems) do ps:update(1 / 30) end
    end
end
function love.draw()
    for _, ps in ipairs(systems) do g.draw(ps) end
end
