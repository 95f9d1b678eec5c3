//! Texture pixel formats: LÖVE 11.5's canvas formats (colour and depth/stencil), the wgpu
//! format each is stored in, which ones this device can render to and sample, and how a
//! canvas's GPU bytes become ImageData bytes in LÖVE's layout.
//!
//! Most formats map one to one. The exceptions are stored in a wider format and converted
//! when read back (`Canvas:newImageData` gives LÖVE's layout either way):
//! - rgba4, rgb5a1, rgb565: wgpu has no 16-bit packed colour formats; stored as rgba8, so
//!   drawing the canvas shows 8-bit precision where GL would show 4/5/6 bits.
//! - r16, rg16, rgba16: wgpu can render to 16-bit unorm formats only with adapter-specific
//!   format features; stored as r32f/rg32f/rgba32f (exact for 16-bit values), which needs
//!   the float32 filtering and blending features.
//! - rg11b10f without `RG11B10UFLOAT_RENDERABLE`: stored as rgba16f.

use crate::image::PixelFormat;

/// A texture's pixel format, in LÖVE's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    R8,
    Rg8,
    Rgba8,
    Srgba8,
    Rgba4,
    Rgb5a1,
    Rgb565,
    Rgb10a2,
    Rg11b10f,
    R16,
    Rg16,
    Rgba16,
    R16f,
    Rg16f,
    Rgba16f,
    R32f,
    Rg32f,
    Rgba32f,
    Depth16,
    Depth24,
    Depth32f,
    Depth24Stencil8,
    Depth32fStencil8,
    Stencil8,
}

use Format as F;

/// Every format with its LÖVE name, in the order `getCanvasFormats` is built.
pub const FORMATS: &[(&str, Format)] = &[
    ("r8", F::R8),
    ("rg8", F::Rg8),
    ("rgba8", F::Rgba8),
    ("srgba8", F::Srgba8),
    ("rgba4", F::Rgba4),
    ("rgb5a1", F::Rgb5a1),
    ("rgb565", F::Rgb565),
    ("rgb10a2", F::Rgb10a2),
    ("rg11b10f", F::Rg11b10f),
    ("r16", F::R16),
    ("rg16", F::Rg16),
    ("rgba16", F::Rgba16),
    ("r16f", F::R16f),
    ("rg16f", F::Rg16f),
    ("rgba16f", F::Rgba16f),
    ("r32f", F::R32f),
    ("rg32f", F::Rg32f),
    ("rgba32f", F::Rgba32f),
    ("depth16", F::Depth16),
    ("depth24", F::Depth24),
    ("depth32f", F::Depth32f),
    ("depth24stencil8", F::Depth24Stencil8),
    ("depth32fstencil8", F::Depth32fStencil8),
    ("stencil8", F::Stencil8),
];

/// LÖVE's aliases: "normal" is rgba8 (srgba8 with gamma-correct rendering, which the
/// engine doesn't do), "hdr" is rgba16f.
pub const ALIASES: &[(&str, Format)] = &[("normal", F::Rgba8), ("hdr", F::Rgba16f)];

/// Pixel formats LÖVE knows that no canvas can have: its "not supported by your graphics
/// drivers" error rather than "Invalid pixel format". `la8` is listed by
/// `getCanvasFormats` (as false); the compressed ones are not.
pub const UNRENDERABLE: &[&str] = &[
    "la8",
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
    "PVR1rgb2",
    "PVR1rgb4",
    "PVR1rgba2",
    "PVR1rgba4",
    "ETC1",
    "ETC2rgb",
    "ETC2rgba",
    "ETC2rgba1",
    "EACr",
    "EACrs",
    "EACrg",
    "EACrgs",
    "ASTC4x4",
    "ASTC5x4",
    "ASTC5x5",
    "ASTC6x5",
    "ASTC6x6",
    "ASTC8x5",
    "ASTC8x6",
    "ASTC8x8",
    "ASTC10x5",
    "ASTC10x6",
    "ASTC10x8",
    "ASTC10x10",
    "ASTC12x10",
    "ASTC12x12",
];

