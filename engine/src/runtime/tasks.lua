-- engine.task: coroutine tasks for per-entity scripts (docs/tasks.md explains the design).
-- Loaded once per VM by tasks.rs, before boot.lua wraps coroutine.resume and pcall, so it
-- holds the raw functions. Receives `env` from Rust: enter/leave (C functions that tell the
-- watchdog a task resume starts/ends, for t.engine.task_budget) and fixerror. Returns
-- { api = engine.task, internal = functions for boot.lua }.
--
-- Game time: every group (the root group holds tasks spawned outside any group) has a
-- clock and a frame counter that step(dt) advances unless the group is paused. A wait
-- started inside a step counts from that step; one started outside (love.update,
-- love.load, love.draw, callbacks) counts from the next step, since that step's dt
-- belongs to the frame the wait started in. Waiting tasks cost nothing per frame: time
-- waits sit in a binary heap per group, next-frame waits in a list, longer frame waits in
-- a second heap. Tasks woken in the same step run in the order they began waiting (seq).
local env = ...
local cEnter, cLeave, fixerror = env.enter, env.leave, env.fixerror
local function noEnter() return 0 end
local function noLeave() end
local enter, leave = cEnter, cLeave
local create, resume, yield = coroutine.create, coroutine.resume, coroutine.yield
local running, costatus = coroutine.running, coroutine.status
local traceback, select, type, unpack, tostring = debug.traceback, select, type, unpack, tostring
local setmetatable, getmetatable, error, pcall, sort = setmetatable, getmetatable, error, pcall, table.sort

local EPS = 1e-9
local CANCEL = {} -- yielded by a task that cancelled itself: never resumed again

local Task = {}
Task.__index = Task
local Group = {}
Group.__index = Group

local api = {} -- engine.task
local internal = { mode = "print" }

local current = nil -- the running task
local stepping = false -- inside step(): waits count from this step
local seq, ids = 0, 0
local groups, ngroups = {}, 0 -- groups with unfinished tasks
local pending, npending = {}, 0 -- waits started outside a step
local soon, soonHead, soonTail = {}, 1, 0 -- deferred starts, waitFor wake-ups, resumed groups
local due = {} -- reused by step

local SRC = debug.getinfo(1, "S").source
local getinfo = debug.getinfo

-- Raises `msg` located at the first caller outside this file, as LÖVE's C functions do:
-- "main.lua:12: bad argument ..." from Lua code, no position when called through pcall.
local function throw(msg)
    local level = 2
    while true do
        local info = getinfo(level, "S")
        if not info then level = 0 break end
        if info.source ~= SRC then break end
        level = level + 1
    end
    error(msg, level)
end

local function argerror(n, fname, expected, v)
    local got = v == nil and "nil" or type(v)
    if getmetatable(v) == Task then got = "Task" elseif getmetatable(v) == Group then got = "TaskGroup" end
    throw(("bad argument #%d to '%s' (%s expected, got %s)"):format(n, fname, expected, got))
end

local function checknumber(v, n, fname)
    if type(v) ~= "number" then argerror(n, fname, "number", v) end
    if v ~= v or v < 0 then
        throw(("bad argument #%d to '%s' (non-negative number expected, got %s)"):format(n, fname, tostring(v)))
    end
    return v
end

-- Binary heaps of tasks ordered by a key field, ties by seq.
local function before(a, b, key)
    local x, y = a[key], b[key]
    return x < y or (x == y and a.seq < b.seq)
end

local function push(h, t, key)
    local i = #h + 1
    h[i] = t
    while i > 1 do
        local p = (i - i % 2) / 2
        if not before(h[i], h[p], key) then break end
        h[i], h[p] = h[p], h[i]
        i = p
    end
end

local function pop(h, key)
    local n = #h
    local top = h[1]
    h[1] = h[n]
    h[n] = nil
    n = n - 1
    local i = 1
    while true do
        local l, r, m = 2 * i, 2 * i + 1, i
        if l <= n and before(h[l], h[m], key) then m = l end
        if r <= n and before(h[r], h[m], key) then m = r end
        if m == i then break end
        h[i], h[m] = h[m], h[i]
        i = m
    end
    return top
end

local function newGroup()
    return setmetatable({
        clock = 0, frame = 0, paused = false, active = false, n = 0,
        tasks = {}, heap = {}, fheap = {}, nextList = {}, parked = {},
    }, Group)
end
local root = newGroup()

local function addTask(g, t)
    g.tasks[t] = true
    g.n = g.n + 1
    if not g.active then
        g.active = true
        ngroups = ngroups + 1
        groups[ngroups] = g
    end
end

local function pushSoon(t)
    soonTail = soonTail + 1
    soon[soonTail] = t
