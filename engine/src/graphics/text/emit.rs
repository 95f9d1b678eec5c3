//! Glyph quads: the plain print path (one string, one colour, left-aligned, no wrap
//! limit) and the quad writer shared with the general layout.
//!
//! PERF: `print(s, x, y)` is the call games make thousands of times a frame (scores,
//! debug overlays). The plain path walks the string once: no line list, no per-character
//! vector, no widths (left alignment needs none), glyphs from the array-indexed cache.

use super::{Font, Glyph};
use crate::graphics::batch::Vertex;
use glam::{Affine2, Vec2};

impl Font {
    /// Appends the vertices of `text` drawn at (0, 0) in local space (transform `t`), in
    /// `color`, left-aligned, lines split at `\n`; the same quads as [`Font::layout`].
    pub fn emit_plain(&mut self, out: &mut Vec<Vertex>, t: &Affine2, text: &str, color: [u8; 4]) {
        let start = out.len();
        out.reserve(text.len() * 6);
        loop {
            let size = (self.atlas.width, self.atlas.height);
            self.emit_plain_once(out, t, text, color);
            if size == (self.atlas.width, self.atlas.height) {
                return;
            }
            // The atlas grew while new glyphs were added: earlier quads have the old
            // texture coordinates. Every glyph is cached now, so the second pass is final.
            out.truncate(start);
        }
    }

    fn emit_plain_once(&mut self, out: &mut Vec<Vertex>, t: &Affine2, text: &str, color: [u8; 4]) {
        let spacing = self.line_spacing();
        let kerns = self.has_kerning();
        let (mut x, mut y) = (0.0f32, 0.0f32);
        let mut prev: Option<char> = None;
        for c in text.chars() {
            if c == '\n' {
                x = 0.0;
                y += spacing;
                prev = None;
                continue;
            }
            if kerns {
                if let Some(p) = prev {
                    x += self.kerning(p, c);
                }
                prev = Some(c);
            }
            if c == ' ' || c == '\t' {
                x += self.advance(c);
                continue;
            }
            let g = self.glyph(c);
            if g.w > 0 {
                self.quad(out, t, x + g.ox, y + g.oy, &g, color);
            }
            x += g.advance;
        }
    }

    /// Appends one glyph's two triangles, its top-left at local (x, y).
    #[inline]
    pub(super) fn quad(
        &self,
        out: &mut Vec<Vertex>,
        t: &Affine2,
        x: f32,
        y: f32,
        g: &Glyph,
        color: [u8; 4],
    ) {
        let (aw, ah) = (self.atlas.width as f32, self.atlas.height as f32);
        let (u0, v0) = (g.ax as f32 / aw, g.ay as f32 / ah);
        let (u1, v1) = ((g.ax + g.w) as f32 / aw, (g.ay + g.h) as f32 / ah);
        let (w, h) = (g.w as f32, g.h as f32);
        let v = |px: f32, py: f32, u: f32, vv: f32| {
            let p = t.transform_point2(Vec2::new(px, py));
            Vertex {
                pos: [p.x, p.y],
                uv: [u, vv],
                color,
            }
        };
        let a = v(x, y, u0, v0);
        let b = v(x + w, y, u1, v0);
        let c = v(x + w, y + h, u1, v1);
        let d = v(x, y + h, u0, v1);
        out.extend_from_slice(&[a, b, c, a, c, d]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphics::text::{Align, LaidLine};

    /// The plain path draws exactly the quads of the general layout.
    #[test]
    fn text_emit_plain_matches_layout() {
        let t = Affine2::from_angle(0.3) * Affine2::from_translation(Vec2::new(5.0, 7.0));
        let color = [10, 20, 30, 255];
        for s in [
            "score",
            "Hello World",
            "a\tb c",
            "two\nlines\n\nend",
            "ÿ€ 123",
            "",
        ] {
            let mut f = Font::default_font(12.0);
            let mut plain = Vec::new();
            f.emit_plain(&mut plain, &t, s, color);
            let laid: Vec<LaidLine> = s
                .split('\n')
                .map(|l| (l.chars().map(|c| (color, c)).collect(), f.width(l)))
                .collect();
            let mut general = Vec::new();
            f.layout(&mut general, &t, &laid, None, Align::Left);
            assert_eq!(plain, general, "{s:?}");
        }
    }
}
