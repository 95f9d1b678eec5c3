//! Text: fonts rasterized with fontdue into a glyph atlas, line layout and wrapping as
//! LÖVE does it (checked against LÖVE 11.4 with its default font, Bitstream Vera 12).
//!
//! Glyphs are rasterized once per font and packed into an RGBA atlas (white, coverage in
//! alpha). When the atlas is full it grows into a new texture, so draws already queued
//! this frame keep sampling the old one.

mod atlas;
mod emit;
mod faces;
mod glyphs;

use super::batch::Vertex;
pub use atlas::Atlas;
use glam::Affine2;
use std::collections::HashMap;

/// Bitstream Vera Sans, LÖVE 11's default font (licence: engine/assets/Vera-LICENSE.txt).
pub const DEFAULT_FONT: &[u8] = include_bytes!("../../../assets/Vera.ttf");

#[derive(Clone, Copy, Debug)]
struct Glyph {
    /// Position of the bitmap in the atlas, in pixels.
    ax: u32,
    ay: u32,
    w: u32,
    h: u32,
    /// Offset of the bitmap's top-left from the pen position at the line's top.
    ox: f32,
    oy: f32,
    advance: f32,
}

/// A font shared by the Lua Font object, the graphics state and queued draws.
pub type FontRef = std::rc::Rc<std::cell::RefCell<Font>>;

/// A rasterized glyph: width, height, RGBA pixels, offset from the pen at the line's top
/// (x, y), and advance.
pub type RasterGlyph = (u32, u32, Vec<u8>, f32, f32, f32);

/// Where glyphs come from: a TrueType/OpenType font, or an image strip (ImageFont).
#[derive(Clone)]
enum Face {
    TrueType(Box<fontdue::Font>),
    /// ImageFont and BMFont: glyph bitmaps cut from images.
    Image {
        glyphs: HashMap<char, ImageGlyph>,
        kerning: HashMap<(char, char), f32>,
    },
}

#[derive(Clone)]
struct ImageGlyph {
    w: u32,
    h: u32,
    rgba: Vec<u8>,
    ox: f32,
    oy: f32,
    advance: f32,
}

pub struct Font {
    font: Face,
    /// Where the atlas textures go when the font is dropped (set on first upload).
    pub retire_to: Option<super::texture::Retired>,
    /// Fonts asked for glyphs this one lacks (Font:setFallbacks).
    pub fallbacks: Vec<FontRef>,
    /// min, mag filter and anisotropy, as Font:setFilter sets them.
    pub filter: (super::texture::Filter, super::texture::Filter, u8),
    pub size: f32,
    pub ascent: f32,
    pub descent: f32,
    pub height: f32,
    pub line_height: f32,
    glyphs: glyphs::GlyphCache,
    pub atlas: Atlas,
}

/// One laid-out line: its text and its width without trailing spaces.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub text: String,
    pub width: f32,
}

/// One line ready to draw: its characters with their vertex colours, and its width.
pub type LaidLine = (Vec<([u8; 4], char)>, f32);

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

impl Font {
    pub fn new(data: &[u8], size: f32) -> Result<Font, String> {
        let font = fontdue::Font::from_bytes(data, fontdue::FontSettings::default())
            .map_err(|e| format!("Could not load font: {e}"))?;
        let m = font
            .horizontal_line_metrics(size)
            .ok_or("Could not load font: no horizontal metrics")?;
        // LOVE (FreeType) rounds the ascender up, the descender down, the height to nearest.
        let ascent = m.ascent.ceil();
        let descent = m.descent.floor();
        let height = m.new_line_size.round();
        Ok(Font {
            font: Face::TrueType(Box::new(font)),
            size,
            ascent,
            descent,
            height,
            line_height: 1.0,
            glyphs: glyphs::GlyphCache::default(),
            atlas: Atlas::new(256, 256),
            retire_to: None,
            fallbacks: Vec::new(),
            filter: (
                super::texture::Filter::Linear,
                super::texture::Filter::Linear,
                1,
            ),
        })
    }

