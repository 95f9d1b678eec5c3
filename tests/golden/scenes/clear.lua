function love.draw()
    love.graphics.clear(0.2, 0.4, 0.6, 1)
end
