-- Canvas round trip: draw into a canvas (clear, shapes, stencil), then draw the canvas
-- scaled, rotated, and read back into an image.
local g = love.graphics
local canvas, copy
function love.load()
    canvas = g.newCanvas(40, 30)
    g.setCanvas({ canvas, stencil = true })
    g.clear(0.2, 0.2, 0.2, 1)
    g.setColor(1, 0.8, 0)
    g.circle("fill", 20, 15, 12)
    g.stencil(function() g.rectangle("fill", 0, 0, 20, 30) end)
    g.setStencilTest("greater", 0)
    g.setColor(0, 0.5, 1)
    g.circle("fill", 20, 15, 8)
    g.setStencilTest()
    g.setCanvas()
    g.setColor(1, 1, 1)
    copy = g.newImage(canvas:newImageData())
end
function love.draw()
    g.draw(canvas, 5, 5)
    g.draw(canvas, 50, 5, 0, 2, 2)
    g.draw(canvas, 40, 80, 0.4, 1, 1, 20, 15)
    g.draw(copy, 110, 75)
end
