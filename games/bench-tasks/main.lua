-- Frame benchmark for engine.task: N tasks (default 10,000), and the time
-- engine.task.step takes per frame. Modes (second argument):
--   sleep  every task waits a long time (the common case: scripts waiting for something)
--   frame  every task resumes every frame (`while true do wait() end`)
--   mixed  each task waits a random 0.1..2 s, over and over
-- engine run --headless --stats --frames 300 games/bench-tasks [N] [sleep|frame|mixed]
local T = engine.task
local n, mode = 10000, "sleep"
local times = {}

function love.load(args)
    n = tonumber(args[1]) or n
    mode = args[2] or mode
    math.randomseed(1)
    for i = 1, n do
        if mode == "frame" then
            T.spawn(function() while true do T.wait() end end)
        elseif mode == "mixed" then
            T.spawn(function() while true do T.wait(0.1 + math.random() * 1.9) end end)
        else
            T.spawn(function() T.wait(1e9) end)
        end
    end
end

-- Prints the figures so far (every 100 frames: --frames ends the run without an event).
function report()
    local s = {}
    local sum = 0
    for i, t in ipairs(times) do s[i] = t sum = sum + t end
    table.sort(s)
    print(("bench-tasks: %d tasks (%s), %d frames: engine.task.step mean %.3f ms, median %.3f ms, max %.3f ms")
        :format(n, mode, #s, sum / #s * 1000, s[math.ceil(#s / 2)] * 1000, s[#s] * 1000))
end

-- LÖVE's loop, with engine.task.step timed.
function love.run()
    love.load(love.arg.parseGameArguments(arg), arg)
    love.timer.step()
    return function()
        love.event.pump()
        for name, a in love.event.poll() do
            if name == "quit" then return a or 0 end
        end
        local dt = love.timer.step()
        local t0 = os.clock() -- CPU time: real even under --fixed-dt
        T.step(dt)
        times[#times + 1] = os.clock() - t0
        if #times % 100 == 0 then report() end
        love.graphics.origin()
        love.graphics.clear(0, 0, 0)
        love.graphics.present()
    end
end