    /// Whether the font has a glyph for `c` (LÖVE's hasGlyphs).
    pub fn has_glyph(&self, c: char) -> bool {
        // Fallbacks don't chain (a cycle of fallbacks must not recurse).
        self.has_own_glyph(c)
            || self
                .fallbacks
                .iter()
                .any(|f| f.try_borrow().is_ok_and(|f| f.has_own_glyph(c)))
    }

    fn has_own_glyph(&self, c: char) -> bool {
        match &self.font {
            Face::TrueType(f) => c == '\n' || c == '\t' || c == ' ' || f.lookup_glyph_index(c) != 0,
            Face::Image { glyphs, .. } => glyphs.contains_key(&c),
        }
    }

    pub fn default_font(size: f32) -> Font {
        // The embedded font parses; a failure here would be a build defect.
        match Font::new(DEFAULT_FONT, size) {
            Ok(f) => f,
            Err(e) => panic!("embedded default font: {e}"),
        }
    }

    /// A glyph's bitmap (RGBA), its offset from the pen at the line's top, and its
    /// advance; `None` when the face has no such glyph.
    pub fn raster(&self, c: char) -> Option<RasterGlyph> {
        match &self.font {
            // LOVE: an image glyph keeps its colours.
            Face::Image { glyphs, .. } => glyphs
                .get(&c)
                .map(|g| (g.w, g.h, g.rgba.clone(), g.ox, g.oy, g.advance)),
            Face::TrueType(f) => {
                if f.lookup_glyph_index(c) == 0 && !c.is_whitespace() {
                    return None;
                }
                Some(self.rasterize_truetype(f, c))
            }
        }
    }

    /// A TrueType glyph as white pixels with coverage in alpha (the font's "missing"
    /// box for a code point it lacks).
    fn rasterize_truetype(&self, f: &fontdue::Font, c: char) -> RasterGlyph {
        let (m, bitmap) = f.rasterize(c, self.size);
        let (w, h) = (m.width as u32, m.height as u32);
        let rgba = bitmap.iter().flat_map(|a| [255, 255, 255, *a]).collect();
        let oy = self.ascent - (m.ymin as f32 + h as f32);
        // Hinted advances are whole pixels in LÖVE.
        (w, h, rgba, m.xmin as f32, oy, m.advance_width.round())
    }

    #[inline]
    fn glyph(&mut self, c: char) -> Glyph {
        match self.glyphs.get(c) {
            Some(g) => *g,
            None => self.load_glyph(c),
        }
    }

    /// Rasterizes `c` (or a fallback's glyph) into the atlas and remembers where.
    #[cold]
    fn load_glyph(&mut self, c: char) -> Glyph {
        let found = self.raster(c).or_else(|| {
            // setFallbacks: the first fallback that has the glyph, on this font's baseline.
            self.fallbacks.iter().find_map(|fb| {
                let fb = fb.try_borrow().ok()?;
                let (w, h, rgba, ox, oy, adv) = fb.raster(c)?;
                Some((w, h, rgba, ox, self.ascent - (fb.ascent - oy), adv))
            })
        });
        // A glyph nobody has: an image font gives it no width; a TrueType font draws its
        // "missing glyph" box.
        let (w, h, rgba, ox, oy, advance) = match (found, &self.font) {
            (Some(r), _) => r,
            (None, Face::Image { .. }) => (0, 0, Vec::new(), 0.0, 0.0, 0.0),
            (None, Face::TrueType(f)) => self.rasterize_truetype(f, c),
        };
        let (ax, ay) = if w > 0 && h > 0 {
            self.atlas.allocate(w, h)
        } else {
            (0, 0)
        };
        for y in 0..h {
            let src = &rgba[(y * w * 4) as usize..((y + 1) * w * 4) as usize];
            let i = (((ay + y) * self.atlas.width + ax) * 4) as usize;
            self.atlas.pixels[i..i + src.len()].copy_from_slice(src);
        }
        if w > 0 {
            self.atlas.dirty = true;
        }
        let g = Glyph {
            ax,
            ay,
            w,
            h,
            ox,
            oy,
            advance,
        };
        self.glyphs.insert(c, g);
        g
    }

