function love.conf(t)
    t.window.title = "bench: cost per call"
    t.window.width = 800
    t.window.height = 600
    t.window.vsync = 0
end
