//! LÖVE's GLSL dialect → Vulkan-style GLSL 450 that naga's front end accepts.
//!
//! Per stage: preprocess with LÖVE's macros (tokens.rs), split the top level (parse.rs),
//! then write a fixed header (engine globals, MainTex, varyings, LÖVE's helper functions)
//! followed by the game's code on its own line numbers, with these rewrites:
//! - every non-texture `uniform`/`extern` moves into one std140 block per stage
//!   (`layout(set=2, binding=0|1)`), placed just before the first function; `bool`s are
//!   stored as ints and 2-row matrices as `vec2` arrays (std140 in naga can't hold them),
//!   their uses rewritten to convert back;
//! - each `Image` (`sampler2D`) uniform or parameter becomes a `texture2D` + `sampler`
//!   pair; a use becomes `sampler2D(t, s)`, or `t, s` when passed to a function taking an
//!   Image (so `effect`'s Image parameter is MainTex's pair);
//! - varyings and attributes get locations; `gl_FragCoord` is GL's (y up on the screen);
//!   `texture()` in the vertex stage samples level 0 explicitly;
//! - a generated `main()` calls `effect(...)`/`effect()` or `position(...)` as LÖVE's does.

use super::header::{block_text, header, main_text};
use super::parse::{self, Decl, Item, Kind};
use super::tokens::{self, LineError, Token, Writer};
use pp_rs::token::Punct;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Vertex,
    Pixel,
}

impl Stage {
    pub fn index(self) -> usize {
        match self {
            Stage::Vertex => 0,
            Stage::Pixel => 1,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Stage::Vertex => "vertex",
            Stage::Pixel => "pixel",
        }
    }
}

/// LÖVE's default stage code, used when a shader gives only the other stage.
pub const DEFAULT_VERTEX: &str = "vec4 position(mat4 clipSpaceFromLocal, vec4 localPosition) {\n\treturn clipSpaceFromLocal * localPosition;\n}\n";
pub const DEFAULT_PIXEL: &str = "vec4 effect(vec4 vcolor, Image tex, vec2 texcoord, vec2 pixcoord) {\n\treturn Texel(tex, texcoord) * vcolor;\n}\n";

/// How a block member is stored when its GLSL type can't be (bool, 2-row matrices).
#[derive(Clone, Debug, PartialEq)]
pub enum Storage {
    Plain,
    /// Stored as int/ivecN named `love_b_NAME`; read back through this constructor.
    Bool(String),
    /// `matCx2` stored as `vec2 love_m_NAME[C]`.
    TwoRows(u32),
}

pub fn storage(ty: &str) -> Storage {
    match ty {
        "bool" | "bvec2" | "bvec3" | "bvec4" => Storage::Bool(ty.to_string()),
        "mat2" | "mat2x2" => Storage::TwoRows(2),
        "mat3x2" => Storage::TwoRows(3),
        "mat4x2" => Storage::TwoRows(4),
        _ => Storage::Plain,
    }
}

pub fn member_name(d: &Decl) -> String {
    match storage(&d.ty) {
        Storage::Plain => d.name.clone(),
        Storage::Bool(_) => format!("love_b_{}", d.name),
        Storage::TwoRows(_) => format!("love_m_{}", d.name),
    }
}

/// One stage after preprocessing and splitting.
pub struct Parsed {
    pub stage: Stage,
    pub tokens: Vec<Token>,
    pub items: Vec<Item>,
    pub uniforms: Vec<Decl>,
    pub textures: Vec<String>,
    /// The sampler type of texture uniforms that are not `sampler2D` (ArrayImage,
    /// CubeImage, VolumeImage), by name.
    pub texture_types: HashMap<String, &'static str>,
    pub varyings: Vec<Decl>,
    pub attributes: Vec<Decl>,
    /// Image-parameter masks of the game's functions.
    pub functions: HashMap<String, Vec<bool>>,
    pub last_line: u32,
}