end

-- Puts a waiting task where the step will find it; `kind` is "time" or "frames".
local function place(t, kind, amount)
    local g = t.group
    t.since = g.clock
    if kind == "time" then
        t.wake = g.clock + amount
        push(g.heap, t, "wake")
    elseif amount <= 1 then
        local l = g.nextList
        l[#l + 1] = t
    else
        t.wakeFrame = g.frame + amount
        push(g.fheap, t, "wakeFrame")
    end
end

local function register(t, kind, amount)
    seq = seq + 1
    t.seq = seq
    t.state = "waiting"
    if stepping then
        place(t, kind, amount)
    else
        t.pkind, t.pamount = kind, amount
        npending = npending + 1
        pending[npending] = t
    end
end

-- The task finished one way or another: leave its group, wake whoever waits for it.
local function release(t)
    local g = t.group
    if g.tasks[t] then
        g.tasks[t] = nil
        g.n = g.n - 1
    end
    t.fn, t.args = nil, nil
    local ws = t.waiters
    if ws then
        t.waiters = nil
        for i = 1, #ws do
            local w = ws[i]
            if w.state == "waiting" and w.waitingOn == t then
                w.waitingOn = nil
                pushSoon(w)
            end
        end
    end
end

local overlay = {} -- recent task errors for the on-screen overlay: { text, time }
local stashed = nil -- { msg, tb } of the last task error raised in "raise" mode

local function now()
    if love.timer and love.timer.getTime then return love.timer.getTime() end
    return os.clock()
end

local function fail(t, err)
    local msg = fixerror(err)
    if type(msg) ~= "string" then msg = tostring(msg) end
    local tb = traceback(t.co, msg)
    t.state, t.err, t.co = "failed", msg, nil
    release(t)
    if internal.mode == "raise" then
        stashed = stashed or { msg = msg, tb = tb }
        error(msg, 0)
    end
    io.stderr:write("Task error: ", tb, "\n")
    io.stderr:flush()
    overlay[#overlay + 1] = { text = msg:match("[^\n]*"), time = now() }
    if #overlay > 3 then table.remove(overlay, 1) end
end

local function finish(t, prev, mark, ok, ...)
    leave(mark)
    current = prev
    if t.state == "cancelled" then
        -- Cancelled while it ran (from a coroutine of its own, which could not stop it on
        -- the spot): whatever happened after that does not count.
        t.co = nil
    elseif not ok then
        fail(t, (...))
    elseif costatus(t.co) == "dead" then
        local n = select("#", ...)
        t.state, t.co = "done", nil
        if n > 0 then t.results = { n = n, ... } end
        release(t)
    elseif t.state == "running" then
        -- A plain coroutine.yield() in a task: wait until the next frame.
        register(t, "frames", 1)
    end
end

-- Resumes (or starts) a task with the given values; returns when it waits or ends.
local function run(t, ...)
    local prev = current
    current = t
    t.state = "running"
    if not t.co then
        t.co = create(t.fn)
        local args = t.args
        t.fn, t.args = nil, nil
        if args then
            return finish(t, prev, enter(), resume(t.co, unpack(args, 1, args.n)))
        end
    end
    return finish(t, prev, enter(), resume(t.co, ...))
end

-- A task whose own code (or a task it started) cancelled it stops at once.
local function stopIfCancelled(t)
    if t and t.state == "cancelled" and running() == t.co then yield(CANCEL) end
end

local function newTask(g, fn, fname, ...)
    if type(fn) ~= "function" then argerror(fname == "delay" and 2 or 1, fname, "function", fn) end
    ids = ids + 1
    -- PERF: every field a task will get, so that the table is sized once (false = none).
    local t = setmetatable({
        id = ids, group = g, fn = fn, state = "waiting", co = false, args = false,
        seq = 0, since = 0, wake = 0, wakeFrame = 0, pkind = false, pamount = 0,
        waiters = false, waitingOn = false, results = false, err = false,
    }, Task)
    local n = select("#", ...)
    if n > 0 then t.args = { n = n, ... } end
    addTask(g, t)
    return t
end

local function spawnIn(g, fn, ...)
    local t = newTask(g, fn, "spawn", ...)
    local parent = current
    run(t)
    stopIfCancelled(parent)
    return t
end

local function deferIn(g, fn, ...)
    local t = newTask(g, fn, "defer", ...)
    seq = seq + 1
    t.seq = seq
    pushSoon(t)
    return t
end

local function delayIn(g, seconds, fn, ...)
    checknumber(seconds, 1, "delay")
    local t = newTask(g, fn, "delay", ...)
    register(t, "time", seconds)
    return t
end

local function cancel(t)
    local s = t.state
    if s == "done" or s == "failed" or s == "cancelled" then return false end
    t.state = "cancelled"
    release(t)
    if t == current then
        stopIfCancelled(t)
    elseif s == "waiting" then
        t.co = nil -- never resumed again; its heap entry is skipped when it comes up
    end
    -- A running task that is not current (it started the task that cancels it) stops
    -- when control comes back to it (see spawnIn).
    return true
end

local function groupOf()
    return current and current.group or root
end

-- engine.task -------------------------------------------------------------------------

function api.spawn(fn, ...) return spawnIn(groupOf(), fn, ...) end
function api.defer(fn, ...) return deferIn(groupOf(), fn, ...) end
function api.delay(seconds, fn, ...) return delayIn(groupOf(), seconds, fn, ...) end
function api.current() return current end

local function self(fname)
    local t = current
    if not t or running() ~= t.co then
        throw("engine.task." .. fname .. " must be called from inside a task")
    end
    stopIfCancelled(t)
    return t
end

function api.wait(seconds)
    local t = self("wait")
    if seconds == nil then
        register(t, "frames", 1)
    else
        register(t, "time", checknumber(seconds, 1, "wait"))
    end
    return yield()
end

function api.waitFrames(n)
    local t = self("waitFrames")
    checknumber(n, 1, "waitFrames")
    n = math.floor(n)
    if n == 0 then return 0 end
    register(t, "frames", n)
    return yield()
end

function api.waitUntil(predicate)
    local t = self("waitUntil")
    if type(predicate) ~= "function" then argerror(1, "waitUntil", "function", predicate) end
    local v = predicate()
    while not v do
        register(t, "frames", 1)
        yield()
        v = predicate()
    end
    return v
end

function api.waitFor(other)
    local t = self("waitFor")
    if getmetatable(other) ~= Task then argerror(1, "waitFor", "Task", other) end
    if other == t then throw("a task cannot wait for itself") end
    local s = other.state
    if s == "waiting" or s == "running" then
        local ws = other.waiters
        if not ws then ws = {}; other.waiters = ws end
        ws[#ws + 1] = t
        t.waitingOn = other
        seq = seq + 1
        t.seq = seq
        t.state = "waiting"
        yield()
    end
    return other:result()
end

function api.cancel(t)
    if getmetatable(t) ~= Task then argerror(1, "cancel", "Task", t) end
    return cancel(t)
end

function api.group()
    return newGroup()
end

-- Task objects ----------------------------------------------------------------------------

function Task:cancel()
    if getmetatable(self) ~= Task then argerror(1, "cancel", "Task", self) end
    return cancel(self)
end

function Task:status()
    if getmetatable(self) ~= Task then argerror(1, "status", "Task", self) end
    return self.state
end

-- The function's return values once done; otherwise nil and why not.
function Task:result()
    if getmetatable(self) ~= Task then argerror(1, "result", "Task", self) end
    local s = self.state
    if s == "done" then
        local r = self.results
        if r then return unpack(r, 1, r.n) end
        return
    elseif s == "failed" then
        return nil, self.err
    elseif s == "cancelled" then
        return nil, "cancelled"
    end
    return nil, "not finished"
end

function Task:type() return "Task" end
function Task:typeOf(name) return name == "Task" end
Task.__tostring = function(t) return ("Task: %d (%s)"):format(t.id, t.state) end

-- Groups ------------------------------------------------------------------------------------

local function checkgroup(g, fname)
    if getmetatable(g) ~= Group then argerror(1, fname, "TaskGroup", g) end
end

function Group:spawn(fn, ...) checkgroup(self, "spawn") return spawnIn(self, fn, ...) end
function Group:defer(fn, ...) checkgroup(self, "defer") return deferIn(self, fn, ...) end
function Group:delay(seconds, fn, ...) checkgroup(self, "delay") return delayIn(self, seconds, fn, ...) end

function Group:cancel()
    checkgroup(self, "cancel")
    local list = {}
    for t in pairs(self.tasks) do list[#list + 1] = t end
    -- Deterministic: oldest first; the running task (if it is in the group) last, since
    -- cancelling it stops it on the spot.
    sort(list, function(a, b)
        if a == current then return false elseif b == current then return true end
        return a.id < b.id
    end)
    self.heap, self.fheap, self.nextList, self.parked = {}, {}, {}, {}
    for i = 1, #list do cancel(list[i]) end
    return #list
end

function Group:pause()
    checkgroup(self, "pause")
    self.paused = true
end

function Group:resume()
    checkgroup(self, "resume")
    if not self.paused then return end
    self.paused = false
    local p = self.parked
    self.parked = {}
    for i = 1, #p do pushSoon(p[i]) end
end

function Group:isPaused() checkgroup(self, "isPaused") return self.paused end
function Group:count() checkgroup(self, "count") return self.n end
function Group:type() return "TaskGroup" end
function Group:typeOf(name) return name == "TaskGroup" end
Group.__tostring = function(g) return ("TaskGroup: %d tasks"):format(g.n) end

-- The step ------------------------------------------------------------------------------------

local function park(t)
    local p = t.group.parked
    p[#p + 1] = t
end

local function bySeq(a, b) return a.seq < b.seq end

-- Advances the clocks of the groups that are not paused; gathers what is due into `due`.
local function collect(dt)
    local nd, w = 0, 0
    for i = 1, ngroups do
        local g = groups[i]
        groups[i] = nil
        if g.n > 0 then
            w = w + 1
            groups[w] = g
            if not g.paused then
                local clock = g.clock + dt
                local frame = g.frame + 1
                g.clock, g.frame = clock, frame
                local l = g.nextList
                for j = 1, #l do
                    local t = l[j]
                    l[j] = nil
                    if t.state == "waiting" then nd = nd + 1; due[nd] = t end
                end
                local h = g.heap
                while h[1] and h[1].wake <= clock + EPS do
                    local t = pop(h, "wake")
                    if t.state == "waiting" then nd = nd + 1; due[nd] = t end
                end
                h = g.fheap
                while h[1] and h[1].wakeFrame <= frame do
                    local t = pop(h, "wakeFrame")
                    if t.state == "waiting" then nd = nd + 1; due[nd] = t end
                end
            end
        else
            g.active = false
        end
    end
    ngroups = w
    return nd
end

local function stepInner(dt)
    local nd = collect(dt)
    -- Waits started since the last step count from this one.
    for i = 1, npending do
        local t = pending[i]
        pending[i] = nil
        if t.state == "waiting" then place(t, t.pkind, t.pamount) end
    end
    npending = 0
    for i = 2, nd do
        if due[i].seq < due[i - 1].seq then
            for j = nd + 1, #due do due[j] = nil end
            sort(due, bySeq)
            break
        end
    end
    for i = 1, nd do
        local t = due[i]
        due[i] = nil
        if t.state == "waiting" then
            local g = t.group
            if g.paused then park(t) else run(t, g.clock - t.since) end
        end
    end
    while soonHead <= soonTail do
        local t = soon[soonHead]
        soon[soonHead] = nil
        soonHead = soonHead + 1
        if t.state == "waiting" then
            if t.group.paused then park(t) else run(t) end
        end
    end
    soonHead, soonTail = 1, 0
end

function api.step(dt)
    if current then throw("engine.task.step cannot be called from inside a task") end
    if stepping then throw("engine.task.step is already running") end
    if dt == nil then dt = love.timer and love.timer.getDelta() or 0 end
    checknumber(dt, 1, "step")
    stepping = true
    local ok, err = pcall(stepInner, dt)
    stepping = false
    if not ok then
        -- Tasks that were due keep waiting for the next step.
        for i = 1, #due do
            local t = due[i]
            due[i] = nil
            if t.state == "waiting" then pushSoon(t) end
        end
        error(err, 0)
    end
end

-- For boot.lua -------------------------------------------------------------------------------

-- t.engine settings. PERF: with the task budget off, resumes skip the two C calls.
function internal.configure(mode, budget)
    internal.mode = mode
    if budget then enter, leave = cEnter, cLeave else enter, leave = noEnter, noLeave end
end

-- The traceback of a task error sent to love.errorhandler ("raise" mode), if `msg` is it.
function internal.takeTraceback(msg)
    local s = stashed
    stashed = nil
    if s and s.msg == msg then return s.tb end
end

local OVERLAY_SECONDS = 5

-- Draws the recent task errors in a small box at the bottom of the screen.
function internal.drawOverlay()
    local n = #overlay
    if n == 0 then return end
    local t = now()
    while overlay[1] and t - overlay[1].time > OVERLAY_SECONDS do table.remove(overlay, 1) end
    n = #overlay
    if n == 0 then return end
    local g = love.graphics
    g.push("all")
    g.origin()
    local w, h = g.getWidth(), g.getHeight()
    local lh = 14
    local bh = lh * n + 6
    g.setColor(0, 0, 0, 0.75)
    g.rectangle("fill", 0, h - bh, w, bh)
    g.setColor(1, 0.45, 0.4, 1)
    for i = 1, n do
        g.print("task error: " .. overlay[i].text, 4, h - bh + 3 + (i - 1) * lh)
    end
    g.pop()
end

return { api = api, internal = internal }
