-- Meshes drawn from their own vertex formats, depth and face state. Values and messages
-- were checked against LÖVE 11.4 (xvfb-run -a love DIR).
local T = require("testlib")
local g = love.graphics

T.test("graphics_setDepthMode", function()
    local c, w = g.getDepthMode(); T.eq(c, "always"); T.eq(w, false)
    g.setDepthMode("less", true)
    c, w = g.getDepthMode(); T.eq(c, "less"); T.eq(w, true)
    g.setDepthMode()
    c, w = g.getDepthMode(); T.eq(c, "always"); T.eq(w, false)
    for _, m in ipairs({ "equal", "notequal", "less", "lequal", "gequal", "greater", "never", "always" }) do
        g.setDepthMode(m, false); T.eq(g.getDepthMode(), m)
    end
    T.err("bad argument #2 to 'setDepthMode' (boolean expected, got no value)", g.setDepthMode, "less")
    T.err("Invalid compare mode 'bogus', expected one of: 'less', 'lequal', 'equal', 'gequal', 'greater', 'notequal', 'always', 'never'",
        g.setDepthMode, "bogus", true)
    T.err("bad argument #1 to 'setDepthMode' (string expected, got nil)", g.setDepthMode, nil, true)
    g.setDepthMode()
end)

T.test("graphics_setMeshCullMode", function()
    T.eq(g.getMeshCullMode(), "none")
    g.setMeshCullMode("back"); T.eq(g.getMeshCullMode(), "back")
    g.setMeshCullMode("front"); T.eq(g.getMeshCullMode(), "front")
    T.err("Invalid cull mode 'bogus', expected one of: 'none', 'back', 'front'", g.setMeshCullMode, "bogus")
    T.err("bad argument #1 to 'setMeshCullMode' (string expected, got no value)", g.setMeshCullMode)
    g.setMeshCullMode("none")
end)

T.test("graphics_setFrontFaceWinding", function()
    T.eq(g.getFrontFaceWinding(), "ccw")
    g.setFrontFaceWinding("cw"); T.eq(g.getFrontFaceWinding(), "cw")
    T.err("Invalid vertex winding 'bogus', expected one of: 'cw', 'ccw'", g.setFrontFaceWinding, "bogus")
    T.err("bad argument #1 to 'setFrontFaceWinding' (string expected, got no value)", g.setFrontFaceWinding)
    g.setFrontFaceWinding("ccw")
end)

T.test("graphics_depth_state_push_all_and_reset", function()
    g.setDepthMode("lequal", false); g.setMeshCullMode("back"); g.setFrontFaceWinding("cw")
    g.push("all")
    g.setDepthMode("greater", true); g.setMeshCullMode("front"); g.setFrontFaceWinding("ccw")
    g.pop()
    T.eq(g.getDepthMode(), "lequal"); T.eq(g.getMeshCullMode(), "back"); T.eq(g.getFrontFaceWinding(), "cw")
    g.reset()
    T.eq(g.getDepthMode(), "always"); T.eq(g.getMeshCullMode(), "none"); T.eq(g.getFrontFaceWinding(), "ccw")
end)

-- Reads pixel (x, y) of what `draw` puts on a 20x20 canvas (cleared black).
local function pixel(x, y, draw, depth)
    local c = g.newCanvas(20, 20)
    g.setCanvas({ c, depth = depth })
    g.clear(0, 0, 0, 1)
    draw()
    g.setCanvas()
    g.setDepthMode()
    return c:newImageData():getPixel(x, y)
end

local fmt3 = { { "VertexPosition", "float", 3 }, { "VertexColor", "byte", 4 } }
local function square(z, r, gg, b)
    return g.newMesh(fmt3, {
        { 0, 0, z, r, gg, b, 1 }, { 20, 0, z, r, gg, b, 1 }, { 20, 20, z, r, gg, b, 1 }, { 0, 20, z, r, gg, b, 1 },
    }, "fan")
end

T.test("graphics_depth_test_on_canvas_with_depth", function()
    local near, far = square(5, 1, 0, 0), square(-5, 0, 0, 1)
    local function scene() g.setDepthMode("less", true); g.draw(near); g.draw(far) end
    T.eq(pixel(10, 10, scene, true), 1, "the far square is hidden")
    T.eq(select(3, pixel(10, 10, scene, false)), 1, "no depth buffer: no test")
    g.setDepthMode()
end)

T.test("graphics_depth_test_on_the_screen_without_window_depth", function()
    -- LOVE: 11.4 depth-tests the window even without t.window.depth (g3d relies on it).
    local near, far = square(5, 1, 0, 0), square(-5, 0, 0, 1)
    local shot
    g.captureScreenshot(function(d) shot = d end)
    g.clear(0, 0, 0, 1)
    g.setDepthMode("less", true); g.draw(near); g.draw(far); g.setDepthMode()
    g.present()
    local r, gg, b = shot:getPixel(10, 10)
    T.eq(r, 1, "the far square is hidden"); T.eq(b, 0)
end)

