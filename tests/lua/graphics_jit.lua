-- The LuaJIT FFI entry points (engine/src/graphics/lua/jit_paths.rs): setColor,
-- rectangle, circle, draw(image) and SpriteBatch:add take a compiled fast path once a
-- loop is hot. These tests run each call in loops long enough to be compiled (LuaJIT
-- compiles a loop after ~56 iterations) and check that the results, draw-call counts and
-- error messages are the ordinary binding's.
local T = require("testlib")
local g = love.graphics
local HOT = 500

-- Runs fn, which must fail with `msg` positioned at one of fn's own lines (the game's
-- line, never the engine's wrapper).
local function err_in(msg, fn)
    local ok, e = pcall(fn)
    if ok then error("expected error '" .. msg .. "', but the call succeeded", 2) end
    local file, line, rest = tostring(e):match("^([^:]+):(%d+): (.*)$")
    if file ~= "graphics_jit.lua" or rest ~= msg then
        error(string.format("expected error\n    graphics_jit.lua:N: %s\ngot\n    %s", msg, tostring(e)), 2)
    end
    local info = debug.getinfo(fn, "S")
    line = tonumber(line)
    if line < info.linedefined or line > info.lastlinedefined then
        error("error position " .. line .. " is outside the calling function", 2)
    end
end

T.test("graphics_jit_paths_installed", function()
    -- The wrappers are Lua functions when the FFI and the JIT are there.
    T.eq(type(jit), "table")
    T.eq(jit.status(), true)
    for _, name in ipairs({ "setColor", "getColor", "rectangle", "circle", "draw", "origin",
        "translate", "rotate", "scale", "push", "pop" }) do
        T.eq(debug.getinfo(g[name], "S").what, "Lua", name .. " is an FFI wrapper")
    end
end)

T.test("graphics_jit_setColor_clamps_in_a_hot_loop", function()
    for i = 1, HOT do g.setColor(i / 100, -i, 0.5, i % 2) end
    local r, gg, b, a = g.getColor()
    T.eq(r, 1); T.eq(gg, 0); T.eq(b, 0.5); T.eq(a, 0)
    for i = 1, HOT do g.setColor(0.25, 0.5, 0.75) end
    r, gg, b, a = g.getColor()
    T.eq(r, 0.25); T.eq(gg, 0.5); T.eq(b, 0.75); T.eq(a, 1, "alpha defaults to 1")
    -- The other forms still work after the loop was compiled.
    g.setColor({ 0.1, 0.2, 0.3, 0.4 })
    r, gg, b, a = g.getColor()
    T.near(r, 0.1, 1e-6); T.near(a, 0.4, 1e-6)
    g.setColor(1, 1, 1, 1)
end)

T.test("graphics_jit_shapes_batch_into_one_draw_call", function()
    g.present()
    for i = 1, HOT do
        g.setColor(i / HOT, 0.5, 0.5, 0.9)
        if i % 2 == 0 then
            g.rectangle("fill", i % 300, i % 200, 6, 6)
        else
            g.circle("fill", i % 300, i % 200, 3)
        end
    end
    local s = g.getStats()
    T.eq(s.drawcalls, 1, "draw calls for 500 mixed shapes")
    T.eq(s.drawcallsbatched, HOT - 1)
    -- line mode goes through the same wrappers
    for i = 1, HOT do g.rectangle("line", i % 300, 0, 5, 5); g.circle("line", 0, i % 200, 4) end
    T.eq(g.getStats().drawcalls, 1)
    g.present()
    g.setColor(1, 1, 1, 1)
end)

T.test("graphics_jit_errors_keep_loves_wording_and_position", function()
    local function loop(f)
        for i = 1, HOT do
            if i == 400 then f() else g.rectangle("fill", 1, 2, 3, 4) end
        end
    end
    err_in("Invalid draw mode 'fil', expected one of: 'line', 'fill'", function()
        loop(function() g.rectangle("fil", 1, 2, 3, 4) end)
    end)
    err_in("bad argument #4 to 'circle' (number expected, got no value)", function()
        loop(function() g.circle("fill", 1, 2) end)
    end)
    err_in("bad argument #2 to 'setColor' (number expected, got string)", function()
        loop(function() g.setColor(1, "x", 1) end)
    end)
    err_in("bad argument #1 to 'draw' (Drawable expected, got nil)", function()
        loop(function() g.draw(nil, 1, 2) end)
    end)
    g.present()
end)

