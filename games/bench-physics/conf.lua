function love.conf(t)
    t.window.width = 800
    t.window.height = 600
    t.window.title = "bench-physics"
end
