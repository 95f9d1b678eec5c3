-- `engine run --headless --stats --frames 300 games/bench-luaheavy [N] [off]`:
-- "off" as the second argument turns the execution limit off (to measure its cost).
function love.conf(t)
    t.window.title = "bench: Lua-heavy update"
    t.window.width = 800
    t.window.height = 600
    t.window.vsync = 0
    if arg[3] == "off" then
        t.engine.execution_limit = 0
        t.engine.task_budget = 0
    end
end
