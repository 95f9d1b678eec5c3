//! Shaders: LÖVE 11's GLSL dialect (or WGSL) compiled to naga modules the renderer hands
//! to wgpu, with reflection of the game's uniforms and their values.
//!
//! `compile` finds the stages as LÖVE does (`position` / `effect` functions), rewrites
//! each to Vulkan-style GLSL 450 (translate.rs), parses and validates it with naga, maps
//! naga's errors back to the game's own lines, and lays out the uniforms (uniforms.rs).
//! A [`Shader`] is a compiled [`Program`] plus the values sent to it; drawing with one
//! takes a [`Snapshot`] of those values, so a `send` between two draws changes only the
//! second. Plain Rust: no Lua, no GPU (the renderer turns programs into pipelines).

pub mod gpu;
pub mod header;
pub mod layered;
pub mod parse;
pub mod tokens;
pub mod translate;
pub mod uniforms;
pub mod wgsl;

use super::batch::TextureId;
use super::layered::TexKind;
use super::texture::TextureRef;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use translate::Stage;
use uniforms::{Base, Uniform};

static NEXT_ID: AtomicU32 = AtomicU32::new(1);

thread_local! {
    /// Programs dropped since the renderer last looked: their pipelines can go.
    static RETIRED: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// Ids of programs dropped since the last call.
pub fn take_retired() -> Vec<u32> {
    RETIRED.with(|r| {
        r.try_borrow_mut()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default()
    })
}

/// A texture uniform: bound at `@group(2) @binding(2 + 2k)` with its sampler after it.
#[derive(Clone, Debug)]
pub struct TextureSlot {
    pub name: String,
    pub used: bool,
    /// 2D, array, cube or volume: what `send` accepts and how it is bound.
    pub kind: TexKind,
}

/// A compiled shader: both stages as naga modules, and where its uniforms live.
pub struct Program {
    pub id: u32,
    pub vertex: naga::Module,
    pub pixel: naga::Module,
    pub uniforms: Vec<Uniform>,
    pub textures: Vec<TextureSlot>,
    /// Byte sizes of the vertex and pixel uniform blocks (0: none).
    pub sizes: [u32; 2],
    /// Initial block contents (GLSL initializers).
    pub defaults: [Vec<u8>; 2],
    /// Entry points (WGSL shaders name their own).
    pub entries: [String; 2],
    pub warnings: String,
    /// The game declared `uniform ArrayImage MainTex;`: it draws array textures (drawLayer)
    /// and reads the layer as VaryingTexCoord.z.
    pub main_array: bool,
}

impl std::fmt::Debug for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Program({})", self.id)
    }
}

impl Drop for Program {
    fn drop(&mut self) {
        let id = self.id;
        let _ = RETIRED.try_with(|r| {
            if let Ok(mut v) = r.try_borrow_mut() {
                v.push(id);
            }
        });
    }
}

impl Program {
    // Names are the game's own: a renamed reserved word (`love_kw_sample`, tokens.rs) is
    // stored without its prefix.
    pub fn uniform(&self, name: &str) -> Option<&Uniform> {
        self.uniforms.iter().find(|u| u.name == name)
    }
    pub fn texture(&self, name: &str) -> Option<usize> {
        self.textures.iter().position(|t| t.name == name)
    }
}

/// A shader object: its program and the values the game sent.
pub struct Shader {
    pub program: Rc<Program>,
    pub data: [Vec<u8>; 2],
    pub textures: Vec<Option<TextureRef>>,
}

pub type ShaderRef = Rc<RefCell<Shader>>;

impl std::fmt::Debug for Shader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Shader({})", self.program.id)
    }
}

impl Shader {
    pub fn new(program: Program) -> Shader {
        let data = program.defaults.clone();
        let textures = vec![None; program.textures.len()];
        Shader {
            program: Rc::new(program),
            data,
            textures,
        }
    }

    /// Stores values for elements `first..` of `u` (column-major per element).
    pub fn set(&mut self, u: &Uniform, first: u32, values: &[f32]) {
        for stage in 0..2 {
            uniforms::write(u, stage, &mut self.data[stage], first, values);
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            program: self.program.clone(),
            data: self.data.clone(),
            textures: self
                .textures
                .iter()
                .map(|t| t.as_ref().map_or(super::batch::WHITE_TEXTURE, |t| t.id))
                .collect(),
        }
    }
}

