//! The engine's own WGSL path: a shader source whose first line is `//engine:wgsl` is WGSL,
//! compiled as is after a small prelude (the engine's bindings and vertex layout). Its
//! uniforms are the members of structs bound at `@group(2) @binding(0)` and
//! `@binding(1)`; its textures are `texture_2d<f32>` at `@group(2) @binding(2 + 2k)`
//! with their sampler at the next binding. See docs/graphics.md, "Shaders".

use super::{CompileError, Program, translate::Stage};

pub const MARKER: &str = "//engine:wgsl";

/// Whether `code` is WGSL for the engine (first line `//engine:wgsl`).
pub fn is_wgsl(code: &str) -> bool {
    code.trim_start().starts_with(MARKER)
}

pub const PRELUDE: &str = "struct LoveGlobals { transform_projection: mat4x4<f32>, gl_projection: mat4x4<f32>, screen_size: vec4<f32> };
@group(0) @binding(0) var<uniform> love: LoveGlobals;
@group(1) @binding(0) var MainTex: texture_2d<f32>;
@group(1) @binding(1) var MainSampler: sampler;
struct VertexInput { @location(0) position: vec2<f32>, @location(1) texcoord: vec2<f32>, @location(2) color: vec4<f32> };
struct Varyings { @builtin(position) position: vec4<f32>, @location(0) texcoord: vec2<f32>, @location(1) color: vec4<f32> };
";

const DEFAULT_VERTEX: &str = "
@vertex fn love_default_vertex(v: VertexInput) -> Varyings {
    return Varyings(love.transform_projection * vec4<f32>(v.position, 0.0, 1.0), v.texcoord, v.color);
}
";
const DEFAULT_PIXEL: &str = "
@fragment fn love_default_pixel(v: Varyings) -> @location(0) vec4<f32> {
    return textureSample(MainTex, MainSampler, v.texcoord) * v.color;
}
";

/// Compiles an engine WGSL shader: the game's entry points, or the defaults for a
/// stage it leaves out.
pub fn compile(code: &str) -> Result<Program, CompileError> {
    let header = PRELUDE.matches('\n').count() as u32;
    let last = code.lines().count() as u32;
    let parse = |src: &str| naga::front::wgsl::parse_str(src);
    let mut source = format!("{PRELUDE}{code}\n");
    let module = parse(&source).map_err(|e| {
        let line = e
            .location(&source)
            .map(|l| l.line_number)
            .filter(|&l| l > header && l - header <= last)
            .map(|l| l - header);
        CompileError {
            stage: Stage::Pixel,
            errors: vec![(line, e.message().to_string())],
        }
    })?;
    let has = |s: naga::ShaderStage| {
        module
            .entry_points
            .iter()
            .find(|e| e.stage == s)
            .map(|e| e.name.clone())
    };
    let vertex = has(naga::ShaderStage::Vertex);
    let pixel = has(naga::ShaderStage::Fragment);
    if vertex.is_none() {
        source.push_str(DEFAULT_VERTEX);
    }
    if pixel.is_none() {
        source.push_str(DEFAULT_PIXEL);
    }
    let module = if vertex.is_none() || pixel.is_none() {
        parse(&source).map_err(|e| CompileError {
            stage: Stage::Pixel,
            errors: vec![(None, e.message().to_string())],
        })?
    } else {
        module
    };
    super::validate_module(&module).map_err(|e| {
        let line = e
            .spans()
            .map(|(s, _)| s.location(&source).line_number)
            .find(|&l| l > header && l - header <= last)
            .map(|l| l - header);
        CompileError {
            stage: Stage::Pixel,
            errors: vec![(line, super::error_chain(e.as_inner()))],
        }
    })?;
    let entries = [
        vertex.unwrap_or_else(|| "love_default_vertex".into()),
        pixel.unwrap_or_else(|| "love_default_pixel".into()),
    ];
    let program = super::reflect(module.clone(), module, entries);
    super::check_sizes(&program)?;
    Ok(program)
}
