//! CompressedImageData: GPU-compressed textures read from DDS (DXT1/3/5, BC4/5/6H/7,
//! with or without the DX10 header) and KTX 1 files (S3TC, RGTC, BPTC, ETC1/2, EAC,
//! ASTC), with their mipmap levels. Images are made from them by decoding the first
//! level to RGBA8 on the CPU (DXT1/3/5, BC4, BC5), so they work on every GPU; the other
//! formats parse but cannot become Images yet.

use super::ImageData;

/// One mipmap level.
#[derive(Clone, Debug, PartialEq)]
pub struct Level {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompressedData {
    /// LÖVE's name for the format ("DXT1", "BC7", "ETC2rgba", "ASTC4x4"...).
    pub format: &'static str,
    pub levels: Vec<Level>,
    /// Whether the file marks the data as sRGB.
    pub srgb: bool,
}

/// Bytes per 4x4 block of the block formats whose level sizes DDS leaves implicit.
fn block_bytes(format: &str) -> Option<usize> {
    match format {
        "DXT1" | "BC4" | "BC4s" => Some(8),
        "DXT3" | "DXT5" | "BC5" | "BC5s" | "BC6h" | "BC6hs" | "BC7" => Some(16),
        _ => None,
    }
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Whether the bytes are a compressed texture file this reads (`isCompressed`).
pub fn is_compressed(b: &[u8]) -> bool {
    parse(b).is_ok_and(|c| c.is_some())
}

/// `Ok(None)`: not a DDS or KTX file at all; `Err`: one that cannot be read.
pub fn parse(b: &[u8]) -> Result<Option<CompressedData>, String> {
    if b.starts_with(b"DDS ") {
        return parse_dds(b).map(Some);
    }
    if b.starts_with(b"\xABKTX 11\xBB\r\n\x1A\n") {
        return parse_ktx(b).map(Some);
    }
    Ok(None)
}

fn dds_format(b: &[u8]) -> Result<(&'static str, bool, usize), String> {
    let unsupported = || "Could not parse compressed data: unsupported DDS format".to_string();
    let four = b.get(84..88).ok_or_else(unsupported)?;
    let plain = |f| Ok((f, false, 128));
    match four {
        b"DXT1" => plain("DXT1"),
        b"DXT2" | b"DXT3" => plain("DXT3"),
        b"DXT4" | b"DXT5" => plain("DXT5"),
        b"ATI1" | b"BC4U" => plain("BC4"),
        b"BC4S" => plain("BC4s"),
        b"ATI2" | b"BC5U" => plain("BC5"),
        b"BC5S" => plain("BC5s"),
        b"DX10" => {
            let dxgi = u32_at(b, 128).ok_or_else(unsupported)?;
            let (f, srgb) = match dxgi {
                70..=71 => ("DXT1", false),
                72 => ("DXT1", true),
                73..=74 => ("DXT3", false),
                75 => ("DXT3", true),
                76..=77 => ("DXT5", false),
                78 => ("DXT5", true),
                79..=80 => ("BC4", false),
                81 => ("BC4s", false),
                82..=83 => ("BC5", false),
                84 => ("BC5s", false),
                94..=95 => ("BC6h", false),
                96 => ("BC6hs", false),
                97..=98 => ("BC7", false),
                99 => ("BC7", true),
                _ => return Err(unsupported()),
            };
            Ok((f, srgb, 148))
        }
        _ => Err(unsupported()),
    }
}

fn parse_dds(b: &[u8]) -> Result<CompressedData, String> {
    let truncated = || "Could not parse compressed data: truncated DDS file".to_string();
    if u32_at(b, 4) != Some(124) {
        return Err("Could not parse compressed data: invalid DDS header".into());
    }
    let height = u32_at(b, 12).ok_or_else(truncated)?;
    let width = u32_at(b, 16).ok_or_else(truncated)?;
    let flags = u32_at(b, 8).ok_or_else(truncated)?;
    let mips = if flags & 0x20000 != 0 {
        u32_at(b, 28).ok_or_else(truncated)?.max(1)
    } else {
        1
    };
    let (format, srgb, mut at) = dds_format(b)?;
    let bytes = block_bytes(format).ok_or_else(truncated)?;
    let mut levels = Vec::new();
    for i in 0..mips.min(32) {
        let (w, h) = ((width >> i).max(1), (height >> i).max(1));
        let size = (w.div_ceil(4) as usize)
            .checked_mul(h.div_ceil(4) as usize)
            .and_then(|n| n.checked_mul(bytes))
            .ok_or_else(truncated)?;
        let end = at.checked_add(size).ok_or_else(truncated)?;
        let data = b.get(at..end).ok_or_else(truncated)?.to_vec();
        at = end;
        levels.push(Level {
            width: w,
            height: h,
            data,
        });
        if w == 1 && h == 1 {
            break;
        }
    }
    Ok(CompressedData {
        format,
        levels,
        srgb,
    })
}

fn ktx_format(internal: u32) -> Option<(&'static str, bool)> {
    const ASTC: [&str; 14] = [
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
    Some(match internal {
        0x83F0 | 0x83F1 => ("DXT1", false),
        0x83F2 => ("DXT3", false),
        0x83F3 => ("DXT5", false),
        0x8C4C | 0x8C4D => ("DXT1", true),
        0x8C4E => ("DXT3", true),
        0x8C4F => ("DXT5", true),
        0x8DBB => ("BC4", false),
        0x8DBC => ("BC4s", false),
        0x8DBD => ("BC5", false),
        0x8DBE => ("BC5s", false),
        0x8E8C => ("BC7", false),
        0x8E8D => ("BC7", true),
        0x8E8E => ("BC6hs", false),
        0x8E8F => ("BC6h", false),
        0x8D64 => ("ETC1", false),
        0x9274 => ("ETC2rgb", false),
        0x9275 => ("ETC2rgb", true),
        0x9276 => ("ETC2rgba1", false),
        0x9277 => ("ETC2rgba1", true),
        0x9278 => ("ETC2rgba", false),
        0x9279 => ("ETC2rgba", true),
        0x9270 => ("EACr", false),
        0x9271 => ("EACrs", false),
        0x9272 => ("EACrg", false),
        0x9273 => ("EACrgs", false),
        0x93B0..=0x93BD => (ASTC[(internal - 0x93B0) as usize], false),
        0x93D0..=0x93DD => (ASTC[(internal - 0x93D0) as usize], true),
        _ => return None,
    })
}

fn parse_ktx(b: &[u8]) -> Result<CompressedData, String> {
    let truncated = || "Could not parse compressed data: truncated KTX file".to_string();
    if u32_at(b, 12) != Some(0x0403_0201) {
        return Err(
            "Could not parse compressed data: big-endian KTX files are not supported".into(),
        );
    }
    let internal = u32_at(b, 28).ok_or_else(truncated)?;
    let (format, srgb) = ktx_format(internal).ok_or_else(|| {
        format!("Could not parse compressed data: unsupported KTX format 0x{internal:X}")
    })?;
    let width = u32_at(b, 36).ok_or_else(truncated)?;
    let height = u32_at(b, 40).ok_or_else(truncated)?.max(1);
    let mips = u32_at(b, 56).ok_or_else(truncated)?.max(1);
    let kv = u32_at(b, 60).ok_or_else(truncated)? as usize;
    let mut at = 64 + kv;
    let mut levels = Vec::new();
    for i in 0..mips.min(32) {
        let size = u32_at(b, at).ok_or_else(truncated)? as usize;
        at += 4;
        let end = at.checked_add(size).ok_or_else(truncated)?;
        let data = b.get(at..end).ok_or_else(truncated)?.to_vec();
        at = end + (4 - size % 4) % 4;
        levels.push(Level {
            width: (width >> i).max(1),
            height: (height >> i).max(1),
            data,
        });
    }
    Ok(CompressedData {
        format,
        levels,
        srgb,
    })
}

/// RGB565 to RGB8.
fn rgb565(c: u16) -> [u8; 3] {
    let r = (c >> 11) & 31;
    let g = (c >> 5) & 63;
    let b = c & 31;
    [
        ((r * 527 + 23) >> 6) as u8,
        ((g * 259 + 33) >> 6) as u8,
        ((b * 527 + 23) >> 6) as u8,
    ]
}

/// The 16 colours of a BC1 colour block (`opaque`: BC2/BC3 always use 4-colour mode).
fn bc1_colors(blk: &[u8], opaque: bool) -> [[u8; 4]; 16] {
    let c0 = u16::from_le_bytes([blk[0], blk[1]]);
    let c1 = u16::from_le_bytes([blk[2], blk[3]]);
    let (a, b) = (rgb565(c0), rgb565(c1));
    let mix = |wa: u16, wb: u16, d: u16| -> [u8; 4] {
        let f = |i: usize| ((a[i] as u16 * wa + b[i] as u16 * wb) / d) as u8;
        [f(0), f(1), f(2), 255]
    };
    let palette = if c0 > c1 || opaque {
        [
            [a[0], a[1], a[2], 255],
            [b[0], b[1], b[2], 255],
            mix(2, 1, 3),
            mix(1, 2, 3),
        ]
    } else {
        [
            [a[0], a[1], a[2], 255],
            [b[0], b[1], b[2], 255],
            mix(1, 1, 2),
            [0, 0, 0, 0],
        ]
    };
    let bits = u32::from_le_bytes([blk[4], blk[5], blk[6], blk[7]]);
    std::array::from_fn(|i| palette[((bits >> (2 * i)) & 3) as usize])
}

/// The 16 values of a BC4 (or BC3 alpha) block.
fn bc4_values(blk: &[u8], signed: bool) -> [u8; 16] {
    let conv = |v: u8| {
        if signed {
            ((v as i8 as i16).max(-127) + 127) as f32 * 255.0 / 254.0
        } else {
            v as f32
        }
    };
    let (e0, e1) = (conv(blk[0]), conv(blk[1]));
    let greater = if signed {
        (blk[0] as i8) > (blk[1] as i8)
    } else {
        blk[0] > blk[1]
    };
    let mut pal = [0f32; 8];
    pal[0] = e0;
    pal[1] = e1;
    if greater {
        for i in 1..7 {
            pal[i + 1] = (e0 * (7 - i) as f32 + e1 * i as f32) / 7.0;
        }
    } else {
        for i in 1..5 {
            pal[i + 1] = (e0 * (5 - i) as f32 + e1 * i as f32) / 5.0;
        }
        pal[6] = 0.0;
        pal[7] = 255.0;
    }
    let mut bits = 0u64;
    for (k, &byte) in blk[2..8].iter().enumerate() {
        bits |= (byte as u64) << (8 * k);
    }
    std::array::from_fn(|i| {
        pal[((bits >> (3 * i)) & 7) as usize]
            .round()
            .clamp(0.0, 255.0) as u8
    })
}

/// Decodes one level to RGBA8 on the CPU (DXT1/3/5, BC4, BC5).
pub fn decode(format: &str, level: &Level) -> Result<ImageData, String> {
    let bytes = match format {
        "DXT1" | "DXT3" | "DXT5" | "BC4" | "BC4s" | "BC5" | "BC5s" => {
            block_bytes(format).unwrap_or(16)
        }
        _ => {
            return Err(format!(
                "Cannot create an Image from {format} compressed data: the engine decodes DXT1, DXT3, DXT5, BC4 and BC5 only"
            ));
        }
    };
    let (w, h) = (level.width as usize, level.height as usize);
    let (bw, bh) = (w.div_ceil(4), h.div_ceil(4));
    if bw
        .checked_mul(bh)
        .and_then(|n| n.checked_mul(bytes))
        .is_none_or(|n| level.data.len() < n)
    {
        return Err("Compressed image data is too small for its size".into());
    }
    let mut out = ImageData::new(level.width, level.height);
    for by in 0..bh {
        for bx in 0..bw {
            let blk = &level.data[(by * bw + bx) * bytes..][..bytes];
            let texels: [[u8; 4]; 16] = match format {
                "DXT1" => bc1_colors(blk, false),
                "DXT3" => {
                    let mut c = bc1_colors(&blk[8..], true);
                    for (i, t) in c.iter_mut().enumerate() {
                        let nib = (blk[i / 2] >> (4 * (i % 2))) & 15;
                        t[3] = nib * 17;
                    }
                    c
                }
                "DXT5" => {
                    let mut c = bc1_colors(&blk[8..], true);
                    let a = bc4_values(&blk[..8], false);
                    for (t, a) in c.iter_mut().zip(a) {
                        t[3] = a;
                    }
                    c
                }
                "BC4" | "BC4s" => {
                    let r = bc4_values(blk, format == "BC4s");
                    std::array::from_fn(|i| [r[i], 0, 0, 255])
                }
                _ => {
                    let signed = format == "BC5s";
                    let (r, g) = (bc4_values(&blk[..8], signed), bc4_values(&blk[8..], signed));
                    std::array::from_fn(|i| [r[i], g[i], 0, 255])
                }
            };
            for (i, t) in texels.iter().enumerate() {
                let (x, y) = (bx * 4 + i % 4, by * 4 + i / 4);
                if x < w && y < h {
                    let o = (y * w + x) * 4;
                    out.pixels[o..o + 4].copy_from_slice(t);
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// A DDS file of one colour: `w`x`h` DXT1 (or DXT5 with `alpha`) with `mips` levels.
    pub fn dds(w: u32, h: u32, mips: u32, four: &[u8; 4]) -> Vec<u8> {
        let mut f = b"DDS ".to_vec();
        let mut hdr = [0u8; 124];
        hdr[0..4].copy_from_slice(&124u32.to_le_bytes());
        hdr[4..8].copy_from_slice(&(0x1007u32 | 0x20000).to_le_bytes());
        hdr[8..12].copy_from_slice(&h.to_le_bytes());
        hdr[12..16].copy_from_slice(&w.to_le_bytes());
        hdr[24..28].copy_from_slice(&mips.to_le_bytes());
        hdr[72..76].copy_from_slice(&32u32.to_le_bytes());
        hdr[76..80].copy_from_slice(&4u32.to_le_bytes());
        hdr[80..84].copy_from_slice(four);
        f.extend_from_slice(&hdr);
        let bytes = if four == b"DXT1" { 8 } else { 16 };
        for i in 0..mips {
            let (lw, lh) = ((w >> i).max(1), (h >> i).max(1));
            for _ in 0..lw.div_ceil(4) * lh.div_ceil(4) {
                if bytes == 16 {
                    // Alpha block: both endpoints 128, indices 0.
                    f.extend_from_slice(&[128, 128, 0, 0, 0, 0, 0, 0]);
                }
                // Colour block: pure red (0xF800) in both endpoints, indices 0.
                f.extend_from_slice(&[0x00, 0xF8, 0x00, 0xF8, 0, 0, 0, 0]);
            }
        }
        f
    }

    #[test]
    fn image_compressed_dds_levels_and_decode() {
        let f = dds(8, 4, 4, b"DXT1");
        assert!(is_compressed(&f));
        let c = parse(&f).ok().flatten().unwrap_or_else(|| CompressedData {
            format: "",
            levels: vec![],
            srgb: false,
        });
        assert_eq!(c.format, "DXT1");
        assert_eq!(c.levels.len(), 4);
        assert_eq!((c.levels[1].width, c.levels[1].height), (4, 2));
        let img = decode(c.format, &c.levels[0]).unwrap_or_else(|_| ImageData::new(1, 1));
        assert_eq!(&img.pixels[0..4], &[255, 0, 0, 255]);
        let f5 = dds(4, 4, 1, b"DXT5");
        let c5 = parse(&f5)
            .ok()
            .flatten()
            .map(|c| decode(c.format, &c.levels[0]));
        assert_eq!(
            c5.and_then(|r| r.ok()).map(|i| i.pixels[..4].to_vec()),
            Some(vec![255, 0, 0, 128])
        );
        assert!(parse(&f[..150]).is_err());
        assert!(!is_compressed(b"\x89PNG"));
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;

    /// Random bytes behind each magic number: parsing and decoding never panic.
    #[test]
    fn image_compressed_garbage_never_panics() {
        let mut seed: u64 = 0x1234_5678;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u8
        };
        let magics: [&[u8]; 3] = [b"DDS ", b"\xABKTX 11\xBB\r\n\x1A\n", b"\0\0\x0a"];
        for i in 0..3000 {
            let magic = magics[i % 3];
            let len = 4 + (next() as usize) * 2;
            let mut b = magic.to_vec();
            b.extend((0..len).map(|_| next()));
            if let Ok(Some(c)) = parse(&b) {
                for l in &c.levels {
                    let _ = decode(c.format, l);
                }
            }
            let _ = ImageData::decode(&b);
        }
        // Valid files with bytes of the header changed at random.
        let base = super::tests::dds(8, 4, 4, b"DXT5");
        for _ in 0..3000 {
            let mut b = base.clone();
            for _ in 0..4 {
                let at = next() as usize % 160;
                b[at] = next();
            }
            if next() % 4 == 0 {
                b.truncate(next() as usize * 2);
            }
            if let Ok(Some(c)) = parse(&b) {
                for l in &c.levels {
                    let _ = decode(c.format, l);
                }
            }
        }
    }
}
