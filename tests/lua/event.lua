local T = require("testlib")

local function drain()
    local out = {}
    for n, a, b, c, d, e, f in love.event.poll() do out[#out + 1] = { n, a, b, c, d, e, f } end
    return out
end

T.test("event_push", function()
    love.event.clear()
    local tbl, fn = {}, function() end
    T.eq(love.event.push("custom", 1, "two", true, tbl, fn), true)
    love.event.push(5)
    local evs = drain()
    T.eq(#evs, 2)
    local e = evs[1]
    T.eq(e[1], "custom"); T.eq(e[2], 1); T.eq(e[3], "two"); T.eq(e[4], true); T.eq(e[5], tbl); T.eq(e[6], fn)
    T.eq(evs[2][1], "5")
    T.err("bad argument #1 to 'push' (string expected, got no value)", love.event.push)
end)

T.test("event_push_stops_at_nil", function()
    love.event.push("x", 1, nil, 3)
    local e = drain()[1]
    T.eq(e[2], 1); T.eq(e[3], nil); T.eq(e[4], nil)
end)

T.test("event_poll", function()
    love.event.push("a"); love.event.push("b")
    local evs = drain()
    T.eq(evs[1][1], "a"); T.eq(evs[2][1], "b")
    T.eq(#drain(), 0)
end)

T.test("event_clear", function()
    love.event.push("a", {})
    love.event.clear()
    T.eq(#drain(), 0)
end)

T.test("event_pump", function()
    love.event.pump()
end)

T.test("event_wait", function()
    love.event.push("w", 42)
    local n, a = love.event.wait()
    T.eq(n, "w"); T.eq(a, 42)
    T.eq(love.event.wait(), nil, "headless: nil once the queue is empty")
end)

T.test("event_quit", function()
    T.eq(love.event.quit("restart"), true)
    T.eq(love.event.quit(3), true)
    T.eq(love.event.quit(), true)
    local evs = drain()
    T.eq(evs[1][1], "quit"); T.eq(evs[1][2], "restart")
    T.eq(evs[2][2], 3)
    T.eq(evs[3][1], "quit"); T.eq(evs[3][2], nil)
end)

T.test("event_handlers_dispatch", function()
    local got
    function love.keypressed(k, s, r) got = { k, s, r } end
    love.event.push("keypressed", "a", "q", false)
    for n, a, b, c, d, e, f in love.event.poll() do love.handlers[n](a, b, c, d, e, f) end
    T.eq(got[1], "a"); T.eq(got[2], "q"); T.eq(got[3], false)
    love.keypressed = nil
end)

T.run()
