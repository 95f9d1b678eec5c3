-- LuaSocket's "socket.http" for this engine: HTTP/1.1 client requests over plain TCP
-- (no TLS: "https" URLs are refused). Simple form request(url [, body]) returns the
-- body, code, headers and status line; the generic form request{url=, sink=, method=,
-- headers=, source=, step=, proxy=, redirect=, create=} returns 1, code, headers,
-- status. Bodies are read by Content-Length, chunked transfer coding, or until close;
-- redirects (301, 302, 303, 307, 308) are followed for GET and HEAD, 5 at most.
local socket = require("socket")
local url = require("socket.url")
local ltn12 = require("ltn12")
local mime = require("mime")
local headers_mod = require("socket.headers")
local string, table, type, tostring, tonumber, pairs, setmetatable, error =
    string, table, type, tostring, tonumber, pairs, setmetatable, error

local http = {}
http.TIMEOUT = 60
http.USERAGENT = socket._VERSION

local SCHEMES = { http = 80 }
local MAX_REDIRECTS = 5

local Conn = {}
Conn.__index = Conn

-- Opens a connection: an object whose methods raise "try" errors (caught by
-- socket.protect) and close the connection when they fail.
function http.open(host, port, create)
    local c = socket.try((create or socket.tcp)())
    local h = setmetatable({ c = c }, Conn)
    h.try = socket.newtry(function() h:close() end)
    h.try(c:settimeout(http.TIMEOUT))
    h.try(c:connect(host, port or 80))
    return h
end

function Conn:sendrequestline(method, uri)
    return self.try(self.c:send(string.format("%s %s HTTP/1.1\r\n", method, uri)))
end

