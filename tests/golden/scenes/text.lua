function love.load() love.graphics.setBackgroundColor(0.15, 0.15, 0.2) end
function love.draw()
    love.graphics.print("Hello, engine!", 5, 5)
    love.graphics.printf("centered text that wraps", 0, 25, 160, "center")
    love.graphics.printf("right", 0, 60, 155, "right")
    love.graphics.print({ { 1, 0.3, 0.3 }, "red ", { 0.3, 1, 0.3 }, "green" }, 5, 80, 0, 1.5)
end
