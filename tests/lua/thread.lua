-- love.thread; behaviour checked against LÖVE 11.4.
local T = require("testlib")
local th = love.thread

T.test("thread_newThread_start_wait_getError", function()
    local t = th.newThread("local a, b = ... love.thread.getChannel('out'):push(a + b) error('oops')\n")
    T.eq(t:type(), "Thread"); T.eq(t:isRunning(), false)
    t:start(2, 3)
    t:wait()
    T.eq(th.getChannel("out"):pop(), 5)
    local e = t:getError()
    T.eq(e:sub(1, 15), "string:1: oops\n")
    T.eq(e:find("stack traceback", 1, true) ~= nil, true)
    T.eq(t:isRunning(), false)
end)

T.test("thread_modules_in_threads", function()
    local t = th.newThread([[
        local c = love.thread.getChannel("mods")
        c:push(love.timer == nil and love.filesystem ~= nil and love.data ~= nil)
        require("love.timer")
        c:push(love.timer.getTime() >= 0)
        c:push(love.filesystem.read("testlib.lua") ~= nil)
        c:push(love.data.encode("string", "hex", "A"))
    ]])
    t:start(); t:wait()
    T.eq(t:getError(), nil)
    local c = th.getChannel("mods")
    T.eq(c:pop(), true); T.eq(c:pop(), true); T.eq(c:pop(), true); T.eq(c:pop(), "41")
end)

T.test("thread_require_love_image_and_sound", function()
    -- Asset-loader threads decode images and sounds off the main thread (love-loader style).
    local t = th.newThread([[
        require("love.image")
        require("love.sound")
        local d = love.image.newImageData(3, 2)
        local s = love.sound.newSoundData(10, 22050, 16, 1)
        love.thread.getChannel("assets"):push(d)
        love.thread.getChannel("assets"):push(s:getSampleCount())
    ]])
    t:start(); t:wait()
    T.eq(t:getError(), nil)
    local c = th.getChannel("assets")
    T.eq(c:pop():getWidth(), 3); T.eq(c:pop(), 10)
end)

T.test("thread_channel_values", function()
    local c = th.newChannel()
    T.eq(c:type(), "Channel")
    T.eq(c:push(1), 1); T.eq(c:push({ 1, 2, x = "y", t = { z = true } }), 2)
    T.eq(c:getCount(), 2); T.eq(c:hasRead(1), false)
    T.eq(c:pop(), 1); T.eq(c:hasRead(1), true)
    local v = c:peek(); T.eq(v.x, "y"); T.eq(v[2], 2); T.eq(v.t.z, true)
    T.err("bad argument #2 to 'push' (boolean, number, string, love type, or table expected)", c.push, c, function() end)
    T.eq(type(c:demand(0.01)), "table")
    T.eq(c:pop(), nil); T.eq(c:demand(0.01), nil)
    local n, r = c:performAtomic(function(ch, val) ch:push(val) return ch:getCount(), "r" end, 5)
    T.eq(n, 1); T.eq(r, "r")
    c:clear(); T.eq(c:getCount(), 0)
    local b = love.data.newByteData("bytes")
    c:push(b); T.eq(c:pop():getString(), "bytes")
end)

T.test("thread_channel_ImageData_SoundData_cross_threads", function()
    local t = th.newThread([[
        local c = love.thread.getChannel("objects")
        local img, snd = c:demand(), c:demand()
        local r, g, b, a = img:getPixel(1, 1)
        img:setPixel(0, 0, 0, 0, 1, 1)
        c:push(img); c:push(snd)
        love.thread.getChannel("objects_back"):push({ r, g, b, a, snd:getSampleCount(), snd:getSample(2) })
    ]])
    local c = th.getChannel("objects")
    local img = love.image.newImageData(3, 2)
    img:setPixel(1, 1, 1, 0.5, 0, 1)
    local snd = love.sound.newSoundData(4, 8000, 16, 1)
    snd:setSample(2, 0.25)
    c:push(img); c:push(snd)
    t:start(); t:wait()
    T.eq(t:getError(), nil)
    local seen = th.getChannel("objects_back"):pop()
    T.eq(seen[1], 1); T.near(seen[2], 0.5, 0.01); T.eq(seen[4], 1); T.eq(seen[5], 4); T.near(seen[6], 0.25, 0.001)
    local img2, snd2 = c:pop(), c:pop()
    T.eq(img2:type(), "ImageData"); T.eq(snd2:type(), "SoundData")
    -- The receiver got a copy: the thread's change is in its copy only.
    T.eq(select(3, img2:getPixel(0, 0)), 1); T.eq(select(3, img:getPixel(0, 0)), 0)
end)

