//! `love.image` core: ImageData, a CPU-side RGBA8 pixel buffer — decoding (PNG, JPEG
//! through the `image` crate, TGA in `tga.rs`), encoding (PNG, TGA), pixel access with LÖVE's 0..1 floats, and
//! `paste`. Knows nothing of Lua or the GPU; graphics turns ImageData into textures.

pub mod compressed;
pub mod format;
pub mod lua;
pub mod lua_compressed;
mod tga;

pub use format::PixelFormat;

/// Pixels as RGBA8, rows top to bottom. An ImageData of another pixel format keeps its
/// own bytes in `raw` and `pixels` as their RGBA8 copy (what textures are made from).
#[derive(Debug, PartialEq)]
pub struct ImageData {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
    pub format: PixelFormat,
    raw: Option<Vec<u8>>,
}

impl Clone for ImageData {
    /// A copy; a non-rgba8 ImageData's RGBA8 copy is rebuilt from its bytes, which games
    /// may have written through `getFFIPointer` (Images are made from such clones).
    fn clone(&self) -> Self {
        let mut c = ImageData {
            width: self.width,
            height: self.height,
            pixels: self.pixels.clone(),
            format: self.format,
            raw: self.raw.clone(),
        };
        c.refresh_display();
        c
    }
}

impl ImageData {
    /// Transparent black pixels.
    pub fn new(width: u32, height: u32) -> ImageData {
        ImageData {
            width,
            height,
            pixels: vec![0; width as usize * height as usize * 4],
            format: PixelFormat::Rgba8,
            raw: None,
        }
    }

    /// Zeroed pixels of any format.
    pub fn with_format(width: u32, height: u32, format: PixelFormat) -> ImageData {
        let mut d = ImageData::new(width, height);
        if format != PixelFormat::Rgba8 {
            d.format = format;
            d.raw = Some(vec![0; width as usize * height as usize * format.size()]);
            d.refresh_display();
        }
        d
    }

    pub fn from_raw(width: u32, height: u32, pixels: Vec<u8>) -> Option<ImageData> {
        (pixels.len() == width as usize * height as usize * 4).then_some(ImageData {
            width,
            height,
            pixels,
            format: PixelFormat::Rgba8,
            raw: None,
        })
    }

    /// The pixel bytes in the ImageData's own format (`getString`, `getSize`).
    pub fn bytes(&self) -> &[u8] {
        self.raw.as_deref().unwrap_or(&self.pixels)
    }

    /// Replaces the pixel bytes (same length as [`bytes`](Self::bytes)).
    pub fn set_bytes(&mut self, b: &[u8]) {
        match &mut self.raw {
            Some(r) => {
                r.copy_from_slice(b);
                self.refresh_display();
            }
            None => self.pixels.copy_from_slice(b),
        }
    }

    /// Rebuilds the RGBA8 copy of a non-rgba8 ImageData.
    fn refresh_display(&mut self) {
        let Some(raw) = &self.raw else { return };
        let size = self.format.size();
        for (i, px) in raw.chunks_exact(size).enumerate() {
            let c = self.format.decode(px);
            for (k, v) in c.iter().enumerate() {
                self.pixels[i * 4 + k] = (v.clamp(0.0, 1.0) * 255.0 + 0.5) as u8;
            }
        }
    }

    /// The pixel at (x, y) in full precision (as LÖVE computes it, in double).
    pub fn get_f64(&self, x: u32, y: u32) -> [f64; 4] {
        let i = y as usize * self.width as usize + x as usize;
        match &self.raw {
            Some(r) => {
                let size = self.format.size();
                self.format.decode(&r[i * size..(i + 1) * size])
            }
            None => {
                let p = &self.pixels[i * 4..i * 4 + 4];
                [0, 1, 2, 3].map(|k| p[k] as f64 / 255.0)
            }
        }
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
        if matches!(
            img.color(),
            ::image::ColorType::Rgba16
                | ::image::ColorType::Rgb16
                | ::image::ColorType::La16
                | ::image::ColorType::L16
        ) {
            // LOVE: 16-bit PNGs decode to rgba16 ImageData.
            let rgba = img.to_rgba16();
            let (width, height) = rgba.dimensions();
            let mut d = ImageData::with_format(width, height, PixelFormat::Rgba16);
            let raw: Vec<u8> = rgba
                .into_raw()
                .iter()
                .flat_map(|v| v.to_le_bytes())
                .collect();
            d.set_bytes(&raw);
            return Ok(d);
        }
        let rgba = img.to_rgba8();
        let (width, height) = rgba.dimensions();
        Ok(ImageData {
            width,
            height,
            pixels: rgba.into_raw(),
            format: PixelFormat::Rgba8,
            raw: None,
        })
    }

