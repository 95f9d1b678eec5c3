//! Translation and reflection of LÖVE shaders (no GPU needed).

use super::*;

const GREY: &str = "extern number amount;
vec4 effect(vec4 color, Image tex, vec2 tc, vec2 sc) {
    vec4 c = Texel(tex, tc) * color;
    float g = dot(c.rgb, vec3(0.299, 0.587, 0.114));
    return vec4(mix(c.rgb, vec3(g), amount), c.a);
}
";

#[test]
fn shader_compile_greyscale() {
    let p = compile(Some(GREY), None).expect("compiles");
    let u = p.uniform("amount").expect("amount");
    assert!(u.used);
    assert_eq!(u.offset, [None, Some(0)]);
}

/// Shaders written the way games and shader libraries (moonshine, SHADERed exports,
/// forum snippets) write them; each must compile.
const CORPUS: &[(&str, Option<&str>)] = &[
    // moonshine-style gaussian blur with a loop, #define and a helper taking an Image.
    (
        "#define RADIUS 4
extern vec2 direction;
vec4 blur(Image texture, vec2 tc, vec2 dir) {
    vec4 c = vec4(0.0);
    number total = 0.0;
    for (int i = -RADIUS; i <= RADIUS; i++) {
        number w = exp(-float(i * i) / 8.0);
        c += Texel(texture, tc + dir * float(i)) * w;
        total += w;
    }
    return c / total;
}
vec4 effect(vec4 color, Image texture, vec2 tc, vec2 sc) {
    return blur(texture, tc, direction / love_ScreenSize.xy) * color;
}",
        None,
    ),
    // CRT with barrel distortion, scanlines, vignette.
    (
        "extern vec2 distortionFactor;
extern vec2 scaleFactor;
extern number feather;
vec4 effect(vec4 color, Image tex, vec2 uv, vec2 px) {
    vec2 offset = uv - 0.5;
    float r = dot(offset, offset);
    vec2 d = offset * (1.0 + r * distortionFactor) * scaleFactor + 0.5;
    if (d.x < 0.0 || d.x > 1.0 || d.y < 0.0 || d.y > 1.0) { return vec4(0.0, 0.0, 0.0, 1.0); }
    vec4 c = Texel(tex, d);
    c.rgb *= 0.9 + 0.1 * sin(px.y * 3.14159);
    float mask = smoothstep(0.5, 0.5 - feather, length(offset));
    return c * color * mask;
}",
        None,
    ),
    // Lights from arrays of uniforms, glsl3, textureSize, love_PixelColor in custom effect.
    (
        "#pragma language glsl3
#define MAX_LIGHTS 8
uniform vec2 lightPos[MAX_LIGHTS];
uniform vec3 lightColor[MAX_LIGHTS];
uniform int lightCount;
const float AMBIENT = 0.2;
vec4 effect(vec4 color, Image tex, vec2 uv, vec2 px) {
    vec3 total = vec3(AMBIENT);
    ivec2 size = textureSize(tex, 0);
    for (int i = 0; i < lightCount; ++i) {
        float d = distance(px, lightPos[i]);
        total += lightColor[i] * max(0.0, 1.0 - d / 100.0);
    }
    return texture(tex, uv) * color * vec4(total, 1.0) + vec4(float(size.x) * 0.0);
}",
        None,
    ),
    // Outline with a struct, a const array and discard.
    (
        "struct Sample { vec2 off; float w; };
const vec2 OFFSETS[4] = vec2[4](vec2(1.0, 0.0), vec2(-1.0, 0.0), vec2(0.0, 1.0), vec2(0.0, -1.0));
extern vec4 outlineColor;
extern vec2 stepSize;
vec4 effect(vec4 col, Image texture, vec2 texturePos, vec2 screenPos) {
    float alpha = Texel(texture, texturePos).a;
    if (alpha > 0.5) return Texel(texture, texturePos) * col;
    float sum = 0.0;
    for (int i = 0; i < 4; i++) {
        Sample s = Sample(OFFSETS[i] * stepSize, 1.0);
        sum += Texel(texture, texturePos + s.off).a * s.w;
    }
    if (sum < 0.1) discard;
    return outlineColor;
}",
        None,
    ),
    // Vertex + pixel in separate strings, with varyings, attributes redeclared, time uniform
    // used in both stages, gl_FragColor-free glsl1 style.
    (
        "varying vec4 vpos;
extern float time;
vec4 effect(vec4 color, Image tex, vec2 uv, vec2 sc) {
    return Texel(tex, uv) * color * (0.5 + 0.5 * sin(time + vpos.x));
}",
        Some(
            "varying vec4 vpos;
attribute vec4 VertexPosition;
extern float time;
vec4 position(mat4 transform_projection, vec4 vertex_position) {
    vpos = vertex_position;
    vertex_position.y += sin(time) * 2.0;
    return transform_projection * vertex_position;
}",
        ),
    ),
    // Helpers: gammaToLinear, mat3 colour matrix, bool toggles, int arrays, ES precision.
    (
        "#ifdef GL_ES
precision mediump float;
#endif
extern mat3 colorMatrix;
extern bool enabled;
extern int steps[3];
extern bvec2 flags;
lowp vec4 effect(lowp vec4 color, Image texture, highp vec2 tc, mediump vec2 sc) {
    vec4 c = Texel(texture, tc);
    if (!enabled || !flags.x) return c * color;
    vec3 lin = gammaToLinear(c.rgb);
    return vec4(linearToGamma(colorMatrix * lin) * float(steps[1]), c.a) * color;
}",
        None,
    ),
    // Texture uniforms sampled in a vertex shader (height map), love_VertexID unused.
    (
        "vec4 effect(vec4 c, Image t, vec2 uv, vec2 sc) { return c; }",
        Some(
            "extern Image heightmap;
vec4 position(mat4 tp, vec4 v) {
    float h = Texel(heightmap, v.xy / 64.0).r;
    return tp * (v + vec4(0.0, -h * 10.0, 0.0, 0.0));
}",
        ),
    ),
    // mat2 rotation uniform and mat4 transform, ternaries, swizzle assignment.
    (
        "extern mat2 rot;
extern mat4 xf;
vec4 effect(vec4 color, Image tex, vec2 uv, vec2 sc) {
    vec2 p = rot * (uv - 0.5) + 0.5;
    vec4 q = xf * vec4(p, 0.0, 1.0);
    vec4 c = Texel(tex, q.xy);
    c.rg = c.gr;
    return (c.a > 0.0) ? c * color : vec4(0.0);
}",
        None,
    ),
    // Implicit int→float, old texture2D, bias, prototypes, uniform after a function,
    // several declarators, a const array size, custom effect writing love_PixelColor.
    (
        "const int N = 4;
extern vec2 pts[N];
extern float a, b;
vec4 shade(vec4 c);
vec4 effect(vec4 color, Image image, vec2 uvs, vec2 screen_coords) {
    float one = 1;
    vec3 red = vec3(1, 0, 0);
    vec4 c = texture2D(image, uvs) + Texel(image, uvs, 0.5);
    for (float i = 0.0; i < 2.0; i += 1.0) { c.r += i * a * b; }
    c.rgb += red * one * pts[int(mod(screen_coords.x, 4.0))].x;
    return shade(c) * color * late;
}
extern float late;
vec4 shade(vec4 c) { return c * 0.5; }",
        None,
    ),
    (
        "#pragma language glsl3
void effect() {
    love_PixelColor = Texel(MainTex, VaryingTexCoord.xy) * VaryingColor;
}",
        None,
    ),
];

