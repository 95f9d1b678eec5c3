//! The game's GLSL as preprocessed tokens, each with the source line it came from.
//!
//! LÖVE's source is run through pp-rs (the preprocessor naga itself uses) with LÖVE's
//! predefined macros (`number`, `Image`, `Texel`, `extern`, `VERTEX`/`PIXEL`, ...), so
//! `#ifdef VERTEX` sections and the game's own macros are resolved before the dialect is
//! rewritten. Tokens are printed back one by one on their original lines, which keeps
//! naga's error lines equal to the game's (plus a fixed header offset).

use pp_rs::pp::Preprocessor;
use pp_rs::token::{Punct, TokenValue};

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Ident(String),
    /// Value and whether it is signed (an unsigned literal prints with `u`).
    Int(u64, bool),
    Float(f32),
    Punct(Punct),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    /// 1-based line in the game's source.
    pub line: u32,
}

impl Token {
    pub fn ident(&self) -> Option<&str> {
        match &self.tok {
            Tok::Ident(s) => Some(s),
            _ => None,
        }
    }

    pub fn is(&self, p: Punct) -> bool {
        self.tok == Tok::Punct(p)
    }

    pub fn is_ident(&self, name: &str) -> bool {
        self.ident() == Some(name)
    }
}

/// What preprocessing gives: tokens, and the `#pragma`s seen.
pub struct Preprocessed {
    pub tokens: Vec<Token>,
}

/// A compile error at a line of the game's source (0: no line).
#[derive(Clone, Debug, PartialEq)]
pub struct LineError {
    pub line: u32,
    pub message: String,
}

/// Line of a byte offset, from the offsets of every newline.
fn line_of(newlines: &[usize], offset: usize) -> u32 {
    newlines.partition_point(|&n| n < offset) as u32 + 1
}

/// Runs the preprocessor with `defines` and returns the tokens placed on source lines.
pub fn preprocess(source: &str, defines: &[(&str, &str)]) -> Result<Preprocessed, LineError> {
    let newlines: Vec<usize> = source
        .char_indices()
        .filter(|(_, c)| *c == '\n')
        .map(|(i, _)| i)
        .collect();
    let mut pp = Preprocessor::new(source);
    for (name, value) in defines {
        pp.add_define(name, value).map_err(|(e, _)| LineError {
            line: 0,
            message: format!("preprocessor: {e:?}"),
        })?;
    }
    let mut tokens = Vec::new();
    let mut line = 1;
    for item in pp {
        let t = item.map_err(|(e, loc)| LineError {
            line: line_of(&newlines, loc.start as usize).max(line),
            message: pp_error_message(&e),
        })?;
        // Tokens expanded from a macro carry the macro's location (earlier in the source,
        // or inside a predefined macro's text): they stay on the line being written.
        let at = line_of(&newlines, t.location.start as usize);
        if at > line {
            line = at;
        }
        let tok = match t.value {
            TokenValue::Ident(s) => Tok::Ident(s),
            TokenValue::Integer(i) => Tok::Int(i.value, i.signed),
            TokenValue::Float(f) => Tok::Float(f.value),
            TokenValue::Punct(p) => Tok::Punct(p),
            // LOVE: the header supplies #version; extensions and pragmas mean nothing here.
            TokenValue::Version(_) | TokenValue::Extension(_) | TokenValue::Pragma(_) => continue,
        };
        tokens.push(Token { tok, line });
    }
    rename_glsl4_words(&mut tokens);
    Ok(Preprocessed { tokens })
}

/// Words GLSL 4.50 reserves that LÖVE's GLSL (1.20, or 3.30 with `#pragma language glsl3`)
/// lets games use as names: moonshine's godsray names a variable `sample`.
const GLSL4_KEYWORDS: &[&str] = &[
    "sample",
    "patch",
    "subroutine",
    "buffer",
    "shared",
    "coherent",
    "restrict",
    "readonly",
    "writeonly",
    "volatile",
    "precise",
    "resource",
    "filter",
    "sampler",
    "texture1D",
];

/// LOVE: the canonical effect signature is `effect(vec4 color, Image texture, ...)` with
/// `Texel(texture, uv)`. In LÖVE's GLSL `texture` is a free name (Texel is texture2D), but
/// here Texel becomes GLSL 4's `texture()`, which a variable of that name hides. Names that
/// collide are renamed: `texture` wherever it is not called, the GLSL 4 keywords everywhere.
fn rename_glsl4_words(tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        let rename = match tokens[i].ident() {
            Some("texture") => !tokens.get(i + 1).is_some_and(|t| t.is(Punct::LeftParen)),
            Some(w) => GLSL4_KEYWORDS.contains(&w),
            None => false,
        };
        if let (true, Tok::Ident(name)) = (rename, &mut tokens[i].tok) {
            *name = format!("{}{name}", super::translate::RENAMED);
        }
    }
}