/// The shader state one batch draws with.
#[derive(Clone)]
pub struct Snapshot {
    pub program: Rc<Program>,
    pub data: [Vec<u8>; 2],
    pub textures: Vec<TextureId>,
}

impl Snapshot {
    pub fn same(&self, other: &Snapshot) -> bool {
        Rc::ptr_eq(&self.program, &other.program)
            && self.data == other.data
            && self.textures == other.textures
    }
}

/// The current shader on [`Graphics`](super::Graphics).
impl super::Graphics {
    /// Makes `s` the shader draws use (`setShader`).
    pub fn set_shader(&mut self, s: Option<ShaderRef>) {
        let id = |s: &Option<ShaderRef>| s.as_ref().map(|s| s.borrow().program.id);
        if id(&s) != id(&self.state.shader) {
            self.flushed.shaderswitches += 1;
        }
        self.state.shader = s;
        self.sync_shader();
    }

    /// Takes a snapshot of the current shader's values for the draws that follow; called
    /// whenever the shader or its values change. Earlier draws keep theirs.
    pub fn sync_shader(&mut self) {
        self.shader_slot = match &self.state.shader {
            Some(s) => match s.try_borrow() {
                Ok(s) => self.batch.shader(s.snapshot()),
                Err(_) => 0,
            },
            None => 0,
        };
    }
}

/// One error at a line of the game's code (None: in code the engine added).
#[derive(Clone, Debug, PartialEq)]
pub struct CompileError {
    pub stage: Stage,
    pub errors: Vec<(Option<u32>, String)>,
}

impl CompileError {
    /// `newShader`'s message, as LÖVE 11.4 formats its validation log.
    pub fn message(&self) -> String {
        let mut s = format!("Error validating {} shader code:", self.stage.name());
        for (line, msg) in &self.errors {
            match line {
                Some(l) => s.push_str(&format!("\nLine {l}: ERROR: {msg}")),
                None => s.push_str(&format!("\nERROR: {msg}")),
            }
        }
        s
    }

    /// `validateShader`'s message.
    pub fn validate_message(&self) -> String {
        let mut s = format!("Error validating {} shader:\n\n", self.stage.name());
        for (line, msg) in &self.errors {
            s.push_str(&format!("ERROR: 0:{}: {msg}\n", line.unwrap_or(0)));
        }
        s
    }
}

/// LÖVE's `isVertexCode`: `vec4 position(`.
pub fn is_vertex_code(code: &str) -> bool {
    find_fn(code, "vec4", "position")
}

/// LÖVE's `isPixelCode`: (is pixel, custom `void effect()`, uses love_Canvases).
pub fn is_pixel_code(code: &str) -> (bool, bool, bool) {
    if find_fn(code, "vec4", "effect") {
        (true, false, false)
    } else if find_fn(code, "void", "effect") {
        (true, true, code.contains("love_Canvases"))
    } else {
        (false, false, false)
    }
}

/// Whether `code` has `ret <spaces> name <spaces?> (` (Lua's `ret%s+name%s*%(`).
fn find_fn(code: &str, ret: &str, name: &str) -> bool {
    let b = code.as_bytes();
    let mut from = 0;
    while let Some(k) = code[from..].find(ret) {
        let mut i = from + k + ret.len();
        from = from + k + 1;
        let ws = i;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i == ws || !code[i..].starts_with(name) {
            continue;
        }
        i += name.len();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < b.len() && b[i] == b'(' {
            return true;
        }
    }
    false
}

/// LÖVE's `#pragma language` check (`^%s*#pragma language (%w+)`): Some("glsl3"), ...
pub fn language(code: &str) -> Option<String> {
    let rest = code.trim_start().strip_prefix("#pragma language ")?;
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    (!word.is_empty()).then_some(word)
}

fn stage_error(stage: Stage, line: Option<u32>, message: String) -> CompileError {
    CompileError {
        stage,
        errors: vec![(line, message)],
    }
}

/// Naga's error spans → game lines.
fn map_line(source: &str, span: naga::Span, header: u32, last: u32) -> Option<u32> {
    if !span.is_defined() {
        return None;
    }
    let l = span.location(source).line_number;
    (l > header && l - header <= last).then(|| l - header)
}

