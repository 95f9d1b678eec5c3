//! The glyph atlas: glyph bitmaps packed on shelves into one RGBA texture, grown (into
//! a new texture) when full.

use crate::graphics::batch::TextureId;

pub struct Atlas {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
    shelf_x: u32,
    shelf_y: u32,
    shelf_h: u32,
    /// The GPU texture holding `pixels`, and whether it is behind.
    pub texture: Option<TextureId>,
    pub dirty: bool,
    /// Set when the atlas grew: the old texture is freed after the frame.
    pub retired: Vec<TextureId>,
}

impl Atlas {
    pub(super) fn new(width: u32, height: u32) -> Atlas {
        Atlas {
            width,
            height,
            pixels: vec![0; (width * height * 4) as usize],
            shelf_x: 1,
            shelf_y: 1,
            shelf_h: 0,
            texture: None,
            dirty: true,
            retired: Vec::new(),
        }
    }

    /// Finds room for a w×h bitmap (1 px padding), growing the atlas when full.
    pub(super) fn allocate(&mut self, w: u32, h: u32) -> (u32, u32) {
        loop {
            if self.shelf_x + w + 1 > self.width {
                self.shelf_y += self.shelf_h + 1;
                self.shelf_x = 1;
                self.shelf_h = 0;
            }
            if self.shelf_y + h < self.height && w + 2 <= self.width {
                let pos = (self.shelf_x, self.shelf_y);
                self.shelf_x += w + 1;
                self.shelf_h = self.shelf_h.max(h);
                return pos;
            }
            self.grow();
        }
    }

    fn grow(&mut self) {
        let (ow, oh) = (self.width, self.height);
        let (nw, nh) = if ow <= oh { (ow * 2, oh) } else { (ow, oh * 2) };
        let mut px = vec![0; (nw * nh * 4) as usize];
        for y in 0..oh as usize {
            let src = &self.pixels[y * ow as usize * 4..(y + 1) * ow as usize * 4];
            px[y * nw as usize * 4..y * nw as usize * 4 + src.len()].copy_from_slice(src);
        }
        self.pixels = px;
        self.width = nw;
        self.height = nh;
        if nw > ow {
            // Continue the current shelf into the new room on the right.
        } else {
            self.shelf_x = self.width; // next allocation starts a new shelf below
        }
        if let Some(t) = self.texture.take() {
            self.retired.push(t);
        }
        self.dirty = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_atlas_grows_and_retires_texture() {
        let mut a = Atlas::new(16, 16);
        a.texture = Some(3);
        a.dirty = false;
        for _ in 0..10 {
            a.allocate(6, 6);
        }
        assert!(a.width * a.height > 256);
        assert_eq!(a.retired, vec![3]);
        assert!(a.dirty && a.texture.is_none());
    }
}