    fn no_encoder(&self) -> String {
        format!(
            "No suitable image encoder for {} format.",
            self.format.name()
        )
    }

    /// Encodes as PNG (8 bits per channel; 16 for rgba16).
    pub fn encode_png(&self) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        if self.format == PixelFormat::Rgba16 {
            let vals: Vec<u16> = self
                .bytes()
                .chunks_exact(2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]))
                .collect();
            let buf = ::image::ImageBuffer::<::image::Rgba<u16>, Vec<u16>>::from_raw(
                self.width,
                self.height,
                vals,
            )
            .ok_or_else(|| self.no_encoder())?;
            ::image::DynamicImage::ImageRgba16(buf)
                .write_to(
                    &mut std::io::Cursor::new(&mut out),
                    ::image::ImageFormat::Png,
                )
                .map_err(|e| e.to_string())?;
            return Ok(out);
        }
        if self.format != PixelFormat::Rgba8 {
            return Err(self.no_encoder());
        }
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
    pub fn encode_tga(&self) -> Result<Vec<u8>, String> {
        if self.format != PixelFormat::Rgba8 {
            return Err(self.no_encoder());
        }
        Ok(tga::encode(self))
    }

    pub fn in_bounds(&self, x: i64, y: i64) -> bool {
        x >= 0 && y >= 0 && x < self.width as i64 && y < self.height as i64
    }

    fn offset(&self, x: u32, y: u32) -> usize {
        (y as usize * self.width as usize + x as usize) * 4
    }

    /// The pixel at (x, y) as 0..1 floats; the caller checks bounds.
    pub fn get(&self, x: u32, y: u32) -> [f32; 4] {
        if self.raw.is_some() {
            return self.get_f64(x, y).map(|v| v as f32);
        }
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
        if let Some(raw) = &mut self.raw {
            let size = self.format.size();
            let i = y as usize * self.width as usize + x as usize;
            let px = &mut raw[i * size..(i + 1) * size];
            self.format.encode(c, px);
            let shown = self.format.decode(px);
            for (k, v) in shown.iter().enumerate() {
                self.pixels[i * 4 + k] = (v.clamp(0.0, 1.0) * 255.0 + 0.5) as u8;
            }
            return;
        }
        let o = self.offset(x, y);
        for (k, v) in c.iter().enumerate() {
            self.pixels[o + k] = (v.clamp(0.0, 1.0) * 255.0 + 0.5) as u8;
        }
    }

    /// One pixel of another format (or to/from one): LÖVE converts rgba8 and rgba16 by
    /// shifting bits, everything else through floats.
    fn paste_converted(&mut self, src: &ImageData, from: (u32, u32), to: (u32, u32)) {
        use PixelFormat as P;
        let c = src.get_f64(from.0, from.1);
        let shifted = match (src.format, self.format) {
            // LOVE: 8 → 16 bits is `v << 8` (255 becomes 65280), 16 → 8 is `v >> 8`.
            (P::Rgba8, P::Rgba16) => {
                Some(c.map(|v| ((v * 255.0).round() * 256.0 / 65535.0) as f32))
            }
            (P::Rgba16, P::Rgba8) => {
                Some(c.map(|v| (((v * 65535.0).round() as u32 >> 8) as f64 / 255.0) as f32))
            }
            _ => None,
        };
        self.set(to.0, to.1, shifted.unwrap_or(c.map(|v| v as f32)));
    }

    /// Copies a region of `src` to (dx, dy), clipped to both images (`paste`).
    #[allow(clippy::too_many_arguments)]
    pub fn paste(&mut self, src: &ImageData, dx: i64, dy: i64, sx: i64, sy: i64, sw: i64, sh: i64) {
        for row in 0..sh.max(0) {
            for col in 0..sw.max(0) {
                let (fx, fy) = (sx + col, sy + row);
                let (tx, ty) = (dx + col, dy + row);
                if src.in_bounds(fx, fy)
                    && self.in_bounds(tx, ty)
                    && (self.raw.is_some() || src.raw.is_some())
                {
                    self.paste_converted(src, (fx as u32, fy as u32), (tx as u32, ty as u32));
                } else if src.in_bounds(fx, fy) && self.in_bounds(tx, ty) {
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