fn naga_stage(stage: Stage) -> naga::ShaderStage {
    match stage {
        Stage::Vertex => naga::ShaderStage::Vertex,
        Stage::Pixel => naga::ShaderStage::Fragment,
    }
}

pub fn validate_module(
    module: &naga::Module,
) -> Result<(), Box<naga::WithSpan<naga::valid::ValidationError>>> {
    naga::valid::Validator::new(
        naga::valid::ValidationFlags::all(),
        naga::valid::Capabilities::empty(),
    )
    .validate(module)
    .map(|_| ())
    .map_err(Box::new)
}

/// Full text of an error and its causes.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(c) = src {
        s.push_str(": ");
        s.push_str(&c.to_string());
        src = c.source();
    }
    s
}

fn compile_glsl(
    out: &translate::Output,
    stage: Stage,
    last: u32,
) -> Result<naga::Module, CompileError> {
    let mut frontend = naga::front::glsl::Frontend::default();
    let options = naga::front::glsl::Options::from(naga_stage(stage));
    // naga is not expected to panic, but a game's shader must never take the engine down.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        frontend.parse(&options, &out.source)
    }))
    .map_err(|_| {
        stage_error(
            stage,
            None,
            "the GLSL compiler (naga) crashed on this shader".into(),
        )
    })?;
    let module = parsed.map_err(|e| CompileError {
        stage,
        errors: e
            .errors
            .iter()
            .map(|e| {
                (
                    map_line(&out.source, e.meta, out.header_lines, last),
                    e.kind.to_string(),
                )
            })
            .collect(),
    })?;
    let valid = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| validate_module(&module)))
        .map_err(|_| {
            stage_error(
                stage,
                None,
                "the shader validator (naga) crashed on this shader".into(),
            )
        })?;
    valid.map_err(|e| {
        let line = e
            .spans()
            .filter_map(|(s, _)| map_line(&out.source, *s, out.header_lines, last))
            .next();
        stage_error(stage, line, error_chain(e.as_inner()))
    })?;
    Ok(module)
}

/// Compiles LÖVE GLSL. `pixel`/`vertex` absent take LÖVE's default stage code.
pub fn compile(pixel: Option<&str>, vertex: Option<&str>) -> Result<Program, CompileError> {
    let glsl3 = language(pixel.or(vertex).unwrap_or("")).as_deref() == Some("glsl3");
    let (_, custom, multicanvas) = is_pixel_code(pixel.unwrap_or(""));
    let vcode = vertex.unwrap_or(translate::DEFAULT_VERTEX);
    let pcode = pixel.unwrap_or(translate::DEFAULT_PIXEL);
    let pe = |stage| {
        move |e: tokens::LineError| stage_error(stage, (e.line > 0).then_some(e.line), e.message)
    };
    let v = translate::parse_stage(Stage::Vertex, vcode, glsl3).map_err(pe(Stage::Vertex))?;
    let p = translate::parse_stage(Stage::Pixel, pcode, glsl3).map_err(pe(Stage::Pixel))?;
    let shared = translate::Shared::new(&v, &p, custom, multicanvas);
    let vout = translate::emit(&v, &shared);
    let pout = translate::emit(&p, &shared);
    let vmod = compile_glsl(&vout, Stage::Vertex, v.last_line)?;
    let pmod = compile_glsl(&pout, Stage::Pixel, p.last_line)?;
    let mut program = reflect(vmod, pmod, ["main".into(), "main".into()]);
    program.main_array = shared.texture_types.contains_key("MainTex");
    check_sizes(&program)?;
    // Declared types decide how values are read (bools are stored as ints, 2-row
    // matrices as vec2 arrays).
    for d in v.uniforms.iter().chain(&p.uniforms) {
        let st = translate::storage(&d.ty);
        let Some(u) = program
            .uniforms
            .iter_mut()
            .find(|u| u.name == translate::member_name(d))
        else {
            continue;
        };
        u.name = d
            .name
            .strip_prefix(translate::RENAMED)
            .unwrap_or(&d.name)
            .to_string();
        match st {
            translate::Storage::Bool(_) => u.base = Base::Bool,
            translate::Storage::TwoRows(cols) => {
                u.col_stride = u.stride;
                u.cols = cols;
                u.rows = 2;
                u.count = 1;
            }
            translate::Storage::Plain => {}
        }
    }
    // GLSL initializers become the blocks' starting values.
    for d in v.uniforms.iter().chain(&p.uniforms) {
        if d.init.is_empty() {
            continue;
        }
        let name = d.name.strip_prefix(translate::RENAMED).unwrap_or(&d.name);
        let Some(u) = program.uniform(name).cloned() else {
            continue;
        };
        match parse::eval_init(&d.ty, &d.init) {
            Some(vals) => {
                for stage in 0..2 {
                    uniforms::write(&u, stage, &mut program.defaults[stage], 0, &vals);
                }
            }
            None => program.warnings.push_str(&format!(
                "uniform '{}': the engine can't evaluate its initializer; it starts at zero\n",
                d.name
            )),
        }
    }
    Ok(program)
}