T.test("graphics_mesh_byte_attributes_quantized", function()
    local m = g.newMesh(fmt3, { { 0, 0, 0, 255, 0.5, -1, 1 } }, "points")
    local v = { m:getVertex(1) }
    T.eq(v[4], 1); T.near(v[5], 128 / 255, 1e-6); T.eq(v[6], 0)
    m:setVertexAttribute(1, 2, 2, 0.25, 0, 0)
    T.near(select(2, m:getVertexAttribute(1, 2)), 64 / 255, 1e-6)
end)

T.test("graphics_mesh_custom_attribute_shader", function()
    local s = g.newShader([[
varying float v;
#ifdef VERTEX
attribute float Bright;
vec4 position(mat4 tp, vec4 p) { v = Bright; return tp * p; }
#endif
#ifdef PIXEL
vec4 effect(vec4 c, Image t, vec2 uv, vec2 px) { return vec4(v, 0.0, 0.0, 1.0); }
#endif
]])
    local m = g.newMesh({ { "VertexPosition", "float", 2 }, { "Bright", "float", 1 } },
        { { 0, 0, 0.5 }, { 20, 0, 0.5 }, { 20, 20, 0.5 }, { 0, 20, 0.5 } }, "fan")
    local r = pixel(10, 10, function() g.setShader(s); g.draw(m); g.setShader() end)
    T.near(r, 0.5, 0.01)
    -- The transform stack applies (TransformMatrix): moved right by 10, the left half is empty.
    r = pixel(5, 10, function() g.setShader(s); g.push(); g.translate(10, 0); g.draw(m); g.pop(); g.setShader() end)
    T.eq(r, 0)
    -- The vertex data is uploaded again after a change.
    m:setVertexAttribute(1, 2, 1); m:setVertexAttribute(2, 2, 1); m:setVertexAttribute(3, 2, 1); m:setVertexAttribute(4, 2, 1)
    r = pixel(10, 10, function() g.setShader(s); g.draw(m); g.setShader() end)
    T.eq(r, 1)
end)

T.test("graphics_mesh_own_format_modes_and_map", function()
    local m = g.newMesh(fmt3, {
        { 0, 0, 0, 1, 1, 1, 1 }, { 20, 0, 0, 1, 1, 1, 1 }, { 20, 20, 0, 1, 1, 1, 1 }, { 0, 20, 0, 1, 1, 1, 1 },
    }, "fan")
    T.eq(pixel(15, 5, function() g.draw(m) end), 1, "fan")
    m:setDrawMode("strip"); m:setVertexMap(1, 2, 4, 3)
    T.eq(pixel(4, 12, function() g.draw(m) end), 1, "strip through a vertex map")
    m:setDrawMode("triangles"); m:setVertexMap(1, 2, 3)
    T.eq(pixel(4, 12, function() g.draw(m) end), 0, "the other half is not drawn")
    T.eq(pixel(15, 5, function() g.draw(m) end), 1)
    m:setVertexMap(); m:setDrawRange(2, 3)
    T.eq(pixel(12, 3, function() g.draw(m) end), 0, "draw range skips vertex 1")
    T.eq(pixel(15, 15, function() g.draw(m) end), 1)
end)

T.test("graphics_setMeshCullMode_culls_mesh_triangles", function()
    -- LOVE: on a canvas (drawn y-up, as GL textures are), the triangle that is clockwise
    -- in pixel coordinates is back-facing with the default "ccw" (on the screen it is the
    -- front face: see the mesh_depth golden scene). Checked with LÖVE 11.4.
    local cw = g.newMesh({ { 0, 0 }, { 20, 0 }, { 0, 20 } }, "triangles")
    local ccw = g.newMesh({ { 0, 0 }, { 0, 20 }, { 20, 0 } }, "triangles")
    local function with(mode, m) return function() g.setMeshCullMode(mode); g.draw(m); g.setMeshCullMode("none") end end
    T.eq(pixel(3, 3, with("back", cw)), 0); T.eq(pixel(3, 3, with("back", ccw)), 1)
    T.eq(pixel(3, 3, with("front", cw)), 1); T.eq(pixel(3, 3, with("front", ccw)), 0)
    g.setFrontFaceWinding("cw")
    T.eq(pixel(3, 3, with("back", cw)), 1)
    g.setFrontFaceWinding("ccw")
end)

T.test("graphics_Mesh_attachAttribute", function()
    local m = g.newMesh(3)
    local other = g.newMesh({ { "Off", "float", 2 } }, 4)
    m:attachAttribute("Off", other, "perinstance")
    m:attachAttribute("Shift", other, "pervertex", "Off")
    m:attachAttribute("VertexPosition", m)
    T.err("The specified mesh does not have a vertex attribute named 'Nope'", m.attachAttribute, m, "Nope", other)
    T.err("The specified mesh does not have a vertex attribute named 'Other'", m.attachAttribute, m, "Off", other, "perinstance", "Other")
    T.err("Invalid vertex attribute step 'bogus', expected one of: 'pervertex', 'perinstance'", m.attachAttribute, m, "Off", other, "bogus")
    T.err("bad argument #2 to 'attachAttribute' (Mesh expected, got number)", m.attachAttribute, m, "Off", 5)
    T.err("bad argument #1 to 'attachAttribute' (string expected, got nil)", m.attachAttribute, m, nil, other)
end)

