-- Shaders: newShader (LÖVE GLSL and the engine's WGSL path), send/sendColor of every
-- type, errors, hasUniform, getWarnings, validateShader, compile-error lines, and what
-- draws render (read back from canvases). Messages checked against LÖVE 11.4; argument
-- numbers count self as #1, as when LÖVE's methods are called through pcall(s.send, s, ...).
local T = require("testlib")
local g = love.graphics

local ALL = [[
extern number amount;
extern vec2 v2;
extern vec3 v3;
uniform vec4 v4;
extern vec2 va[3];
extern float fa[4];
extern mat2 m2;
extern mat3 m3;
extern mat4 m4;
extern bool b;
extern bvec2 bv;
extern int i;
extern ivec2 iv;
extern Image img;
extern float unused;
vec4 effect(vec4 c, Image t, vec2 tc, vec2 sc) {
  return Texel(t, tc) * c * amount + vec4(v2, 0, 0) + vec4(v3, 0) + v4 + vec4(va[0], va[2]) + fa[1] + fa[3]
    + vec4(m2[0], 0, 0) + vec4(m3[0], 0) + m4[0] + (b ? 1.0 : 0.0) + (bv.y ? 1.0 : 0.0) + float(i) + float(iv.x)
    + Texel(img, tc);
}
]]

local function pixel(canvas, x, y)
    local r, gg, b, a = canvas:newImageData():getPixel(x, y)
    return { r, gg, b, a }
end

local function near(c, e, what)
    for k = 1, 4 do T.near(c[k], e[k], 0.02, (what or "pixel") .. "[" .. k .. "]") end
end

-- Draws a 4x4 white rectangle with `s` into a new canvas (cleared to `clear`).
local function render(s, setup, clear)
    local c = g.newCanvas(4, 4)
    g.setCanvas(c)
    g.clear(clear or { 0, 0, 0, 0 })
    g.setShader(s)
    g.setBlendMode("replace", "premultiplied") -- the shader's output as is
    if setup then setup() end
    g.rectangle("fill", 0, 0, 4, 4)
    g.setBlendMode("alpha")
    g.setShader()
    g.setCanvas()
    return c
end

T.test("graphics_newShader", function()
    local s = g.newShader(ALL)
    T.eq(s:type(), "Shader"); T.eq(s:typeOf("Object"), true); T.eq(s:typeOf("Shader"), true)
    T.eq(s:typeOf("Texture"), false)
    -- Vertex and pixel code in either order, and one source holding both.
    local both = [[
#ifdef VERTEX
vec4 position(mat4 m, vec4 v) { return m * v; }
#endif
#ifdef PIXEL
vec4 effect(vec4 c, Image t, vec2 tc, vec2 sc) { return c; }
#endif
]]
    T.eq(g.newShader(both):type(), "Shader")
    T.eq(g.newShader("vec4 position(mat4 m, vec4 v) { return m * v; }",
        "vec4 effect(vec4 c, Image t, vec2 tc, vec2 sc) { return c; }"):type(), "Shader")
    T.eq(g.newShader("vec4 effect(vec4 c, Image t, vec2 tc, vec2 sc) { return c; }",
        "vec4 position(mat4 m, vec4 v) { return m * v; }"):type(), "Shader")
    -- GLSL 3, ES precision qualifiers, number/Texel/texture2D.
    T.eq(g.newShader("#pragma language glsl3\nvec4 effect(vec4 c, Image t, vec2 tc, vec2 sc){return texture(t, tc)*c;}"):type(), "Shader")
    T.eq(g.newShader([[
#ifdef GL_ES
precision highp float;
#endif
varying lowp vec4 foo;
vec4 effect(mediump vec4 c, Image t, highp vec2 tc, vec2 sc) { number k = 0.5; return texture2D(t, tc) * c * k; }
]]):type(), "Shader")
end)

T.test("graphics_newShader_file", function()
    love.filesystem.write("grey.glsl", "vec4 effect(vec4 c, Image t, vec2 tc, vec2 sc){return c;}")
    T.eq(g.newShader("grey.glsl"):type(), "Shader")
    T.err("Could not open file nope.frag. Does not exist.", g.newShader, "nope.frag")
end)

T.test("graphics_newShader_errors", function()
    T.err("bad argument #1 to 'newShader' (string expected, got nil)", g.newShader, nil)
    T.err("bad argument #1 to 'newShader' (missing 'position' or 'effect' function?)", g.newShader, "hello")
    T.err("bad argument #1 to 'newShader' (missing 'position' or 'effect' function?)", g.newShader, 5)
    local px = "vec4 effect(vec4 c, Image t, vec2 tc, vec2 sc){return c;}"
    T.err("Could not parse vertex shader code (missing 'position' function?)", g.newShader, px, px)
    T.err("Invalid shader language: glsl4", g.newShader, "#pragma language glsl4\n" .. px)
    T.err("vertex and pixel shader languages must match", g.newShader, "#pragma language glsl3\n" .. px,
        "vec4 position(mat4 m, vec4 v) { return m*v; }")
end)

T.test("graphics_newShader_error_lines", function()
    local ok, e = pcall(g.newShader, "vec4 effect(vec4 c, Image t, vec2 tc, vec2 sc) {\n return foo;\n}\n")
    T.eq(ok, false)
    T.eq(e:match("^Error validating pixel shader code:\nLine 2: ERROR: ") ~= nil, true, e)
    ok, e = pcall(g.newShader, "\n\n\nvec4 position(mat4 m, vec4 v) {\n\n return m * q;\n}\n")
    T.eq(e:match("^Error validating vertex shader code:\nLine 6: ERROR: ") ~= nil, true, e)
    -- Lines count in the game's own source, macros and #ifdef sections included.
    ok, e = pcall(g.newShader, "#define K 2.0\n#ifdef VERTEX\nfloat x;\n#endif\nextern float a;\nvec4 effect(vec4 c, Image t, vec2 tc, vec2 sc) {\n  float y = a * K;\n  return c * undefinedThing;\n}\n")
    T.eq(e:match("\nLine 8: ERROR: ") ~= nil, true, e)
    ok, e = pcall(g.newShader, "vec4 effect(vec4 c, Image t, vec2 tc, vec2 sc) {\n  return c\n}\n")
    T.eq(e:match("\nLine 3: ERROR: ") ~= nil, true, e)
    ok, e = pcall(g.newShader, "uniform DepthImage sky;\nvec4 effect(vec4 c, Image t, vec2 tc, vec2 sc) { return c; }")
    T.eq(e, "Error validating pixel shader code:\nLine 1: ERROR: 'sampler2DShadow': depth textures are not supported by the engine yet")
end)

T.test("graphics_validateShader", function()
    T.eq(g.validateShader(false, "vec4 effect(vec4 c, Image t, vec2 tc, vec2 sc) {\n return c;\n}\n"), true)
    local ok, msg = g.validateShader(false, "vec4 effect(vec4 c, Image t, vec2 tc, vec2 sc) {\n return foo;\n}\n")
    T.eq(ok, false)
    T.eq(msg:match("^Error validating pixel shader:\n\nERROR: 0:2: ") ~= nil, true, msg)
    T.err("bad argument #1 to 'validateShader' (boolean expected, got no value)", g.validateShader)
    T.err("bad argument #2 to 'validateShader' (missing 'position' or 'effect' function?)", g.validateShader, false, "hello")
end)

T.test("graphics_setShader_getShader", function()
    T.eq(g.getShader(), nil)
    local s = g.newShader(ALL)
    g.setShader(s)
    T.eq(g.getShader(), s)
    g.push("all")
    g.setShader()
    T.eq(g.getShader(), nil)
    g.pop()
    T.eq(g.getShader(), s)
    g.reset()
    T.eq(g.getShader(), nil)
    T.err("bad argument #1 to 'setShader' (Shader expected, got number)", g.setShader, 1)
    s:release()
    T.err("Cannot use object after it has been released.", g.setShader, s)
    T.err("Cannot use object after it has been released.", s.send, s, "amount", 1)
    T.eq(s:release(), false)
end)

T.test("shader_hasUniform", function()
    local s = g.newShader(ALL)
    for _, n in ipairs { "amount", "v2", "v3", "v4", "va", "fa", "m2", "m3", "m4", "b", "bv", "i", "iv", "img", "MainTex" } do
        T.eq(s:hasUniform(n), true, n)
    end
    T.eq(s:hasUniform("unused"), false)
    T.eq(s:hasUniform("nope"), false)
    T.eq(s:hasUniform("love_ScreenSize"), false)
    T.err("bad argument #2 to 'hasUniform' (string expected, got no value)", s.hasUniform, s)
end)

T.test("shader_getWarnings", function()
    T.eq(g.newShader(ALL):getWarnings(), "vertex shader:\npixel shader:\n")
end)

T.test("shader_send_types", function()
    local s = g.newShader(ALL)
    s:send("amount", 0.5)
    s:send("v2", { 1, 2 }); s:send("v2", { 1, 2, 3 })
    s:send("v3", { 1, 2, 3 }); s:send("v4", { 1, 2, 3, 4 })
    s:send("va", { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7 }) -- extra values are ignored
    s:send("fa", 1, 2, 3, 4, 5)
    s:send("m2", { 1, 2, 3, 4 }); s:send("m2", { { 1, 2 }, { 3, 4 } }); s:send("m2", "column", { { 1, 2 }, { 3, 4 } })
    s:send("m3", { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } })
    s:send("m4", { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1 })
    s:send("b", true, false); s:send("bv", { true, false })
    s:send("i", 1.5); s:send("iv", { 1, 2 })
    s:send("img", g.newCanvas(2, 2))
    s:sendColor("v3", { 1, 0.5, 0.25 }); s:sendColor("v4", { 1, 1, 1, 1 })
end)