const BUILTIN_VARYINGS: &[&str] = &["VaryingTexCoord", "VaryingColor"];
const BUILTIN_ATTRIBUTES: &[&str] = &[
    "VertexPosition",
    "VertexTexCoord",
    "VertexColor",
    "ConstantColor",
];

pub fn defines(stage: Stage, glsl3: bool) -> Vec<(&'static str, &'static str)> {
    let mut d = vec![
        ("number", "float"),
        ("Image", "sampler2D"),
        ("ArrayImage", "sampler2DArray"),
        ("CubeImage", "samplerCube"),
        ("VolumeImage", "sampler3D"),
        ("DepthImage", "sampler2DShadow"),
        ("DepthArrayImage", "sampler2DArrayShadow"),
        ("DepthCubeImage", "samplerCubeShadow"),
        ("extern", "uniform"),
        ("Texel", "texture"),
        ("texture2D", "texture"),
        ("texture3D", "texture"),
        ("textureCube", "texture"),
        ("texture2DArray", "texture"),
        ("love_texture2D", "texture"),
        ("lowp", ""),
        ("mediump", ""),
        ("highp", ""),
        ("LOVE_HIGHP_OR_MEDIUMP", ""),
        ("__VERSION__", "330"),
        ("TransformMatrix", "ViewSpaceFromLocal"),
        ("ProjectionMatrix", "ClipSpaceFromView"),
        ("TransformProjectionMatrix", "love_ClipFromLocal"),
        ("ClipSpaceFromLocal", "love_ClipFromLocal"),
        ("NormalMatrix", "ViewNormalFromLocal"),
        ("gammaToLinear", "gammaToLinearFast"),
        ("linearToGamma", "linearToGammaFast"),
        ("gammaCorrectColor", ""),
        ("unGammaCorrectColor", ""),
        ("gammaCorrectColorPrecise", ""),
        ("unGammaCorrectColorPrecise", ""),
        ("gammaCorrectColorFast", ""),
        ("unGammaCorrectColorFast", ""),
        ("love_MaxCanvases", "8"),
    ];
    if !glsl3 {
        d.push(("LOVE_GLSL1_ON_GLSL3", "1"));
    }
    match stage {
        Stage::Vertex => d.extend([
            ("VERTEX", "1"),
            ("love_Position", "gl_Position"),
            ("love_VertexID", "gl_VertexIndex"),
            ("love_InstanceID", "gl_InstanceIndex"),
        ]),
        Stage::Pixel => d.extend([
            ("PIXEL", "1"),
            ("love_PixelColor", "love_Canvases[0]"),
            ("love_PixelCoord", "love_PixelCoordV"),
        ]),
    }
    d
}

/// Prefix of renamed reserved words (tokens.rs; stripped again from uniform names).
pub const RENAMED: &str = "love_kw_";