/// rgb565 is stored as rgba8: its alpha must stay 1 (what sampling an rgb565 canvas reads
/// in LÖVE), so draws into one don't write alpha (`Graphics::key` applies this mask;
/// clears write alpha 1).
pub const RGB565_MASK: u8 = 0x7;

/// Optional device features canvas formats use where the adapter has them.
pub const WANTED_FEATURES: wgpu::Features = wgpu::Features::FLOAT32_FILTERABLE
    .union(wgpu::Features::FLOAT32_BLENDABLE)
    .union(wgpu::Features::RG11B10UFLOAT_RENDERABLE)
    .union(wgpu::Features::DEPTH32FLOAT_STENCIL8);

/// What a device can do with a format as a canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Support {
    /// Can be drawn into (with blending, for colour formats).
    pub renderable: bool,
    /// Can also be sampled (drawn, sent to shaders) and read back.
    pub readable: bool,
}

impl Format {
    pub fn from_name(name: &str) -> Option<Format> {
        FORMATS
            .iter()
            .chain(ALIASES)
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
    }

    pub fn love_name(self) -> &'static str {
        FORMATS
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("rgba8", |(n, _)| n)
    }

    pub fn is_depth_stencil(self) -> bool {
        matches!(
            self,
            F::Depth16
                | F::Depth24
                | F::Depth32f
                | F::Depth24Stencil8
                | F::Depth32fStencil8
                | F::Stencil8
        )
    }

    pub fn has_stencil(self) -> bool {
        matches!(self, F::Depth24Stencil8 | F::Depth32fStencil8 | F::Stencil8)
    }

    pub fn has_depth(self) -> bool {
        self.is_depth_stencil() && self != F::Stencil8
    }

    /// The wgpu format this format is stored in on a device with `features` (see the
    /// module docs for the wider ones); None where the device has no way to render it.
    pub fn wgpu(self, features: wgpu::Features) -> Option<wgpu::TextureFormat> {
        use wgpu::TextureFormat as T;
        let float32 = features
            .contains(wgpu::Features::FLOAT32_FILTERABLE | wgpu::Features::FLOAT32_BLENDABLE);
        Some(match self {
            F::R8 => T::R8Unorm,
            F::Rg8 => T::Rg8Unorm,
            F::Rgba8 | F::Rgba4 | F::Rgb5a1 | F::Rgb565 => T::Rgba8Unorm,
            F::Srgba8 => T::Rgba8UnormSrgb,
            F::Rgb10a2 => T::Rgb10a2Unorm,
            F::Rg11b10f if features.contains(wgpu::Features::RG11B10UFLOAT_RENDERABLE) => {
                T::Rg11b10Ufloat
            }
            F::Rg11b10f => T::Rgba16Float,
            F::R16 if float32 => T::R32Float,
            F::Rg16 if float32 => T::Rg32Float,
            F::Rgba16 if float32 => T::Rgba32Float,
            F::R16 | F::Rg16 | F::Rgba16 => return None,
            F::R16f => T::R16Float,
            F::Rg16f => T::Rg16Float,
            F::Rgba16f => T::Rgba16Float,
            F::R32f => T::R32Float,
            F::Rg32f => T::Rg32Float,
            F::Rgba32f => T::Rgba32Float,
            F::Depth16 => T::Depth16Unorm,
            F::Depth24 => T::Depth24Plus,
            F::Depth32f => T::Depth32Float,
            F::Depth24Stencil8 => T::Depth24PlusStencil8,
            F::Depth32fStencil8 if features.contains(wgpu::Features::DEPTH32FLOAT_STENCIL8) => {
                T::Depth32FloatStencil8
            }
            F::Depth32fStencil8 => return None,
            F::Stencil8 => T::Stencil8,
        })
    }

    /// The wgpu format of a depth/stencil format (None for colour formats). Only
    /// depth32fstencil8 needs a device feature, and newCanvas refuses it without one.
    pub fn depth_wgpu(self) -> Option<wgpu::TextureFormat> {
        if self.is_depth_stencil() {
            self.wgpu(WANTED_FEATURES)
        } else {
            None
        }
    }

    /// What a device with `features` can do with this format as a canvas. Colour formats
    /// must be renderable with blending (LÖVE blends into any canvas) and filterable to
    /// be readable; depth formats are readable except stencil8 (as in LÖVE).
    pub fn support(self, features: wgpu::Features) -> Support {
        let Some(t) = self.wgpu(features) else {
            return Support {
                renderable: false,
                readable: false,
            };
        };
        if self.is_depth_stencil() {
            return Support {
                renderable: true,
                readable: self != F::Stencil8,
            };
        }
        let f = t.guaranteed_format_features(features);
        let flags = wgpu::TextureFormatFeatureFlags::BLENDABLE;
        let renderable = f
            .allowed_usages
            .contains(wgpu::TextureUsages::RENDER_ATTACHMENT)
            && f.flags.contains(flags);
        Support {
            renderable,
            readable: renderable
                && f.flags
                    .contains(wgpu::TextureFormatFeatureFlags::FILTERABLE),
        }
    }

    /// Whether a canvas of this format can be drawn with 4x MSAA (and, for colour formats,
    /// resolved) on a device with `features`.
    pub fn msaa(self, features: wgpu::Features) -> bool {
        let Some(t) = self.wgpu(features) else {
            return false;
        };
        let flags = t.guaranteed_format_features(features).flags;
        flags.contains(wgpu::TextureFormatFeatureFlags::MULTISAMPLE_X4)
            && (self.is_depth_stencil()
                || flags.contains(wgpu::TextureFormatFeatureFlags::MULTISAMPLE_RESOLVE))
    }

    /// The ImageData format `Canvas:newImageData` gives (LÖVE: srgba8 reads as rgba8, its
    /// bytes unchanged); None for depth/stencil formats.
    pub fn image_format(self) -> Option<PixelFormat> {
        use PixelFormat as P;
        Some(match self {
            F::R8 => P::R8,
            F::Rg8 => P::Rg8,
            F::Rgba8 | F::Srgba8 => P::Rgba8,
            F::Rgba4 => P::Rgba4,
            F::Rgb5a1 => P::Rgb5a1,
            F::Rgb565 => P::Rgb565,
            F::Rgb10a2 => P::Rgb10a2,
            F::Rg11b10f => P::Rg11b10f,
            F::R16 => P::R16,
            F::Rg16 => P::Rg16,
            F::Rgba16 => P::Rgba16,
            F::R16f => P::R16f,
            F::Rg16f => P::Rg16f,
            F::Rgba16f => P::Rgba16f,
            F::R32f => P::R32f,
            F::Rg32f => P::Rg32f,
            F::Rgba32f => P::Rgba32f,
            _ => return None,
        })
    }

    /// Bytes per pixel of pixel data uploaded for an Image of this format.
    pub fn bytes_per_pixel(self) -> u32 {
        self.image_format().map_or(4, |p| p.size() as u32)
    }
}