function Conn:sendheaders(tosend)
    local lines = {}
    for name, value in pairs(tosend) do
        lines[#lines + 1] = headers_mod.canonic[name] .. ": " .. tostring(value) .. "\r\n"
    end
    lines[#lines + 1] = "\r\n"
    return self.try(self.c:send(table.concat(lines)))
end

-- A sink that sends with the chunked transfer coding.
local function chunked_sink(c)
    return function(chunk)
        if chunk == nil then return c:send("0\r\n\r\n") end
        if chunk == "" then return 1 end
        return c:send(string.format("%X\r\n", #chunk) .. chunk .. "\r\n")
    end
end

function Conn:sendbody(hdrs, source, step)
    source = source or ltn12.source.empty()
    local sink
    if hdrs["content-length"] then
        sink = socket.sink("keep-open", self.c)
    else
        sink = chunked_sink(self.c)
    end
    return self.try(ltn12.pump.all(source, sink, step or ltn12.pump.step))
end

-- The status line: code and line, or nil and the first bytes of an HTTP/0.9 reply.
function Conn:receivestatusline()
    local start, err, partial = self.c:receive(5)
    if start ~= "HTTP/" then
        if err == "timeout" then self.try(nil, err) end
        return nil, start or partial
    end
    local line = self.try(self.c:receive("*l", start))
    local code = tonumber(string.match(line, "^HTTP/%d*%.?%d* (%d%d%d)"))
    return self.try(code, "invalid status line '" .. line .. "'"), line
end

-- Header lines until the empty one; names in lower case, repeated ones joined by ", ".
local function read_headers(c, try, hdrs)
    hdrs = hdrs or {}
    local line = try(c:receive())
    while line ~= "" do
        local name, value = string.match(line, "^(.-):%s*(.*)")
        try(name, "malformed reponse headers")
        name = string.lower(name)
        line = try(c:receive())
        while string.find(line, "^%s") do
            value = value .. line
            line = try(c:receive())
        end
        if hdrs[name] then
            hdrs[name] = hdrs[name] .. ", " .. value
        else
            hdrs[name] = value
        end
    end
    return hdrs
end

function Conn:receiveheaders()
    return read_headers(self.c, self.try)
end

-- A source that reads a body sent with the chunked transfer coding.
local function chunked_source(c, try, hdrs)
    local finished = false
    return function()
        if finished then return nil end
        local line, err = c:receive()
        if err then return nil, err end
        local size = tonumber((string.gsub(line, ";.*", "")), 16)
        if not size then return nil, "invalid chunk size" end
        if size > 0 then
            local chunk
            chunk, err = c:receive(size)
            if chunk then c:receive() end
            return chunk, err
        end
        read_headers(c, try, hdrs)
        finished = true
        return nil
    end
end

function Conn:receivebody(hdrs, sink, step)
    sink = sink or ltn12.sink.null()
    local te = hdrs["transfer-encoding"]
    local length = tonumber(hdrs["content-length"])
    local source
    if te and string.lower(te) ~= "identity" then
        source = chunked_source(self.c, self.try, hdrs)
    elseif length then
        source = socket.source("by-length", self.c, length)
    else
        source = socket.source("until-closed", self.c)
    end
    return self.try(ltn12.pump.all(source, sink, step or ltn12.pump.step))
end

function Conn:receive09body(status, sink, step)
    local source = ltn12.source.rewind(socket.source("until-closed", self.c))
    source(status)
    return self.try(ltn12.pump.all(source, sink or ltn12.sink.null(), step or ltn12.pump.step))
end

function Conn:close()
    return self.c:close()
end

local function request_uri(reqt)
    if reqt.proxy or http.PROXY then
        return url.build(reqt)
    end
    return url.build({ path = reqt.path, params = reqt.params, query = reqt.query })
end

local function request_headers(reqt)
    local host = reqt.host
    if tonumber(reqt.port) ~= SCHEMES.http then host = host .. ":" .. tostring(reqt.port) end
    local h = {
        ["user-agent"] = http.USERAGENT,
        ["host"] = host,
        ["connection"] = "close, TE",
        ["te"] = "trailers",
    }
    if reqt.user and reqt.password then
        h["authorization"] = "Basic " .. mime.b64(reqt.user .. ":" .. url.unescape(reqt.password))
    end
    for name, value in pairs(reqt.headers or {}) do
        h[string.lower(name)] = value
    end
    return h
end

local function prepare(reqt)
    local parsed = reqt.url and url.parse(reqt.url) or {}
    local n = { host = "", port = SCHEMES.http, path = "/", scheme = "http" }
    for k, v in pairs(parsed) do n[k] = v end
    for k, v in pairs(reqt) do n[k] = v end
    if n.scheme ~= "http" then
        socket.try(nil, "unsupported scheme '" .. tostring(n.scheme) .. "'"
            .. (n.scheme == "https" and " (no TLS support)" or ""))
    end
    socket.try(n.host and n.host ~= "", "invalid host '" .. tostring(n.host) .. "'")
    n.port = tonumber(n.port) or SCHEMES.http
    n.method = n.method or "GET"
    n.uri = reqt.uri or request_uri(n)
    n.headers = request_headers(n)
    local proxy = reqt.proxy or http.PROXY
    if proxy then
        local p = url.parse(proxy)
        n.connect_host, n.connect_port = p.host, tonumber(p.port) or 3128
    else
        n.connect_host, n.connect_port = n.host, n.port
    end
    return n
end

local function should_redirect(reqt, code, hdrs)
    local location = hdrs.location
    if not location then return false end
    location = string.gsub(location, "%s", "")
    if location == "" then return false end
    local scheme = string.match(location, "^([%w][%w%+%-%.]*)%:")
    if scheme and not SCHEMES[string.lower(scheme)] then return false end
    return reqt.redirect ~= false
        and (code == 301 or code == 302 or code == 303 or code == 307 or code == 308)
        and (reqt.method == "GET" or reqt.method == "HEAD")
        and (reqt.nredirects or 0) < MAX_REDIRECTS
end

local function should_receive_body(reqt, code)
    if reqt.method == "HEAD" then return false end
    if code == 204 or code == 304 then return false end
    if code >= 100 and code < 200 then return false end
    return true
end

local trequest

local function tredirect(reqt, nreqt, location)
    local base = reqt.url or url.build(nreqt)
    local target = url.absolute(base, location)
    local ok, code, hdrs, status = trequest({
        url = target,
        source = reqt.source,
        sink = reqt.sink,
        headers = reqt.headers,
        proxy = reqt.proxy,
        method = nreqt.method,
        redirect = reqt.redirect,
        nredirects = (reqt.nredirects or 0) + 1,
        create = reqt.create,
        step = reqt.step,
    })
    hdrs = hdrs or {}
    hdrs.location = hdrs.location or location
    return ok, code, hdrs, status
end

function trequest(reqt)
    local n = prepare(reqt)
    local h = http.open(n.connect_host, n.connect_port, n.create)
    h:sendrequestline(n.method, n.uri)
    h:sendheaders(n.headers)
    if n.source then h:sendbody(n.headers, n.source, n.step) end
    local code, status = h:receivestatusline()
    if not code then
        h:receive09body(status, n.sink, n.step)
        h:close()
        return 1, 200
    end
    local hdrs
    while code == 100 do
        read_headers(h.c, h.try)
        code, status = h:receivestatusline()
    end
    hdrs = h:receiveheaders()
    if should_redirect(n, code, hdrs) and not n.source then
        h:close()
        return tredirect(reqt, n, hdrs.location)
    end
    if should_receive_body(n, code) then
        h:receivebody(hdrs, n.sink, n.step)
    end
    h:close()
    return 1, code, hdrs, status
end

-- The request table of the simple form: a table sink, and a POST for a body.
function http.genericform(u, b)
    local t = {}
    local reqt = { url = u, sink = ltn12.sink.table(t), target = t }
    if b then
        reqt.source = ltn12.source.string(b)
        reqt.headers = {
            ["content-length"] = string.len(b),
            ["content-type"] = "application/x-www-form-urlencoded",
        }
        reqt.method = "POST"
    end
    return reqt
end

local function srequest(u, b)
    local reqt = http.genericform(u, b)
    local _, code, hdrs, status = trequest(reqt)
    return table.concat(reqt.target), code, hdrs, status
end

http.request = socket.protect(function(reqt, body)
    if type(reqt) == "string" then return srequest(reqt, body) end
    return trequest(reqt)
end)

return http
