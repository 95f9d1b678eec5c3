function love.load() love.graphics.setBackgroundColor(1, 1, 1) end
function love.draw()
    love.graphics.setColor(1, 0, 0, 0.5)
    love.graphics.rectangle("fill", 10, 10, 90, 60)
    love.graphics.setColor(0, 0, 1, 0.5)
    love.graphics.rectangle("fill", 50, 40, 90, 60)
    love.graphics.setColor(0, 0, 0, 0.25)
    love.graphics.rectangle("fill", 0, 90, 160, 30)
end