T.test("shader_send_errors", function()
    local s = g.newShader(ALL)
    local missing = "Shader uniform 'nope' does not exist.\nA common error is to define but not use the variable."
    T.err(missing, s.send, s, "nope", 1)
    T.err("Shader uniform 'unused' does not exist.\nA common error is to define but not use the variable.", s.send, s, "unused", 1)
    T.err("bad argument #3 to 'send' (number expected, got string)", s.send, s, "amount", "x")
    T.err("bad argument #3 to 'send' (number expected, got no value)", s.send, s, "amount")
    T.err("bad argument #2 to 'send' (string expected, got no value)", s.send, s)
    T.err("bad argument #6 to 'send' (number expected, got nil)", s.send, s, "v2", { 1 })
    T.err("bad argument #7 to 'send' (number expected, got string)", s.send, s, "v3", { 1, 2, "x" })
    T.err("bad argument #7 to 'send' (number expected, got nil)", s.send, s, "va", { 1, 2 }, { 1 })
    T.err("bad argument #4 to 'send' (number expected, got string)", s.send, s, "fa", 1, "x")
    T.err("bad argument #7 to 'send' (number expected, got nil)", s.send, s, "m2", { { 1, 2 }, { 3 } })
    T.err("bad argument #8 to 'send' (number expected, got nil)", s.send, s, "m2", { 1, 2, 3 })
    T.err("bad argument #9 to 'send' (number expected, got nil)", s.send, s, "m2", "column", { 1, 2, 3 })
    T.err("bad argument #8 to 'send' (number expected, got nil)", s.send, s, "m2", "column", { { 1, 2 }, { 3 } })
    T.err("bad argument #3 to 'send' (table expected, got number)", s.send, s, "m2", 1)
    T.err("Invalid matrix layout 'foo', expected one of: 'row', 'column'", s.send, s, "m2", "foo", { 1, 2, 3, 4 })
    T.err("bad argument #3 to 'send' (boolean expected, got number)", s.send, s, "b", 1)
    T.err("bad argument #6 to 'send' (boolean expected, got number)", s.send, s, "bv", { true, 1 })
    T.err("bad argument #6 to 'sendColor' (number expected, got nil)", s.sendColor, s, "v3", { 1 })
    T.err("bad argument #3 to 'send' (table expected, got number)", s.send, s, "iv", 1)
    T.err("bad argument #3 to 'send' (number expected, got table)", s.send, s, "i", { 1 })
    T.err("bad argument #3 to 'send' (Texture expected, got number)", s.send, s, "img", 1)
    T.err("bad argument #3 to 'send' (Texture expected, got nil)", s.send, s, "img", nil)
    T.err("sendColor can only be used on vec3 or vec4 uniforms.", s.sendColor, s, "amount", 1)
    T.err("sendColor can only be used on vec3 or vec4 uniforms.", s.sendColor, s, "v2", { 1, 1 })
    T.err("sendColor can only be used on vec3 or vec4 uniforms.", s.sendColor, s, "img", { 1, 1, 1 })
    T.err(missing, s.sendColor, s, "nope", { 1, 1, 1 })
    T.err("bad argument #3 to 'sendColor' (table expected, got number)", s.sendColor, s, "v3", 1)
end)

