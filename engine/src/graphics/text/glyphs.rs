//! The per-font glyph table: where each rasterized glyph sits in the atlas.
//!
//! PERF: print looks up every character of every string each frame. Code points below
//! 256 (all of ASCII and Latin-1) are a direct array index; the rest go to a hash map
//! with a one-multiply hasher instead of SipHash.

use super::Glyph;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const LOW: usize = 256;

pub(super) struct GlyphCache {
    low: Box<[Option<Glyph>; LOW]>,
    high: HashMap<char, Glyph, BuildHasherDefault<CharHasher>>,
}

impl Default for GlyphCache {
    fn default() -> Self {
        GlyphCache {
            low: Box::new([None; LOW]),
            high: HashMap::default(),
        }
    }
}

impl GlyphCache {
    #[inline]
    pub(super) fn get(&self, c: char) -> Option<&Glyph> {
        match self.low.get(c as usize) {
            Some(slot) => slot.as_ref(),
            None => self.high.get(&c),
        }
    }

    pub(super) fn insert(&mut self, c: char, g: Glyph) {
        match self.low.get_mut(c as usize) {
            Some(slot) => *slot = Some(g),
            None => {
                self.high.insert(c, g);
            }
        }
    }

    pub(super) fn clear(&mut self) {
        self.low.fill(None);
        self.high.clear();
    }
}

/// Hashes one `char` (the only key this map has) with a Fibonacci multiply.
#[derive(Default)]
pub(super) struct CharHasher(u64);

impl Hasher for CharHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(advance: f32) -> Glyph {
        Glyph {
            ax: 0,
            ay: 0,
            w: 1,
            h: 1,
            ox: 0.0,
            oy: 0.0,
            advance,
        }
    }

    #[test]
    fn text_glyph_cache_low_and_high_code_points() {
        let mut c = GlyphCache::default();
        c.insert('a', g(1.0));
        c.insert('ÿ', g(2.0));
        c.insert('€', g(3.0));
        c.insert('😀', g(4.0));
        assert_eq!(c.get('a').map(|g| g.advance), Some(1.0));
        assert_eq!(c.get('ÿ').map(|g| g.advance), Some(2.0));
        assert_eq!(c.get('€').map(|g| g.advance), Some(3.0));
        assert_eq!(c.get('😀').map(|g| g.advance), Some(4.0));
        assert!(c.get('b').is_none() && c.get('₤').is_none());
        c.clear();
        assert!(c.get('a').is_none() && c.get('€').is_none());
    }
}
