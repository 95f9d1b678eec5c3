-- "off" as the third argument turns the execution limit and task budget off.
function love.conf(t)
    t.window.title = "bench: engine.task"
    t.window.width = 320
    t.window.height = 240
    t.window.vsync = 0
    if arg[4] == "off" then
        t.engine.execution_limit = 0
        t.engine.task_budget = 0
    end
end