T.test("shader_send_data", function()
    local s = g.newShader(ALL)
    local d = love.data.newByteData(64)
    s:send("fa", d); s:send("m4", d); s:send("m4", d, 0, 64); s:send("m4", "column", d); s:send("b", d)
    s:send("fa", d, 60)
    s:sendColor("v3", d)
    T.err("Size and offset must fit within the Data's bounds.", s.send, s, "m4", d, 10, 64)
    T.err("Size must be greater than 0.", s.send, s, "fa", d, 0, 0)
    T.err("Size (3) must be a multiple of the uniform's size in bytes (4).", s.send, s, "fa", d, 0, 3)
    T.err("Size and offset must fit within the Data's bounds.", s.send, s, "fa", d, 0, 65)
    T.err("Size to copy must be greater than 0.", s.send, s, "fa", d, 61)
    T.err("Size to copy must be greater than 0.", s.send, s, "m4", d, 1)
    T.err("Offset must be less than the size of the Data.", s.send, s, "amount", d, 64)
    T.err("Offset cannot be negative.", s.send, s, "amount", d, -1)
    T.err("Invalid matrix layout 'foo', expected one of: 'row', 'column'", s.send, s, "m4", "foo", d)
    T.err("Uniform sampler values (textures) cannot be sent to Shaders via Data objects.", s.send, s, "img", d)
end)

