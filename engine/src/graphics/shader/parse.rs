//! The top level of a preprocessed LÖVE shader: declarations and functions, found by
//! bracket matching on tokens (no full GLSL grammar). The rewrite needs only the
//! declarations it restructures (uniforms, varyings, attributes, precision statements)
//! and every function's parameters; everything else passes through untouched.

use super::tokens::{LineError, Tok, Token};
use pp_rs::token::Punct;

/// A declared variable: `TYPE name[array] = init`.
#[derive(Clone, Debug)]
pub struct Decl {
    pub ty: String,
    pub name: String,
    /// Tokens between `[` and `]`, when an array.
    pub array: Option<Vec<Token>>,
    pub init: Vec<Token>,
    /// Interpolation qualifiers (`flat`, `noperspective`, ...).
    pub interp: Vec<String>,
    pub line: u32,
}

#[derive(Clone, Debug)]
pub struct Param {
    /// Token range in the item (qualifiers included).
    pub start: usize,
    pub end: usize,
    /// The parameter is an `Image` (sampler2D): it becomes a texture and a sampler.
    pub image: Option<Option<String>>,
    /// Its sampler type when it is an ArrayImage, CubeImage or VolumeImage.
    pub sampler: Option<&'static str>,
}

#[derive(Clone, Debug)]
pub enum Kind {
    /// Emitted as nothing (precision statements, built-in redeclarations).
    Drop,
    Uniform(Vec<Decl>),
    Varying(Vec<Decl>),
    Attribute(Vec<Decl>),
    Function {
        name: String,
        /// Index of the `(` and of the matching `)`.
        open: usize,
        close: usize,
        params: Vec<Param>,
        /// Index of the body's `{` (None: a prototype).
        body: Option<usize>,
    },
    Other,
}

