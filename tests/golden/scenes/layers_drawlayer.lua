-- drawLayer of a 3-layer array image (one colour pattern per layer), with quads,
-- rotation, scale, a Transform object, draw(array, quad) of the quad's layer, and
-- linear filtering; consecutive drawLayer calls of one texture are one draw call.
local g = love.graphics
local arr, smooth, quad, quad3
local function layer(r, gr, b)
    local d = love.image.newImageData(4, 4)
    d:mapPixel(function(x, y)
        if (x + y) % 2 == 0 then return r, gr, b, 1 end
        return x / 3, y / 3, 1 - r, 1
    end)
    return d
end
function love.load()
    local layers = { layer(1, 0, 0), layer(0, 1, 0), layer(0, 0, 1) }
    arr = g.newArrayImage(layers)
    arr:setFilter("nearest", "nearest")
    smooth = g.newArrayImage(layers)
    quad = g.newQuad(0, 0, 2, 2, 4, 4)
    quad3 = g.newQuad(2, 2, 2, 2, 4, 4)
    quad3:setLayer(3)
end
function love.draw()
    g.clear(0.2, 0.2, 0.25, 1)
    g.drawLayer(arr, 1, 5, 5, 0, 8, 8)
    g.drawLayer(arr, 2, 45, 5, 0, 8, 8)
    g.drawLayer(arr, 3, 85, 5, 0, 8, 8)
    g.drawLayer(arr, 2, quad, 125, 5, 0, 12, 12)
    g.setColor(1, 1, 1, 0.5)
    g.drawLayer(arr, 3, 30, 60, 0.4, 6, 6, 2, 2)
    g.setColor(1, 1, 1, 1)
    g.drawLayer(smooth, 1, love.math.newTransform(60, 50, 0, 10, 10))
    g.draw(arr, quad3, 110, 60, 0, 12, 12)
    g.draw(arr, 110, 95, 0, 4, 4)
end