T.test("graphics_jit_draw_image_forms", function()
    local img = g.newImage(love.image.newImageData(4, 4))
    g.present()
    for i = 1, HOT do g.draw(img, i % 300, 10, 0.5, 2, nil, 2, 2) end
    T.eq(g.getStats().drawcalls, 1)
    -- a quad, a Transform and a canvas take the ordinary path in the same loop
    local q = g.newQuad(0, 0, 2, 2, 4, 4)
    local t = love.math.newTransform(5, 5)
    for i = 1, HOT do
        if i % 3 == 0 then g.draw(img, q, i, 0) elseif i % 3 == 1 then g.draw(img, t) else g.draw(img, i, 1) end
    end
    T.eq(g.getStats().drawcalls, 1, "every form of draw of one image batches")
    -- numeric strings are numbers to LÖVE: the ordinary binding takes them
    for i = 1, HOT do g.draw(img, "10", "20") end
    -- a released image in a hot loop: LÖVE's error, never a stale texture
    local other = g.newImage(love.image.newImageData(2, 2))
    for i = 1, HOT do g.draw(other, i, 0) end
    other:release()
    err_in("Cannot use object after it has been released.", function()
        for i = 1, HOT do g.draw(other, i, 0) end
    end)
    g.present()
end)

T.test("graphics_jit_spritebatch_add", function()
    local img = g.newImage(love.image.newImageData(4, 4))
    local sb = g.newSpriteBatch(img, 10)
    for i = 1, HOT do
        T.eq(sb:add(i, i, 0, 1, 1), i)
    end
    T.eq(sb:getCount(), HOT)
    T.eq(sb:getBufferSize() >= HOT, true, "the buffer grew")
    -- two batches alternating keep their own sprites
    local sb2 = g.newSpriteBatch(img, 10)
    for i = 1, HOT do sb:add(0, 0); sb2:add(1, 1) end
    T.eq(sb:getCount(), 2 * HOT); T.eq(sb2:getCount(), HOT)
    -- a quad and bad arguments take the ordinary path
    local q = g.newQuad(0, 0, 2, 2, 4, 4)
    T.eq(sb2:add(q, 5, 5), HOT + 1)
    err_in("bad argument #1 to 'add' (number expected, got boolean)", function()
        for i = 1, HOT do sb2:add(i < HOT and 1 or true, 2) end
    end)
    -- draw, then release inside a hot loop
    g.present()
    g.draw(sb)
    T.eq(g.getStats().drawcalls, 1)
    sb:release()
    err_in("Cannot use object after it has been released.", function()
        for i = 1, HOT do sb:add(1, 2) end
    end)
    g.present()
end)

T.test("graphics_jit_paths_inside_stencil_and_with_jit_off", function()
    g.present()
    g.stencil(function()
        for i = 1, HOT do g.rectangle("fill", i % 100, 0, 2, 2) end
    end, "replace", 1)
    g.setStencilTest("greater", 0)
    for i = 1, HOT do g.circle("fill", 10, 10, 5) end
    g.setStencilTest()
    jit.off()
    -- interpreted, the raw C functions are faster: jit.off() puts them back
    T.eq(debug.getinfo(g.draw, "S").what, "C", "jit.off() restores the C draw")
    local img = g.newImage(love.image.newImageData(2, 2))
    local sb = g.newSpriteBatch(img)
    for i = 1, HOT do g.setColor(1, 0, 0); g.rectangle("fill", 0, 0, 1, 1); g.draw(img, i, 0); sb:add(i, 0) end
    T.eq(sb:getCount(), HOT)
    jit.on()
    T.eq(debug.getinfo(g.draw, "S").what, "Lua", "jit.on() brings the FFI wrappers back")
    for i = 1, HOT do sb:add(i, 0) end
    T.eq(sb:getCount(), 2 * HOT)
    -- the per-function forms pass through (and still mean the caller with `true`)
    local function f() return 1 end
    jit.off(f); jit.on(f)
    jit.off(true); jit.on(true)
    T.eq(debug.getinfo(g.draw, "S").what, "Lua")
    local r = g.getColor()
    T.eq(r, 1)
    g.setColor(1, 1, 1, 1)
    g.present()
end)

