function love.conf(t) t.window.width = 160 t.window.height = 120 end
