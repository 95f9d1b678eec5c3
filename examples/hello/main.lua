-- The smallest game: text and a rectangle that follows the time.
function love.draw()
    love.graphics.print("Hello from engine! Running LÖVE " .. table.concat({love.getVersion()}, ".", 1, 3), 20, 20)
    local x = 20 + (math.sin(love.timer.getTime()) + 1) * 200
    love.graphics.setColor(0.3, 0.7, 1)
    love.graphics.rectangle("fill", x, 60, 40, 40)
    love.graphics.setColor(1, 1, 1)
end