/// The uniform blocks must fit one uniform binding on every adapter wgpu supports.
pub const MAX_BLOCK: u32 = 16384;

pub fn check_sizes(p: &Program) -> Result<(), CompileError> {
    for (i, stage) in [Stage::Vertex, Stage::Pixel].into_iter().enumerate() {
        if p.sizes[i] > MAX_BLOCK {
            return Err(stage_error(
                stage,
                None,
                format!(
                    "the {} shader's uniforms take {} bytes; the engine allows {MAX_BLOCK}",
                    stage.name(),
                    p.sizes[i]
                ),
            ));
        }
    }
    Ok(())
}

/// Uniforms and textures of two validated modules (vertex block at binding 0, pixel
/// block at binding 1, textures from binding 2).
pub fn reflect(mut vertex: naga::Module, mut pixel: naga::Module, entries: [String; 2]) -> Program {
    // Compaction drops the expressions nothing reads (naga's GLSL front end makes one per
    // global in every function), so what is left is what the shader uses.
    for m in [&mut vertex, &mut pixel] {
        let mut copy = m.clone();
        let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            naga::compact::compact(&mut copy, naga::compact::KeepUnused::Yes);
            copy
        }));
        if let Ok(c) = done {
            *m = c;
        }
    }
    let mut uniforms: Vec<Uniform> = Vec::new();
    let mut sizes = [0u32; 2];
    let mut textures: Vec<TextureSlot> = Vec::new();
    for (stage, module) in [&vertex, &pixel].into_iter().enumerate() {
        let usage = uniforms::usage(module);
        let block = uniforms::block(module, stage as u32);
        if let Some((_, size)) = block {
            sizes[stage] = size;
        }
        for m in uniforms::members(module, stage as u32) {
            let used = block.is_some_and(|(h, _)| usage.members.contains(&(h, m.index)));
            match uniforms.iter_mut().find(|u| u.name == m.name) {
                Some(u) => {
                    u.offset[stage] = Some(m.offset);
                    u.used |= used;
                }
                None => {
                    let mut offset = [None, None];
                    offset[stage] = Some(m.offset);
                    uniforms.push(Uniform {
                        name: m.name,
                        base: m.base,
                        rows: m.rows,
                        cols: m.cols,
                        count: m.count,
                        offset,
                        stride: m.stride,
                        col_stride: m.col_stride,
                        used,
                    });
                }
            }
        }
        for (h, g) in module.global_variables.iter() {
            let Some(b) = &g.binding else { continue };
            if b.group != 2 || b.binding < 2 || b.binding % 2 != 0 {
                continue;
            }
            let Some(name) = g.name.as_deref() else {
                continue;
            };
            let name = name.strip_prefix("love_t_").unwrap_or(name);
            let name = name
                .strip_prefix(translate::RENAMED)
                .unwrap_or(name)
                .to_string();
            let k = ((b.binding - 2) / 2) as usize;
            if textures.len() <= k {
                textures.resize(
                    k + 1,
                    TextureSlot {
                        name: String::new(),
                        used: false,
                        kind: TexKind::D2,
                    },
                );
            }
            textures[k].kind = layered::slot_kind(module, g.ty);
            textures[k].name = name;
            textures[k].used |= usage.globals.contains(&h);
        }
    }
    Program {
        id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        vertex,
        pixel,
        uniforms,
        textures,
        sizes,
        defaults: [vec![0; sizes[0] as usize], vec![0; sizes[1] as usize]],
        entries,
        warnings: String::new(),
        main_array: false,
    }
}

#[cfg(test)]
mod tests;