    /// The same face and metrics with an empty glyph atlas (newFont(rasterizer)).
    pub fn fresh_copy(&self) -> Font {
        Font {
            font: self.font.clone(),
            retire_to: None,
            fallbacks: Vec::new(),
            filter: self.filter,
            size: self.size,
            ascent: self.ascent,
            descent: self.descent,
            height: self.height,
            line_height: 1.0,
            glyphs: glyphs::GlyphCache::default(),
            atlas: Atlas::new(256, 256),
        }
    }

    /// Glyphs in the font (love.font's Rasterizer:getGlyphCount).
    pub fn glyph_count(&self) -> usize {
        match &self.font {
            Face::TrueType(f) => f.glyph_count() as usize,
            Face::Image { glyphs, .. } => glyphs.len(),
        }
    }

    /// The widest advance among the Latin-1 characters (Rasterizer:getAdvance; FreeType's
    /// font-wide maximum can be larger).
    pub fn max_advance(&self) -> f32 {
        (32u32..=255)
            .filter_map(char::from_u32)
            .filter_map(|c| self.raster(c).map(|r| r.5))
            .fold(0.0, f32::max)
    }

    /// Whether glyphs are greyscale coverage (TrueType) rather than colour (image fonts).
    pub fn is_truetype(&self) -> bool {
        matches!(self.font, Face::TrueType(_))
    }

    /// Drops the glyph cache (the atlas keeps its pixels; new glyphs go after them).
    pub fn forget_glyphs(&mut self) {
        self.glyphs.clear();
    }

    /// Font:getKerning: the font's own kerning for a pair, in whole pixels.
    pub fn kerning_between(&self, a: char, b: char) -> f32 {
        match &self.font {
            Face::TrueType(f) => f
                .horizontal_kern(a, b, self.size)
                .map(|k| k.round())
                .unwrap_or(0.0),
            Face::Image { kerning, .. } => kerning.get(&(a, b)).copied().unwrap_or(0.0),
        }
    }

    /// Whether any pair of this font's glyphs has kerning (an image font with pairs).
    fn has_kerning(&self) -> bool {
        match &self.font {
            Face::TrueType(_) => false,
            Face::Image { kerning, .. } => !kerning.is_empty(),
        }
    }

    /// LOVE: with the default hinting, FreeType's kerning for Vera rounds to 0 pixels
    /// (LÖVE 11.4 measures "Wo" as W + o); kerning of other fonts comes with love.font.
    fn kerning(&self, a: char, b: char) -> f32 {
        match &self.font {
            Face::TrueType(_) => 0.0,
            // BMFont kerning pairs are applied, as LÖVE does.
            Face::Image { kerning, .. } => kerning.get(&(a, b)).copied().unwrap_or(0.0),
        }
    }

    /// Width of one line of text (no wrapping; stops at the first newline's effect).
    pub fn width(&mut self, text: &str) -> f32 {
        text.split('\n')
            .map(|l| self.line_width(l))
            .fold(0.0, f32::max)
    }

    fn line_width(&mut self, line: &str) -> f32 {
        let mut w = 0.0;
        let mut prev = None;
        for c in line.chars() {
            if let Some(p) = prev {
                w += self.kerning(p, c);
            }
            w += self.advance(c);
            prev = Some(c);
        }
        w
    }

    fn advance(&mut self, c: char) -> f32 {
        if c == '\t' {
            // LOVE: a tab is four spaces wide.
            return self.glyph(' ').advance * 4.0;
        }
        self.glyph(c).advance
    }

    /// Spacing between lines in pixels.
    pub fn line_spacing(&self) -> f32 {
        (self.height * self.line_height).floor()
    }

