-- LuaSocket's "socket" module for this engine: the socket.core table plus helpers
-- (bind that also listens, connect4/6, choose, sinks and sources over sockets).
local core = require("socket.core")
local setmetatable, type, ipairs, tostring, error = setmetatable, type, ipairs, tostring, error
local math = math

local socket = core
socket.BLOCKSIZE = 2048
socket.sinkt = {}
socket.sourcet = {}
socket.try = socket.newtry()

function socket.connect4(address, port, laddress, lport)
    return core.connect(address, port, laddress, lport, "inet")
end

function socket.connect6(address, port, laddress, lport)
    return core.connect(address, port, laddress, lport, "inet6")
end

-- Binds a TCP server to host:port (with reuseaddr) and listens.
function socket.bind(host, port, backlog)
    if host == "*" then host = "0.0.0.0" end
    local infos, err = core.dns.getaddrinfo(host)
    if not infos then return nil, err end
    err = "no info on address"
    for _, info in ipairs(infos) do
        local make = info.family == "inet6" and core.tcp6 or core.tcp4
        local sock, e = make()
        if not sock then return nil, e end
        sock:setoption("reuseaddr", true)
        local ok
        ok, err = sock:bind(info.addr, port)
        if ok then ok, err = sock:listen(backlog) end
        if ok then return sock end
        sock:close()
    end
    return nil, err
end

-- A dispatcher over a table of constructors: f(name, ...) or f(...) for "default".
function socket.choose(t)
    return function(name, opt1, opt2)
        if type(name) ~= "string" then
            name, opt1, opt2 = "default", name, opt1
        end
        local f = t[name or "nil"]
        if not f then error("unknown key (" .. tostring(name) .. ")", 3) end
        return f(opt1, opt2)
    end
end

-- Sinks and sources keep getfd/dirty, so they can go to socket.select.
local function wrap(sock, call)
    return setmetatable({
        getfd = function() return sock:getfd() end,
        dirty = function() return sock:dirty() end,
    }, { __call = call })
end

socket.sinkt["close-when-done"] = function(sock)
    return wrap(sock, function(_, chunk)
        if chunk == nil then
            sock:close()
            return 1
        end
        return sock:send(chunk)
    end)
end

socket.sinkt["keep-open"] = function(sock)
    return wrap(sock, function(_, chunk)
        if chunk == nil then return 1 end
        return sock:send(chunk)
    end)
end

socket.sinkt.default = socket.sinkt["keep-open"]
socket.sink = socket.choose(socket.sinkt)

socket.sourcet["by-length"] = function(sock, length)
    return wrap(sock, function()
        if length <= 0 then return nil end
        local chunk, err = sock:receive(math.min(socket.BLOCKSIZE, length))
        if err then return nil, err end
        length = length - #chunk
        return chunk
    end)
end

socket.sourcet["until-closed"] = function(sock)
    local finished = false
    return wrap(sock, function()
        if finished then return nil end
        local chunk, err, partial = sock:receive(socket.BLOCKSIZE)
        if not err then return chunk end
        if err == "closed" then
            sock:close()
            finished = true
            return partial
        end
        return nil, err
    end)
end

socket.sourcet.default = socket.sourcet["until-closed"]
socket.source = socket.choose(socket.sourcet)

return socket
