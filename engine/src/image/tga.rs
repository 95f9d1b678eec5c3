//! TGA: LÖVE encodes ImageData as uncompressed 32-bit TGA and decodes TGA files, which
//! the `image` crate (built with PNG and JPEG only) does not read. Here: truecolour and
//! greyscale, uncompressed or RLE, 8/24/32 bits, either vertical origin.

use super::ImageData;

const HEADER: usize = 18;

/// LÖVE's TGA: image type 2, 32 bpp, descriptor 0x20 (top-left origin), BGRA pixels.
pub fn encode(d: &ImageData) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + d.pixels.len());
    let (w, h) = (d.width as u16, d.height as u16);
    // LOVE: byte 7 (colour-map entry size) is 32 in the files LÖVE 11 writes.
    out.extend_from_slice(&[0, 0, 2, 0, 0, 0, 0, 32, 0, 0, 0, 0]);
    out.extend_from_slice(&w.to_le_bytes());
    out.extend_from_slice(&h.to_le_bytes());
    out.extend_from_slice(&[32, 0x20]);
    for p in d.pixels.chunks_exact(4) {
        out.extend_from_slice(&[p[2], p[1], p[0], p[3]]);
    }
    out
}

/// `None` when the bytes do not look like a TGA file this reads (so other decoders may
/// try); `Some(Err)` when they do but are broken.
pub fn decode(b: &[u8]) -> Option<Result<ImageData, String>> {
    if b.len() < HEADER {
        return None;
    }
    let (id_len, cmap_type, kind) = (b[0] as usize, b[1], b[2]);
    let bpp = b[16];
    let gray = matches!(kind, 3 | 11);
    let rle = matches!(kind, 10 | 11);
    if cmap_type != 0 || !matches!(kind, 2 | 3 | 10 | 11) {
        return None;
    }
    if !(gray && bpp == 8 || !gray && (bpp == 24 || bpp == 32)) {
        return None;
    }
    let w = u16::from_le_bytes([b[12], b[13]]) as usize;
    let h = u16::from_le_bytes([b[14], b[15]]) as usize;
    if w == 0 || h == 0 {
        return None;
    }
    let top_first = b[17] & 0x20 != 0;
    let px = bpp as usize / 8;
    let mut data = &b[(HEADER + id_len).min(b.len())..];
    let n = w * h;
    // RLE expands at most 128 times: do not trust the header's size before reading.
    let mut raw: Vec<u8> = Vec::with_capacity((n * px).min(data.len().saturating_mul(128)));
    if rle {
        while raw.len() < n * px {
            let Some((&head, rest)) = data.split_first() else {
                return Some(Err("Could not decode TGA: truncated RLE data".into()));
            };
            let count = (head & 0x7f) as usize + 1;
            if head & 0x80 != 0 {
                if rest.len() < px {
                    return Some(Err("Could not decode TGA: truncated RLE data".into()));
                }
                for _ in 0..count {
                    raw.extend_from_slice(&rest[..px]);
                }
                data = &rest[px..];
            } else {
                if rest.len() < count * px {
                    return Some(Err("Could not decode TGA: truncated RLE data".into()));
                }
                raw.extend_from_slice(&rest[..count * px]);
                data = &rest[count * px..];
            }
        }
        raw.truncate(n * px);
    } else {
        if data.len() < n * px {
            return Some(Err("Could not decode TGA: truncated pixel data".into()));
        }
        raw.extend_from_slice(&data[..n * px]);
    }
    let mut out = ImageData::new(w as u32, h as u32);
    for y in 0..h {
        let src_row = if top_first { y } else { h - 1 - y };
        for x in 0..w {
            let s = &raw[(src_row * w + x) * px..][..px];
            let rgba = match px {
                1 => [s[0], s[0], s[0], 255],
                3 => [s[2], s[1], s[0], 255],
                _ => [s[2], s[1], s[0], s[3]],
            };
            let o = (y * w + x) * 4;
            out.pixels[o..o + 4].copy_from_slice(&rgba);
        }
    }
    Some(Ok(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_tga_matches_love_bytes_and_round_trips() {
        let mut d = ImageData::new(3, 2);
        d.set(0, 0, [1.0, 0.0, 0.0, 1.0]);
        d.set(1, 0, [0.0, 1.0, 0.0, 0.5]);
        d.set(2, 1, [0.0, 0.0, 1.0, 1.0]);
        let t = encode(&d);
        // The bytes LÖVE 11.4 writes for the same ImageData.
        assert_eq!(t.len(), 42);
        assert_eq!(
            &t[..18],
            &[
                0, 0, 2, 0, 0, 0, 0, 0x20, 0, 0, 0, 0, 3, 0, 2, 0, 0x20, 0x20
            ]
        );
        assert_eq!(&t[18..26], &[0, 0, 0xff, 0xff, 0, 0xff, 0, 0x80]);
        assert_eq!(decode(&t).map(|r| r.ok()), Some(Some(d)));
    }

    #[test]
    fn image_tga_rle_bottom_up() {
        // 2x2, RLE 24-bit, bottom row first: a run of 2 red, then 2 raw (green, blue).
        let mut f = vec![0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0, 24, 0];
        f.extend_from_slice(&[0x81, 0, 0, 255, 0x01, 0, 255, 0, 255, 0, 0]);
        let d = decode(&f)
            .and_then(|r| r.ok())
            .unwrap_or_else(|| ImageData::new(1, 1));
        assert_eq!(d.width, 2);
        assert_eq!(&d.pixels[0..4], &[0, 255, 0, 255]);
        assert_eq!(&d.pixels[8..12], &[255, 0, 0, 255]);
        assert!(decode(b"\x00\x00\x02").is_none());
    }

    #[test]
    fn image_tga_mutated_headers_never_panic() {
        let mut seed: u64 = 42;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u8
        };
        let base = encode(&ImageData::new(5, 3));
        for _ in 0..5000 {
            let mut b = base.clone();
            for _ in 0..3 {
                let at = next() as usize % 20;
                b[at] = next();
            }
            b[2] = [2, 3, 10, 11][next() as usize % 4];
            b.truncate(18 + next() as usize % 70);
            let _ = decode(&b);
        }
    }
}