pub fn parse_stage(stage: Stage, code: &str, glsl3: bool) -> Result<Parsed, LineError> {
    let pre = tokens::preprocess(code, &defines(stage, glsl3))?;
    let toks = pre.tokens;
    let mut items = parse::items(&toks)?;
    let mut p = Parsed {
        stage,
        tokens: Vec::new(),
        items: Vec::new(),
        uniforms: Vec::new(),
        textures: Vec::new(),
        texture_types: HashMap::new(),
        varyings: Vec::new(),
        attributes: Vec::new(),
        functions: HashMap::new(),
        last_line: code.lines().count() as u32 + 1,
    };
    for item in &mut items {
        match &mut item.kind {
            Kind::Uniform(decls) => {
                for d in decls.iter() {
                    let layered = super::layered::sampler_type(&d.ty);
                    if d.ty == "sampler2D" || layered.is_some() {
                        if d.array.is_some() {
                            return Err(LineError {
                                line: d.line,
                                message: format!(
                                    "'{}': arrays of textures are not supported by the engine yet",
                                    d.name
                                ),
                            });
                        }
                        // LOVE: `uniform ArrayImage MainTex;` is how a game shader draws
                        // array textures (drawLayer); the layer arrives in VaryingTexCoord.z.
                        if d.name == "MainTex" && layered.is_some_and(|t| t != "sampler2DArray") {
                            return Err(LineError {
                                line: d.line,
                                message: format!(
                                    "'MainTex' as a {} is not supported by the engine yet",
                                    d.ty
                                ),
                            });
                        }
                        if d.name != "MainTex" && !p.textures.contains(&d.name) {
                            p.textures.push(d.name.clone());
                        }
                        if let Some(ty) = layered {
                            p.texture_types.insert(d.name.clone(), ty);
                        }
                    } else if parse::is_sampler(&d.ty) {
                        return Err(LineError {
                            line: d.line,
                            message: parse::unsupported_sampler(&d.ty),
                        });
                    } else {
                        if matches!(storage(&d.ty), Storage::TwoRows(_)) && d.array.is_some() {
                            return Err(LineError {
                                line: d.line,
                                message: format!(
                                    "'{}': arrays of {} uniforms are not supported by the engine yet",
                                    d.name, d.ty
                                ),
                            });
                        }
                        p.uniforms.push(d.clone());
                    }
                }
            }
            Kind::Attribute(decls) if stage == Stage::Pixel => {
                // `in` in a pixel shader is a varying.
                p.varyings.extend(decls.iter().cloned());
                item.kind = Kind::Drop;
            }
            Kind::Attribute(decls) => {
                p.attributes.extend(
                    decls
                        .iter()
                        .filter(|d| !BUILTIN_ATTRIBUTES.contains(&d.name.as_str()))
                        .cloned(),
                );
                item.kind = Kind::Drop;
            }
            Kind::Varying(decls) => {
                p.varyings.extend(
                    decls
                        .iter()
                        .filter(|d| !BUILTIN_VARYINGS.contains(&d.name.as_str()))
                        .cloned(),
                );
                item.kind = Kind::Drop;
            }
            Kind::Function { name, params, .. } => {
                let mask: Vec<bool> = params.iter().map(|p| p.image.is_some()).collect();
                let e = p.functions.entry(name.clone()).or_default();
                if e.len() < mask.len() {
                    e.resize(mask.len(), false);
                }
                for (a, b) in e.iter_mut().zip(mask) {
                    *a |= b;
                }
            }
            _ => {}
        }
    }
    p.tokens = toks;
    p.items = items;
    Ok(p)
}

/// What both stages share: texture bindings and varying locations.
pub struct Shared {
    pub textures: Vec<String>,
    /// [`Parsed::texture_types`] of both stages.
    pub texture_types: HashMap<String, &'static str>,
    pub varyings: Vec<Decl>,
    pub custom_effect: bool,
    pub multicanvas: bool,
}

impl Shared {
    pub fn new(v: &Parsed, p: &Parsed, custom_effect: bool, multicanvas: bool) -> Shared {
        let mut textures = v.textures.clone();
        for t in &p.textures {
            if !textures.contains(t) {
                textures.push(t.clone());
            }
        }
        let mut varyings: Vec<Decl> = Vec::new();
        for d in v.varyings.iter().chain(&p.varyings) {
            if !varyings.iter().any(|x| x.name == d.name) {
                varyings.push(d.clone());
            }
        }
        let mut texture_types = v.texture_types.clone();
        texture_types.extend(p.texture_types.iter().map(|(k, t)| (k.clone(), *t)));
        Shared {
            textures,
            texture_types,
            varyings,
            custom_effect,
            multicanvas,
        }
    }

    pub fn texture_binding(&self, name: &str) -> Option<u32> {
        self.textures
            .iter()
            .position(|t| t == name)
            .map(|k| 2 + 2 * k as u32)
    }
}

/// Translated GLSL 450 of one stage and the number of header lines before the game's line 1.
pub struct Output {
    pub source: String,
    pub header_lines: u32,
}

