-- Canvases, stencil, screenshots, SpriteBatch and Mesh. Messages checked against LÖVE
-- 11.4, except "Cannot render a Texture to itself." (LÖVE 11.5's wording).
local T = require("testlib")
local g = love.graphics

local function err(message, fn)
    local ok, e = pcall(fn)
    if ok then error("expected error '" .. message .. "'", 2) end
    e = tostring(e):gsub("^[^:]+:%d+: ", "")
    if e ~= message then error(string.format("expected error\n    %s\ngot\n    %s", message, e), 2) end
end

local function image()
    local d = love.image.newImageData(2, 2)
    d:setPixel(0, 0, 1, 0, 0, 1)
    return g.newImage(d)
end

T.test("graphics_newCanvas", function()
    local c = g.newCanvas(8, 6)
    T.eq(c:type(), "Canvas"); T.eq(c:typeOf("Texture"), true); T.eq(c:typeOf("Drawable"), true)
    T.eq(c:getWidth(), 8); T.eq(c:getHeight(), 6); T.eq(c:getMSAA(), 0); T.eq(c:getMipmapMode(), "none")
    T.eq(c:getFormat(), "rgba8")
    T.eq(g.newCanvas():getWidth(), 320)
    T.eq(g.newCanvas(4, 4, { format = "rgba16f" }):getFormat(), "rgba16f")
    T.err("Canvas dimensions must be greater than 0.", g.newCanvas, 0, 0)
    T.err("Invalid pixel format: foo", g.newCanvas, 4, 4, { format = "foo" })
end)

-- Pixels of a triangle's sloped edge drawn into `c`: the count of partly covered ones.
local function edge_greys(draw_to)
    local d = draw_to()
    local greys = 0
    for y = 0, d:getHeight() - 1 do
        for x = 0, d:getWidth() - 1 do
            local r = d:getPixel(x, y)
            if r > 0.05 and r < 0.95 then greys = greys + 1 end
        end
    end
    return greys
end

local function triangle_on(c)
    return function()
        g.setCanvas(c)
        g.clear(0, 0, 0, 1)
        g.polygon("fill", 2, 30, 16, 2, 30, 25)
        g.setCanvas()
        return c:newImageData()
    end
end

T.test("graphics_newCanvas_msaa", function()
    local ms = g.newCanvas(32, 32, { msaa = 4 })
    -- LOVE: any count above 1 gets what the system has (4 here, as LÖVE 11.4 on llvmpipe).
    T.eq(ms:getMSAA(), 4); T.eq(g.newCanvas(8, 8, { msaa = 2 }):getMSAA(), 4)
    T.eq(g.newCanvas(8, 8, { msaa = 1 }):getMSAA(), 0)
    T.eq(g.getSystemLimits().canvasmsaa, 4)
    T.eq(edge_greys(triangle_on(g.newCanvas(32, 32))), 0, "no MSAA: hard edges")
    T.eq(edge_greys(triangle_on(ms)) > 10, true, "MSAA: smoothed edges")
    T.err("Non-readable and MSAA textures cannot have mipmaps.", g.newCanvas, 8, 8, { msaa = 4, mipmaps = "auto" })
    T.err("All Canvases must have the same MSAA value.", g.setCanvas, ms, g.newCanvas(32, 32))
end)

T.test("graphics_setCanvas_readback", function()
    local c = g.newCanvas(8, 8)
    g.setCanvas(c)
    T.eq(g.getCanvas() == c, true)
    T.eq(rawequal(g.getCanvas(), c), true, "the same object, as in LÖVE (usable as a table key)")
    g.clear(1, 0, 0, 1)
    g.setColor(0, 1, 0)
    g.rectangle("fill", 4, 0, 4, 8)
    g.setColor(1, 1, 1)
    err("Cannot render a Texture to itself.", function() g.draw(c, 0, 0) end)
    err("Canvas:newImageData cannot be called while that Canvas is currently active.", function() c:newImageData() end)
    g.setCanvas()
    T.eq(g.getCanvas(), nil)
    T.eq(select("#", g.getCanvas()), 1, "LÖVE returns one nil")
    local d = c:newImageData()
    local r, gg = d:getPixel(0, 0); T.eq(r, 1); T.eq(gg, 0)
    r, gg = d:getPixel(6, 3); T.eq(r, 0); T.eq(gg, 1)
    local part = c:newImageData(1, 1, 4, 0, 2, 2)
    T.eq(part:getWidth(), 2); T.eq(select(2, part:getPixel(0, 0)), 1)
    T.err("bad argument #1 to 'setCanvas' (Canvas expected, got number)", g.setCanvas, 5)
end)

T.test("graphics_setCanvas_multiple_and_table", function()
    local a, b = g.newCanvas(4, 4), g.newCanvas(4, 4)
    g.setCanvas(a, b)
    local x, y = g.getCanvas(); T.eq(x == a, true); T.eq(y == b, true)
    g.clear(0, 0, 1, 1)
    g.rectangle("fill", 0, 0, 4, 4)
    g.setCanvas({ a, stencil = true })
    T.eq(g.getCanvas() == a, true)
    g.setCanvas()
    T.eq(b:newImageData():getPixel(0, 0), 1, "both canvases were drawn")
    err("All canvases must have the same pixel dimensions.", function() g.setCanvas(a, g.newCanvas(2, 2)) end)
    g.setCanvas()
end)

T.test("graphics_Canvas_renderTo", function()
    local c = g.newCanvas(4, 4)
    local inside
    c:renderTo(function(v) inside = g.getCanvas() == c and v end, 7)
    T.eq(inside, 7); T.eq(g.getCanvas(), nil)
end)

T.test("graphics_stencil_setStencilTest", function()
    local c = g.newCanvas(8, 8)
    g.setCanvas({ c, stencil = true })
    g.clear(0, 0, 0, 1)
    g.stencil(function() g.rectangle("fill", 0, 0, 4, 8) end, "replace", 1)
    g.setStencilTest("greater", 0)
    local m, v = g.getStencilTest(); T.eq(m, "greater"); T.eq(v, 0)
    g.rectangle("fill", 0, 0, 8, 8)
    g.setStencilTest()
    T.eq(g.getStencilTest(), "always")
    g.setCanvas()
    local d = c:newImageData()
    T.eq(d:getPixel(1, 1), 1, "inside the stencil")
    T.eq(d:getPixel(6, 1), 0, "outside the stencil")
    T.err("bad argument #1 to 'stencil' (function expected, got nil)", g.stencil, nil)
    T.err("Invalid stencil draw action 'x', expected one of: 'replace', 'increment', 'decrement', 'incrementwrap', 'decrementwrap', 'invert'", g.stencil, function() end, "x")
    T.err("Invalid compare mode 'x', expected one of: 'less', 'lequal', 'equal', 'gequal', 'greater', 'notequal', 'always', 'never'", g.setStencilTest, "x", 1)
end)

T.test("graphics_captureScreenshot", function()
    local got
    g.captureScreenshot(function(d) got = d end)
    g.present()
    T.eq(got:type(), "ImageData"); T.eq(got:getWidth(), 320)
    T.eq(select(4, got:getPixel(0, 0)), 1, "screenshots are opaque")
    T.err("Invalid encoded image format '', expected one of: 'tga', 'png'", g.captureScreenshot, 5)
    -- A Channel receives the ImageData.
    local ch = love.thread.newChannel()
    g.captureScreenshot(ch)
    T.eq(ch:getCount(), 0)
    g.present()
    local shot = ch:pop()
    T.eq(shot:type(), "ImageData"); T.eq(shot:getWidth(), 320); T.eq(shot:getHeight(), 240)
end)

T.test("graphics_getStats_counts_objects", function()
    collectgarbage(); collectgarbage()
    local before = g.getStats()
    local keep = { g.newCanvas(4, 4), image() }
    local s = g.getStats()
    T.eq(s.canvases, before.canvases + 1); T.eq(s.images, before.images + 1)
    T.eq(s.texturememory >= before.texturememory + 4 * 4 * 4 + 2 * 2 * 4, true)
    keep = nil
end)

T.test("graphics_newSpriteBatch", function()
    local img = image()
    local sb = g.newSpriteBatch(img, 2)
    T.eq(sb:type(), "SpriteBatch"); T.eq(sb:typeOf("Drawable"), true)
    T.eq(sb:getBufferSize(), 2); T.eq(sb:getCount(), 0)
    T.eq(sb:add(0, 0), 1); T.eq(sb:add(g.newQuad(0, 0, 1, 1, 2, 2), 1, 1), 2); T.eq(sb:add(2, 2), 3)
    T.eq(sb:getBufferSize(), 4, "grows when full")
    T.eq(select("#", sb:getColor()), 0, "no colour set: no values (LÖVE 11.4)")
    sb:setColor(1, 0, 0); T.eq(select(2, sb:getColor()), 0)
    sb:setColor(); T.eq(select("#", sb:getColor()), 0)
    sb:setColor(1, 0, 0)
    sb:set(1, 5, 5)
    err("Invalid sprite index: 10", function() sb:set(10, 0, 0) end)
    err("Invalid draw range.", function() sb:setDrawRange(0, 1) end)
    sb:setDrawRange(1, 2)
    local s, c = sb:getDrawRange(); T.eq(s, 1); T.eq(c, 2)
    sb:setDrawRange(2, 9)
    s, c = sb:getDrawRange(); T.eq(s, 2); T.eq(c, 9, "the range as set, past the sprites added")
    sb:setDrawRange()
    T.eq(select("#", sb:getDrawRange()), 0)
    T.eq(sb:getTexture() == img, true)
    sb:setTexture(image())
    T.err("bad argument #1 to 'newSpriteBatch' (Texture expected, got nil)", g.newSpriteBatch, nil)
    sb:clear(); T.eq(sb:getCount(), 0)
end)

T.test("graphics_SpriteBatch_is_one_draw_call", function()
    local sb = g.newSpriteBatch(image(), 100000)
    for i = 1, 100000 do sb:add(i % 300, i % 200) end
    g.present()
    g.draw(sb)
    T.eq(g.getStats().drawcalls, 1)
    g.present()
end)

T.test("graphics_newMesh", function()
    local m = g.newMesh({ { 0, 0 }, { 10, 0 }, { 10, 10 } })
    T.eq(m:type(), "Mesh"); T.eq(m:getVertexCount(), 3); T.eq(m:getDrawMode(), "fan")
    local v = { m:getVertex(2) }
    T.eq(#v, 8); T.eq(v[1], 10); T.eq(v[5], 1, "colour defaults to white")
    local f = m:getVertexFormat()
    T.eq(#f, 3); T.eq(f[3][1], "VertexColor"); T.eq(f[3][2], "byte"); T.eq(f[3][3], 4)
    m:setVertex(1, 5, 5, 0, 0, 1, 0, 0, 1)
    T.eq(m:getVertex(1), 5)
    m:setVertices({ { 1, 1 } }, 2); T.eq(m:getVertex(2), 1)
    T.eq(m:getVertexAttribute(3, 1), 10)
    m:setDrawMode("triangles"); T.eq(m:getDrawMode(), "triangles")
    m:setVertexMap(3, 2, 1)
    local map = m:getVertexMap(); T.eq(map[1], 3)
    m:setDrawRange(1, 3); T.eq(select(2, m:getDrawRange()), 3)
    m:setTexture(image()); T.eq(m:getTexture():type(), "Image")
    g.draw(m, 10, 10)
    local custom = g.newMesh({ { "VertexPosition", "float", 2 } }, 4, "points")
    T.eq(custom:getVertexCount(), 4); T.eq(#custom:getVertexFormat(), 1)
    T.err("bad argument #1 to 'newMesh' (table or number expected)", g.newMesh, nil)
    T.err("Data size is too small for specified vertex attribute formats.", g.newMesh, {})
    T.err("Invalid mesh draw mode 'x', expected one of: 'triangles', 'strip', 'fan', 'points'", g.newMesh, 3, "x")
    err("Invalid vertex index: 5", function() m:getVertex(5) end)
    err("Invalid vertex index: 5", function() m:setVertex(5, 0, 0) end)
    err("Invalid draw range.", function() m:setDrawRange(0, 1) end)
    err("Invalid vertex map value: 9", function() m:setVertexMap({ 1, 2, 9 }) end)
    err("bad argument #1 to 'setTexture' (Texture expected, got number)", function() m:setTexture(5) end)
end)

T.test("graphics_gc_mid_frame_keeps_queued_textures", function()
    g.present()
    local c = g.newCanvas(4, 4)
    for i = 1, 20 do
        local d = love.image.newImageData(2, 2)
        d:setPixel(0, 0, 0, 1, 0, 1)
        g.setCanvas(c)
        g.draw(g.newImage(d), 0, 0, 0, 2, 2) -- the image is garbage right after the call
        g.setCanvas()
        collectgarbage(); collectgarbage()
    end
    -- The queued draws still sample their (collected) images: freed only after the frame.
    T.eq(select(2, c:newImageData():getPixel(0, 0)), 1)
    g.present()
    collectgarbage(); collectgarbage()
    g.present()
    T.eq(g.getStats().images >= 0, true)
end)

T.test("graphics_captureScreenshot_to_file_and_encode_to_file", function()
    love.graphics.captureScreenshot("shot.png")
    love.graphics.present()
    local info = love.filesystem.getInfo("shot.png")
    T.eq(info and info.type, "file", "screenshot written to the save directory")
    local img = love.graphics.newImage("shot.png")
    T.eq(img:getWidth(), love.graphics.getWidth())
    local d = love.image.newImageData(2, 2)
    local fd = d:encode("png", "small.png")
    T.eq(fd:type(), "FileData"); T.eq(fd:getFilename(), "small.png")
    T.eq(love.image.newImageData("small.png"):getWidth(), 2)
    T.eq(love.graphics.newImage(fd):getHeight(), 2)
    T.err("Invalid encoded image format 'jpg', expected one of: 'tga', 'png'",
        love.graphics.captureScreenshot, "x.jpg")
    love.graphics.captureScreenshot("shot.tga") -- written when the frame is presented
end)

T.test("graphics_getTexture_returns_the_same_object", function()
    -- LÖVE has one Lua object per texture: getters give back the object passed in.
    local img = g.newImage(love.image.newImageData(4, 4))
    local sb = g.newSpriteBatch(img)
    T.eq(rawequal(sb:getTexture(), img), true)
    local m = g.newMesh(3)
    m:setTexture(img)
    local keyed = { [img] = "img" }
    T.eq(keyed[m:getTexture()], "img")
    local c = g.newCanvas(4, 4)
    m:setTexture(c)
    T.eq(rawequal(m:getTexture(), c), true)
end)


-- Mipmaps are real levels: a 64x64 canvas, left half red and right half blue, drawn at
-- 1x1 samples its smallest level (the average, purple) with a mipmap filter; without
-- mipmaps the nearest filter picks one texel (red or blue).
local function tiny_draw(tex)
    local out = g.newCanvas(4, 4)
    g.setCanvas(out)
    g.clear(0, 0, 0, 1)
    g.draw(tex, 0, 0, 0, 1 / 64, 1 / 64)
    g.setCanvas()
    return out:newImageData():getPixel(0, 0)
end

local function halves(c)
    g.setCanvas(c)
    g.clear(0, 0, 0, 0)
    g.setColor(1, 0, 0); g.rectangle("fill", 0, 0, 32, 64)
    g.setColor(0, 0, 1); g.rectangle("fill", 32, 0, 32, 64)
    g.setColor(1, 1, 1)
    g.setCanvas()
end

T.test("graphics_newCanvas_mipmaps_auto", function()
    local c = g.newCanvas(64, 64, { mipmaps = "auto" })
    T.eq(c:getMipmapCount(), 7); T.eq(c:getMipmapMode(), "auto")
    T.eq(c:getMipmapFilter(), "linear")
    c:setFilter("nearest", "nearest")
    halves(c)
    local r, gg, b = tiny_draw(c)
    T.near(r, 0.5, 0.02); T.near(b, 0.5, 0.02); T.eq(gg, 0)
    -- Without the mipmap filter: the first level only.
    c:setMipmapFilter()
    T.eq(c:getMipmapFilter(), "none")
    r, gg, b = tiny_draw(c)
    T.eq(r + b, 1)
end)

T.test("graphics_Canvas_generateMipmaps", function()
    local c = g.newCanvas(64, 64, { mipmaps = "manual" })
    T.eq(c:getMipmapMode(), "manual"); T.eq(c:getMipmapCount(), 7)
    c:setFilter("nearest", "nearest")
    halves(c)
    -- Manual: the small levels are still empty (transparent) until generateMipmaps.
    local r, gg, b = tiny_draw(c)
    T.eq(r + gg + b, 0)
    c:generateMipmaps()
    r, gg, b = tiny_draw(c)
    T.near(r, 0.5, 0.02); T.near(b, 0.5, 0.02)
    local plain = g.newCanvas(8, 8)
    T.err("generateMipmaps can only be called on a Canvas which was created with mipmaps enabled.",
        plain.generateMipmaps, plain)
    T.err("Invalid Canvas mipmap mode 'x', expected one of: 'none', 'manual', 'auto'",
        g.newCanvas, 8, 8, { mipmaps = "x" })
end)

T.test("graphics_newImage_mipmaps", function()
    local d = love.image.newImageData(64, 64)
    d:mapPixel(function(x) if x < 32 then return 1, 0, 0, 1 end return 0, 0, 1, 1 end)
    local img = g.newImage(d, { mipmaps = true })
    T.eq(img:getMipmapCount(), 7); T.eq(img:getMipmapFilter(), "linear")
    img:setFilter("nearest", "nearest")
    local r, gg, b = tiny_draw(img)
    T.near(r, 0.5, 0.02); T.near(b, 0.5, 0.02)
    img:setMipmapFilter("nearest", 2)
    local f, sharp = img:getMipmapFilter(); T.eq(f, "nearest"); T.eq(sharp, 2)
    -- replacePixels remakes the levels (LÖVE's reloadmipmaps).
    local blue = love.image.newImageData(64, 64)
    blue:mapPixel(function() return 0, 0, 1, 1 end)
    img:replacePixels(blue)
    r, gg, b = tiny_draw(img)
    T.eq(r, 0); T.eq(b, 1)
    local plain = g.newImage(d)
    T.eq(plain:getMipmapCount(), 1)
    T.err("Non-mipmapped texture cannot have mipmap filtering.", plain.setMipmapFilter, plain, "linear")
end)

T.run()
