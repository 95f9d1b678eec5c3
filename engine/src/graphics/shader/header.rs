//! Fixed text of a translated stage: the header before the game's code (engine globals,
//! MainTex, textures, varyings, LÖVE's helper functions), the uniform block, and `main()`.

use super::parse::Decl;
use super::tokens;
use super::translate::{Parsed, Shared, Stage, Storage, member_name, storage};
use std::collections::HashSet;

pub fn decl_text(d: &Decl, prefix: &str) -> String {
    let array = d.array.as_ref().map(|a| {
        let inner: Vec<String> = a.iter().map(|t| tokens::tok_text(&t.tok)).collect();
        format!("[{}]", inner.join(" "))
    });
    format!("{prefix}{} {}{};", d.ty, d.name, array.unwrap_or_default())
}

pub fn block_text(p: &Parsed) -> String {
    let mut s = format!(
        "layout(set = 2, binding = {}, std140) uniform love_Uniforms{} {{",
        p.stage.index(),
        p.stage.index()
    );
    let mut seen = HashSet::new();
    for d in &p.uniforms {
        if !seen.insert(d.name.clone()) {
            continue;
        }
        let name = member_name(d);
        match storage(&d.ty) {
            Storage::Plain => s.push_str(&decl_text(&Decl { name, ..d.clone() }, " ")),
            Storage::Bool(ty) => {
                let ity = if ty == "bool" {
                    "int".to_string()
                } else {
                    format!("i{}", &ty[1..])
                };
                s.push_str(&decl_text(
                    &Decl {
                        ty: ity,
                        name,
                        ..d.clone()
                    },
                    " ",
                ));
            }
            Storage::TwoRows(cols) => s.push_str(&format!(" vec2 {name}[{cols}];")),
        }
    }
    s.push_str(" };");
    s
}

// ViewSpaceFromLocal (TransformMatrix) and ConstantColor are identity and white for
// batched draws (vertices are transformed and coloured on the CPU); a Mesh drawn from its
// own buffer gets its real transform and the current colour, as in LÖVE.
const GLOBALS: &str = "layout(set = 0, binding = 0, std140) uniform love_Globals { mat4 love_BasicProjection; mat4 ClipSpaceFromView; vec4 love_ScreenSize; mat4 ViewSpaceFromLocal; vec4 love_ConstantColor; mat4 love_ClipFromLocal; };
const mat3 ViewNormalFromLocal = mat3(1.0);
";

const HELPERS: &str = "float gammaToLinearPrecise(float c) { return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4); }
vec3 gammaToLinearPrecise(vec3 c) { return vec3(gammaToLinearPrecise(c.r), gammaToLinearPrecise(c.g), gammaToLinearPrecise(c.b)); }
vec4 gammaToLinearPrecise(vec4 c) { return vec4(gammaToLinearPrecise(c.rgb), c.a); }
float linearToGammaPrecise(float c) { return c < 0.0031308 ? c * 12.92 : 1.055 * pow(c, 1.0 / 2.4) - 0.055; }
vec3 linearToGammaPrecise(vec3 c) { return vec3(linearToGammaPrecise(c.r), linearToGammaPrecise(c.g), linearToGammaPrecise(c.b)); }
vec4 linearToGammaPrecise(vec4 c) { return vec4(linearToGammaPrecise(c.rgb), c.a); }
float gammaToLinearFast(float c) { return c * (c * (c * 0.305306011 + 0.682171111) + 0.012522878); }
vec3 gammaToLinearFast(vec3 c) { return c * (c * (c * 0.305306011 + 0.682171111) + 0.012522878); }
vec4 gammaToLinearFast(vec4 c) { return vec4(gammaToLinearFast(c.rgb), c.a); }
float linearToGammaFast(float c) { return max(1.055 * pow(max(c, 0.0), 0.41666666) - 0.055, 0.0); }
vec3 linearToGammaFast(vec3 c) { return max(1.055 * pow(max(c, vec3(0.0)), vec3(0.41666666)) - 0.055, vec3(0.0)); }
vec4 linearToGammaFast(vec4 c) { return vec4(linearToGammaFast(c.rgb), c.a); }
";

fn varying_text(d: &Decl, location: usize, dir: &str) -> String {
    let interp: String = d.interp.iter().map(|q| format!("{q} ")).collect();
    decl_text(d, &format!("layout(location = {location}) {interp}{dir} "))
}

