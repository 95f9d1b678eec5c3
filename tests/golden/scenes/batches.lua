-- SpriteBatch (quads, colours, a draw range) and Mesh in each draw mode.
local g = love.graphics
local sb, meshes
function love.load()
    local d = love.image.newImageData(2, 2)
    d:setPixel(0, 0, 1, 1, 1, 1); d:setPixel(1, 0, 1, 0, 0, 1)
    d:setPixel(0, 1, 0, 1, 0, 1); d:setPixel(1, 1, 0, 0, 1, 1)
    local img = g.newImage(d)
    img:setFilter("nearest", "nearest")
    sb = g.newSpriteBatch(img, 4)
    local q = g.newQuad(1, 0, 1, 1, 2, 2)
    for i = 0, 9 do
        sb:setColor(1, 1, 1, 1 - i * 0.08)
        sb:add(5 + i * 15, 5, 0, 6, 6)
        sb:add(q, 5 + i * 15, 20, i * 0.1, 6, 6)
    end
    local v = {
        { 0, 0, 0, 0, 1, 0, 0, 1 }, { 30, 0, 1, 0, 0, 1, 0, 1 },
        { 30, 30, 1, 1, 0, 0, 1, 1 }, { 0, 30, 0, 1, 1, 1, 0, 1 },
    }
    meshes = {
        g.newMesh(v, "fan"),
        g.newMesh({ v[1], v[2], v[4], v[3] }, "strip"),
        g.newMesh({ v[1], v[2], v[3] }, "triangles"),
        g.newMesh(v, "points"),
    }
    meshes[2]:setTexture(img)
end
function love.draw()
    g.draw(sb)
    for i, m in ipairs(meshes) do
        g.setPointSize(4)
        g.draw(m, 5 + (i - 1) * 38, 45)
    end
    sb:setDrawRange(1, 4)
    g.draw(sb, 0, 80)
    sb:setDrawRange()
end