/// Turns tightly packed pixels read from a texture stored as `stored` into the bytes of
/// an ImageData of `image` (LÖVE's layout); None when the sizes don't add up.
pub fn to_image_bytes(
    stored: wgpu::TextureFormat,
    image: PixelFormat,
    pixels: &[u8],
) -> Option<Vec<u8>> {
    use wgpu::TextureFormat as T;
    let src_size = stored.block_copy_size(None)? as usize;
    // Formats stored as themselves: wgpu's byte layout is LÖVE's (little-endian channels;
    // rgb10a2 and rg11b10f pack red into the low bits in both).
    let same = matches!(
        (stored, image),
        (T::R8Unorm, PixelFormat::R8)
            | (T::Rg8Unorm, PixelFormat::Rg8)
            | (T::Rgba8Unorm | T::Rgba8UnormSrgb, PixelFormat::Rgba8)
            | (T::Rgb10a2Unorm, PixelFormat::Rgb10a2)
            | (T::Rg11b10Ufloat, PixelFormat::Rg11b10f)
            | (T::R16Float, PixelFormat::R16f)
            | (T::Rg16Float, PixelFormat::Rg16f)
            | (T::Rgba16Float, PixelFormat::Rgba16f)
            | (T::R32Float, PixelFormat::R32f)
            | (T::Rg32Float, PixelFormat::Rg32f)
            | (T::Rgba32Float, PixelFormat::Rgba32f)
    );
    if same {
        return Some(pixels.to_vec());
    }
    let decode = stored_decoder(stored)?;
    if !pixels.len().is_multiple_of(src_size) {
        return None;
    }
    let dst_size = image.size();
    let mut out = vec![0; pixels.len() / src_size * dst_size];
    for (src, dst) in pixels
        .chunks_exact(src_size)
        .zip(out.chunks_exact_mut(dst_size))
    {
        let c = decode.decode(src);
        image.encode(c.map(|v| v as f32), dst);
    }
    Some(out)
}

