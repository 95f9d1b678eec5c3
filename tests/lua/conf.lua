-- conf.lua for the API tests in this folder.
function love.conf(t)
    t.window.title = "API tests"
    t.window.width = 320
    t.window.height = 240
    t.window.resizable = true
    t.window.vsync = 0
    t.window.minwidth = 100
end
