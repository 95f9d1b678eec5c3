-- printf in each alignment (justify included), rotated and sheared text, tabs.
function love.load() love.graphics.setBackgroundColor(0.12, 0.12, 0.12) end
function love.draw()
    local t = "wrap this text to the limit"
    love.graphics.printf(t, 2, 2, 70, "left")
    love.graphics.printf(t, 86, 2, 70, "right")
    love.graphics.printf(t, 2, 48, 70, "center")
    love.graphics.printf(t, 86, 48, 70, "justify")
    love.graphics.setColor(1, 0.8, 0.3)
    love.graphics.print("rotated", 20, 95, -0.4)
    love.graphics.print("a\tb", 100, 100, 0, 1, 1, 0, 0, 0.4, 0)
end