    /// Splits text into lines no wider than `limit`, breaking at spaces, or inside a word
    /// that alone is too wide (LÖVE's getWrap).
    pub fn wrap(&mut self, text: &str, limit: f32) -> Vec<Line> {
        let mut out = Vec::new();
        for para in text.split('\n') {
            let chars: Vec<char> = para.chars().collect();
            let mut start = 0;
            let mut width = 0.0;
            let mut last_space: Option<usize> = None;
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i];
                let kern = if i > start {
                    self.kerning(chars[i - 1], c)
                } else {
                    0.0
                };
                let adv = self.advance(c) + kern;
                if c != ' ' && width + adv > limit && i > start {
                    let end = match last_space {
                        Some(s) if s >= start => s + 1,
                        _ => i,
                    };
                    out.push(self.make_line(&chars[start..end]));
                    start = end;
                    last_space = None;
                    width = 0.0;
                    i = start;
                    continue;
                }
                if c == ' ' {
                    last_space = Some(i);
                }
                width += adv;
                i += 1;
            }
            out.push(self.make_line(&chars[start..]));
        }
        out
    }

    fn make_line(&mut self, chars: &[char]) -> Line {
        let text: String = chars.iter().collect();
        let width = self.line_width(text.trim_end_matches(' '));
        Line { text, width }
    }

    /// Appends the vertices of `lines` drawn at (0, 0) in local space, aligned within
    /// `limit`, each run of text in its colour. Returns nothing; vertices go to `out`.
    pub fn layout(
        &mut self,
        out: &mut Vec<Vertex>,
        t: &Affine2,
        lines: &[LaidLine],
        limit: Option<f32>,
        align: Align,
    ) {
        let spacing = self.line_spacing();
        let nlines = lines.len();
        for (li, (chars, width)) in lines.iter().enumerate() {
            let y = li as f32 * spacing;
            let slack = limit.map(|l| l - width).unwrap_or(0.0);
            let mut x = match align {
                Align::Left | Align::Justify => 0.0,
                Align::Center => (slack / 2.0).floor(),
                Align::Right => slack,
            };
            let spaces = chars.iter().filter(|(_, c)| *c == ' ').count();
            let extra = if align == Align::Justify && li + 1 < nlines && spaces > 0 && slack > 0.0 {
                slack / spaces as f32
            } else {
                0.0
            };
            let mut prev = None;
            for &(color, c) in chars {
                if let Some(p) = prev {
                    x += self.kerning(p, c);
                }
                prev = Some(c);
                if c == '\t' || c == ' ' {
                    x += self.advance(c) + if c == ' ' { extra } else { 0.0 };
                    continue;
                }
                let g = self.glyph(c);
                if g.w > 0 {
                    self.quad(out, t, x + g.ox, y + g.oy, &g, color);
                }
                x += g.advance;
            }
        }
    }
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Font({} px)", self.size)
    }
}

impl Drop for Font {
    fn drop(&mut self) {
        // The atlas textures may still be sampled by this frame's draws: retire them.
        if let Some(r) = &self.retire_to
            && let Ok(mut list) = r.try_borrow_mut()
        {
            list.extend(self.atlas.texture.take());
            list.append(&mut self.atlas.retired);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Values measured with LÖVE 11.4's default font (Vera, size 12).
    #[test]
    fn text_default_font_metrics_match_love() {
        let mut f = Font::default_font(12.0);
        assert_eq!(f.height, 14.0);
        assert_eq!(f.ascent, 12.0);
        assert_eq!(f.descent, -3.0);
        assert_eq!(f.width("a"), 7.0);
        assert_eq!(f.width(" "), 4.0);
        assert_eq!(f.width("Hello World"), 68.0);
    }

    #[test]
    fn text_wrap_matches_love() {
        let mut f = Font::default_font(12.0);
        let lines = f.wrap("the quick brown fox jumps over the lazy dog", 100.0);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            ["the quick brown ", "fox jumps over ", "the lazy dog"]
        );
        let lines = f.wrap("abcdefghijklmnopqrstuvwxyz", 50.0);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["abcdefg", "hijklmn", "opqrstu", "vwxyz"]);
        let w = lines.iter().map(|l| l.width).fold(0.0, f32::max);
        assert_eq!(w, 49.0);
    }
}
