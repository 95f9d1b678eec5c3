-- LuaSocket's Lua-level modules: socket.url, ltn12, mime and socket.http (against a
-- small HTTP server this file starts in a love.thread thread); return values checked
-- against LÖVE 11.4's LuaSocket (this file also runs there).
local T = require("testlib")
local socket = require("socket")
local url = require("socket.url")
local ltn12 = require("ltn12")
local mime = require("mime")
local http = require("socket.http")

T.test("url_parse", function()
    local p = url.parse("http://user:pass@www.example.com:8080/a/b%20c;p=1?q=1&r=2#frag")
    T.eq(p.scheme, "http"); T.eq(p.authority, "user:pass@www.example.com:8080")
    T.eq(p.userinfo, "user:pass"); T.eq(p.user, "user"); T.eq(p.password, "pass")
    T.eq(p.host, "www.example.com"); T.eq(p.port, "8080")
    T.eq(p.path, "/a/b%20c"); T.eq(p.params, "p=1"); T.eq(p.query, "q=1&r=2")
    T.eq(p.fragment, "frag")
    local r = url.parse("/just/a/path")
    T.eq(r.path, "/just/a/path"); T.eq(r.scheme, nil); T.eq(r.host, nil)
    local d = url.parse("/x", { scheme = "ftp", host = "h" })
    T.eq(d.scheme, "ftp"); T.eq(d.host, "h"); T.eq(d.path, "/x")
    local a, e = url.parse("")
    T.eq(a, nil); T.eq(e, "invalid url")
    local m = url.parse("mailto:someone@example.com")
    T.eq(m.scheme, "mailto"); T.eq(m.path, "someone@example.com")
end)

T.test("url_build", function()
    T.eq(url.build(url.parse("http://user:pass@www.example.com:8080/a/b;p?q#f")),
        "http://user:pass@www.example.com:8080/a/b;p?q#f")
    T.eq(url.build({ scheme = "http", host = "h", path = "/a b" }), "http://h/a%20b")
    T.eq(url.build({ path = "x/y/" }), "x/y/")
end)

T.test("url_absolute", function()
    local base = "http://a/b/c/d;p?q"
    T.eq(url.absolute(base, "g"), "http://a/b/c/g")
    T.eq(url.absolute(base, "./g"), "http://a/b/c/g")
    T.eq(url.absolute(base, "g/"), "http://a/b/c/g/")
    T.eq(url.absolute(base, "/g"), "http://a/g")
    T.eq(url.absolute(base, "//g"), "http://g")
    T.eq(url.absolute(base, "?y"), "http://a/b/c/d;p?y")
    T.eq(url.absolute(base, "g?y"), "http://a/b/c/g?y")
    T.eq(url.absolute(base, "#s"), "http://a/b/c/d;p?q#s")
    T.eq(url.absolute(base, ".."), "http://a/b/")
    T.eq(url.absolute(base, "../g"), "http://a/b/g")
    T.eq(url.absolute(base, "../../g"), "http://a/g")
    T.eq(url.absolute(base, "g:h"), "g:h")
    T.eq(url.absolute("http://a/b/", "c"), "http://a/b/c")
end)