pub fn header(p: &Parsed, shared: &Shared) -> String {
    let mut h = String::from("#version 450\n");
    h.push_str(GLOBALS);
    for (k, t) in shared.textures.iter().enumerate() {
        let b = 2 + 2 * k;
        let ty = super::layered::texture_type(shared.texture_types.get(t).copied());
        h.push_str(&format!(
            "layout(set = 2, binding = {b}) uniform {ty} love_t_{t}; layout(set = 2, binding = {}) uniform sampler love_s_{t};\n",
            b + 1
        ));
    }
    match p.stage {
        Stage::Vertex => {
            // Inputs narrower than vec4 in the vertex buffer read as (x, y, 0, 1), as in GL.
            h.push_str("layout(location = 0) in vec4 love_InPos;\nlayout(location = 1) in vec4 love_InUV;\nlayout(location = 2) in vec4 love_InColor;\n");
            if shared.texture_types.contains_key("MainTex") {
                // An ArrayImage MainTex: each vertex's layer (renderer/layered.rs).
                h.push_str(&format!(
                    "layout(location = {}) in float love_InLayer;\n",
                    super::layered::LAYER_LOCATION
                ));
            }
            h.push_str("vec4 VertexPosition;\nvec4 VertexTexCoord;\nvec4 VertexColor;\nvec4 ConstantColor;\n");
            // The game's own attributes, bound by name to a Mesh's format (see
            // mesh_gpu.rs, which reads these locations back from the module).
            for (k, a) in p.attributes.iter().enumerate() {
                h.push_str(&decl_text(a, &format!("layout(location = {}) in ", 3 + k)));
                h.push('\n');
            }
            h.push_str("layout(location = 0) out vec4 VaryingTexCoord;\nlayout(location = 1) out vec4 VaryingColor;\n");
            for (k, d) in shared.varyings.iter().enumerate() {
                h.push_str(&varying_text(d, k + 2, "out"));
                h.push('\n');
            }
            h.push_str("void setPointSize() {}\n");
        }
        Stage::Pixel => {
            let main = super::layered::texture_type(shared.texture_types.get("MainTex").copied());
            h.push_str(&format!("layout(set = 1, binding = 0) uniform {main} love_t_MainTex;\nlayout(set = 1, binding = 1) uniform sampler love_s_MainTex;\n"));
            h.push_str("layout(location = 0) in vec4 VaryingTexCoord;\nlayout(location = 1) in vec4 VaryingColor;\n");
            for d in &p.varyings {
                if let Some(k) = shared.varyings.iter().position(|x| x.name == d.name) {
                    h.push_str(&varying_text(&shared.varyings[k], k + 2, "in"));
                    h.push('\n');
                }
            }
            for i in 0..4 {
                h.push_str(&format!("layout(location = {i}) out vec4 love_Out{i};\n"));
            }
            h.push_str("vec4 love_Canvases[8];\nvec4 love_FragCoordGL;\nvec2 love_PixelCoordV;\n");
        }
    }
    h.push_str(HELPERS);
    h
}

fn main_text_vertex(texcoord: &str) -> String {
    format!(
        "void main() {{
VertexPosition = love_InPos;
VertexTexCoord = {texcoord};
VertexColor = love_InColor;
ConstantColor = love_ConstantColor;
VaryingTexCoord = VertexTexCoord;
VaryingColor = VertexColor * ConstantColor;
vec4 love_p = position(love_ClipFromLocal, VertexPosition);
gl_Position = vec4(love_p.x, love_p.y * -love_ScreenSize.z, (love_p.z + love_p.w) * 0.5, love_p.w);
}}
"
    )
}

pub fn main_text(p: &Parsed, shared: &Shared) -> String {
    match p.stage {
        Stage::Vertex if shared.texture_types.contains_key("MainTex") => {
            main_text_vertex("vec4(love_InUV.xy, love_InLayer, 1.0)")
        }
        Stage::Vertex => main_text_vertex("love_InUV"),
        Stage::Pixel => {
            let mut s = String::from("void main() {
love_FragCoordGL = vec4(gl_FragCoord.x, gl_FragCoord.y * love_ScreenSize.z + love_ScreenSize.w, gl_FragCoord.z, gl_FragCoord.w);
love_PixelCoordV = gl_FragCoord.xy;
");
            if shared.custom_effect {
                s.push_str("effect();\n");
            } else {
                s.push_str("love_Canvases[0] = effect(VaryingColor, love_t_MainTex, love_s_MainTex, VaryingTexCoord.st, love_PixelCoordV);\n");
            }
            for i in 0..4 {
                let from = if shared.multicanvas { i } else { 0 };
                s.push_str(&format!("love_Out{i} = love_Canvases[{from}];\n"));
            }
            s.push_str("}\n");
            s
        }
    }
}