T.test("thread_supply_demand_across_threads", function()
    local t = th.newThread([[
        local c = love.thread.getChannel("ping")
        local v = c:demand(5)
        love.thread.getChannel("pong"):supply(v * 2, 5)
    ]])
    t:start()
    T.eq(th.getChannel("ping"):supply(21, 5), true)
    T.eq(th.getChannel("pong"):demand(5), 42)
    t:wait()
    T.eq(t:getError(), nil)
end)

T.test("thread_syntax_error_reported_at_start", function()
    local t = th.newThread("x = = 1\n")
    t:start(); t:wait()
    T.eq(t:getError():find("string:1:", 1, true) ~= nil, true)
    T.err("Could not open file nothere.lua. Does not exist.", th.newThread, "nothere.lua")
end)

T.test("thread_roundtrip_every_value_type_under_load", function()
    -- 4 threads each send 2,500 messages of every value type; nothing lost or duplicated.
    local code = [[
        local id = ...
        local out = love.thread.getChannel("load")
        for i = 1, 2500 do
            local k = i % 5
            if k == 0 then out:push(id * 100000 + i)
            elseif k == 1 then out:push("s" .. (id * 100000 + i))
            elseif k == 2 then out:push({ n = id * 100000 + i, nested = { true } })
            elseif k == 3 then out:push(love.data.newByteData(tostring(id * 100000 + i)))
            else out:push(i % 2 == 0) end
        end
    ]]
    local threads = {}
    for id = 1, 4 do
        threads[id] = th.newThread(code .. "\n")
        threads[id]:start(id)
    end
    local seen, bools, total = {}, 0, 0
    local c = th.getChannel("load")
    while total < 10000 do
        local v = c:demand(10)
        T.eq(v ~= nil, true, "a message arrived")
        total = total + 1
        local key
        if type(v) == "number" then key = v
        elseif type(v) == "string" then key = tonumber(v:sub(2))
        elseif type(v) == "table" then key = v.n; T.eq(v.nested[1], true)
        elseif type(v) == "userdata" then key = tonumber(v:getString())
        else bools = bools + 1 end
        if key then
            T.eq(seen[key], nil, "no duplicate")
            seen[key] = true
        end
    end
    for _, t in ipairs(threads) do t:wait(); T.eq(t:getError(), nil) end
    T.eq(bools, 2000); T.eq(c:getCount(), 0)
end)

T.test("thread_love_objects_cross", function()
    -- A thread that makes ImageData and SoundData with love.image/love.sound, and answers
    -- on a Channel it was given.
    local reply = th.newChannel()
    local t = th.newThread([[
        require("love.image")
        require("love.sound")
        local reply, input = ...
        local d = love.image.newImageData(3, 2)
        d:setPixel(2, 1, 1, 0, 0, 1)
        reply:push(d)
        local s = love.sound.newSoundData(4, 8000, 16, 1)
        s:setSample(1, 0.5)
        reply:push(s)
        local got = input:demand(5)
        reply:push(got:getWidth() .. "x" .. got:getHeight() .. ":" .. got:getFormat())
        reply:push(type(require("socket").tcp))
    ]])
    local input = th.newChannel()
    t:start(reply, input)
    local d = reply:demand(5)
    T.eq(d:type(), "ImageData"); T.eq(d:getWidth(), 3)
    T.eq(select(1, d:getPixel(2, 1)), 1)
    local s = reply:demand(5)
    T.eq(s:type(), "SoundData"); T.eq(s:getSampleCount(), 4)
    T.near(s:getSample(1), 0.5, 1e-4)
    input:push(love.image.newImageData(5, 4, "rgba16"))
    T.eq(reply:demand(5), "5x4:rgba16")
    T.eq(reply:demand(5), "function")
    t:wait()
    T.eq(t:getError(), nil)
end)

T.run()