T.test("graphics_Mesh_detachAttribute", function()
    local m = g.newMesh(3)
    local other = g.newMesh({ { "Off", "float", 2 } }, 4)
    m:attachAttribute("Off", other)
    T.eq(m:detachAttribute("Off"), true)
    T.eq(m:detachAttribute("Off"), false)
    T.eq(m:detachAttribute("Nope"), false)
    m:attachAttribute("VertexPosition", m)
    T.eq(m:detachAttribute("VertexPosition"), false, "attached from itself")
end)

T.test("graphics_Mesh_setAttributeEnabled", function()
    local m = g.newMesh({ { 0, 0, 0, 0, 1, 0, 0, 1 }, { 20, 0 }, { 20, 20 }, { 0, 20 } }, "fan")
    T.eq(m:isAttributeEnabled("VertexColor"), true)
    m:setAttributeEnabled("VertexColor", false)
    T.eq(m:isAttributeEnabled("VertexColor"), false)
    T.err("Mesh does not have an attached vertex attribute named 'Nope'", m.isAttributeEnabled, m, "Nope")
    T.err("Mesh does not have an attached vertex attribute named 'Nope'", m.setAttributeEnabled, m, "Nope", false)
    T.err("bad argument #2 to 'setAttributeEnabled' (boolean expected, got no value)", m.setAttributeEnabled, m, "VertexColor")
    -- A disabled colour reads white: the red vertex colour is ignored.
    local _, gg = pixel(10, 10, function() g.draw(m) end)
    T.eq(gg, 1)
end)

T.test("graphics_drawInstanced", function()
    local s = g.newShader([[
#ifdef VERTEX
attribute vec2 Off;
vec4 position(mat4 tp, vec4 p) { p.xy += Off; return tp * p; }
#endif
]])
    local quad = g.newMesh({ { 0, 0 }, { 5, 0 }, { 5, 5 }, { 0, 5 } }, "fan")
    local offs = g.newMesh({ { "Off", "float", 2 } }, { { 0, 0 }, { 10, 10 } }, "points")
    quad:attachAttribute("Off", offs, "perinstance")
    local function draw(n) return function() g.setShader(s); g.drawInstanced(quad, n); g.setShader() end end
    T.eq(pixel(12, 12, draw(2)), 1, "second instance")
    T.eq(pixel(12, 12, draw(1)), 0, "one instance")
    T.eq(pixel(2, 2, draw(0)), 0, "no instances: nothing, no error")
    T.eq(pixel(2, 2, draw(-1)), 0)
    -- More instances than the attached mesh has: no error (the extra read zeros).
    T.eq(pixel(2, 2, draw(4)), 1)
    T.eq(pixel(2, 2, draw(1e9)), 1, "a huge count draws what the attached mesh can give")
    T.err("bad argument #2 to 'drawInstanced' (number expected, got no value)", g.drawInstanced, quad)
    T.err("bad argument #1 to 'drawInstanced' (Mesh expected, got nil)", g.drawInstanced, nil, 3)
    T.eq(g.getStats().drawcalls >= 0, true)
end)

T.test("graphics_SpriteBatch_attachAttribute", function()
    local img = g.newImage(love.image.newImageData(2, 2))
    local sb = g.newSpriteBatch(img, 4)
    sb:add(0, 0); sb:add(5, 5)
    local small = g.newMesh({ { "Off", "float", 2 } }, 2)
    T.err("Mesh has too few vertices to be attached to this SpriteBatch (at least 8 vertices are required)",
        sb.attachAttribute, sb, "Off", small)
    T.err("The specified mesh does not have a vertex attribute named 'Nope'", sb.attachAttribute, sb, "Nope", small)
    sb:attachAttribute("Off", g.newMesh({ { "Off", "float", 2 } }, 8))
    g.draw(sb)
end)

T.test("graphics_draw_big_plain_mesh_and_edits_between_draws", function()
    -- 1200 vertices: drawn from its own buffer; the first triangle covers the top-left.
    local v = {}
    for i = 1, 400 do
        local x = (i == 1) and 0 or 100
        v[#v + 1] = { x, 0 }; v[#v + 1] = { x + 10, 0 }; v[#v + 1] = { x, 10 }
    end
    local m = g.newMesh(v, "triangles")
    T.eq(pixel(2, 2, function() g.draw(m) end), 1)
    -- A draw keeps the vertices it was queued with: moved after the first draw, both show.
    local c = g.newCanvas(20, 20)
    g.setCanvas(c); g.clear(0, 0, 0, 1)
    g.draw(m)
    m:setVertex(1, 10, 10); m:setVertex(2, 20, 10); m:setVertex(3, 10, 20)
    g.draw(m)
    g.setCanvas()
    local d = c:newImageData()
    T.eq(d:getPixel(2, 2), 1, "first draw"); T.eq(d:getPixel(12, 12), 1, "second draw")
end)

T.run()
