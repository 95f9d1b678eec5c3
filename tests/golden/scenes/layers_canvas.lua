-- Drawing into chosen layers of an array canvas and a face of a cube canvas
-- (setCanvas(canvas, slice) and the table form), then drawLayer of each layer.
local g = love.graphics
local canvas, cubecanvas, img
function love.load()
    canvas = g.newCanvas(16, 16, 3, { type = "array" })
    canvas:setFilter("nearest", "nearest")
    cubecanvas = g.newCanvas(8, 8, { type = "cube" })
    local d = love.image.newImageData(2, 2)
    d:mapPixel(function(x, y) return 1, 1, 1, 1 end)
    img = g.newImage(d)
end
function love.draw()
    g.setCanvas(canvas, 1)
    g.clear(1, 0, 0, 1)
    g.setCanvas({ { canvas, layer = 2 } })
    g.clear(0, 1, 0, 1)
    g.setColor(0, 0, 0, 1)
    g.rectangle("fill", 4, 4, 8, 4)
    g.setColor(1, 1, 1, 1)
    g.setCanvas(canvas, 3)
    g.clear(0, 0, 1, 1)
    g.circle("fill", 8, 8, 5)
    g.setCanvas({ { cubecanvas, face = 4 } })
    g.clear(1, 1, 0, 1)
    g.setCanvas()
    g.clear(0.2, 0.2, 0.2, 1)
    for i = 1, 3 do
        g.drawLayer(canvas, i, 5 + (i - 1) * 50, 10, 0, 3, 3)
    end
end
