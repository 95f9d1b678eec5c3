-- engine.task and engine.overExecUsage. The tests drive the scheduler themselves with
-- engine.task.step(0.25), so every expectation names the exact step on which a wait ends.
-- Rule under test: a wait started outside a step counts from the next step; one started
-- inside a step counts from that step.
local T = require("testlib")
local task = engine.task

-- Runs `n` steps of 0.25 s, logging "s1", "s2", ... before each.
local function steps(log, n, from)
    for i = from or 1, (from or 1) + n - 1 do
        log[#log + 1] = "s" .. i
        task.step(0.25)
    end
end

local function joined(log) return table.concat(log, " ") end

-- Runs fn as a task (so that it may wait) and fails the test if the task failed.
local function inTask(fn)
    local t = task.spawn(fn)
    local _, e = t:result()
    if t:status() ~= "done" then error(tostring(e), 2) end
end

T.test("engine_task_spawn", function()
    local log = {}
    local t = task.spawn(function(a, b)
        log[#log + 1] = "start " .. a .. b
        task.wait()
        log[#log + 1] = "end"
        return "r1", "r2"
    end, "x", "y")
    T.eq(getmetatable(t) ~= nil and t:type(), "Task", "type")
    T.eq(t:status(), "waiting", "status after spawn")
    steps(log, 2)
    T.eq(joined(log), "start xy s1 s2 end", "order")
    T.eq(t:status(), "done", "status")
    local a, b = t:result()
    T.eq(a .. b, "r1r2", "result")
    T.err("bad argument #1 to 'spawn' (function expected, got nil)", task.spawn)
    T.err("bad argument #1 to 'spawn' (function expected, got number)", task.spawn, 3)
end)

T.test("engine_task_defer", function()
    local log = {}
    local t = task.defer(function(v) log[#log + 1] = "deferred " .. v end, 7)
    T.eq(t:status(), "waiting", "not started")
    T.eq(#log, 0, "not run at once")
    -- Inside a step: runs at the end of that same step, after the tasks that were due.
    task.spawn(function()
        task.wait()
        log[#log + 1] = "a"
        task.defer(function() log[#log + 1] = "inner" end)
        log[#log + 1] = "a2"
    end)
    task.spawn(function() task.wait() log[#log + 1] = "b" end)
    steps(log, 2)
    T.eq(joined(log), "s1 deferred 7 s2 a a2 b inner", "order")
    T.err("bad argument #1 to 'defer' (function expected, got string)", task.defer, "f")
end)

T.test("engine_task_delay", function()
    local log = {}
    local t = task.delay(0.5, function(v) log[#log + 1] = "go " .. v end, "!")
    T.eq(t:status(), "waiting", "status")
    steps(log, 4)
    -- Counted from step 1: 0.25 at s1, 0.5 at s2... the wait ends when 0.5 s have passed
    -- since s1, i.e. on s3.
    T.eq(joined(log), "s1 s2 s3 go ! s4", "order")
    T.err("bad argument #1 to 'delay' (number expected, got nil)", task.delay, nil, print)
    T.err("bad argument #2 to 'delay' (function expected, got nil)", task.delay, 1)
    T.err("bad argument #1 to 'delay' (non-negative number expected, got -1)", task.delay, -1, print)
end)

T.test("engine_task_wait", function()
    local log = {}
    task.spawn(function()
        local w = task.wait(0.5)
        log[#log + 1] = "a " .. w
        w = task.wait(0.3) -- rounded up to whole frames: 0.5
        log[#log + 1] = "b " .. w
        w = task.wait()
        log[#log + 1] = "c " .. w
        w = task.wait(0)
        log[#log + 1] = "d " .. w
    end)
    steps(log, 8)
    T.eq(joined(log), "s1 s2 s3 a 0.5 s4 s5 b 0.5 s6 c 0.25 s7 d 0.25 s8", "frames")
    T.err("engine.task.wait must be called from inside a task", task.wait)
    T.err("engine.task.wait must be called from inside a task", task.wait, 1)
    inTask(function()
        T.err("bad argument #1 to 'wait' (number expected, got string)", task.wait, "1")
        T.err("bad argument #1 to 'wait' (non-negative number expected, got -2)", task.wait, -2)
    end)
end)

T.test("engine_task_waitFrames", function()
    local log = {}
    task.spawn(function()
        local w = task.waitFrames(3)
        log[#log + 1] = "a " .. w
        log[#log + 1] = "zero " .. task.waitFrames(0)
        task.waitFrames(1)
        log[#log + 1] = "b"
    end)
    steps(log, 6)
    T.eq(joined(log), "s1 s2 s3 s4 a 0.75 zero 0 s5 b s6", "frames")
    T.err("engine.task.waitFrames must be called from inside a task", task.waitFrames, 2)
end)

T.test("engine_task_waitUntil", function()
    local log, flag, checks = {}, false, 0
    task.spawn(function()
        local v = task.waitUntil(function() checks = checks + 1 return flag and "yes" end)
        log[#log + 1] = "until " .. v
        log[#log + 1] = "now " .. task.waitUntil(function() return 42 end)
    end)
    steps(log, 2)
    flag = true
    steps(log, 2, 3)
    T.eq(joined(log), "s1 s2 s3 until yes now 42 s4", "order")
    -- At the call, then once per step from s2 (the wait began before s1).
    T.eq(checks, 3, "checked at the call and once per step")
    inTask(function()
        T.err("bad argument #1 to 'waitUntil' (function expected, got nil)", task.waitUntil)
    end)
end)

T.test("engine_task_waitFor", function()
    local log = {}
    local worker = task.spawn(function() task.wait(0.5) return "loot", 3 end)
    local failing = task.spawn(function() task.wait() error("nope", 0) end)
    local victim = task.spawn(function() task.wait(10) end)
    task.spawn(function()
        local a, b = task.waitFor(worker)
        log[#log + 1] = "worker " .. a .. b
        local x, e = task.waitFor(failing)
        log[#log + 1] = "failing " .. tostring(x) .. " " .. e
        local y, e2 = task.waitFor(victim)
        log[#log + 1] = "victim " .. tostring(y) .. " " .. e2
    end)
    steps(log, 3)
    victim:cancel()
    steps(log, 1, 4)
    -- worker ends on s3; its waiter wakes at the end of that step; failing is already
    -- over (returns at once); victim is cancelled between steps: the waiter wakes on s4.
    T.eq(joined(log), "s1 s2 s3 worker loot3 failing nil nope s4 victim nil cancelled", "order")
    inTask(function()
        T.err("bad argument #1 to 'waitFor' (Task expected, got nil)", task.waitFor)
        T.err("a task cannot wait for itself", task.waitFor, task.current())
    end)
end)

T.test("engine_task_cancel", function()
    local log = {}
    -- From outside, while waiting: it never runs again.
    local t = task.spawn(function() task.wait() log[#log + 1] = "never" end)
    T.eq(task.cancel(t), true, "cancelled")
    T.eq(t:status(), "cancelled", "status")
    T.eq(task.cancel(t), false, "second cancel")
    -- From inside: stops on the spot.
    local s = task.spawn(function()
        log[#log + 1] = "before"
        task.current():cancel()
        log[#log + 1] = "after"
    end)
    T.eq(s:status(), "cancelled", "self-cancelled")
    -- A deferred task cancelled before it starts.
    local d = task.defer(function() log[#log + 1] = "deferred" end)
    d:cancel()
    -- A child cancelling the task that started it: the parent stops when control returns.
    local parent = task.spawn(function()
        local me = task.current()
        task.spawn(function() me:cancel() log[#log + 1] = "child goes on" end)
        log[#log + 1] = "parent after spawn"
    end)
    T.eq(parent:status(), "cancelled", "parent")
    -- From a coroutine of the task's own: the task stops at its next wait.
    local inner = task.spawn(function()
        local co = coroutine.create(function() task.current():cancel() end)
        coroutine.resume(co)
        log[#log + 1] = "after inner coroutine"
        task.wait()
        log[#log + 1] = "never either"
    end)
    T.eq(inner:status(), "cancelled", "cancelled from its own coroutine")
    steps(log, 2)
    T.eq(joined(log), "before child goes on after inner coroutine s1 s2", "order")
    local r, why = t:result()
    T.eq(tostring(r) .. " " .. why, "nil cancelled", "result")
    T.err("bad argument #1 to 'cancel' (Task expected, got table)", task.cancel, {})
end)

T.test("engine_task_status", function()
    local seen
    local t = task.spawn(function()
        seen = task.current():status()
        task.wait()
    end)
    T.eq(seen, "running", "inside")
    T.eq(t:status(), "waiting", "waiting")
    task.step(0.25)
    T.eq(t:status(), "waiting", "the wait counts from the first step")
    task.step(0.25)
    T.eq(t:status(), "done", "done")
    local f = task.spawn(function() error("bad") end)
    T.eq(f:status(), "failed", "failed")
end)

T.test("engine_task_result", function()
    local t = task.spawn(function() task.wait() return 1, nil, 3 end)
    local r, why = t:result()
    T.eq(tostring(r) .. " " .. why, "nil not finished", "unfinished")
    task.step(0.25)
    task.step(0.25)
    T.eq(select("#", t:result()), 3, "all values, nil included")
    local f = task.spawn(function() error("oops") end)
    local x, e = f:result()
    T.eq(x, nil, "failed value")
    T.eq(e, "tasks.lua:" .. debug.getinfo(1, "l").currentline - 3 .. ": oops", "message")
    T.eq(select("#", task.spawn(function() end):result()), 0, "no values")
end)

T.test("engine_task_current", function()
    T.eq(task.current(), nil, "outside")
    local inner, t
    t = task.spawn(function() inner = task.current() end)
    T.eq(inner, t, "inside")
end)

T.test("engine_task_group", function()
    local log = {}
    local g = task.group()
    T.eq(g:type(), "TaskGroup", "type")
    g:spawn(function()
        for i = 1, 10 do
            task.wait(0.25)
            log[#log + 1] = "a" .. i
        end
    end)
    g:delay(0.5, function() log[#log + 1] = "delayed" end)
    -- Tasks a group's task spawns join its group.
    local child
    g:spawn(function() child = task.spawn(function() task.waitFrames(100) end) end)
    T.eq(g:count(), 3, "count")
    steps(log, 2)
    g:pause()
    T.eq(g:isPaused(), true, "paused")
    steps(log, 2, 3) -- game time stops inside the group
    g:resume()
    steps(log, 2, 5)
    T.eq(g:cancel(), 2, "cancelled tasks")
    T.eq(child:status(), "cancelled", "child cancelled with the group")
    steps(log, 1, 7)
    T.eq(joined(log), "s1 s2 a1 s3 s4 s5 delayed a2 s6 a3 s7", "order")
    T.eq(g:count(), 0, "empty")
    -- A paused group's tasks woken by waitFor wait for resume.
    local h = task.group()
    local other = task.spawn(function() task.wait() end)
    local w = h:spawn(function() task.waitFor(other) log[#log + 1] = "woken" end)
    h:pause()
    task.step(0.25)
    task.step(0.25)
    T.eq(other:status(), "done", "other done")
    T.eq(w:status(), "waiting", "held while paused")
    h:resume()
    task.step(0.25)
    T.eq(w:status(), "done", "runs after resume")
    T.err("bad argument #1 to 'spawn' (TaskGroup expected, got nil)", g.spawn)
end)

T.test("engine_task_order", function()
    -- Tasks due on the same step run in the order they began waiting.
    local log = {}
    task.spawn(function() task.wait(0.5) log[#log + 1] = "A" end) -- waits first
    task.spawn(function() task.wait() log[#log + 1] = "B" task.wait(0.25) log[#log + 1] = "B2" end)
    task.spawn(function() task.waitFrames(2) log[#log + 1] = "C" end)
    steps(log, 3)
    T.eq(joined(log), "s1 s2 B s3 A C B2", "order")
end)

T.test("engine_task_errors", function()
    local log = {}
    task.spawn(function() task.wait() error("first fails") end)
    task.spawn(function() task.wait() task.wait() log[#log + 1] = "second goes on" end)
    steps(log, 3)
    T.eq(joined(log), "s1 s2 s3 second goes on", "others continue")
end)

T.test("engine_task_step", function()
    T.err("bad argument #1 to 'step' (number expected, got string)", task.step, "x")
    local e
    task.spawn(function() local _ _, e = pcall(task.step, 1) end)
    T.eq(e, "engine.task.step cannot be called from inside a task", "inside a task")
    local t = task.spawn(function() coroutine.yield() return "plain yield waits a frame" end)
    task.step(0.25)
    task.step(0.25)
    T.eq(t:result(), "plain yield waits a frame", "coroutine.yield")
end)

T.test("engine_overExecUsage", function()
    T.eq(engine.overExecUsage(), false, "fresh call")
    T.eq(engine.overExecUsage(0), true, "any use is past 0")
    T.err("bad argument #1 to 'overExecUsage' (number expected, got string)", engine.overExecUsage, "x")
    -- Inside a task: the budget (0.1 s by default) per resume.
    local loops, resumes = 0, 0
    local t = task.spawn(function()
        for _ = 1, 2 do
            resumes = resumes + 1
            while not engine.overExecUsage(0.5) do loops = loops + 1 end
            task.wait()
        end
    end)
    T.eq(resumes, 1, "first resume")
    T.eq(loops > 0, true, "looped until half the budget was used")
    for _ = 1, 3 do task.step(0.25) end
    T.eq(resumes, 2, "second resume")
    T.eq(t:status(), "done", "second resume: a fresh budget")
end)

T.run()
