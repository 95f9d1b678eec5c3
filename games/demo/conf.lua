function love.conf(t)
    t.identity = "engine-demo"
    t.window.title = "engine demo: bouncing boxes"
    t.window.width = 800
    t.window.height = 600
    t.window.resizable = true
end
