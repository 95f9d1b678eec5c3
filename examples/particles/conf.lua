function love.conf(t)
    t.window.title = "particles"
    t.window.width = 640
    t.window.height = 480
end