fn pp_error_message(e: &pp_rs::token::PreprocessorError) -> String {
    use pp_rs::token::PreprocessorError as E;
    match e {
        E::ErrorDirective => "#error directive".into(),
        E::UnexpectedToken(t) => format!("preprocessor: unexpected token {t:?}"),
        E::UnfinishedBlock => "preprocessor: missing #endif".into(),
        E::MacroNotDefined => "preprocessor: undefined macro in #if".into(),
        E::DefineRedefined => "preprocessor: macro redefined".into(),
        other => format!("preprocessor: {other:?}"),
    }
}

pub fn punct_str(p: Punct) -> &'static str {
    use Punct::*;
    match p {
        AddAssign => "+=",
        SubAssign => "-=",
        MulAssign => "*=",
        DivAssign => "/=",
        ModAssign => "%=",
        LeftShiftAssign => "<<=",
        RightShiftAssign => ">>=",
        AndAssign => "&=",
        XorAssign => "^=",
        OrAssign => "|=",
        Increment => "++",
        Decrement => "--",
        LogicalAnd => "&&",
        LogicalOr => "||",
        LogicalXor => "^^",
        LessEqual => "<=",
        GreaterEqual => ">=",
        EqualEqual => "==",
        NotEqual => "!=",
        LeftShift => "<<",
        RightShift => ">>",
        LeftBrace => "{",
        RightBrace => "}",
        LeftParen => "(",
        RightParen => ")",
        LeftBracket => "[",
        RightBracket => "]",
        LeftAngle => "<",
        RightAngle => ">",
        Semicolon => ";",
        Comma => ",",
        Colon => ":",
        Dot => ".",
        Equal => "=",
        Bang => "!",
        Minus => "-",
        Tilde => "~",
        Plus => "+",
        Star => "*",
        Slash => "/",
        Percent => "%",
        Pipe => "|",
        Caret => "^",
        Ampersand => "&",
        Question => "?",
    }
}

/// GLSL text of one token.
pub fn tok_text(t: &Tok) -> String {
    match t {
        Tok::Ident(s) => s.clone(),
        Tok::Int(v, true) => v.to_string(),
        Tok::Int(v, false) => format!("{v}u"),
        Tok::Float(f) => float_text(*f),
        Tok::Punct(p) => punct_str(*p).to_string(),
    }
}

/// A float literal GLSL reads back as the same f32 (always with a `.` or an exponent).
pub fn float_text(f: f32) -> String {
    if !f.is_finite() {
        return "3.402823e38".into();
    }
    let s = format!("{f:?}");
    if s.contains(['.', 'e', 'E']) {
        s
    } else {
        format!("{s}.0")
    }
}

/// Writes tokens to `out`, moving to each token's line (`line` is the output's current
/// line, counted in game lines).
pub struct Writer {
    pub out: String,
    pub line: u32,
}

impl Default for Writer {
    fn default() -> Self {
        Writer::new()
    }
}

impl Writer {
    pub fn new() -> Writer {
        Writer {
            out: String::new(),
            line: 1,
        }
    }

    pub fn goto(&mut self, line: u32) {
        while self.line < line {
            self.out.push('\n');
            self.line += 1;
        }
    }

    pub fn tok(&mut self, t: &Token) {
        self.goto(t.line);
        self.text(&tok_text(&t.tok));
    }

    /// Text on the current line (must hold no newline).
    pub fn text(&mut self, s: &str) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push(' ');
        }
        self.out.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shader_tokens_keep_lines_and_expand_macros() {
        let src =
            "#define TWO 2.0\nfloat a;\n#ifdef PIXEL\nfloat b = TWO;\n#else\nint c;\n#endif\n";
        let p = preprocess(src, &[("PIXEL", "1")]).expect("pp");
        let mut w = Writer::new();
        for t in &p.tokens {
            w.tok(t);
        }
        assert_eq!(w.out, "\nfloat a ;\n\nfloat b = 2.0 ;");
    }

    #[test]
    fn shader_tokens_float_text_round_trips() {
        assert_eq!(float_text(1.0), "1.0");
        assert_eq!(float_text(0.5), "0.5");
        assert!(float_text(1e-7).parse::<f32>().is_ok());
    }
}