/// Bracket frames while writing code: a call's name and argument index, and text to add
/// before/after its closing bracket.
struct Frame {
    callee: Option<String>,
    arg: usize,
    before_close: Option<&'static str>,
    after_close: Option<&'static str>,
}

struct CodeWriter<'a> {
    w: Writer,
    p: &'a Parsed,
    /// Uniforms of this stage whose storage needs a conversion on read.
    converted: HashMap<String, Storage>,
    /// The sampler types of the current function's texture parameters (they shadow
    /// uniforms of the same name).
    local_types: HashMap<String, &'static str>,
}

impl CodeWriter<'_> {
    /// Writes `toks[start..end]` with the identifier rewrites; `images` are the Image
    /// names in scope.
    fn code(&mut self, toks: &[Token], start: usize, end: usize, images: &HashSet<String>) {
        let mut frames: Vec<Frame> = Vec::new();
        let mut pending_before: Option<&'static str> = None;
        let mut pending_after: Option<&'static str> = None;
        for i in start..end {
            let t = &toks[i];
            let prev = (i > start).then(|| &toks[i - 1]);
            let next = toks.get(i + 1).filter(|_| i + 1 < end);
            if t.is(Punct::LeftParen) || t.is(Punct::LeftBracket) || t.is(Punct::LeftBrace) {
                let callee = if t.is(Punct::LeftParen) {
                    prev.and_then(|p| p.ident()).map(String::from)
                } else {
                    None
                };
                frames.push(Frame {
                    callee,
                    arg: 0,
                    before_close: pending_before.take(),
                    after_close: pending_after.take(),
                });
                self.w.tok(t);
                continue;
            }
            if t.is(Punct::RightParen) || t.is(Punct::RightBracket) || t.is(Punct::RightBrace) {
                let f = frames.pop();
                if let Some(s) = f.as_ref().and_then(|f| f.before_close) {
                    self.w.goto(t.line);
                    self.w.text(s);
                }
                self.w.tok(t);
                if let Some(s) = f.as_ref().and_then(|f| f.after_close) {
                    self.w.text(s);
                }
                continue;
            }
            if t.is(Punct::Comma) {
                if let Some(f) = frames.last_mut() {
                    f.arg += 1;
                }
                self.w.tok(t);
                continue;
            }
            let Some(name) = t.ident() else {
                self.w.tok(t);
                continue;
            };
            if prev.is_some_and(|p| p.is(Punct::Dot)) {
                self.w.tok(t);
                continue;
            }
            self.w.goto(t.line);
            // `texture(` is the function even where a parameter is named `texture`.
            let call = next.is_some_and(|n| n.is(Punct::LeftParen));
            if images.contains(name) && !call {
                let whole_arg = prev.is_some_and(|p| p.is(Punct::LeftParen) || p.is(Punct::Comma))
                    && next.is_some_and(|n| n.is(Punct::RightParen) || n.is(Punct::Comma));
                let split = whole_arg
                    && frames.last().is_some_and(|f| {
                        f.callee
                            .as_ref()
                            .and_then(|c| self.p.functions.get(c))
                            .is_some_and(|mask| mask.get(f.arg).copied().unwrap_or(false))
                    });
                if split {
                    self.w.text(&format!("love_t_{name} , love_s_{name}"));
                } else {
                    let ty = self
                        .local_types
                        .get(name)
                        .or_else(|| self.p.texture_types.get(name))
                        .copied()
                        .unwrap_or("sampler2D");
                    self.w
                        .text(&format!("{ty} ( love_t_{name} , love_s_{name} )"));
                }
                continue;
            }
            match self.converted.get(name) {
                Some(Storage::Bool(ty)) => {
                    self.w.text(&format!("{ty} ( love_b_{name}"));
                    if next.is_some_and(|n| n.is(Punct::LeftBracket)) {
                        pending_after = Some(")");
                    } else {
                        self.w.text(")");
                    }
                    continue;
                }
                Some(Storage::TwoRows(cols)) => {
                    let cols_text: Vec<String> =
                        (0..*cols).map(|c| format!("love_m_{name}[{c}]")).collect();
                    self.w
                        .text(&format!("mat{cols}x2 ( {} )", cols_text.join(" , ")));
                    continue;
                }
                _ => {}
            }
            let replaced = match (self.p.stage, name) {
                (Stage::Pixel, "gl_FragCoord") => Some("love_FragCoordGL"),
                (Stage::Pixel, "gl_FragColor") => Some("love_Canvases [ 0 ]"),
                (Stage::Pixel, "gl_FragData") => Some("love_Canvases"),
                (Stage::Vertex, "gl_VertexID") => Some("gl_VertexIndex"),
                (Stage::Vertex, "gl_InstanceID") => Some("gl_InstanceIndex"),
                (Stage::Vertex, "texture") if next.is_some_and(|n| n.is(Punct::LeftParen)) => {
                    // Vertex shaders have no derivatives: sample the base level.
                    pending_before = Some(", 0.0");
                    Some("textureLod")
                }
                _ => None,
            };
            match replaced {
                Some(s) => self.w.text(s),
                None => self.w.tok(t),
            }
        }
    }
}

