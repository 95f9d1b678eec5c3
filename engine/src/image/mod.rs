//! `love.image` core: ImageData, a CPU-side RGBA8 pixel buffer — decoding (PNG, JPEG
//! through the `image` crate, TGA in `tga.rs`), encoding (PNG, TGA), pixel access with LÖVE's 0..1 floats, and
//! `paste`. Knows nothing of Lua or the GPU; graphics turns ImageData into textures.

pub mod compressed;
pub mod lua;
pub mod lua_compressed;
mod tga;

/// Pixels as RGBA8, rows top to bottom.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageData {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

impl ImageData {
    /// Transparent black pixels.
    pub fn new(width: u32, height: u32) -> ImageData {
        ImageData {
            width,
            height,
            pixels: vec![0; width as usize * height as usize * 4],
        }
    }

    pub fn from_raw(width: u32, height: u32, pixels: Vec<u8>) -> Option<ImageData> {
        (pixels.len() == width as usize * height as usize * 4).then_some(ImageData {
            width,
            height,
            pixels,
        })
    }

    /// Decodes an encoded image (PNG, JPEG, TGA).
    pub fn decode(bytes: &[u8]) -> Result<ImageData, String> {
        if let Some(d) = tga::decode(bytes) {
            return d;
        }
        // DDS and KTX: the first mipmap level, decoded on the CPU.
        if let Some(c) = compressed::parse(bytes)? {
            return compressed::decode(c.format, &c.levels[0]);
        }
        let img = ::image::load_from_memory(bytes).map_err(|e| e.to_string())?;
        let rgba = img.to_rgba8();
        let (width, height) = rgba.dimensions();
        Ok(ImageData {
            width,
            height,
            pixels: rgba.into_raw(),
        })
    }

    /// Encodes as PNG.
    pub fn encode_png(&self) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        ::image::write_buffer_with_format(
            &mut std::io::Cursor::new(&mut out),
            &self.pixels,
            self.width,
            self.height,
            ::image::ExtendedColorType::Rgba8,
            ::image::ImageFormat::Png,
        )
        .map_err(|e| e.to_string())?;
        Ok(out)
    }

    /// Encodes as TGA, the way LÖVE writes it: uncompressed 32-bit BGRA, top row first.
    pub fn encode_tga(&self) -> Vec<u8> {
        tga::encode(self)
    }

    pub fn in_bounds(&self, x: i64, y: i64) -> bool {
        x >= 0 && y >= 0 && x < self.width as i64 && y < self.height as i64
    }

    fn offset(&self, x: u32, y: u32) -> usize {
        (y as usize * self.width as usize + x as usize) * 4
    }

    /// The pixel at (x, y) as 0..1 floats; the caller checks bounds.
    pub fn get(&self, x: u32, y: u32) -> [f32; 4] {
        let o = self.offset(x, y);
        let p = &self.pixels[o..o + 4];
        [
            p[0] as f32 / 255.0,
            p[1] as f32 / 255.0,
            p[2] as f32 / 255.0,
            p[3] as f32 / 255.0,
        ]
    }

    /// Sets the pixel at (x, y) from 0..1 floats (clamped, rounded as LÖVE does).
    pub fn set(&mut self, x: u32, y: u32, c: [f32; 4]) {
        let o = self.offset(x, y);
        for (k, v) in c.iter().enumerate() {
            self.pixels[o + k] = (v.clamp(0.0, 1.0) * 255.0 + 0.5) as u8;
        }
    }

    /// Copies a region of `src` to (dx, dy), clipped to both images (`paste`).
    #[allow(clippy::too_many_arguments)]
    pub fn paste(&mut self, src: &ImageData, dx: i64, dy: i64, sx: i64, sy: i64, sw: i64, sh: i64) {
        for row in 0..sh.max(0) {
            for col in 0..sw.max(0) {
                let (fx, fy) = (sx + col, sy + row);
                let (tx, ty) = (dx + col, dy + row);
                if src.in_bounds(fx, fy) && self.in_bounds(tx, ty) {
                    let from = src.offset(fx as u32, fy as u32);
                    let to = self.offset(tx as u32, ty as u32);
                    let px: [u8; 4] = [
                        src.pixels[from],
                        src.pixels[from + 1],
                        src.pixels[from + 2],
                        src.pixels[from + 3],
                    ];
                    self.pixels[to..to + 4].copy_from_slice(&px);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_set_get_round_trip() {
        let mut d = ImageData::new(2, 2);
        d.set(1, 1, [1.0, 0.5, 0.0, 1.0]);
        let p = d.get(1, 1);
        assert_eq!(p[0], 1.0);
        assert!((p[1] - 128.0 / 255.0).abs() < 1e-6);
        assert_eq!(d.get(0, 0), [0.0; 4]);
    }

    #[test]
    fn image_png_encode_decode() {
        let mut d = ImageData::new(3, 2);
        d.set(2, 1, [0.0, 1.0, 0.0, 1.0]);
        let png = d.encode_png().expect("encode");
        assert_eq!(ImageData::decode(&png).expect("decode"), d);
        assert!(ImageData::decode(b"not an image").is_err());
    }

    #[test]
    fn image_paste_clips() {
        let mut src = ImageData::new(2, 2);
        src.set(0, 0, [1.0; 4]);
        let mut dst = ImageData::new(2, 2);
        dst.paste(&src, 1, 1, 0, 0, 2, 2);
        assert_eq!(dst.get(1, 1), [1.0; 4]);
        assert_eq!(dst.get(0, 0), [0.0; 4]);
    }
}