#[test]
fn shader_compile_corpus() {
    let mut failed = Vec::new();
    for (i, (pixel, vertex)) in CORPUS.iter().enumerate() {
        if let Err(e) = compile(Some(pixel), *vertex) {
            failed.push(format!("shader {i}: {}", e.message()));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn shader_stage_detection_like_love() {
    assert!(is_vertex_code("vec4  position (mat4 m, vec4 v)"));
    assert!(!is_vertex_code("vec4 positions(mat4 m)"));
    assert_eq!(is_pixel_code("vec4 effect(vec4 c"), (true, false, false));
    assert_eq!(
        is_pixel_code("void effect() { love_Canvases[1] = vec4(1.0); }"),
        (true, true, true)
    );
    assert_eq!(is_pixel_code("vec4 main()"), (false, false, false));
    assert_eq!(
        language("  #pragma language glsl3\n").as_deref(),
        Some("glsl3")
    );
    assert_eq!(language("vec4 effect()"), None);
}

#[test]
fn shader_unused_uniforms_are_not_reported() {
    let p = compile(
        Some(
            "extern float used; extern float unused; extern Image a; extern Image b;
             float helper() { return unused; }
             vec4 effect(vec4 c, Image t, vec2 uv, vec2 sc) { return c * used * Texel(a, uv); }",
        ),
        None,
    )
    .expect("compiles");
    assert!(p.uniform("used").is_some_and(|u| u.used));
    assert!(p.uniform("unused").is_some_and(|u| !u.used));
    assert!(p.texture("a").is_some_and(|k| p.textures[k].used));
    assert!(p.texture("b").is_some_and(|k| !p.textures[k].used));
}

#[test]
fn shader_bool_and_two_row_matrix_storage() {
    let p = compile(
        Some(
            "extern bool on; extern bvec3 bs; extern mat2 r; extern mat3 m;
             vec4 effect(vec4 c, Image t, vec2 uv, vec2 sc) {
                 vec2 q = r * uv;
                 return (on && bs.z) ? vec4(m * vec3(q, 1.0), 1.0) : c;
             }",
        ),
        None,
    )
    .expect("compiles");
    let on = p.uniform("on").expect("on");
    assert_eq!((on.base, on.rows, on.cols), (Base::Bool, 1, 1));
    let bs = p.uniform("bs").expect("bs");
    assert_eq!((bs.base, bs.rows), (Base::Bool, 3));
    let r = p.uniform("r").expect("r");
    assert_eq!((r.rows, r.cols, r.count, r.col_stride), (2, 2, 1, 16));
    let m = p.uniform("m").expect("m");
    assert_eq!((m.rows, m.cols, m.col_stride), (3, 3, 16));
    assert!([on, bs, r, m].iter().all(|u| u.used));
}

#[test]
fn shader_initializers_fill_defaults() {
    let p = compile(
        Some(
            "extern vec3 tint = vec3(0.5, 0.25, 1.0); extern float k = -2.0; extern mat2 id = mat2(1.0);
             vec4 effect(vec4 c, Image t, vec2 uv, vec2 sc) { return vec4(tint * k, 1.0) + vec4(id[1], 0.0, 0.0); }",
        ),
        None,
    )
    .expect("compiles");
    let f = |u: &str, i: u32| {
        let u = p.uniform(u).expect("uniform");
        let at = (u.offset[1].expect("pixel") + i) as usize;
        f32::from_le_bytes(p.defaults[1][at..at + 4].try_into().expect("4 bytes"))
    };
    assert_eq!((f("tint", 0), f("tint", 4), f("tint", 8)), (0.5, 0.25, 1.0));
    assert_eq!(f("k", 0), -2.0);
    // mat2(1.0): the second column (16 bytes on) is (0, 1).
    assert_eq!((f("id", 16), f("id", 20)), (0.0, 1.0));
}

#[test]
fn shader_errors_quote_game_lines() {
    let e = compile(
        Some("#define K 2.0\n\nextern float a;\nvec4 effect(vec4 c, Image t, vec2 uv, vec2 sc) {\n  float x = a * K;\n  return c * y;\n}\n"),
        None,
    )
    .expect_err("fails");
    assert_eq!(e.stage, Stage::Pixel);
    assert_eq!(e.errors[0].0, Some(6), "{:?}", e.errors);
    let e = compile(
        None,
        Some("vec4 position(mat4 m, vec4 v) {\n  return m * v\n}\n"),
    )
    .expect_err("fails");
    assert_eq!(e.stage, Stage::Vertex);
    assert_eq!(e.errors[0].0, Some(3), "{:?}", e.errors);
    assert!(
        e.message()
            .starts_with("Error validating vertex shader code:\nLine 3: ERROR: ")
    );
}

#[test]
fn shader_wgsl_defaults_missing_stage() {
    let p = wgsl::compile(
        "//engine:wgsl\nstruct U { k: f32 };\n@group(2) @binding(1) var<uniform> u: U;\n\
         @fragment fn f(v: Varyings) -> @location(0) vec4<f32> { return v.color * u.k; }\n",
    )
    .expect("compiles");
    assert_eq!(
        p.entries,
        ["love_default_vertex".to_string(), "f".to_string()]
    );
    assert!(
        p.uniform("k")
            .is_some_and(|u| u.used && u.offset[1] == Some(0))
    );
}

#[test]
fn shader_reserved_words_are_renamed() {
    let p = compile(
        Some(
            "extern float shared = 0.5;
             vec4 effect(vec4 c, Image sampler, vec2 uv, vec2 sc) {
                 vec4 sample = Texel(sampler, uv);
                 return sample * c * shared;
             }",
        ),
        None,
    )
    .expect("compiles");
    assert!(p.uniform("shared").is_some_and(|u| u.used));
}

#[test]
fn shader_struct_uniforms_are_flattened_like_gl() {
    let p = compile(
        Some(
            "struct Light { vec2 pos; vec3 color; };
             extern Light sun;
             extern Light lights[2];
             vec4 effect(vec4 c, Image t, vec2 uv, vec2 sc) {
                 return c * vec4(sun.color + lights[1].color * lights[0].pos.x, 1.0);
             }",
        ),
        None,
    )
    .expect("compiles");
    let at = |n: &str| p.uniform(n).and_then(|u| u.offset[1]).expect(n);
    assert!(
        p.uniform("sun.color")
            .is_some_and(|u| u.used && u.rows == 3)
    );
    assert!(p.uniform("lights[1].color").is_some_and(|u| u.used));
    // std140: Light is 32 bytes (vec2 at 0, vec3 at 16).
    assert_eq!(at("lights[1].color") - at("lights[0].pos"), 48);
}

#[test]
fn shader_compile_names_reserved_in_glsl4() {
    // LÖVE's wiki example names effect's Image `texture`; godsray names a vec4 `sample`.
    let code = "vec4 effect(vec4 color, Image texture, vec2 tc, vec2 sc) {
    vec4 sample = Texel(texture, tc);
    float buffer = 1.0;
    return sample * color * buffer;
}
";
    compile(Some(code), None).expect("compiles");
}

#[test]
fn shader_compile_uniforms_named_with_glsl4_words() {
    let code = "extern Image texture;
extern float sample;
vec4 effect(vec4 color, Image tex, vec2 tc, vec2 sc) {
    return Texel(texture, tc) * Texel(tex, tc) * sample;
}
";
    let p = compile(Some(code), None).expect("compiles");
    assert!(p.uniform("sample").expect("sample").used);
    assert!(p.texture("texture").is_some());
}
