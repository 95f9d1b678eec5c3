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