-- What the GPU computes from sent values: colours read back from a canvas.
T.test("shader_send_renders", function()
    local s = g.newShader([[
extern vec4 col;
extern float scale;
extern mat2 m;
extern bool flag;
extern int n;
extern vec3 arr[2];
vec4 effect(vec4 c, Image t, vec2 tc, vec2 sc) {
    if (sc.x < 1.0) return col * scale;
    if (sc.x < 2.0) return vec4(m[0][0], m[0][1], m[1][0], m[1][1]);
    if (sc.x < 3.0) return vec4(flag ? 1.0 : 0.0, float(n) / 4.0, arr[1].z, 1.0);
    return vec4(arr[0], 1.0);
}
]])
    s:send("col", { 1, 0.5, 0.25, 2 })
    s:send("scale", 0.5)
    s:send("m", { { 0.1, 0.2 }, { 0.3, 0.4 } }) -- rows: m[0] is the first column
    s:send("flag", true)
    s:send("n", 2)
    s:send("arr", { 0.2, 0.4, 0.6 }, { 0, 0, 0.8 })
    local c = render(s)
    near(pixel(c, 0, 0), { 0.5, 0.25, 0.125, 1 }, "vec4*float")
    near(pixel(c, 1, 0), { 0.1, 0.3, 0.2, 0.4 }, "mat2 rows")
    near(pixel(c, 2, 0), { 1, 0.5, 0.8, 1 }, "bool/int/array")
    near(pixel(c, 3, 0), { 0.2, 0.4, 0.6, 1 }, "array[0]")
    s:send("m", "column", { { 0.1, 0.2 }, { 0.3, 0.4 } })
    near(pixel(render(s), 1, 0), { 0.1, 0.2, 0.3, 0.4 }, "mat2 columns")
    local d = love.data.newByteData(16)
    local p = require("ffi").cast("float*", d:getFFIPointer())
    p[0], p[1], p[2], p[3] = 0.1, 0.2, 0.3, 0.4
    s:send("m", d) -- row-major by default
    near(pixel(render(s), 1, 0), { 0.1, 0.3, 0.2, 0.4 }, "mat2 from Data")
end)

T.test("shader_send_struct_fields", function()
    local s = g.newShader([[
struct Light { vec2 pos; vec3 color; };
extern Light lights[2];
vec4 effect(vec4 c, Image t, vec2 tc, vec2 sc) { return vec4(lights[1].color, lights[0].pos.y); }
]])
    T.eq(s:hasUniform("lights[1].color"), true)
    s:send("lights[1].color", { 0.2, 0.4, 0.6 })
    s:send("lights[0].pos", { 0, 1 })
    near(pixel(render(s), 0, 0), { 0.2, 0.4, 0.6, 1 })
end)