T.test("url_escape_paths", function()
    T.eq(url.escape("a b/c?"), "a%20b%2fc%3f")
    T.eq(url.unescape("a%20b%2Fc"), "a b/c")
    local p = url.parse_path("/a/b%20c/d/")
    T.eq(p[1], "a"); T.eq(p[2], "b c"); T.eq(p[3], "d"); T.eq(#p, 3)
    T.eq(p.is_absolute, 1); T.eq(p.is_directory, 1)
    T.eq(url.build_path(p), "/a/b%20c/d/")
    T.eq(url.build_path(p, true), "/a/b c/d/")
end)

T.test("ltn12_sources_sinks_pumps", function()
    local sink, t = ltn12.sink.table()
    T.eq(ltn12.pump.all(ltn12.source.string("hello world"), sink), 1)
    T.eq(table.concat(t), "hello world")
    local src = ltn12.source.string(string.rep("x", 5000))
    local n = 0
    local chunk = src()
    while chunk do n = n + 1; chunk = src() end
    T.eq(n, 3)
    T.eq(ltn12.source.empty()(), nil)
    local r, e = ltn12.source.error("bad")()
    T.eq(r, nil); T.eq(e, "bad")
    r, e = ltn12.pump.all(ltn12.source.error("oops"), ltn12.sink.null())
    T.eq(r, nil); T.eq(e, "oops")
    r, e = ltn12.pump.all(ltn12.source.string("abc"), ltn12.sink.error("full"))
    T.eq(r, nil); T.eq(e, "full")
    local cat = ltn12.source.cat(ltn12.source.string("ab"), ltn12.source.string("cd"))
    local all = {}
    ltn12.pump.all(cat, (ltn12.sink.table(all)))
    T.eq(table.concat(all), "abcd")
    local rw = ltn12.source.rewind(ltn12.source.string("tail"))
    rw("head-")
    T.eq(rw(), "head-"); T.eq(rw(), "tail"); T.eq(rw(), nil)
    local out = {}
    local s1 = ltn12.source.string("12")
    T.eq(ltn12.pump.step(s1, (ltn12.sink.table(out))), 1)
    T.eq(out[1], "12")
    T.eq(ltn12.pump.step(s1, (ltn12.sink.table(out))), nil)
end)

T.test("ltn12_filters", function()
    local upper = function(chunk) return chunk and string.upper(chunk) end
    local excl = function(chunk)
        if chunk == nil or chunk == "" then return chunk end
        return chunk .. "!"
    end
    local t = {}
    ltn12.pump.all(ltn12.source.chain(ltn12.source.string("abc"), upper), (ltn12.sink.table(t)))
    T.eq(table.concat(t), "ABC")
    local chained = ltn12.filter.chain(upper, excl)
    T.eq(chained("x"), "X!")
    t = {}
    ltn12.pump.all(ltn12.source.string("ab"), ltn12.sink.chain(ltn12.filter.chain(upper, excl), (ltn12.sink.table(t))))
    T.eq(table.concat(t), "AB!")
    -- A cycle filter with context: running sum of chunk lengths.
    local f = ltn12.filter.cycle(function(ctx, chunk)
        if not chunk then return nil, ctx end
        return tostring(ctx + #chunk), ctx + #chunk
    end, 0)
    T.eq(f("aa"), "2"); T.eq(f("bbb"), "5"); T.eq(f(nil), nil)
end)

T.test("mime_b64_unb64", function()
    T.eq((mime.b64("diego:password")), "ZGllZ286cGFzc3dvcmQ=")
    T.eq((mime.unb64("ZGllZ286cGFzc3dvcmQ=")), "diego:password")
    local a, b = mime.b64("ab", "cde")
    T.eq(a, "YWJj"); T.eq(b, "de")
    a, b = mime.b64("")
    T.eq(a, nil); T.eq(b, nil)
    a, b = mime.b64(nil)
    T.eq(a, nil); T.eq(b, nil)
    T.eq((mime.unb64("YW Jj\nZA==")), "abcd")
    local t = {}
    ltn12.pump.all(
        ltn12.source.chain(ltn12.source.string(string.rep("z", 100)), mime.encode("base64"), mime.wrap("base64")),
        (ltn12.sink.table(t)))
    local enc = table.concat(t)
    T.eq(#enc, 76 + 2 + 60 + 2)
    t = {}
    ltn12.pump.all(ltn12.source.chain(ltn12.source.string(enc), mime.decode("base64")), (ltn12.sink.table(t)))
    T.eq(table.concat(t), string.rep("z", 100))
end)

T.test("mime_qp_eol_dot", function()
    T.eq((mime.qp("caf\233 = ok")), "caf=E9 =3D ok")
    T.eq((mime.unqp("caf=E9 =3D ok=\r\n!")), "caf\233 = ok!")
    T.eq((mime.eol(0, "a\nb\r\nc\rd")), "a\r\nb\r\nc\r\nd")
    T.eq((mime.eol(0, "a\nb", "|")), "a|b")
    local w, left = mime.wrp(3, "abcdef", 3)
    T.eq(w, "abc\r\ndef"); T.eq(left, 0)
    T.eq((mime.dot(2, ".a\r\n.b")), "..a\r\n..b")
    local t = {}
    ltn12.pump.all(ltn12.source.chain(ltn12.source.string("x\ny\r\n"), mime.normalize()), (ltn12.sink.table(t)))
    T.eq(table.concat(t), "x\r\ny\r\n")
end)

-- The HTTP server thread: answers `count` requests, one per connection.
local HTTP_SERVER = [[
    local socket = require("socket")
    local count = ...
    local server = assert(socket.bind("127.0.0.1", 0))
    love.thread.getChannel("http_port"):push(select(2, server:getsockname()))
    server:settimeout(10)
    for _ = 1, count do
        local c = server:accept()
        if not c then break end
        c:settimeout(5)
        local line = c:receive()
        local method, path = line:match("^(%S+) (%S+)")
        local headers = {}
        while true do
            local h = c:receive()
            if not h or h == "" then break end
            local k, v = h:match("^(.-):%s*(.*)")
            headers[k:lower()] = v
        end
        local body = ""
        if headers["content-length"] then body = c:receive(tonumber(headers["content-length"])) end
        local function reply(code, extra, text)
            c:send("HTTP/1.1 " .. code .. "\r\n" .. extra .. "Content-Length: " .. #text .. "\r\n\r\n" .. text)
        end
        if path == "/hello" then
            reply("200 OK", "X-Server: test\r\n", "hello world")
        elseif path == "/chunked" then
            c:send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\nX-Trailer: t\r\n\r\n")
        elseif path == "/redirect" then
            reply("302 Found", "Location: /hello\r\n", "")
        elseif path == "/post" then
            reply("201 Created", "", method .. ":" .. body .. ":" .. tostring(headers["content-type"]))
        elseif path == "/headers" then
            reply("200 OK", "", tostring(headers["x-test"]) .. "|" .. tostring(headers["host"]) .. "|" .. tostring(headers["user-agent"]))
        elseif path == "/close" then
            c:send("HTTP/1.0 200 OK\r\n\r\nuntil close")
        elseif path == "/head" then
            reply("200 OK", "", "not sent for HEAD")
        else
            reply("404 Not Found", "", "nope")
        end
        c:close()
    end
    server:close()
]]

T.test("socket_http_request", function()
    local n = 10
    local t = love.thread.newThread(HTTP_SERVER)
    t:start(n)
    local port = love.thread.getChannel("http_port"):demand(5)
    local base = "http://127.0.0.1:" .. port
    local body, code, headers, status = http.request(base .. "/hello")
    T.eq(body, "hello world"); T.eq(code, 200); T.eq(status, "HTTP/1.1 200 OK")
    T.eq(headers["x-server"], "test"); T.eq(headers["content-length"], "11")
    body, code, headers = http.request(base .. "/chunked")
    T.eq(body, "abcdefg"); T.eq(code, 200)
    body, code, headers = http.request(base .. "/redirect")
    T.eq(body, "hello world"); T.eq(code, 200); T.eq(headers.location, "/hello")
    body, code = http.request(base .. "/post", "a=1&b=2")
    T.eq(body, "POST:a=1&b=2:application/x-www-form-urlencoded"); T.eq(code, 201)
    body, code = http.request(base .. "/missing")
    T.eq(body, "nope"); T.eq(code, 404)
    local out = {}
    local r, c2, h2, s2 = http.request({
        url = base .. "/headers",
        sink = (ltn12.sink.table(out)),
        headers = { ["X-Test"] = "yes" },
    })
    T.eq(r, 1); T.eq(c2, 200); T.eq(type(h2), "table"); T.eq(s2, "HTTP/1.1 200 OK")
    T.eq(table.concat(out), "yes|127.0.0.1:" .. port .. "|LuaSocket 3.0-rc1")
    body, code = http.request(base .. "/close")
    T.eq(body, "until close"); T.eq(code, 200)
    out = {}
    r, code = http.request({ url = base .. "/head", method = "HEAD", sink = (ltn12.sink.table(out)) })
    T.eq(r, 1); T.eq(code, 200); T.eq(#out, 0)
    out = {}
    r, code = http.request({
        url = base .. "/post", method = "PUT", sink = (ltn12.sink.table(out)),
        source = ltn12.source.string("data"), headers = { ["content-length"] = 4 },
    })
    T.eq(code, 201); T.eq(table.concat(out), "PUT:data:nil")
    t:wait()
    T.eq(t:getError(), nil)
    -- Nothing listens there any more.
    local b, e = http.request(base .. "/hello")
    T.eq(b, nil); T.eq(e, "connection refused")
end)

T.run()