T.test("graphics_jit_transform_stack_in_a_hot_loop", function()
    g.origin()
    local sum = 0
    for i = 1, HOT do
        g.push()
        g.translate(i, 2 * i)
        g.rotate(math.pi / 2)
        g.scale(2)
        g.scale(1, 3)
        local x, y = g.transformPoint(1, 1)
        if i == HOT then
            -- rotate a quarter turn after scaling (2, 6): (1, 1) -> (2, 6) -> (-6, 2)
            T.near(x, HOT - 6, 1e-3); T.near(y, 2 * HOT + 2, 1e-3)
        end
        g.pop()
        sum = sum + g.getStackDepth()
    end
    T.eq(sum, 0, "every push popped")
    local x, y = g.transformPoint(3, 4)
    T.eq(x, 3); T.eq(y, 4)
    -- push("all") restores the colour; getColor through the FFI
    for i = 1, HOT do
        g.push("all")
        g.setColor(0, 1, 0, 1)
        local r, gg = g.getColor()
        if r ~= 0 or gg ~= 1 then error("getColor inside push") end
        g.pop()
    end
    local r, gg, b, a = g.getColor()
    T.eq(r, 1); T.eq(gg, 1); T.eq(b, 1); T.eq(a, 1)
    -- the stack limits raise LÖVE's errors from a hot loop, at the game's line
    err_in("Maximum stack depth reached (more pushes than pops?)", function()
        for i = 1, HOT do g.push() end
    end)
    err_in("Minimum stack depth reached (more pops than pushes?)", function()
        for i = 1, HOT do g.pop() end
    end)
    local ok, e = pcall(function() for i = 1, HOT do g.push(i < 100 and "transform" or "al") end end)
    T.eq(tostring(e):match("^graphics_jit.lua:%d+: Invalid graphics stack type 'al'") ~= nil, true, e)
    while g.getStackDepth() > 0 do g.pop() end
    err_in("bad argument #2 to 'translate' (number expected, got nil)", function()
        for i = 1, HOT do g.translate(1, i < HOT and 1 or nil) end
    end)
    g.origin()
end)

T.test("graphics_jit_draw_quad_follows_setViewport_and_release", function()
    local d = love.image.newImageData(4, 1)
    d:setPixel(0, 0, 1, 0, 0, 1); d:setPixel(1, 0, 0, 1, 0, 1)
    d:setPixel(2, 0, 0, 0, 1, 1); d:setPixel(3, 0, 1, 1, 1, 1)
    local img = g.newImage(d)
    img:setFilter("nearest", "nearest")
    local q = g.newQuad(0, 0, 1, 1, 4, 1)
    local canvas = g.newCanvas(8, 1)
    g.setCanvas(canvas)
    g.clear(0, 0, 0, 1)
    for i = 1, HOT do
        if i == HOT - 7 then q:setViewport(1, 0, 1, 1) end
        if i == HOT - 3 then q:setViewport(2, 0, 1, 1, 4, 1) end
        g.draw(img, q, (i - 1) % 8, 0)
    end
    g.setCanvas()
    local out = canvas:newImageData()
    for x = 0, 7 do
        local r, gg, b = out:getPixel(x, 0)
        local want = x < 4 and { 0, 0, 1 } or { 0, 1, 0 } -- the last four draws are blue
        T.eq(r, want[1], "red at " .. x); T.eq(gg, want[2], "green at " .. x); T.eq(b, want[3], "blue at " .. x)
    end
    -- two quads alternating, and a Transform in the same loop
    local q2 = g.newQuad(3, 0, 1, 1, 4, 1)
    local t = love.math.newTransform(1, 0)
    g.present()
    for i = 1, HOT do
        if i % 3 == 0 then g.draw(img, q, i, 0) elseif i % 3 == 1 then g.draw(img, q2, i, 0, 0, 2) else g.draw(img, t) end
    end
    T.eq(g.getStats().drawcalls, 1)
    -- a canvas with a quad (never on the FFI path) still draws, and still refuses itself
    local cv = g.newCanvas(4, 4)
    for i = 1, HOT do g.draw(cv, q, i, 0) end
    g.setCanvas(cv)
    err_in("Cannot render a Texture to itself.", function()
        for i = 1, HOT do g.draw(cv, q, i, 0) end
    end)
    g.setCanvas()
    q2:release()
    err_in("Cannot use object after it has been released.", function()
        for i = 1, HOT do g.draw(img, i < 300 and q or q2, 0, 0) end
    end)
    g.present()
end)

T.test("graphics_jit_draw_refuses_2d_under_an_array_maintex_shader", function()
    local img = g.newImage(love.image.newImageData(4, 4))
    local q = g.newQuad(0, 0, 2, 2, 4, 4)
    for i = 1, HOT do g.draw(img, i, 0); g.draw(img, q, i, 0) end -- both known to the FFI
    local as = g.newShader([[
uniform ArrayImage MainTex;
void effect() { love_PixelColor = Texel(MainTex, VaryingTexCoord.xyz) * VaryingColor; }
]])
    g.setShader(as)
    local msg = "Texture's type (2d) must match the type of the shader's main texture type (array)."
    err_in(msg, function() for i = 1, HOT do g.draw(img, i, 0) end end)
    err_in(msg, function() for i = 1, HOT do g.draw(img, q, i, 0) end end)
    g.setShader()
    g.present()
end)

T.run()