T.test("shader_uniform_initializer", function()
    local s = g.newShader("extern vec4 col = vec4(0.0, 1.0, 0.0, 1.0);\nvec4 effect(vec4 c, Image t, vec2 tc, vec2 sc) { return col; }")
    near(pixel(render(s), 0, 0), { 0, 1, 0, 1 })
end)

-- A send between two draws changes the second only, also inside one batch.
T.test("shader_send_between_draws", function()
    local s = g.newShader("extern vec4 col;\nvec4 effect(vec4 c, Image t, vec2 tc, vec2 sc) { return col; }")
    local c = g.newCanvas(4, 4)
    g.setCanvas(c)
    g.clear()
    g.setShader(s)
    s:send("col", { 1, 0, 0, 1 })
    g.rectangle("fill", 0, 0, 2, 4)
    s:send("col", { 0, 0, 1, 1 })
    g.rectangle("fill", 2, 0, 2, 4)
    g.setShader()
    g.setCanvas()
    near(pixel(c, 0, 0), { 1, 0, 0, 1 }, "first draw")
    near(pixel(c, 3, 0), { 0, 0, 1, 1 }, "second draw")
end)

T.test("shader_batches_and_stats", function()
    local s = g.newShader("vec4 effect(vec4 c, Image t, vec2 tc, vec2 sc) { return c; }")
    local c = g.newCanvas(4, 4)
    g.setCanvas(c)
    local before = g.getStats().drawcalls
    g.rectangle("fill", 0, 0, 1, 1)
    g.setShader(s)
    g.rectangle("fill", 1, 0, 1, 1)
    g.rectangle("fill", 2, 0, 1, 1)
    g.setShader()
    g.rectangle("fill", 3, 0, 1, 1)
    local st = g.getStats()
    T.eq(st.drawcalls - before, 3)
    T.eq(st.shaderswitches >= 2, true)
    g.setCanvas()
end)

T.test("shader_texture_and_screen_size", function()
    local d = love.image.newImageData(1, 1)
    d:setPixel(0, 0, 0, 1, 0, 1)
    local s = g.newShader([[
extern Image pal;
vec4 lookup(Image p, vec2 uv) { return Texel(p, uv); }
vec4 effect(vec4 c, Image t, vec2 tc, vec2 sc) {
    if (sc.x < 2.0) return lookup(pal, vec2(0.5));
    return vec4(love_ScreenSize.xy / 8.0, sc.y / 4.0, 1.0);
}
]])
    s:send("pal", g.newImage(d))
    local c = render(s)
    near(pixel(c, 0, 0), { 0, 1, 0, 1 }, "extern Image via helper")
    near(pixel(c, 3, 1), { 0.5, 0.5, 1.5 / 4, 1 }, "love_ScreenSize and pixel coords")
end)

T.test("shader_multicanvas", function()
    local s = g.newShader([[
void effect() {
    love_Canvases[0] = vec4(1.0, 0.0, 0.0, 1.0);
    love_Canvases[1] = VaryingColor;
}
]])
    local a, b = g.newCanvas(2, 2), g.newCanvas(2, 2)
    g.setCanvas(a, b)
    g.setShader(s)
    g.setColor(0, 0, 1, 1)
    g.rectangle("fill", 0, 0, 2, 2)
    g.setColor(1, 1, 1, 1)
    g.setShader()
    g.setCanvas()
    near(pixel(a, 0, 0), { 1, 0, 0, 1 }, "canvas 1")
    near(pixel(b, 1, 1), { 0, 0, 1, 1 }, "canvas 2")
end)

T.test("shader_wgsl", function()
    local s = g.newShader([[
//engine:wgsl
struct U { tint: vec4<f32> };
@group(2) @binding(1) var<uniform> u: U;
@fragment fn pixel(v: Varyings) -> @location(0) vec4<f32> { return u.tint * v.color; }
]])
    T.eq(s:hasUniform("tint"), true)
    s:send("tint", { 0, 1, 0, 1 })
    near(pixel(render(s), 0, 0), { 0, 1, 0, 1 })
    local ok, e = pcall(g.newShader, "//engine:wgsl\n\n@fragment fn pixel(v: Varyings) -> @location(0) vec4<f32> { return nope; }\n")
    T.eq(ok, false)
    T.eq(e:match("^Error validating pixel shader code:\nLine 3: ERROR: ") ~= nil, true, e)
end)

T.run()
