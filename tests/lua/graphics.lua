local T = require("testlib")
local g = love.graphics

T.test("graphics_getDimensions", function()
    T.eq(g.getWidth(), 320); T.eq(g.getHeight(), 240)
    local w, h = g.getDimensions(); T.eq(w, 320); T.eq(h, 240)
end)

T.test("graphics_setColor_getColor", function()
    g.setColor(0.25, 0.5, 0.75)
    local r, gg, b, a = g.getColor()
    T.eq(r, 0.25); T.eq(gg, 0.5); T.eq(b, 0.75); T.eq(a, 1)
    g.setColor({ 1, 0, 0, 0.5 })
    r, gg, b, a = g.getColor(); T.eq(r, 1); T.eq(a, 0.5)
    T.err("bad argument #5 to 'setColor' (number expected, got nil)", g.setColor, { 1, 2 })
    T.err("bad argument #3 to 'setColor' (number expected, got no value)", g.setColor, 1, 2)
    g.setColor(1, 1, 1, 1)
end)

T.test("graphics_setBackgroundColor", function()
    g.setBackgroundColor(0.1, 0.2, 0.3)
    local r, gg, b, a = g.getBackgroundColor()
    T.near(r, 0.1); T.near(gg, 0.2); T.near(b, 0.3); T.eq(a, 1)
    g.setBackgroundColor(0, 0, 0)
end)

T.test("graphics_rectangle_errors", function()
    T.err("Invalid draw mode 'fil', expected one of: 'line', 'fill'", g.rectangle, "fil", 1, 2, 3, 4)
    local ok, e = pcall(function() g.rectangle("fill", 1, 2, 3) end)
    T.eq(ok, false)
    T.eq(e, "graphics.lua:29: bad argument #5 to 'rectangle' (number expected, got no value)")
    T.err("bad argument #2 to 'rectangle' (number expected, got string)", g.rectangle, "fill", "x", 2, 3, 4)
end)

T.test("graphics_getStats_counts_batched_rectangles", function()
    g.present() -- start from an empty frame
    for i = 1, 1000 do
        g.setColor(i / 1000, 0.5, 0.5)
        g.rectangle("fill", i % 300, i % 200, 4, 4)
    end
    local s = g.getStats()
    T.eq(s.drawcalls, 1, "draw calls for 1000 same-state rectangles")
    T.eq(s.drawcallsbatched, 999)
    g.rectangle("line", 0, 0, 10, 10)
    T.eq(g.getStats().drawcalls, 1, "line rectangles share the batch")
    g.print("text", 0, 0)
    T.eq(g.getStats().drawcalls, 2, "text uses the glyph atlas: a new draw call")
    g.present()
    T.eq(g.getStats().drawcalls, 0, "present starts a new frame")
    g.setColor(1, 1, 1)
end)

T.test("graphics_push_pop", function()
    g.push("all")
    g.setColor(1, 0, 0)
    g.translate(10, 10)
    g.pop()
    local r, gg = g.getColor()
    T.eq(gg, 1, "pop('all') restores the colour")
    T.err("Minimum stack depth reached (more pops than pushes?)", g.pop)
    T.err("Invalid graphics stack type 'al', expected one of: 'all', 'transform'", g.push, "al")
    for i = 1, 128 do g.push() end -- LÖVE 11's limit is 128 (checked with 11.4)
    T.err("Maximum stack depth reached (more pushes than pops?)", g.push)
    for i = 1, 128 do g.pop() end
end)

T.test("graphics_lineWidth", function()
    g.setLineWidth(3); T.eq(g.getLineWidth(), 3); g.setLineWidth(1)
end)

T.test("graphics_isActive", function() T.eq(g.isActive(), true) end)

T.test("graphics_printf_align_error", function()
    T.err("Invalid alignment 'middle', expected one of: 'left', 'center', 'right', 'justify'",
        g.printf, "x", 0, 0, 100, "middle") -- LÖVE 11.4's wording for printf
end)

T.test("graphics_reset", function()
    g.setColor(1, 0, 0); g.setLineWidth(5); g.reset()
    local r, gg = g.getColor(); T.eq(gg, 1); T.eq(g.getLineWidth(), 1)
end)

T.test("graphics_setColor_clamps_to_0_1", function()
    -- LÖVE 11 clamps: games written for 0.10's 0..255 colours get white, not 255.
    g.setColor(255, 128, -3)
    local r, gg, b, a = g.getColor()
    T.eq(r, 1); T.eq(gg, 1); T.eq(b, 0); T.eq(a, 1)
    g.setColor({ 2, 0.5, 0, 7 })
    r, gg, b, a = g.getColor()
    T.eq(r, 1); T.eq(gg, 0.5); T.eq(a, 1)
    g.setColor(1, 1, 1, 1)
end)

T.test("graphics_print_printf_with_Transform", function()
    -- print(text, transform) and printf(text, transform, limit, align), as LÖVE 11 takes them.
    local c = g.newCanvas(100, 100)
    g.setCanvas(c); g.clear(0, 0, 0, 0)
    g.print("##", love.math.newTransform(60, 60))
    g.printf("##", love.math.newTransform(0, 10), 40, "right")
    g.setCanvas()
    local d = c:newImageData()
    local minx, miny = 100, 100
    local right = false
    for y = 0, 99 do
        for x = 0, 99 do
            local _, _, _, a = d:getPixel(x, y)
            if a > 0 then
                if y >= 55 then minx = math.min(minx, x); miny = math.min(miny, y) end
                if y < 40 and x >= 20 and x < 45 then right = true end
            end
        end
    end
    T.eq(minx >= 58 and minx <= 64, true, "print at the transform's x (" .. minx .. ")")
    T.eq(miny >= 58, true, "print at the transform's y (" .. miny .. ")")
    T.eq(right, true, "printf right-aligned inside the limit")
    T.err("bad argument #3 to 'printf' (number expected, got no value)", g.printf, "x", love.math.newTransform())
end)

T.run()
