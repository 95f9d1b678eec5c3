-- Shapes: every primitive in fill and line mode, line joins and styles, blend modes
-- and a stencil mask. Runs in a window or headless (engine run --headless --frames 10).
local g = love.graphics
local t = 0

function love.update(dt) t = t + dt end

function love.draw()
    g.setBackgroundColor(0.1, 0.1, 0.15)
    g.setColor(1, 0.4, 0.4)
    g.circle("fill", 60, 60, 40)
    g.circle("line", 160, 60, 40)
    g.setColor(0.4, 1, 0.4)
    g.ellipse("fill", 270, 60, 50, 25)
    g.arc("line", "open", 380, 60, 40, t, t + 4)
    g.setColor(0.4, 0.6, 1)
    g.polygon("fill", 20, 130, 100, 130, 100, 150, 50, 150, 50, 200, 20, 200)
    g.setLineWidth(8)
    for i, join in ipairs({ "miter", "bevel", "none" }) do
        g.setLineJoin(join)
        g.line(120 + i * 90, 200, 150 + i * 90, 130, 180 + i * 90, 200)
    end
    g.setLineWidth(1)
    g.setLineJoin("miter")
    -- A stencil: only the inside of the circle shows the stripes.
    g.stencil(function() g.circle("fill", 500, 160, 50) end)
    g.setStencilTest("greater", 0)
    g.setColor(1, 0.8, 0.2)
    for y = 100, 220, 12 do g.rectangle("fill", 440, y, 120, 6) end
    g.setStencilTest()
    g.setBlendMode("add")
    g.setColor(0.5, 0.2, 0.2)
    g.circle("fill", 620, 60 + math.sin(t) * 20, 40)
    g.circle("fill", 650, 60, 40)
    g.setBlendMode("alpha")
    g.setColor(1, 1, 1)
    g.print("draw calls: " .. g.getStats().drawcalls, 10, 250)
end
