-- A SpriteBatch of a 3-layer array image: addLayer with and without quads, setLayer
-- changing a sprite's layer and place, add (layer 1), and a batch colour.
local g = love.graphics
local sb
local function layer(r, gr, b)
    local d = love.image.newImageData(4, 4)
    d:mapPixel(function(x, y)
        if (x + y) % 2 == 0 then return r, gr, b, 1 end
        return 1, 1, 1, 1
    end)
    return d
end
function love.load()
    local arr = g.newArrayImage({ layer(1, 0, 0), layer(0, 1, 0), layer(0, 0, 1) })
    arr:setFilter("nearest", "nearest")
    sb = g.newSpriteBatch(arr, 16)
    for i = 1, 3 do
        sb:addLayer(i, 10 + (i - 1) * 45, 10, 0, 8, 8)
    end
    local q = g.newQuad(0, 0, 2, 4, 4, 4)
    sb:addLayer(2, q, 10, 60, 0, 10, 10)
    local id = sb:addLayer(1, 60, 60, 0, 6, 6)
    sb:setLayer(id, 3, 60, 60, 0.3, 6, 6)
    sb:add(110, 60, 0, 8, 8)
    sb:setColor(1, 1, 1, 0.75)
    sb:addLayer(2, 130, 95, 0, 5, 5)
end
function love.draw()
    g.clear(0.15, 0.15, 0.15, 1)
    g.draw(sb)
end
