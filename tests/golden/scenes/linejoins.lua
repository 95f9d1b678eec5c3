-- Line joins (miter, bevel, none) and styles (smooth, rough) on a zigzag.
local g = love.graphics
local function zig(y)
    g.line(10, y + 20, 40, y, 70, y + 20, 100, y, 130, y + 20, 150, y + 5)
end
function love.draw()
    g.setLineWidth(6)
    g.setColor(1, 0.6, 0.2)
    g.setLineJoin("miter"); zig(5)
    g.setLineJoin("bevel"); zig(35)
    g.setLineJoin("none"); zig(65)
    g.setLineJoin("miter")
    g.setLineStyle("rough")
    g.setLineWidth(1)
    g.setColor(1, 1, 1)
    g.line(10, 100, 150, 115)
    g.setLineStyle("smooth")
    g.line(10, 110, 150, 118)
end
