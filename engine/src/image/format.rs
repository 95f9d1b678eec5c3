//! ImageData pixel formats other than rgba8, as LÖVE 11 stores them: the bytes of one
//! pixel, and conversion to and from 0..1 colour values (unsigned-normalised formats
//! clamp and round; float formats keep any value; missing channels read as 0, alpha as 1).

use half::f16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PixelFormat {
    R8,
    Rg8,
    Rgba8,
    R16,
    Rg16,
    Rgba16,
    R16f,
    Rg16f,
    Rgba16f,
    R32f,
    Rg32f,
    Rgba32f,
    Rgba4,
    Rgb5a1,
    Rgb565,
    Rgb10a2,
    Rg11b10f,
}

use PixelFormat as P;

/// The names `newImageData` accepts, in LÖVE's spelling.
pub const FORMATS: &[(&str, PixelFormat)] = &[
    ("r8", P::R8),
    ("rg8", P::Rg8),
    ("rgba8", P::Rgba8),
    ("r16", P::R16),
    ("rg16", P::Rg16),
    ("rgba16", P::Rgba16),
    ("r16f", P::R16f),
    ("rg16f", P::Rg16f),
    ("rgba16f", P::Rgba16f),
    ("r32f", P::R32f),
    ("rg32f", P::Rg32f),
    ("rgba32f", P::Rgba32f),
    ("rgba4", P::Rgba4),
    ("rgb5a1", P::Rgb5a1),
    ("rgb565", P::Rgb565),
    ("rgb10a2", P::Rgb10a2),
    ("rg11b10f", P::Rg11b10f),
];

/// Pixel formats LÖVE knows that ImageData cannot hold ("Unsupported pixel format").
pub const OTHER_FORMATS: &[&str] = &[
    "normal",
    "hdr",
    "srgba8",
    "la8",
    "stencil8",
    "depth16",
    "depth24",
    "depth32f",
    "depth24stencil8",
    "depth32fstencil8",
    "DXT1",
    "DXT3",
    "DXT5",
    "BC4",
    "BC4s",
    "BC5",
    "BC5s",
    "BC6h",
    "BC6hs",
    "BC7",
    "ETC1",
    "ETC2rgb",
    "ETC2rgba",
    "ETC2rgba1",
    "EACr",
    "EACrs",
    "EACrg",
    "EACrgs",
    "ASTC4x4",
];

fn unorm(v: f32, max: f32) -> u32 {
    (v.clamp(0.0, 1.0) * max + 0.5) as u32
}

/// An unsigned float of `mbits` mantissa bits and a 5-bit exponent (rg11b10f channels).
fn small_float(v: f32, mbits: u32) -> u32 {
    if v.is_nan() {
        return (31 << mbits) | 1;
    }
    if v <= 0.0 {
        return 0;
    }
    let h = f16::from_f32(v).to_bits() as u32;
    let exp = (h >> 10) & 31;
    let mant = (h & 0x3ff) >> (10 - mbits);
    (exp << mbits) | mant
}

fn from_small_float(bits: u32, mbits: u32) -> f64 {
    let exp = (bits >> mbits) & 31;
    let mant = bits & ((1 << mbits) - 1);
    f16::from_bits(((exp << 10) | (mant << (10 - mbits))) as u16).to_f64()
}

