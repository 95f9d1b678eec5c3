-- Canvas pixel formats: every colour format drawn into, read back (byte for byte LÖVE
-- 11.4's layout) and drawn; depth/stencil canvases as setCanvas's depthstencil; LÖVE's
-- errors. Expected bytes and messages were printed by LÖVE 11.4 running this file
-- (llvmpipe); the file passes there too, except "Cannot render a Texture to itself."
-- (LÖVE 11.5's wording; 11.4 says "Cannot render a Canvas to itself!").
local T = require("testlib")
local g = love.graphics

local function err(message, fn)
    local ok, e = pcall(fn)
    if ok then error("expected error '" .. message .. "'", 2) end
    e = tostring(e):gsub("^[^:]+:%d+: ", "")
    if e ~= message then error(string.format("expected error\n    %s\ngot\n    %s", message, e), 2) end
end
local function hex(s)
    return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

-- Colours exact in 4, 5, 6, 8 and 10 bits where it matters: the clear colour
-- (0.2, 0.4, 0.6, 0.8) and a rectangle of (1, 0.6, 0.2, 1) over the top-left 2x2.
-- Expected: ImageData format, bytes of pixel (0,0), bytes of pixel (3,3).
local COLOR = {
    r8 = { "r8", "ff", "33" },
    rg8 = { "rg8", "ff99", "3366" },
    rgba8 = { "rgba8", "ff9933ff", "336699cc" },
    srgba8 = { "rgba8", "ffcb7cff", "7caacbcc" },
    rgba4 = { "rgba4", "3ff9", "9c36" },
    rgb5a1 = { "rgb5a1", "cdfc", "2733" },
    rgb565 = { "rgb565", "c6fc", "3333" },
    rgb10a2 = { "rgb10a2", "ff9bc9cc", "cd6466a6" },
    rg11b10f = { "rg11b10f", "c063dc64", "26339b71" },
    r16 = { "r16", "ffff", "3333" },
    rg16 = { "rg16", "ffff9999", "33336666" },
    rgba16 = { "rgba16", "ffff99993333ffff", "333366669999cccc" },
    r16f = { "r16f", "003c", "6632" },
    rg16f = { "rg16f", "003ccc38", "66326636" },
    rgba16f = { "rgba16f", "003ccc386632003c", "66326636cc38663a" },
    r32f = { "r32f", "0000803f", "cdcc4c3e" },
    rg32f = { "rg32f", "0000803f9a99193f", "cdcc4c3ecdcccc3e" },
    rgba32f = { "rgba32f", "0000803f9a99193fcecc4c3e0000803f", "cdcc4c3ecdcccc3e9a99193fcdcc4c3f" },
}
local COLOR_ORDER = { "r8", "rg8", "rgba8", "srgba8", "rgba4", "rgb5a1", "rgb565", "rgb10a2", "rg11b10f",
    "r16", "rg16", "rgba16", "r16f", "rg16f", "rgba16f", "r32f", "rg32f", "rgba32f" }
local CHANNELS = { r8 = 1, r16 = 1, r16f = 1, r32f = 1, rg8 = 2, rg16 = 2, rg16f = 2, rg32f = 2,
    rgb565 = 3, rg11b10f = 3 }
local DEPTH = { "depth16", "depth24", "depth32f", "depth24stencil8", "depth32fstencil8", "stencil8" }

local function paint(c)
    g.setCanvas(c)
    g.clear(0.2, 0.4, 0.6, 0.8)
    g.setColor(1, 0.6, 0.2, 1)
    g.rectangle("fill", 0, 0, 2, 2)
    g.setColor(1, 1, 1, 1)
    g.setCanvas()
end

local function pixel_bytes(d, x, y)
    local size = #d:getString() / (d:getWidth() * d:getHeight())
    local at = (y * d:getWidth() + x) * size
    return hex(d:getString():sub(at + 1, at + size))
end

T.test("graphics_getCanvasFormats", function()
    local all, readable, plain = g.getCanvasFormats(), g.getCanvasFormats(true), g.getCanvasFormats(false)
    local n = 0
    for _ in pairs(all) do n = n + 1 end
    T.eq(n, 27, "LÖVE's 24 canvas formats, normal, hdr and la8")
    T.eq(all.la8, false); T.eq(readable.la8, false)
    T.eq(readable.stencil8, false, "stencil8 can't be readable")
    T.eq(plain.stencil8, all.stencil8, "no argument: depth formats as non-readable")
    T.eq(all.normal, true); T.eq(all.hdr, readable.rgba16f)
    -- Exactly what newCanvas accepts.
    for name, ok in pairs(all) do
        T.eq(pcall(g.newCanvas, 4, 4, { format = name }), ok, name)
        T.eq(pcall(g.newCanvas, 4, 4, { format = name, readable = true }), readable[name], name .. " readable")
        T.eq(pcall(g.newCanvas, 4, 4, { format = name, readable = false }), plain[name], name .. " non-readable")
    end
    T.eq(g.getCanvasFormats(1).stencil8, true, "a non-boolean argument is no argument")
end)

T.test("graphics_newCanvas_color_formats_readback", function()
    local formats = g.getCanvasFormats(true)
    for _, f in ipairs(COLOR_ORDER) do
        if formats[f] then
            local c = g.newCanvas(4, 4, { format = f })
            T.eq(c:getFormat(), f); T.eq(c:isReadable(), true, f)
            paint(c)
            local d = c:newImageData()
            local want = COLOR[f]
            if os.getenv("PRINT_BYTES") then
                print(string.format('    %s = { "%s", "%s", "%s" },', f, d:getFormat(), pixel_bytes(d, 0, 0), pixel_bytes(d, 3, 3)))
                want = { d:getFormat(), pixel_bytes(d, 0, 0), pixel_bytes(d, 3, 3) }
            end
            T.eq(d:getFormat(), want[1], f .. " ImageData format")
            T.eq(d:getWidth(), 4)
            T.eq(pixel_bytes(d, 0, 0), want[2], f .. " rectangle pixel")
            T.eq(pixel_bytes(d, 3, 3), want[3], f .. " cleared pixel")
            -- A sub-rectangle is the same bytes.
            local part = c:newImageData(1, 1, 1, 1, 2, 2)
            T.eq(part:getWidth(), 2); T.eq(part:getFormat(), want[1])
            T.eq(pixel_bytes(part, 0, 0), want[2], f .. " sub-rectangle")
            T.eq(pixel_bytes(part, 1, 1), want[3], f .. " sub-rectangle")
        end
    end
    T.eq(g.newCanvas(2, 2, { format = "normal" }):getFormat(), "rgba8")
    T.eq(g.newCanvas(2, 2, { format = "hdr" }):getFormat(), "rgba16f")
    err("Invalid rectangle dimensions.", function() g.newCanvas(2, 2):newImageData(1, 1, 1, 1, 4, 4) end)
end)

T.test("graphics_draw_color_format_canvases", function()
    -- Drawing (sampling) each canvas into an rgba8 one: missing channels read as 0,
    -- alpha as 1, as GL does.
    local formats = g.getCanvasFormats(true)
    local out = g.newCanvas(4, 4)
    for _, f in ipairs(COLOR_ORDER) do
        if formats[f] and f ~= "srgba8" then
            local c = g.newCanvas(4, 4, { format = f })
            paint(c)
            g.setCanvas(out)
            g.clear(0, 0, 0, 0)
            g.setBlendMode("replace", "premultiplied")
            g.draw(c)
            g.setBlendMode("alpha")
            g.setCanvas()
            local px = { out:newImageData():getPixel(3, 3) }
            -- Channels each format stores (the rest read as 0, alpha as 1).
            local n = CHANNELS[f] or 4
            local want = { 0.2, n >= 2 and 0.4 or 0, n >= 3 and 0.6 or 0, n >= 4 and 0.8 or 1 }
            if f == "rgb10a2" then want[4] = 2 / 3 end
            -- rgb5a1 is stored as rgba8 in the engine: its sampled alpha keeps 8 bits
            -- (LÖVE: 1 bit); its readback is LÖVE's (checked above).
            if f == "rgb5a1" then want[4] = px[4] end
            local eps = f:find("^rgb?a?[45]") and 0.04 or 0.02
            for i = 1, 4 do T.near(px[i], want[i], eps, f .. " channel " .. i) end
        end
    end
end)

T.test("graphics_newCanvas_formats_msaa_mipmaps", function()
    -- Every readable colour format with MSAA (4 samples, or none where the device can't
    -- multisample the format) and with automatic mipmaps (the 1x1 level is the average).
    local formats = g.getCanvasFormats(true)
    for _, f in ipairs(COLOR_ORDER) do
        if formats[f] then
            local n = CHANNELS[f] or 4
            local m = g.newCanvas(8, 8, { format = f, msaa = 4 })
            T.eq(m:getMSAA() == 0 or m:getMSAA() == 4, true, f .. " msaa")
            g.setCanvas(m)
            g.clear(0, 0, 0, 1)
            g.circle("fill", 4, 4, 3)
            g.setCanvas()
            local r, gg = m:newImageData():getPixel(4, 4)
            T.eq(r, 1, f .. " msaa red"); T.eq(gg, n >= 2 and 1 or 0, f .. " msaa green")
            local c = g.newCanvas(8, 8, { format = f, mipmaps = "auto" })
            T.eq(c:getMipmapCount(), 4)
            g.setCanvas(c)
            g.clear(0, 0, 0, 1)
            g.rectangle("fill", 0, 0, 4, 8)
            g.setCanvas()
            c:setMipmapFilter("nearest")
            local o = g.newCanvas(1, 1)
            g.setCanvas(o)
            g.draw(c, 0, 0, 0, 1 / 8, 1 / 8)
            g.setCanvas()
            local lr = o:newImageData():getPixel(0, 0)
            T.near(lr, 0.5, 0.04, f .. " mipmap average") -- rgba4: 8/15
        end
    end
end)

T.test("graphics_newCanvas_format_errors", function()
    err("Invalid pixel format: bogus", function() g.newCanvas(4, 4, { format = "bogus" }) end)
    err("The la8 canvas format is not supported by your graphics drivers.",
        function() g.newCanvas(4, 4, { format = "la8" }) end)
    err("The la8 non-readable canvas format is not supported by your graphics drivers.",
        function() g.newCanvas(4, 4, { format = "la8", readable = false }) end)
    err("The DXT1 canvas format is not supported by your graphics drivers.",
        function() g.newCanvas(4, 4, { format = "DXT1" }) end)
    err("The stencil8 readable canvas format is not supported by your graphics drivers.",
        function() g.newCanvas(4, 4, { format = "stencil8", readable = true }) end)
    local nr = g.newCanvas(4, 4, { readable = false })
    T.eq(nr:isReadable(), false)
    err("Canvas:newImageData cannot be called on non-readable Canvases.", function() nr:newImageData() end)
    err("Textures with non-readable formats cannot be drawn.", function() g.draw(nr) end)
    err("Textures with non-readable formats cannot be drawn.", function() g.draw(nr, 1, 2) end)
    err("Non-readable and MSAA textures cannot have mipmaps.",
        function() g.newCanvas(4, 4, { readable = false, mipmaps = "manual" }) end)
    local s = g.newShader("uniform Image t; vec4 effect(vec4 c, Image tex, vec2 uv, vec2 p) { return Texel(t, uv); }")
    err("Textures with non-readable formats cannot be sampled from in a shader.", function() s:send("t", nr) end)
    -- SpriteBatch, Mesh and ParticleSystem take it; drawing them fails as in LÖVE.
    local sb = g.newSpriteBatch(nr)
    sb:add(0, 0)
    err("Textures with non-readable formats cannot be sampled from in a shader.", function() g.draw(sb) end)
    local m = g.newMesh({ { 0, 0 }, { 1, 0 }, { 0, 1 } })
    m:setTexture(nr)
    err("Textures with non-readable formats cannot be sampled from in a shader.", function() g.draw(m) end)
    local ps = g.newParticleSystem(nr)
    ps:emit(1)
    err("Textures with non-readable formats cannot be sampled from in a shader.", function() g.draw(ps) end)
end)

T.test("graphics_newCanvas_depth_formats", function()
    local formats = g.getCanvasFormats()
    for _, f in ipairs(DEPTH) do
        if formats[f] then
            local d = g.newCanvas(4, 4, { format = f })
            T.eq(d:getFormat(), f); T.eq(d:isReadable(), false, f .. " is not readable by default")
            T.eq(d:getDepthSampleMode(), nil)
            err("Canvas:newImageData cannot be called on non-readable Canvases.", function() d:newImageData() end)
            err("Textures with non-readable formats cannot be drawn.", function() g.draw(d) end)
            err("Depth/stencil format Canvases must be used with the 'depthstencil' field of the table passed into setCanvas.",
                function() g.setCanvas(d) end)
            err("Depth/stencil format Canvases must be used with the 'depthstencil' field of the table passed into setCanvas.",
                function() d:renderTo(function() end) end)
            -- Drawn with: a colour canvas and this as its depth/stencil buffer.
            local c = g.newCanvas(4, 4)
            g.setCanvas({ c, depthstencil = d })
            g.clear(0, 0, 0, 1)
            g.rectangle("fill", 0, 0, 2, 2)
            g.setCanvas()
            T.eq(c:newImageData():getPixel(0, 0), 1, f .. ": drawn")
        end
    end
    local r = g.newCanvas(4, 4, { format = "depth24", readable = true })
    T.eq(r:isReadable(), true)
    err("Canvas:newImageData cannot be called on Canvases with depth/stencil pixel formats.", function() r:newImageData() end)
    err("Readable depth/stencil Canvases with MSAA are not currently supported.",
        function() g.newCanvas(4, 4, { format = "depth24", readable = true, msaa = 4 }) end)
    err("Automatic mipmap generation cannot be used for depth/stencil Canvases.",
        function() g.newCanvas(4, 4, { format = "depth24", readable = true, mipmaps = "auto" }) end)
    T.eq(g.newCanvas(4, 4, { format = "depth24", msaa = 4 }):getMSAA(), 4)
end)

T.test("graphics_draw_readable_depth_canvas", function()
    -- Drawn with the default shader: the depth in red (2D draws are at 0.5), 0, 0, 1.
    local c, out = g.newCanvas(8, 8), g.newCanvas(8, 8)
    local d = g.newCanvas(8, 8, { format = "depth24", readable = true })
    g.setCanvas({ c, depthstencil = d })
    g.clear(0, 0, 0, 1)
    g.setDepthMode("less", true)
    g.rectangle("fill", 0, 0, 4, 4)
    g.setDepthMode()
    err("Cannot render a Texture to itself.", function() g.draw(d) end)
    g.setCanvas(out)
    g.clear(0, 0, 0, 0)
    g.draw(d)
    g.setCanvas()
    local px = out:newImageData()
    local r, gg, b, a = px:getPixel(1, 1)
    T.near(r, 0.5, 0.01, "2D depth"); T.eq(gg, 0); T.eq(b, 0); T.eq(a, 1)
    T.eq(px:getPixel(6, 6), 1, "cleared depth")
end)

T.test("graphics_setCanvas_depthstencil_only", function()
    -- A depth-only pass (shadow maps): the depth canvas is the whole target.
    local d = g.newCanvas(8, 8, { format = "depth24", readable = true })
    local m = g.newMesh({ { "VertexPosition", "float", 3 } }, { { 0, 0, 5 }, { 8, 0, 5 }, { 0, 8, 5 } }, "triangles")
    g.setCanvas({ depthstencil = d })
    T.eq(g.getCanvas(), nil, "LÖVE: nil without a colour canvas")
    g.clear()
    g.setDepthMode("less", true)
    g.draw(m)
    g.rectangle("fill", 0, 0, 8, 8)
    g.setDepthMode()
    g.setCanvas()
    local o = g.newCanvas(8, 8)
    g.setCanvas(o)
    g.draw(d)
    g.setCanvas()
    local px = o:newImageData()
    T.near(px:getPixel(1, 1), 0.25, 0.01, "mesh at z = 5")
    T.near(px:getPixel(6, 6), 0.5, 0.01, "2D draw behind it")
end)

T.test("graphics_clear_depth_value", function()
    -- clear(..., stencil, depth): depth 1 unless given, false keeps it; stencil() keeps it.
    local c, o = g.newCanvas(8, 8), g.newCanvas(8, 8)
    local d = g.newCanvas(8, 8, { format = "depth24stencil8", readable = true })
    local function depth_after(fn)
        g.setCanvas({ c, depthstencil = d })
        fn()
        g.setCanvas(o)
        g.clear(0, 0, 0, 0)
        g.draw(d)
        g.setCanvas()
        return (o:newImageData():getPixel(1, 1))
    end
    T.near(depth_after(function() g.clear(0, 0, 0, 1, 0, 0.25) end), 0.25, 0.01)
    T.eq(depth_after(function() g.clear(0, 0, 0, 1, false) end), 1, "stencil false: depth still 1")
    T.near(depth_after(function() g.clear(0, 0, 0, 1, 0, 0.25); g.clear(0, 0, 0, 1, 0, false) end), 0.25, 0.01)
    T.near(depth_after(function() g.stencil(function() end) end), 0.25, 0.01, "stencil() keeps depth")
    T.near(depth_after(function() g.clear(false, false, 0.75) end), 0.75, 0.01)
    T.near(depth_after(function() g.clear({ 0, 0, 0, 1 }, false, 0.5) end), 0.5, 0.01)
end)

T.test("graphics_Shader_send_depth_canvas", function()
    -- A readable depth canvas sent to a shader samples as (depth, 0, 0, 1).
    local c, out = g.newCanvas(8, 8), g.newCanvas(8, 8)
    local d = g.newCanvas(8, 8, { format = "depth24", readable = true })
    g.setCanvas({ c, depthstencil = d })
    g.clear(0, 0, 0, 1)
    g.setDepthMode("less", true)
    g.rectangle("fill", 0, 0, 4, 4)
    g.setDepthMode()
    g.setCanvas()
    local s = g.newShader([[
        uniform Image dt;
        vec4 effect(vec4 col, Image tex, vec2 uv, vec2 p) {
            vec4 v = Texel(dt, p / vec2(8.0));
            return vec4(v.r, v.g + 0.25, v.b, v.a);
        }]])
    s:send("dt", d)
    g.setCanvas(out)
    g.setShader(s)
    g.rectangle("fill", 0, 0, 8, 8)
    g.setShader()
    g.setCanvas()
    local px = out:newImageData()
    local r, gg, b, a = px:getPixel(1, 1)
    T.near(r, 0.5, 0.01); T.near(gg, 0.25, 0.01); T.eq(b, 0); T.eq(a, 1)
    T.eq(px:getPixel(6, 6), 1)
    d:setDepthSampleMode("less")
    err("Depth textures which have depth comparison set can only be used with depth/shadow samplers in shaders.",
        function() s:send("dt", d) end)
    err("Textures with non-readable formats cannot be sampled from in a shader.",
        function() s:send("dt", g.newCanvas(8, 8, { format = "depth24" })) end)
end)

T.test("graphics_Canvas_setDepthSampleMode", function()
    local r = g.newCanvas(4, 4, { format = "depth24", readable = true })
    T.eq(r:getDepthSampleMode(), nil)
    r:setDepthSampleMode("less")
    T.eq(r:getDepthSampleMode(), "less")
    err("Depth textures which have depth comparison set can only be used with depth/shadow samplers in shaders.",
        function() g.draw(r) end)
    r:setDepthSampleMode()
    T.eq(r:getDepthSampleMode(), nil)
    err("Invalid compare mode 'bogus', expected one of: 'less', 'lequal', 'equal', 'gequal', 'greater', 'notequal', 'always', 'never'",
        function() r:setDepthSampleMode("bogus") end)
    err("Only readable depth textures can have a depth sample compare mode.",
        function() g.newCanvas(4, 4):setDepthSampleMode("less") end)
    err("Only readable depth textures can have a depth sample compare mode.",
        function() g.newCanvas(4, 4, { format = "depth24" }):setDepthSampleMode("less") end)
    g.newCanvas(4, 4):setDepthSampleMode()
end)

T.test("graphics_setCanvas_depthstencil", function()
    local c, c2 = g.newCanvas(8, 8), g.newCanvas(8, 8)
    local d = g.newCanvas(8, 8, { format = "depth24stencil8" })
    err("Only depth/stencil format Canvases can be used with the 'depthstencil' field of the table passed into setCanvas.",
        function() g.setCanvas({ c, depthstencil = c2 }) end)
    err("All canvases must have the same pixel dimensions.",
        function() g.setCanvas({ c, depthstencil = g.newCanvas(4, 4, { format = "depth24" }) }) end)
    err("All Canvases must have the same MSAA value.",
        function() g.setCanvas({ c, depthstencil = g.newCanvas(8, 8, { format = "depth24", msaa = 4 }) }) end)
    err("bad argument #3 to 'setCanvas' (Canvas expected, got number)",
        function() g.setCanvas({ c, depthstencil = 5 }) end)
    g.setCanvas()
    -- getCanvas gives LÖVE's table form while a depth/stencil canvas is set.
    g.setCanvas({ c, c2, depthstencil = d })
    local t = g.getCanvas()
    T.eq(type(t), "table"); T.eq(t[1][1] == c, true); T.eq(t[2][1] == c2, true)
    T.eq(t.depthstencil[1] == d, true); T.eq(t[1].mipmap, 1); T.eq(t.depthstencil.mipmap, 1)
    g.setCanvas()
    g.setCanvas(t)
    T.eq(g.getCanvas().depthstencil[1] == d, true, "the table form round-trips")
    g.setCanvas({ { c }, depthstencil = { d } })
    T.eq(g.getCanvas()[1][1] == c, true)
    g.setCanvas()
    g.setCanvas({ c, depth = true })
    T.eq(g.getCanvas() == c, true, "no depth/stencil canvas: plain values")
    g.setCanvas()
end)

-- Depth written through one colour canvas stays in the depth canvas and tests draws into
-- another: the canvas's own texture is the depth buffer.
T.test("graphics_depthstencil_canvas_depth_test", function()
    local a, b = g.newCanvas(8, 8), g.newCanvas(8, 8)
    local d = g.newCanvas(8, 8, { format = "depth24" })
    g.setCanvas({ a, depthstencil = d })
    g.clear(0, 0, 0, 1)
    g.setDepthMode("less", true)
    g.rectangle("fill", 0, 0, 4, 8)
    g.setColor(1, 0, 0)
    g.rectangle("fill", 0, 0, 8, 8) -- fails where the first wrote depth (equal z)
    g.setColor(1, 1, 1)
    g.setCanvas({ b, depthstencil = d })
    g.setDepthMode("less", false)
    g.setColor(0, 1, 0)
    g.rectangle("fill", 0, 0, 8, 8)
    g.setColor(1, 1, 1)
    g.setDepthMode()
    g.setCanvas()
    local ia, ib = a:newImageData(), b:newImageData()
    T.eq(select(2, ia:getPixel(1, 1)), 1, "first rectangle kept (white)")
    T.eq(select(2, ia:getPixel(6, 1)), 0, "second drawn where no depth was (red)")
    T.eq(select(4, ib:getPixel(1, 1)), 0, "b: depth from a's pass hides the draw")
    T.eq(select(2, ib:getPixel(6, 1)), 0, "b: depth of the red rectangle hides it too")
    -- Cleared depth lets everything through again.
    g.setCanvas({ b, depthstencil = d })
    g.clear(0, 0, 0, 0)
    g.setDepthMode("less", false)
    g.rectangle("fill", 0, 0, 8, 8)
    g.setDepthMode()
    g.setCanvas()
    T.eq(select(4, b:newImageData():getPixel(1, 1)), 1, "after clear")
end)

T.test("graphics_depthstencil_canvas_stencil", function()
    local c = g.newCanvas(8, 8)
    for _, f in ipairs({ "depth24stencil8", "stencil8" }) do
        local s = g.newCanvas(8, 8, { format = f })
        g.setCanvas({ c, depthstencil = s })
        g.clear(0, 0, 0, 1)
        g.stencil(function() g.rectangle("fill", 0, 0, 4, 4) end, "replace", 1)
        g.setStencilTest("equal", 1)
        g.setColor(1, 0, 0, 1)
        g.rectangle("fill", 0, 0, 8, 8)
        g.setStencilTest()
        g.setColor(1, 1, 1, 1)
        g.setCanvas()
        local d = c:newImageData()
        T.eq(d:getPixel(1, 1), 1, f .. ": inside the stencil")
        T.eq(d:getPixel(6, 6), 0, f .. ": outside")
    end
    local depth_only = g.newCanvas(8, 8, { format = "depth24" })
    g.setCanvas({ c, depthstencil = depth_only })
    err("Drawing to the stencil buffer with a Canvas active requires either stencil=true or a custom stencil-type Canvas to be used, in setCanvas.",
        function() g.stencil(function() end) end)
    -- a plain canvas has no stencil buffer in LÖVE: stencil() needs stencil = true
    g.setCanvas(c)
    err("Drawing to the stencil buffer with a Canvas active requires either stencil=true or a custom stencil-type Canvas to be used, in setCanvas.",
        function() g.stencil(function() end) end)
    g.setCanvas({ c })
    err("Drawing to the stencil buffer with a Canvas active requires either stencil=true or a custom stencil-type Canvas to be used, in setCanvas.",
        function() g.stencil(function() end) end)
    g.setCanvas({ c, stencil = true })
    g.stencil(function() end)
    g.setCanvas()
    g.stencil(function() end) -- the screen has a stencil buffer
end)

T.run()
