-- Every shape in fill and line mode, LÖVE's default segment counts.
local g = love.graphics
function love.draw()
    g.setColor(1, 0.3, 0.3)
    g.circle("fill", 20, 20, 14)
    g.circle("line", 55, 20, 14)
    g.setColor(0.3, 1, 0.3)
    g.ellipse("fill", 95, 20, 18, 10)
    g.ellipse("line", 135, 20, 18, 10)
    g.setColor(0.4, 0.6, 1)
    g.arc("fill", 20, 60, 15, 0, 4)
    g.arc("line", "open", 55, 60, 15, 0, 4)
    g.arc("line", "closed", 95, 60, 15, 0, 4)
    g.arc("line", "pie", 135, 60, 15, 0, 4)
    g.setColor(1, 1, 0.3)
    -- A concave "L": filled by ear clipping, not a fan.
    g.polygon("fill", 5, 85, 35, 85, 35, 95, 15, 95, 15, 115, 5, 115)
    g.polygon("line", 45, 85, 75, 85, 75, 95, 55, 95, 55, 115, 45, 115)
    g.setColor(1, 1, 1)
    g.setPointSize(3)
    g.points(90, 90, 100, 90, 110, 90)
    g.points({ { 90, 105, 1, 0, 0, 1 }, { 100, 105, 0, 1, 0, 1 }, { 110, 105, 0, 0, 1, 1 } })
    g.line(120, 85, 155, 115)
end