impl PixelFormat {
    pub fn name(self) -> &'static str {
        FORMATS
            .iter()
            .find(|f| f.1 == self)
            .map_or("rgba8", |f| f.0)
    }

    /// Bytes per pixel.
    pub fn size(self) -> usize {
        match self {
            P::R8 => 1,
            P::Rg8 | P::R16 | P::R16f | P::Rgba4 | P::Rgb5a1 | P::Rgb565 => 2,
            P::Rgba8 | P::Rg16 | P::Rg16f | P::R32f | P::Rgb10a2 | P::Rg11b10f => 4,
            P::Rgba16 | P::Rgba16f | P::Rg32f => 8,
            P::Rgba32f => 16,
        }
    }

    /// How many of r, g, b, a the format stores in separate channels of equal type.
    fn channels(self) -> usize {
        match self {
            P::R8 | P::R16 | P::R16f | P::R32f => 1,
            P::Rg8 | P::Rg16 | P::Rg16f | P::Rg32f => 2,
            _ => 4,
        }
    }

    /// One pixel's colour from its bytes (little-endian).
    pub fn decode(self, b: &[u8]) -> [f64; 4] {
        let mut c = [0.0, 0.0, 0.0, 1.0];
        let n = self.channels();
        let u16_at = |i: usize| u16::from_le_bytes([b[2 * i], b[2 * i + 1]]);
        let u32_at =
            |i: usize| u32::from_le_bytes([b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]]);
        match self {
            P::R8 | P::Rg8 | P::Rgba8 => (0..n).for_each(|i| c[i] = b[i] as f64 / 255.0),
            P::R16 | P::Rg16 | P::Rgba16 => (0..n).for_each(|i| c[i] = u16_at(i) as f64 / 65535.0),
            P::R16f | P::Rg16f | P::Rgba16f => {
                (0..n).for_each(|i| c[i] = f16::from_bits(u16_at(i)).to_f64())
            }
            P::R32f | P::Rg32f | P::Rgba32f => {
                (0..n).for_each(|i| c[i] = f32::from_bits(u32_at(i)) as f64)
            }
            P::Rgba4 => {
                let v = u16_at(0);
                c = [12, 8, 4, 0].map(|s| ((v >> s) & 15) as f64 / 15.0);
            }
            P::Rgb5a1 => {
                let v = u16_at(0);
                c = [
                    ((v >> 11) & 31) as f64 / 31.0,
                    ((v >> 6) & 31) as f64 / 31.0,
                    ((v >> 1) & 31) as f64 / 31.0,
                    (v & 1) as f64,
                ];
            }
            P::Rgb565 => {
                let v = u16_at(0);
                c = [
                    ((v >> 11) & 31) as f64 / 31.0,
                    ((v >> 5) & 63) as f64 / 63.0,
                    (v & 31) as f64 / 31.0,
                    1.0,
                ];
            }
            P::Rgb10a2 => {
                let v = u32_at(0);
                c = [
                    (v & 1023) as f64 / 1023.0,
                    ((v >> 10) & 1023) as f64 / 1023.0,
                    ((v >> 20) & 1023) as f64 / 1023.0,
                    ((v >> 30) & 3) as f64 / 3.0,
                ];
            }
            P::Rg11b10f => {
                let v = u32_at(0);
                c = [
                    from_small_float(v & 0x7ff, 6),
                    from_small_float((v >> 11) & 0x7ff, 6),
                    from_small_float(v >> 22, 5),
                    1.0,
                ];
            }
        }
        c
    }

    /// Writes one pixel's colour into its bytes.
    pub fn encode(self, c: [f32; 4], out: &mut [u8]) {
        let n = self.channels();
        match self {
            P::R8 | P::Rg8 | P::Rgba8 => (0..n).for_each(|i| out[i] = unorm(c[i], 255.0) as u8),
            P::R16 | P::Rg16 | P::Rgba16 => (0..n).for_each(|i| {
                out[2 * i..2 * i + 2].copy_from_slice(&(unorm(c[i], 65535.0) as u16).to_le_bytes())
            }),
            P::R16f | P::Rg16f | P::Rgba16f => (0..n).for_each(|i| {
                out[2 * i..2 * i + 2].copy_from_slice(&f16::from_f32(c[i]).to_bits().to_le_bytes())
            }),
            P::R32f | P::Rg32f | P::Rgba32f => {
                (0..n).for_each(|i| out[4 * i..4 * i + 4].copy_from_slice(&c[i].to_le_bytes()))
            }
            P::Rgba4 => {
                let v = (0..4).fold(0u32, |acc, i| acc | unorm(c[i], 15.0) << (12 - 4 * i));
                out[..2].copy_from_slice(&(v as u16).to_le_bytes());
            }
            P::Rgb5a1 => {
                let v = unorm(c[0], 31.0) << 11
                    | unorm(c[1], 31.0) << 6
                    | unorm(c[2], 31.0) << 1
                    | unorm(c[3], 1.0);
                out[..2].copy_from_slice(&(v as u16).to_le_bytes());
            }
            P::Rgb565 => {
                let v = unorm(c[0], 31.0) << 11 | unorm(c[1], 63.0) << 5 | unorm(c[2], 31.0);
                out[..2].copy_from_slice(&(v as u16).to_le_bytes());
            }
            P::Rgb10a2 => {
                let v = unorm(c[0], 1023.0)
                    | unorm(c[1], 1023.0) << 10
                    | unorm(c[2], 1023.0) << 20
                    | unorm(c[3], 3.0) << 30;
                out[..4].copy_from_slice(&v.to_le_bytes());
            }
            P::Rg11b10f => {
                let v =
                    small_float(c[0], 6) | small_float(c[1], 6) << 11 | small_float(c[2], 5) << 22;
                out[..4].copy_from_slice(&v.to_le_bytes());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes LÖVE 11.4 stores for setPixel(0.25, 0.5, 1.5, -0.5).
    #[test]
    fn image_pixel_formats_match_love_bytes() {
        let c = [0.25, 0.5, 1.5, -0.5];
        let cases: &[(PixelFormat, &[u8])] = &[
            (P::R8, &[0x40]),
            (P::Rg16, &[0x00, 0x40, 0x00, 0x80]),
            (
                P::Rgba16f,
                &[0x00, 0x34, 0x00, 0x38, 0x00, 0x3e, 0x00, 0xb8],
            ),
            (P::Rgba4, &[0xf0, 0x48]),
            (P::Rgb5a1, &[0x3e, 0x44]),
            (P::Rgb565, &[0x1f, 0x44]),
            (P::Rgb10a2, &[0x00, 0x01, 0xf8, 0x3f]),
            (P::Rg11b10f, &[0x40, 0x03, 0x1c, 0x7c]),
        ];
        for (f, bytes) in cases {
            let mut out = vec![0u8; f.size()];
            f.encode(c, &mut out);
            assert_eq!(&out[..], *bytes, "{f:?}");
        }
        let mut out = [0u8; 4];
        P::Rg11b10f.encode(c, &mut out);
        assert_eq!(P::Rg11b10f.decode(&out), [0.25, 0.5, 1.5, 1.0]);
        P::Rgb565.encode(c, &mut out);
        assert_eq!(P::Rgb565.decode(&out)[1], 32.0 / 63.0);
    }
}
