-- Array, cube and volume textures: newArrayImage, newCubeImage, newVolumeImage, layered
-- canvases, drawLayer, SpriteBatch:addLayer/setLayer, replacePixels and newImageData per
-- slice, shader uniforms of those types. Values and messages checked against LÖVE 11.4
-- (its own argument numbers included: slice i of a table is reported as #(2 + i)). The
-- whole file passes unchanged in LÖVE 11.4 (run it as main.lua beside testlib.lua).
local T = require("testlib")
local g = love.graphics

-- Checks the message without the "file:line: " position a Lua caller adds.
local function err(message, fn)
    local ok, e = pcall(fn)
    if ok then error("expected error '" .. message .. "'", 2) end
    e = tostring(e):gsub("^[^:]+:%d+: ", "")
    if e ~= message then error(string.format("expected error\n    %s\ngot\n    %s", message, e), 2) end
end

local function solid(r, gr, b, w, h)
    local d = love.image.newImageData(w or 4, h or 4)
    d:mapPixel(function() return r, gr, b, 1 end)
    return d
end

local R, G, B = solid(1, 0, 0), solid(0, 1, 0), solid(0, 0, 1)

T.test("graphics_getTextureTypes", function()
    local t = g.getTextureTypes()
    T.eq(t["2d"], true); T.eq(t.array, true); T.eq(t.cube, true); T.eq(t.volume, true)
end)

T.test("graphics_newArrayImage", function()
    local a = g.newArrayImage({ R, G, B })
    T.eq(a:type(), "Image"); T.eq(a:typeOf("Texture"), true)
    T.eq(a:getTextureType(), "array"); T.eq(a:getLayerCount(), 3); T.eq(a:getDepth(), 1)
    T.eq(a:getWidth(), 4); T.eq(a:getHeight(), 4); T.eq(a:getMipmapCount(), 1)
    T.eq(g.newArrayImage({ R, G }, { mipmaps = true }):getMipmapCount(), 3)
    T.eq(g.newArrayImage({ R }, { dpiscale = 2 }):getWidth(), 2)
    T.eq(g.newArrayImage(R):getLayerCount(), 1)
    err("bad argument #1 to 'newArrayImage' (ImageData expected, got no value)", function() g.newArrayImage() end)
    err("bad argument #3 to 'newArrayImage' (ImageData expected, got nil)", function() g.newArrayImage({}) end)
    err("bad argument #4 to 'newArrayImage' (ImageData expected, got table)", function() g.newArrayImage({ R, {} }) end)
    err("bad argument #2 to 'newArrayImage' (table expected, got number)", function() g.newArrayImage({ R }, 5) end)
    T.err("Width of image data (slice 2, mipmap level 1) is incorrect (expected 4, got 8)",
        g.newArrayImage, { R, solid(1, 1, 1, 8, 4) })
    T.err("Height of image data (slice 2, mipmap level 1) is incorrect (expected 4, got 2)",
        g.newArrayImage, { R, solid(1, 1, 1, 4, 2) })
end)

T.test("graphics_newCubeImage", function()
    local c = g.newCubeImage({ R, G, B, R, G, B })
    T.eq(c:getTextureType(), "cube"); T.eq(c:getLayerCount(), 1); T.eq(c:getDepth(), 1)
    T.eq(c:getWidth(), 4)
    -- One image in LÖVE's layouts: vertical/horizontal cross, vertical/horizontal strip.
    T.eq(g.newCubeImage(solid(1, 1, 1, 12, 16)):getWidth(), 4)
    T.eq(g.newCubeImage(solid(1, 1, 1, 16, 12)):getWidth(), 4)
    T.eq(g.newCubeImage(solid(1, 1, 1, 4, 24)):getWidth(), 4)
    T.eq(g.newCubeImage(solid(1, 1, 1, 24, 4)):getHeight(), 4)
    T.err("Cube textures must have exactly 6 sides.", g.newCubeImage, { R, G, B })
    T.err("Unknown cubemap image dimensions!", g.newCubeImage, R)
    err("bad argument #1 to 'newCubeImage' (ImageData expected, got no value)", function() g.newCubeImage() end)
end)

T.test("graphics_newVolumeImage", function()
    local v = g.newVolumeImage({ R, G, B })
    T.eq(v:getTextureType(), "volume"); T.eq(v:getLayerCount(), 1); T.eq(v:getDepth(), 3)
    T.eq(v:getMipmapCount(), 1)
    T.eq(g.newVolumeImage(solid(1, 1, 1, 16, 4)):getDepth(), 4)
    T.err("Width of image data (slice 2, mipmap level 1) is incorrect (expected 4, got 8)",
        g.newVolumeImage, { R, solid(1, 1, 1, 8, 4) })
    err("bad argument #3 to 'newVolumeImage' (ImageData expected, got nil)", function() g.newVolumeImage({}) end)
end)

T.test("graphics_newCanvas_texture_types", function()
    local a = g.newCanvas(8, 8, 3, { type = "array" })
    T.eq(a:type(), "Canvas"); T.eq(a:getTextureType(), "array"); T.eq(a:getLayerCount(), 3)
    T.eq(a:getDepth(), 1); T.eq(a:getMipmapCount(), 1)
    T.eq(g.newCanvas(8, 8, 4):getTextureType(), "array")
    T.eq(g.newCanvas(8, 8, { type = "array" }):getLayerCount(), 1)
    local c = g.newCanvas(8, 8, { type = "cube" })
    T.eq(c:getTextureType(), "cube"); T.eq(c:getLayerCount(), 1); T.eq(c:getDepth(), 1)
    local v = g.newCanvas(8, 8, 4, { type = "volume" })
    T.eq(v:getTextureType(), "volume"); T.eq(v:getLayerCount(), 1); T.eq(v:getDepth(), 4)
    T.eq(g.newCanvas(8, 8):getTextureType(), "2d")
    T.err("Cubemap textures must have equal width and height.", g.newCanvas, 8, 4, { type = "cube" })
    T.err("Invalid texture type 'foo', expected one of: '2d', 'volume', 'array', 'cube'",
        g.newCanvas, 8, 8, 4, { type = "foo" })
    T.err("Canvas dimensions must be greater than 0.", g.newCanvas, 8, 8, 0, { type = "array" })
end)

T.test("graphics_Texture_getTextureType", function()
    local img = g.newImage(R)
    T.eq(img:getTextureType(), "2d"); T.eq(img:getLayerCount(), 1); T.eq(img:getDepth(), 1)
    local a = g.newArrayImage({ R, G })
    a:release()
    T.err("Cannot use object after it has been released.", a.getTextureType, a)
    T.err("Cannot use object after it has been released.", a.getLayerCount, a)
end)

T.test("graphics_drawLayer", function()
    local a = g.newArrayImage({ R, G, B })
    g.origin()
    local before = g.getStats().drawcalls
    for i = 1, 30 do g.drawLayer(a, (i % 3) + 1, i, 0) end
    g.drawLayer(a, 2, g.newQuad(0, 0, 2, 2, 4, 4), 0, 0, 0, 2, 2)
    g.drawLayer(a, 3, love.math.newTransform(5, 5))
    g.draw(a, 0, 0)
    T.eq(g.getStats().drawcalls - before, 1, "consecutive drawLayer calls are one draw call")
    T.err("drawLayer can only be used with Array Textures!", g.drawLayer, g.newImage(R), 1, 0, 0)
    T.err("drawLayer can only be used with Array Textures!", g.drawLayer, g.newCubeImage({ R, R, R, R, R, R }), 1)
    T.err("Invalid layer: 0 (Texture has 3 layers)", g.drawLayer, a, 0, 0, 0)
    T.err("Invalid layer: 4 (Texture has 3 layers)", g.drawLayer, a, 4, 0, 0)
    err("bad argument #1 to 'drawLayer' (Texture expected, got nil)", function() g.drawLayer(nil, 1) end)
    err("bad argument #2 to 'drawLayer' (number expected, got no value)", function() g.drawLayer(a) end)
    local s = g.newShader("vec4 effect(vec4 c, Image t, vec2 uv, vec2 p) { return Texel(t, uv) * c; }")
    g.setShader(s)
    T.err("Texture's type (array) must match the type of the shader's main texture type (2d).",
        g.drawLayer, a, 1, 0, 0)
    g.setShader()
    -- LOVE: a shader declaring an ArrayImage MainTex draws array textures, not 2D ones.
    local as = g.newShader([[
uniform ArrayImage MainTex;
void effect() { love_PixelColor = Texel(MainTex, VaryingTexCoord.xyz) * VaryingColor; }
]])
    g.setShader(as)
    g.drawLayer(a, 2, 0, 0)
    g.draw(a, 0, 0)
    T.err("Texture's type (2d) must match the type of the shader's main texture type (array).",
        g.draw, g.newImage(R), g.newQuad(0, 0, 1, 1, 4, 4), 0, 0)
    g.setShader()
end)

T.test("graphics_draw_texture_types", function()
    T.err("Texture's type (cube) must match the type of the shader's main texture type (2d).",
        g.draw, g.newCubeImage({ R, R, R, R, R, R }), 0, 0)
    T.err("Texture's type (volume) must match the type of the shader's main texture type (2d).",
        g.draw, g.newVolumeImage({ R, G }), 0, 0)
    local m = g.newMesh({ { 0, 0, 0, 0 }, { 1, 0, 1, 0 }, { 1, 1, 1, 1 } })
    m:setTexture(g.newArrayImage({ R, G }))
    T.err("Texture's type (array) must match the type of the shader's main texture type (2d).", g.draw, m)
    T.err("Only 2D textures can be used with ParticleSystems.", g.newParticleSystem, g.newArrayImage({ R }), 10)
    local sb = g.newSpriteBatch(g.newVolumeImage({ R, G }))
    sb:add(0, 0)
    T.err("Texture's type (volume) must match the type of the shader's main texture type (2d).",
        g.draw, sb)
end)

T.test("graphics_SpriteBatch_addLayer", function()
    local sb = g.newSpriteBatch(g.newArrayImage({ R, G, B }))
    T.eq(sb:add(0, 0), 1)
    T.eq(sb:addLayer(2, 0, 0), 2)
    T.eq(sb:addLayer(3, g.newQuad(0, 0, 2, 2, 4, 4), 5, 5, 0, 2, 2), 3)
    T.eq(sb:getCount(), 3)
    T.err("Invalid layer: 5 (Texture has 3 layers)", sb.addLayer, sb, 5, 0, 0)
    T.err("Invalid layer: 0 (Texture has 3 layers)", sb.addLayer, sb, 0, 0, 0)
    err("bad argument #2 to 'addLayer' (number expected, got no value)", function() sb.addLayer(sb) end)
    local plain = g.newSpriteBatch(g.newImage(R))
    T.err("addLayer can only be called on a SpriteBatch that uses an Array Texture!",
        plain.addLayer, plain, 1, 0, 0)
    local before = g.getStats().drawcalls
    g.draw(sb)
    T.eq(g.getStats().drawcalls - before, 1)
end)

T.test("graphics_SpriteBatch_setLayer", function()
    local sb = g.newSpriteBatch(g.newArrayImage({ R, G, B }))
    sb:addLayer(1, 0, 0)
    sb:setLayer(1, 3, 4, 4)
    sb:setLayer(10, 3, 0, 0) -- LOVE: past the sprites is not an error
    T.err("Invalid layer: 9 (Texture has 3 layers)", sb.setLayer, sb, 1, 9, 0, 0)
    local plain = g.newSpriteBatch(g.newImage(R))
    -- LOVE: setLayer's message names addLayer.
    T.err("addLayer can only be called on a SpriteBatch that uses an Array Texture!",
        plain.setLayer, plain, 1, 1, 0, 0)
end)

T.test("graphics_SpriteBatch_add_quad_layer", function()
    -- LOVE: add/set with a Quad put the sprite on the quad's layer; without one, layer 1.
    local sb = g.newSpriteBatch(g.newArrayImage({ solid(1, 0, 0, 2, 2), solid(0, 1, 0, 2, 2), solid(0, 0, 1, 2, 2) }))
    local q = g.newQuad(0, 0, 2, 2, 2, 2)
    q:setLayer(3)
    sb:add(q, 0, 0)
    sb:add(q, 4, 0)
    sb:set(2, 4, 0)
    local c = g.newCanvas(8, 2)
    g.setCanvas(c)
    g.draw(sb)
    g.setCanvas()
    local d = c:newImageData()
    local r, gr, b = d:getPixel(0, 0)
    T.eq(r, 0); T.eq(b, 1)
    r, gr, b = d:getPixel(5, 0)
    T.eq(r, 1); T.eq(b, 0)
end)

T.test("graphics_Image_replacePixels_slice", function()
    local a = g.newArrayImage({ R, G, B })
    a:replacePixels(G, 3)
    a:replacePixels(solid(1, 1, 1, 2, 2), 1, 1, 2, 2)
    local v = g.newVolumeImage({ R, G, B })
    v:replacePixels(B, 3)
    local c = g.newCubeImage({ R, G, B, R, G, B })
    c:replacePixels(B, 6)
    T.err("Invalid image slice index 4.", a.replacePixels, a, G, 4)
    T.err("Invalid image slice index 0.", a.replacePixels, a, G, 0)
    T.err("Invalid image slice index 7.", c.replacePixels, c, G, 7)
    T.err("Invalid image mipmap index 2.", a.replacePixels, a, G, 1, 2)
    local img = g.newImage(R)
    img:replacePixels(G, 2) -- LOVE: a 2D Image ignores the slice
    T.err("Invalid image mipmap index 2.", img.replacePixels, img, G, 1, 2)
    -- Drawn with the new pixels: layer 3 of `a` is green now.
    local canvas = g.newCanvas(4, 4)
    g.setCanvas(canvas)
    g.clear(0, 0, 0, 0)
    g.drawLayer(a, 3, 0, 0)
    g.setCanvas()
    local r, gr, b = canvas:newImageData():getPixel(1, 1)
    T.eq(r, 0); T.eq(gr, 1); T.eq(b, 0)
end)

T.test("graphics_setCanvas_slice", function()
    local a = g.newCanvas(4, 4, 3, { type = "array" })
    g.setCanvas(a, 2)
    g.clear(0, 1, 0, 1)
    g.setCanvas({ { a, layer = 3 } })
    g.clear(0, 0, 1, 1)
    local t = g.getCanvas()
    T.eq(type(t), "table"); T.eq(t[1][1], a); T.eq(t[1].layer, 3); T.eq(t[1].mipmap, 1)
    g.setCanvas()
    local r, gr, b, al = a:newImageData(2):getPixel(0, 0)
    T.eq(r, 0); T.eq(gr, 1); T.eq(b, 0); T.eq(al, 1)
    r, gr, b = a:newImageData(3):getPixel(3, 3)
    T.eq(b, 1)
    T.eq(select(4, a:newImageData(1):getPixel(0, 0)), 0, "layer 1 untouched")
    err("Invalid slice index: 4.", function() g.setCanvas(a, 4) end)
    err("bad argument #2 to 'setCanvas' (number expected, got no value)", function() g.setCanvas(a) end)
    err("bad argument #3 to 'setCanvas' (expected integer field layer in table)",
        function() g.setCanvas({ { a, face = 1 } }) end)
    g.setCanvas()
    local c = g.newCanvas(4, 4, { type = "cube" })
    g.setCanvas({ { c, face = 6 } })
    g.clear(1, 1, 0, 1)
    g.setCanvas()
    r, gr, b = c:newImageData(6):getPixel(0, 0)
    T.eq(r, 1); T.eq(gr, 1); T.eq(b, 0)
    err("Invalid slice index: 7.", function() g.setCanvas(c, 7) end)
    local v = g.newCanvas(4, 4, 3, { type = "volume" })
    g.setCanvas(v, 3)
    g.clear(1, 0, 1, 1)
    g.setCanvas()
    r, gr, b = v:newImageData(3):getPixel(0, 0)
    T.eq(r, 1); T.eq(gr, 0); T.eq(b, 1)
    T.eq(select(4, v:newImageData(2):getPixel(0, 0)), 0, "slice 2 untouched")
end)

T.test("graphics_setCanvas_mipmap", function()
    local c = g.newCanvas(4, 4, { mipmaps = "manual" })
    g.setCanvas({ { c, mipmap = 2 } })
    g.clear(1, 0, 0, 1)
    local t = g.getCanvas()
    T.eq(t[1][1], c); T.eq(t[1].mipmap, 2)
    g.setCanvas()
    local r, gr, b, a = c:newImageData(1, 2, 0, 0, 2, 2):getPixel(0, 0)
    T.eq(r, 1); T.eq(gr, 0); T.eq(a, 1)
    g.setCanvas(c, 2)
    g.clear(0, 1, 0, 1)
    g.setCanvas()
    r, gr = c:newImageData(1, 2, 0, 0, 2, 2):getPixel(1, 1)
    T.eq(r, 0); T.eq(gr, 1)
    T.eq(select(4, c:newImageData(1, 1, 0, 0, 2, 2):getPixel(0, 0)), 0, "level 1 untouched")
    err("Invalid mipmap level 2.", function() g.setCanvas(g.newCanvas(4, 4), 2) end)
    err("Invalid mipmap level 4.", function() g.setCanvas({ { c, mipmap = 4 } }) end)
    err("Invalid rectangle dimensions.", function() c:newImageData(1, 2) end)
    -- Sizes are compared at the levels drawn into (LÖVE 11.4's message).
    err("All canvases must have the same pixel dimensions.",
        function() g.setCanvas({ { c, mipmap = 2 }, { g.newCanvas(4, 4) } }) end)
    g.setCanvas({ { c, mipmap = 2 }, { g.newCanvas(2, 2) } })
    g.setCanvas()
    local a3 = g.newCanvas(4, 4, 2, { type = "array", mipmaps = "manual" })
    g.setCanvas(a3, 2, 3)
    g.clear(0, 0, 1, 1)
    g.setCanvas()
    r, gr, b = a3:newImageData(2, 3, 0, 0, 1, 1):getPixel(0, 0)
    T.eq(b, 1)
    g.setCanvas()
end)

T.test("graphics_Canvas_newImageData_slice", function()
    local a = g.newCanvas(4, 4, 2, { type = "array" })
    T.eq(a:newImageData(1, 1, 1, 1, 2, 2):getWidth(), 2)
    err("bad argument #1 to 'newImageData' (number expected, got no value)", function() a:newImageData() end)
    err("Invalid slice index.", function() a:newImageData(3) end)
    err("Invalid rectangle dimensions.", function() a:newImageData(1, 2) end)
    err("Invalid rectangle dimensions.", function() a:newImageData(1, 1, 3, 3, 2, 2) end)
end)

T.test("shader_send_texture_types", function()
    local s = g.newShader([[
uniform ArrayImage arr;
uniform CubeImage cube;
uniform sampler3D vol;
uniform Image img;
vec4 effect(vec4 c, Image t, vec2 uv, vec2 sc) {
    return Texel(arr, vec3(uv, 1.0)) + Texel(cube, vec3(uv, 1.0)) + Texel(vol, vec3(uv, 0.5)) + Texel(img, uv);
}
]])
    local arr, cube = g.newArrayImage({ R, G }), g.newCubeImage({ R, G, B, R, G, B })
    local vol, img = g.newVolumeImage({ R, G }), g.newImage(R)
    s:send("arr", arr); s:send("cube", cube); s:send("vol", vol); s:send("img", img)
    err("bad argument #3 to 'send' (invalid texture type for uniform)", function() s.send(s, "arr", img) end)
    err("bad argument #3 to 'send' (invalid texture type for uniform)", function() s.send(s, "cube", arr) end)
    err("bad argument #3 to 'send' (invalid texture type for uniform)", function() s.send(s, "vol", cube) end)
    err("bad argument #3 to 'send' (invalid texture type for uniform)", function() s.send(s, "img", vol) end)
    err("bad argument #3 to 'send' (Texture expected, got number)", function() s.send(s, "arr", 5) end)
    T.eq(s:hasUniform("cube"), true)
    -- texture() works on them too (LÖVE 11.4 accepts it with #pragma language glsl3).
    T.eq(g.newShader([[
#pragma language glsl3
uniform sampler2DArray a; uniform samplerCube c; uniform sampler3D v;
vec4 effect(vec4 col, Image t, vec2 uv, vec2 sc) {
    return texture(a, vec3(uv, 1.0)) + texture(c, vec3(uv, 1.0)) + texture(v, vec3(uv, 0.5));
}
]]):type(), "Shader")
    -- Drawn with every slot bound (and with nothing sent to a fresh copy: white stand-ins).
    local canvas = g.newCanvas(4, 4)
    g.setCanvas(canvas)
    g.setShader(s)
    g.draw(img, 0, 0)
    g.setShader()
    g.setCanvas()
    T.eq(select(4, canvas:newImageData():getPixel(1, 1)), 1)
end)

T.test("shader_texture_type_parameters", function()
    -- ArrayImage/CubeImage/VolumeImage function parameters, passed a uniform.
    local s = g.newShader([[
uniform ArrayImage arr;
uniform VolumeImage vol;
vec4 layerOf(ArrayImage a, vec2 uv, float layer) { return Texel(a, vec3(uv, layer)); }
vec4 sliceOf(VolumeImage v, float z) { return Texel(v, vec3(0.5, 0.5, z)); }
vec4 effect(vec4 c, Image t, vec2 uv, vec2 sc) {
    return uv.x < 0.5 ? layerOf(arr, uv, 1.0) : sliceOf(vol, 0.75);
}
]])
    s:send("arr", g.newArrayImage({ R, G }))
    s:send("vol", g.newVolumeImage({ R, B }))
    local canvas = g.newCanvas(4, 4)
    g.setCanvas(canvas)
    g.setShader(s)
    g.draw(g.newImage(R), 0, 0)
    g.setShader()
    g.setCanvas()
    local d = canvas:newImageData()
    local r, gr, b = d:getPixel(0, 0)
    T.eq(r, 0); T.eq(gr, 1); T.eq(b, 0)
    r, gr, b = d:getPixel(3, 0)
    T.eq(r, 0); T.eq(gr, 0); T.eq(b, 1)
end)

T.run()
