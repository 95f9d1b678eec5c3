-- The engine's boot code, run once in every fresh Lua state before the game.
-- It gives the `love` table LÖVE's default love.run, love.handlers and error handler,
-- makes error values plain strings, and returns the functions the Rust runtime drives:
-- start() runs main.lua and love.run; frame() runs one step of the main loop.
-- Receives the table `boot` from Rust: boot.fixerror, boot.headless, boot.main (chunk),
-- boot.tasks (the task scheduler's internals), boot.memory_limit and lift_memory_limit.
local boot = ...
local love = love
local fixerror = boot.fixerror
local tasks = boot.tasks
-- Held here so that the default love.run steps tasks even if a game replaces the field.
local taskstep = engine.task.step

-- Errors raised by engine functions reach Lua as wrapped userdata; games expect strings.
do
    local rawpcall, rawxpcall = pcall, xpcall
    local function fix(ok, ...)
        if ok then return ok, ... end
        -- Plain strings need no fixing; not calling into Rust also keeps a caught
        -- out-of-memory error (t.engine.memory_limit) from failing again right here.
        local e = ...
        if type(e) == "string" then return false, e end
        return false, fixerror(e)
    end
    function pcall(f, ...)
        return fix(rawpcall(f, ...))
    end
    function xpcall(f, handler, ...)
        return rawxpcall(f, function(e) return handler(fixerror(e)) end, ...)
    end
    local resume, wrap, create = coroutine.resume, coroutine.wrap, coroutine.create
    function coroutine.resume(co, ...)
        return fix(resume(co, ...))
    end
    function coroutine.wrap(f)
        local co = create(f)
        return function(...)
            local r = { resume(co, ...) }
            if not r[1] then error(fixerror(r[2]), 0) end
            return unpack(r, 2, table.maxn(r))
        end
    end
end

-- LOVE: getmetatable(obj) of a LÖVE object is its type's table of methods, whose __index is
-- itself (`getmetatable(img).__index == getmetatable(img)`), shared by every object of that
-- type: games add methods to a type through it. mlua hides userdata metatables
-- (`__metatable = false`); the methods table is mlua's `__index`, so that is what comes
-- back, made to refer to itself (then `obj.__index` works for that type too) and given the
-- metatable's __tostring and __eq.
do
    local rawgetmetatable, getmt = debug.getmetatable, getmetatable
    function getmetatable(o)
        if type(o) == "userdata" then
            local mt = rawgetmetatable(o)
            local methods = type(mt) == "table" and rawget(mt, "__index")
            if type(methods) == "table" and rawget(methods, "typeOf") ~= nil then
                if rawget(methods, "__index") == nil then
                    rawset(methods, "__index", methods)
                    for _, k in ipairs({ "__tostring", "__eq" }) do
                        if rawget(methods, k) == nil then rawset(methods, k, rawget(mt, k)) end
                    end
                end
                return methods
            end
        end
        return getmt(o)
    end
end

-- LOVE: LÖVE 11 runs the main loop in a coroutine that its C code resumes once a frame.
-- A coroutine.yield() from the loop ends the frame (the next frame resumes it), and
-- coroutine.running() still answers nil, as on the main thread (while
-- coroutine.isyieldable() answers true, as in LÖVE 11.4). The engine does the same
-- (boot.frame below), and love.event.wait uses it to block: with no event queued it
-- yields, and the window driver resumes the loop when an event has arrived.
local WAIT, DONE = {}, {}
local mainco = nil
local rawcreate, rawresume, rawyield = coroutine.create, coroutine.resume, coroutine.yield
local rawstatus, rawrunning = coroutine.status, coroutine.running
do
    function coroutine.running()
        local co = rawrunning()
        if co ~= nil and co == mainco then return nil end
        return co
    end
end

if love.event and love.event.wait then
    -- The Rust function: the next event, or (with none queued) nothing after polling
    -- devices briefly. Used headless and outside the main loop (love.load, a coroutine
    -- of the game's, a callback the engine calls from Rust).
    local rawwait, poll = love.event.wait, love.event.poll
    local function pack(...) return { n = select("#", ...), ... } end
    function love.event.wait()
        if boot.headless or mainco == nil or rawrunning() ~= mainco then return rawwait() end
        local nextev = poll()
        while true do
            local r = pack(nextev())
            if r[1] ~= nil then return unpack(r, 1, r.n) end
            -- Fails across a C call boundary (wait called from a Rust callback).
            if not pcall(rawyield, WAIT) then return rawwait() end
        end
    end
end

love.handlers = setmetatable({
    keypressed = function(b, s, r) if love.keypressed then return love.keypressed(b, s, r) end end,
    keyreleased = function(b, s) if love.keyreleased then return love.keyreleased(b, s) end end,
    textinput = function(t) if love.textinput then return love.textinput(t) end end,
    textedited = function(t, s, l) if love.textedited then return love.textedited(t, s, l) end end,
    mousemoved = function(x, y, dx, dy, t) if love.mousemoved then return love.mousemoved(x, y, dx, dy, t) end end,
    mousepressed = function(x, y, b, t, c) if love.mousepressed then return love.mousepressed(x, y, b, t, c) end end,
    mousereleased = function(x, y, b, t, c) if love.mousereleased then return love.mousereleased(x, y, b, t, c) end end,
    wheelmoved = function(x, y) if love.wheelmoved then return love.wheelmoved(x, y) end end,
    touchpressed = function(id, x, y, dx, dy, p) if love.touchpressed then return love.touchpressed(id, x, y, dx, dy, p) end end,
    touchreleased = function(id, x, y, dx, dy, p) if love.touchreleased then return love.touchreleased(id, x, y, dx, dy, p) end end,
    touchmoved = function(id, x, y, dx, dy, p) if love.touchmoved then return love.touchmoved(id, x, y, dx, dy, p) end end,
    joystickpressed = function(j, b) if love.joystickpressed then return love.joystickpressed(j, b) end end,
    joystickreleased = function(j, b) if love.joystickreleased then return love.joystickreleased(j, b) end end,
    joystickaxis = function(j, a, v) if love.joystickaxis then return love.joystickaxis(j, a, v) end end,
    joystickhat = function(j, h, v) if love.joystickhat then return love.joystickhat(j, h, v) end end,
    gamepadpressed = function(j, b) if love.gamepadpressed then return love.gamepadpressed(j, b) end end,
    gamepadreleased = function(j, b) if love.gamepadreleased then return love.gamepadreleased(j, b) end end,
    gamepadaxis = function(j, a, v) if love.gamepadaxis then return love.gamepadaxis(j, a, v) end end,
    joystickadded = function(j) if love.joystickadded then return love.joystickadded(j) end end,
    joystickremoved = function(j) if love.joystickremoved then return love.joystickremoved(j) end end,
    focus = function(f) if love.focus then return love.focus(f) end end,
    mousefocus = function(f) if love.mousefocus then return love.mousefocus(f) end end,
    visible = function(v) if love.visible then return love.visible(v) end end,
    quit = function() return end,
    threaderror = function(t, err) if love.threaderror then return love.threaderror(t, err) end end,
    resize = function(w, h) if love.resize then return love.resize(w, h) end end,
    filedropped = function(f) if love.filedropped then return love.filedropped(f) end end,
    directorydropped = function(d) if love.directorydropped then return love.directorydropped(d) end end,
    lowmemory = function() if love.lowmemory then collectgarbage() collectgarbage() return love.lowmemory() end end,
    displayrotated = function(i, o) if love.displayrotated then return love.displayrotated(i, o) end end,
}, {
    __index = function(_, name)
        error("Unknown event: " .. tostring(name))
    end,
})

love.arg = love.arg or {}
-- The game's own arguments: what follows the game path, from index 1; the engine's
-- own entries (negative indices) are kept, as LÖVE 11 does.
function love.arg.parseGameArguments(a)
    local out = {}
    for k, v in pairs(a) do
        if type(k) == "number" and k < 0 then out[k] = v end
    end
    for i = 2, table.maxn(a) do
        out[i - 1] = a[i]
    end
    return out
end

-- LÖVE 11's default main loop.
function love.run()
    if love.load then love.load(love.arg.parseGameArguments(arg), arg) end
    -- The first frame's dt must not include the time love.load took.
    if love.timer then love.timer.step() end
    local dt = 0
    return function()
        if love.event then
            love.event.pump()
            for name, a, b, c, d, e, f in love.event.poll() do
                if name == "quit" then
                    if not love.quit or not love.quit() then
                        return a or 0
                    end
                end
                love.handlers[name](a, b, c, d, e, f)
            end
        end
        if love.timer then dt = love.timer.step() end
        if love.update then love.update(dt) end
        -- engine.task: tasks advance right after love.update (docs/tasks.md).
        taskstep(dt)
        if love.graphics and love.graphics.isActive() then
            love.graphics.origin()
            love.graphics.clear(love.graphics.getBackgroundColor())
            if love.draw then love.draw() end
            tasks.drawOverlay()
            love.graphics.present()
        end
        if love.timer then love.timer.sleep(0.001) end
    end
end

-- LÖVE's default error screen: the message and traceback on a blue background.
-- Escape quits; Ctrl+C copies the text.
function love.errorhandler(msg)
    msg = tostring(msg)
    if not love.window or not love.graphics or not love.event then return end
    if not love.graphics.isActive() then return end
    if love.mouse and love.mouse.setVisible then love.mouse.setVisible(true) end
    love.graphics.reset()
    love.graphics.origin()
    local trace = debug.traceback()
    local lines = {}
    table.insert(lines, "Error\n")
    table.insert(lines, msg .. "\n\n")
    for l in trace:gmatch("(.-)\n") do
        if not l:match("boot.lua") and not l:match("in function 'callhandler'") then
            l = l:gsub("stack traceback:", "Traceback\n")
            table.insert(lines, l)
        end
    end
    local p = table.concat(lines, "\n")
    p = p:gsub("\t", "")
    p = p:gsub("%[string \"(.-)\"%]", "%1")

    local function draw()
        if not love.graphics.isActive() then return end
        local pos = 70
        love.graphics.clear(89 / 255, 157 / 255, 220 / 255)
        love.graphics.printf(p, pos, pos, love.graphics.getWidth() - pos)
        love.graphics.present()
    end

    local fullErrorText = p
    local function copyToClipboard()
        if not love.system then return end
        love.system.setClipboardText(fullErrorText)
        p = p .. "\nCopied to clipboard!"
    end

    p = p .. "\n\nPress Ctrl+C to copy this error"

    return function()
        love.event.pump()
        for e, a, b, c in love.event.poll() do
            if e == "quit" then
                return 1
            elseif e == "keypressed" and a == "escape" then
                return 1
            elseif e == "keypressed" and a == "c" and love.keyboard.isDown("lctrl", "rctrl") then
                copyToClipboard()
            end
        end
        draw()
        if love.timer then love.timer.sleep(0.1) end
    end
end
-- LOVE: 11.x names its default handler love.errhand (love.errorhandler is the newer name);
-- games wrap it (`local old = love.errhand`), so both names hold the default.
local default_errorhandler = love.errorhandler
love.errhand = love.errorhandler

-- The running loop function: love.run's step, or the error screen's.
local loop = nil
local failed = false
-- love.run's step, kept so a hot reload can leave the error screen and resume the game.
local gameloop = nil

local function report(msg)
    -- A task error sent here by t.engine.task_errors = "raise": the task's own traceback.
    local tb = tasks.takeTraceback(msg)
    local text = tb and ("Error: " .. tb) or debug.traceback("Error: " .. msg, 3)
    io.stderr:write(text, "\n")
    io.stderr:flush()
end

local function callhandler(handler, msg)
    local function herr(e2)
        io.stderr:write("Error in error handler: ", tostring(fixerror(e2)), "\n",
            debug.traceback("", 2), "\n")
    end
    return xpcall(handler, herr, msg)
end

-- Message handler: runs where the error happened, so tracebacks show the game's stack.
local function onerror(e)
    local msg = type(e) == "string" and e or tostring(fixerror(e))
    if msg == "not enough memory" and boot.memory_limit > 0 then
        -- Lift t.engine.memory_limit so that the error screen has room to run.
        boot.lift_memory_limit()
        msg = msg .. ": the game reached its memory limit of " .. boot.memory_limit
            .. " MB (t.engine.memory_limit in conf.lua)"
    end
    report(msg)
    failed = true
    if boot.headless then return nil end
    -- A game that replaced only love.errhand gets its handler, as in LÖVE 11.
    local handler = love.errorhandler
    if handler == default_errorhandler and love.errhand ~= default_errorhandler then
        handler = love.errhand
    end
    handler = handler or love.errhand
    if not handler then return nil end
    local ok, f = callhandler(handler, msg)
    if ok and type(f) == "function" then return f end
    return nil
end

-- Lua does not call the message handler for out-of-memory errors: handle them here.
local function onmemory(res)
    if type(res) ~= "string" or failed then return res end
    return onerror(res)
end

-- LOVE: boot.lua's warning for a game made for another version (t.version in conf.lua):
-- printed, and shown in a message box when there is a window.
local function version_warning()
    local v = boot.version
    if type(v) ~= "string" or love.isVersionCompatible(v) then return end
    local major, minor, revision = v:match("^(%d+)%.(%d+)%.(%d+)$")
    if (not major or not minor or not revision)
        or (major ~= love._version_major and minor ~= love._version_minor) then
        local msg = ("This game indicates it was made for version '%s' of LOVE.\n"
            .. "It may not be compatible with the running version (%s)."):format(v, love._version)
        print(msg)
        if love.window and not boot.headless then
            love.window.showMessageBox("Compatibility Warning", msg, "warning")
        end
    end
end

-- Runs main.lua and love.run. Returns nil to go on, or an exit status.
function boot.start()
    version_warning()
    local ok, res = xpcall(function()
        boot.main()
        return love.run()
    end, onerror)
    if ok then
        if type(res) ~= "function" then
            return 0 -- love.run returned no loop: nothing to run
        end
        loop = res
        gameloop = res
        return nil
    end
    res = onmemory(res)
    if type(res) == "function" then
        loop = res
        return nil
    end
    return 1
end

-- The main-loop coroutine's body: runs the loop function it is given once per resume.
local function mainbody(f)
    while true do
        f = rawyield(DONE, xpcall(f, onerror))
    end
end
-- true while mainco is suspended inside a frame (love.event.wait, or a game's yield).
local pending = false

local function afterresume(resumed, tag, ok, res)
    if not resumed then
        -- mainbody itself failed: only an out-of-memory error can do that.
        mainco, pending = nil, false
        return false, tag
    end
    if tag == DONE then
        pending = false
        return ok, res
    end
    pending = true
    if tag == WAIT then return WAIT end
    -- LOVE: a yield from the main loop ends the frame; the next frame resumes it.
    return true, nil
end

-- Runs (or resumes) one iteration of `loop` in the main-loop coroutine.
local function runloop()
    if mainco == nil then
        mainco, pending = rawcreate(mainbody), false
    end
    if pending then return afterresume(rawresume(mainco)) end
    return afterresume(rawresume(mainco, loop))
end

-- Runs one iteration of the main loop. Returns nil to go on, "wait" when love.event.wait
-- is waiting for an event, or an exit status (a number, or "restart").
function boot.frame()
    if not loop then return failed and 1 or 0 end
    local ok, res = runloop()
    if ok == WAIT then return "wait" end
    if ok then
        if res == nil then return nil end
        if failed then return 1 end
        if res == "restart" then return "restart" end
        return tonumber(res) or 0
    end
    res = onmemory(res)
    if type(res) == "function" then
        loop = res
        return nil
    end
    return 1
end

-- After a successful hot reload: leave the error screen and resume the game (running
-- love.run again if the error came before it returned its loop).
function boot.recover()
    if not failed then return end
    failed = false
    -- A frame of the error screen's loop may be suspended: start afresh.
    mainco, pending = nil, false
    if gameloop then
        loop = gameloop
        return
    end
    local ok, res = xpcall(love.run, onerror)
    if ok and type(res) == "function" then
        loop, gameloop = res, res
    end
end

return boot