#[derive(Clone, Debug)]
pub struct Item {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

const QUALIFIERS: &[&str] = &[
    "uniform",
    "attribute",
    "varying",
    "in",
    "out",
    "inout",
    "const",
    "flat",
    "smooth",
    "noperspective",
    "centroid",
    "invariant",
];
const INTERP: &[&str] = &["flat", "smooth", "noperspective", "centroid"];

fn err(line: u32, message: impl Into<String>) -> LineError {
    LineError {
        line,
        message: message.into(),
    }
}

fn opens(t: &Token) -> bool {
    t.is(Punct::LeftParen) || t.is(Punct::LeftBracket) || t.is(Punct::LeftBrace)
}

fn closes(t: &Token) -> bool {
    t.is(Punct::RightParen) || t.is(Punct::RightBracket) || t.is(Punct::RightBrace)
}

/// Index of the bracket closing the one at `open`.
pub fn matching(toks: &[Token], open: usize) -> Option<usize> {
    let mut depth = 0i32;
    for (i, t) in toks.iter().enumerate().skip(open) {
        if opens(t) {
            depth += 1;
        } else if closes(t) {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// Splits `toks[start..end]` at depth-0 commas.
fn split_commas(toks: &[Token], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let (mut depth, mut from) = (0i32, start);
    for (i, t) in toks.iter().enumerate().take(end).skip(start) {
        if opens(t) {
            depth += 1;
        } else if closes(t) {
            depth -= 1;
        } else if depth == 0 && t.is(Punct::Comma) {
            parts.push((from, i));
            from = i + 1;
        }
    }
    if from < end {
        parts.push((from, end));
    }
    parts
}

pub fn is_sampler(ty: &str) -> bool {
    ty.starts_with("sampler") || ty.starts_with("isampler") || ty.starts_with("usampler")
}

/// Splits the token stream into top-level items.
pub fn items(toks: &[Token]) -> Result<Vec<Item>, LineError> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let start = i;
        let (mut depth, mut paren, mut equal) = (0i32, false, false);
        let end = loop {
            let Some(t) = toks.get(i) else {
                let line = toks.last().map_or(0, |t| t.line);
                return Err(err(line, "syntax error: unexpected end of file"));
            };
            if depth == 0 && t.is(Punct::LeftBrace) && paren && !equal {
                let close =
                    matching(toks, i).ok_or_else(|| err(t.line, "syntax error: unmatched '{'"))?;
                break close + 1;
            }
            if opens(t) {
                paren |= depth == 0 && t.is(Punct::LeftParen);
                depth += 1;
            } else if closes(t) {
                depth -= 1;
                if depth < 0 {
                    return Err(err(t.line, "syntax error: unexpected closing bracket"));
                }
            } else if depth == 0 && t.is(Punct::Equal) {
                equal = true;
            } else if depth == 0 && t.is(Punct::Semicolon) {
                break i + 1;
            }
            i += 1;
        };
        i = end;
        if end - start == 1 && toks[start].is(Punct::Semicolon) {
            continue;
        }
        let kind = classify(toks, start, end)?;
        out.push(Item { start, end, kind });
    }
    Ok(out)
}

fn classify(toks: &[Token], start: usize, end: usize) -> Result<Kind, LineError> {
    let mut quals = Vec::new();
    let mut i = start;
    while i < end {
        match toks[i].ident() {
            Some("layout") if toks.get(i + 1).is_some_and(|t| t.is(Punct::LeftParen)) => {
                i = matching(toks, i + 1).unwrap_or(end) + 1;
            }
            Some(q) if QUALIFIERS.contains(&q) => {
                quals.push(q.to_string());
                i += 1;
            }
            _ => break,
        }
    }
    if toks[start].is_ident("precision") {
        return Ok(Kind::Drop);
    }
    let has = |q: &str| quals.iter().any(|x| x == q);
    // A function: TYPE NAME ( ... ) then { or ;
    if let Some(open) = (i..end).find(|&k| toks[k].is(Punct::LeftParen))
        && open >= i + 2
        && !(i..open).any(|k| toks[k].is(Punct::Equal))
        && let Some(name) = toks[open - 1].ident()
        && !has("uniform")
    {
        let close = matching(toks, open).ok_or_else(|| err(toks[open].line, "unmatched '('"))?;
        let body = (close + 1 < end && toks[close + 1].is(Punct::LeftBrace)).then_some(close + 1);
        if body.is_some() || toks[end - 1].is(Punct::Semicolon) {
            let mut params = Vec::new();
            for (ps, pe) in split_commas(toks, open + 1, close) {
                params.push(param(toks, ps, pe)?);
            }
            if params.len() == 1
                && params[0].end - params[0].start == 1
                && toks[params[0].start].is_ident("void")
            {
                params.clear();
            }
            return Ok(Kind::Function {
                name: name.to_string(),
                open,
                close,
                params,
                body,
            });
        }
    }
    if quals.is_empty() {
        return Ok(Kind::Other);
    }
    let interp: Vec<String> = quals
        .iter()
        .filter(|q| INTERP.contains(&q.as_str()))
        .cloned()
        .collect();
    let decls = || declarators(toks, i, end, &interp);
    if has("uniform") {
        return Ok(Kind::Uniform(decls()?));
    }
    if has("attribute") {
        return Ok(Kind::Attribute(decls()?));
    }
    if has("varying") {
        return Ok(Kind::Varying(decls()?));
    }
    if has("in") || has("out") {
        // In and out at the top level are LÖVE's varyings/attributes (GLSL 3 spelling);
        // the caller decides by stage.
        let d = decls()?;
        return Ok(if has("in") {
            Kind::Attribute(d)
        } else {
            Kind::Varying(d)
        });
    }
    Ok(Kind::Other)
}

fn param(toks: &[Token], start: usize, end: usize) -> Result<Param, LineError> {
    let mut i = start;
    while i < end
        && toks[i]
            .ident()
            .is_some_and(|q| matches!(q, "in" | "out" | "inout" | "const"))
    {
        i += 1;
    }
    let ty = toks.get(i).and_then(|t| t.ident()).unwrap_or("");
    let sampler = super::layered::sampler_type(ty);
    let image = if ty == "sampler2D" || sampler.is_some() {
        Some(
            toks.get(i + 1)
                .filter(|_| i + 1 < end)
                .and_then(|t| t.ident().map(String::from)),
        )
    } else if is_sampler(ty) {
        return Err(err(toks[i].line, unsupported_sampler(ty)));
    } else {
        None
    };
    Ok(Param {
        start,
        end,
        image,
        sampler,
    })
}

/// The error for texture types the engine can't bind.
pub fn unsupported_sampler(ty: &str) -> String {
    let what = match ty {
        t if t.contains("Shadow") => "depth textures",
        _ => "this texture type",
    };
    format!("'{ty}': {what} are not supported by the engine yet")
}

fn declarators(
    toks: &[Token],
    i: usize,
    end: usize,
    interp: &[String],
) -> Result<Vec<Decl>, LineError> {
    let Some(ty) = toks.get(i).and_then(|t| t.ident()) else {
        return Err(err(
            toks[i.min(end - 1)].line,
            "syntax error in declaration",
        ));
    };
    if ty == "struct" || toks.get(i + 1).is_some_and(|t| t.is(Punct::LeftBrace)) {
        return Err(err(
            toks[i].line,
            "uniform blocks and struct declarations inside uniform/varying declarations \
             are not supported",
        ));
    }
    let mut decls = Vec::new();
    // `;` ends the item.
    for (s, e) in split_commas(toks, i + 1, end - 1) {
        let Some(name) = toks[s].ident() else {
            return Err(err(toks[s].line, "syntax error in declaration"));
        };
        let mut array = None;
        let mut k = s + 1;
        if k < e && toks[k].is(Punct::LeftBracket) {
            let close = matching(toks, k)
                .filter(|&c| c < e)
                .ok_or_else(|| err(toks[k].line, "syntax error: unmatched '['"))?;
            array = Some(toks[k + 1..close].to_vec());
            k = close + 1;
        }
        let init = if k < e && toks[k].is(Punct::Equal) {
            toks[k + 1..e].to_vec()
        } else {
            Vec::new()
        };
        decls.push(Decl {
            ty: ty.to_string(),
            name: name.to_string(),
            array,
            init,
            interp: interp.to_vec(),
            line: toks[s].line,
        });
    }
    Ok(decls)
}

/// Evaluates a constant initializer (`1.0`, `-2`, `vec3(1.0)`, `mat2(1, 0, 0, 1)`,
/// `true`) into components, column-major for matrices. None when it isn't that simple.
pub fn eval_init(ty: &str, toks: &[Token]) -> Option<Vec<f32>> {
    let (vals, used) = eval(toks, 0)?;
    if used != toks.len() {
        return None;
    }
    let (cols, rows) = type_shape(ty)?;
    let n = (cols * rows) as usize;
    Some(if vals.len() == 1 && cols > 1 {
        let mut m = vec![0.0; n];
        for c in 0..cols.min(rows) {
            m[(c * rows + c) as usize] = vals[0];
        }
        m
    } else if vals.len() == 1 {
        vec![vals[0]; n]
    } else {
        let mut v = vals;
        v.resize(n, 0.0);
        v
    })
}

/// (columns, rows) of a GLSL scalar, vector or matrix type.
pub fn type_shape(ty: &str) -> Option<(u32, u32)> {
    let t = ty.trim_start_matches(['i', 'u', 'b', 'd']);
    if matches!(ty, "float" | "int" | "uint" | "bool") {
        return Some((1, 1));
    }
    if let Some(n) = t.strip_prefix("vec") {
        return n.parse().ok().map(|n| (1, n));
    }
    if let Some(m) = ty.strip_prefix("mat") {
        return match m.split_once('x') {
            Some((c, r)) => Some((c.parse().ok()?, r.parse().ok()?)),
            None => m.parse().ok().map(|n| (n, n)),
        };
    }
    None
}

fn eval(toks: &[Token], i: usize) -> Option<(Vec<f32>, usize)> {
    let t = toks.get(i)?;
    match &t.tok {
        Tok::Punct(Punct::Minus) => {
            let (v, k) = eval(toks, i + 1)?;
            Some((v.into_iter().map(|x| -x).collect(), k))
        }
        Tok::Punct(Punct::Plus) => eval(toks, i + 1),
        Tok::Int(v, _) => Some((vec![*v as f32], i + 1)),
        Tok::Float(f) => Some((vec![*f], i + 1)),
        Tok::Ident(s) if s == "true" => Some((vec![1.0], i + 1)),
        Tok::Ident(s) if s == "false" => Some((vec![0.0], i + 1)),
        Tok::Ident(ty) if toks.get(i + 1).is_some_and(|t| t.is(Punct::LeftParen)) => {
            let close = matching(toks, i + 1)?;
            let mut vals = Vec::new();
            for (s, e) in split_commas(toks, i + 2, close) {
                let (v, k) = eval(&toks[..e], s)?;
                if k != e {
                    return None;
                }
                vals.extend(v);
            }
            let (cols, rows) = type_shape(ty)?;
            let n = (cols * rows) as usize;
            let out = if vals.len() == 1 && cols > 1 {
                let mut m = vec![0.0; n];
                for c in 0..cols.min(rows) {
                    m[(c * rows + c) as usize] = vals[0];
                }
                m
            } else if vals.len() == 1 {
                vec![vals[0]; n]
            } else {
                vals.truncate(n);
                vals
            };
            Some((out, close + 1))
        }
        _ => None,
    }
}