/// The ImageData format with the same byte layout as a wider storage format, to decode
/// its pixels with.
fn stored_decoder(stored: wgpu::TextureFormat) -> Option<PixelFormat> {
    use wgpu::TextureFormat as T;
    Some(match stored {
        T::Rgba8Unorm => PixelFormat::Rgba8,
        T::Rgba16Float => PixelFormat::Rgba16f,
        T::R32Float => PixelFormat::R32f,
        T::Rg32Float => PixelFormat::Rg32f,
        T::Rgba32Float => PixelFormat::Rgba32f,
        _ => return None,
    })
}

/// The device's features, for format support (none without a GPU); rgb565's alpha.
impl super::Graphics {
    /// A clear colour for the current target: alpha 1 on an rgb565 canvas.
    pub fn format_clear_color(&self, c: [f32; 4]) -> [f32; 4] {
        match self.state.canvases.first() {
            Some(t) if t.format == Format::Rgb565 => [c[0], c[1], c[2], 1.0],
            _ => c,
        }
    }

    pub fn device_features(&self) -> wgpu::Features {
        self.gpu
            .as_ref()
            .map_or(wgpu::Features::empty(), |g| g.device.features())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canvas_format_names_round_trip() {
        for (name, f) in FORMATS {
            assert_eq!(Format::from_name(name), Some(*f));
            assert_eq!(f.love_name(), *name);
        }
        assert_eq!(Format::from_name("normal"), Some(Format::Rgba8));
        assert_eq!(Format::from_name("hdr"), Some(Format::Rgba16f));
        assert_eq!(Format::from_name("la8"), None);
    }

    #[test]
    fn canvas_format_readback_packs_like_love() {
        // 0xff,0x80,0x40,0xff stored as rgba8 → rgba4 in LÖVE's bit order (r high).
        let out = to_image_bytes(
            wgpu::TextureFormat::Rgba8Unorm,
            PixelFormat::Rgba4,
            &[255, 119, 68, 255],
        )
        .expect("converts");
        assert_eq!(u16::from_le_bytes([out[0], out[1]]), 0xf74f);
        // r16 stored as r32f: 0.2 → 0x3333.
        let out = to_image_bytes(
            wgpu::TextureFormat::R32Float,
            PixelFormat::R16,
            &0.2f32.to_le_bytes(),
        )
        .expect("converts");
        assert_eq!(out, vec![0x33, 0x33]);
        let same = to_image_bytes(wgpu::TextureFormat::R8Unorm, PixelFormat::R8, &[1, 2]);
        assert_eq!(same, Some(vec![1, 2]));
    }

    #[test]
    fn canvas_format_depth_support() {
        let none = wgpu::Features::empty();
        assert!(Format::Depth24.support(none).readable);
        assert!(!Format::Stencil8.support(none).readable);
        assert!(!Format::Depth32fStencil8.support(none).renderable);
        assert!(Format::Rgba8.support(none).readable);
        assert!(!Format::R16.support(none).renderable);
        assert!(!Format::R32f.support(none).readable);
    }
}