/// Writes one stage as GLSL 450.
pub fn emit(p: &Parsed, shared: &Shared) -> Output {
    let head = header(p, shared);
    let header_lines = head.matches('\n').count() as u32;
    let mut converted = HashMap::new();
    for d in &p.uniforms {
        let s = storage(&d.ty);
        if s != Storage::Plain {
            converted.insert(d.name.clone(), s);
        }
    }
    let mut cw = CodeWriter {
        w: Writer::new(),
        p,
        converted,
        local_types: HashMap::new(),
    };
    let mut globals: HashSet<String> = shared.textures.iter().cloned().collect();
    if p.stage == Stage::Pixel {
        globals.insert("MainTex".into());
    }
    let toks = &p.tokens;
    let mut block_written = p.uniforms.is_empty();
    for item in &p.items {
        match &item.kind {
            Kind::Drop | Kind::Varying(_) | Kind::Attribute(_) | Kind::Uniform(_) => {}
            Kind::Other => cw.code(toks, item.start, item.end, &globals),
            Kind::Function {
                open,
                close,
                params,
                body,
                ..
            } => {
                if !block_written {
                    cw.w.goto(toks[item.start].line);
                    cw.w.text(&block_text(p));
                    block_written = true;
                }
                for t in &toks[item.start..=*open] {
                    cw.w.tok(t);
                }
                let mut scope = globals.clone();
                for (k, prm) in params.iter().enumerate() {
                    if k > 0 {
                        cw.w.text(",");
                    }
                    match &prm.image {
                        Some(name) => {
                            cw.w.goto(toks[prm.start].line);
                            match name {
                                Some(n) => {
                                    let ty = super::layered::texture_type(prm.sampler);
                                    cw.w.text(&format!("{ty} love_t_{n} , sampler love_s_{n}"));
                                    scope.insert(n.clone());
                                    cw.local_types
                                        .insert(n.clone(), prm.sampler.unwrap_or("sampler2D"));
                                }
                                None => cw.w.text(&format!(
                                    "{} , sampler",
                                    super::layered::texture_type(prm.sampler)
                                )),
                            }
                        }
                        None => {
                            for t in &toks[prm.start..prm.end] {
                                cw.w.tok(t);
                            }
                        }
                    }
                }
                cw.w.tok(&toks[*close]);
                match body {
                    Some(b) => cw.code(toks, *b, item.end, &scope),
                    None => cw.w.text(";"),
                }
                cw.local_types.clear();
            }
        }
    }
    if !block_written {
        cw.w.text(&block_text(p));
    }
    let mut w = cw.w;
    w.goto(p.last_line + 1);
    w.out.push('\n');
    let mut source = head;
    source.push_str(&w.out);
    source.push_str(&main_text(p, shared));
    Output {
        source,
        header_lines,
    }
}
