//! `love.font` core: a Rasterizer is a font face at a size (the same `graphics::text::Font`
//! that draws text), and GlyphData is one rasterized glyph with its metrics.

pub mod lua;

use crate::graphics::text::Font;

/// One glyph as love.font hands it out.
#[derive(Clone, Debug, PartialEq)]
pub struct GlyphData {
    pub glyph: char,
    pub width: u32,
    pub height: u32,
    /// "la8" (TrueType coverage: luminance 255, alpha) or "rgba8" (image fonts).
    pub format: &'static str,
    pub pixels: Vec<u8>,
    pub advance: f32,
    /// Left edge from the pen, and top edge above the baseline.
    pub bearing: (f32, f32),
}

impl GlyphData {
    /// Rasterizes `c` with `font`; a missing glyph is an empty one (as FreeType's notdef
    /// would be drawn, but with no pixels).
    pub fn new(font: &Font, c: char) -> GlyphData {
        let (w, h, rgba, ox, oy, advance) =
            font.raster(c).unwrap_or((0, 0, Vec::new(), 0.0, 0.0, 0.0));
        let truetype = font.is_truetype();
        let pixels = if truetype {
            rgba.chunks_exact(4).flat_map(|p| [p[0], p[3]]).collect()
        } else {
            rgba
        };
        GlyphData {
            glyph: c,
            width: w,
            height: h,
            format: if truetype { "la8" } else { "rgba8" },
            pixels,
            advance,
            bearing: (ox, font.ascent - oy),
        }
    }

    /// x, y, width, height of the glyph's box relative to the pen on the baseline.
    pub fn bounding_box(&self) -> (f32, f32, f32, f32) {
        (
            self.bearing.0,
            self.bearing.1 - self.height as f32,
            self.width as f32,
            self.height as f32,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_glyph_data_la8() {
        let f = Font::default_font(12.0);
        let g = GlyphData::new(&f, 'A');
        assert_eq!(g.format, "la8");
        assert_eq!(g.pixels.len() as u32, g.width * g.height * 2);
        assert_eq!(g.advance, 8.0, "LÖVE 11.4's advance for 'A' at 12");
        let space = GlyphData::new(&f, ' ');
        assert_eq!((space.width, space.height, space.advance), (0, 0, 4.0));
    }
}
