//! Fonts made from images: ImageFont strips (glyphs between separator-coloured columns)
//! and BMFont (AngelCode .fnt text files with page images).

use super::atlas::Atlas;
use super::{Face, Font, ImageGlyph};
use std::collections::HashMap;

impl Font {
    /// An ImageFont: glyphs are the runs of columns between columns of the separator
    /// colour (the top-left pixel), in the order of `chars`; `spacing` is added to each
    /// advance. Separator-coloured pixels inside glyphs become transparent.
    pub fn from_image(width: u32, height: u32, rgba: &[u8], chars: &str, spacing: f32) -> Font {
        let px = |x: u32, y: u32| {
            let i = ((y * width + x) * 4) as usize;
            [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]]
        };
        let sep = if width > 0 && height > 0 {
            px(0, 0)
        } else {
            [0; 4]
        };
        let is_sep_col = |x: u32| (0..height).all(|y| px(x, y) == sep);
        let mut glyphs = HashMap::new();
        let mut x = 0;
        for c in chars.chars() {
            while x < width && is_sep_col(x) {
                x += 1;
            }
            if x >= width {
                break;
            }
            let start = x;
            while x < width && !is_sep_col(x) {
                x += 1;
            }
            let w = x - start;
            let mut data = Vec::with_capacity((w * height * 4) as usize);
            for y in 0..height {
                for gx in start..x {
                    let p = px(gx, y);
                    data.extend_from_slice(if p == sep { &[0, 0, 0, 0] } else { &p });
                }
            }
            let advance = w as f32 + spacing;
            glyphs.insert(
                c,
                ImageGlyph {
                    w,
                    h: height,
                    rgba: data,
                    ox: 0.0,
                    oy: 0.0,
                    advance,
                },
            );
        }
        Font {
            font: Face::Image {
                glyphs,
                kerning: HashMap::new(),
            },
            retire_to: None,
            fallbacks: Vec::new(),
            filter: (
                crate::graphics::texture::Filter::Nearest,
                crate::graphics::texture::Filter::Nearest,
                1,
            ),
            size: height as f32,
            // LOVE: an image font reports ascent, descent and baseline 0.
            ascent: 0.0,
            descent: 0.0,
            height: height as f32,
            line_height: 1.0,
            glyphs: super::glyphs::GlyphCache::default(),
            atlas: Atlas::new(256, 256),
        }
    }

    /// A BMFont (AngelCode .fnt, text format). `page` loads a page image by file name and
    /// returns (width, height, rgba).
    pub fn from_bmfont(
        fnt: &str,
        mut page: impl FnMut(&str) -> Result<(u32, u32, Vec<u8>), String>,
    ) -> Result<Font, String> {
        let mut pages: HashMap<u32, (u32, u32, Vec<u8>)> = HashMap::new();
        let mut glyphs = HashMap::new();
        let mut kerning = HashMap::new();
        let (mut line_height, mut base) = (0.0f32, 0.0f32);
        for line in fnt.lines() {
            let mut words = line.split_whitespace();
            let Some(tag) = words.next() else { continue };
            let kv = parse_bmfont_pairs(line[tag.len()..].trim());
            let num = |k: &str| kv.get(k).and_then(|v| v.parse::<f32>().ok()).unwrap_or(0.0);
            match tag {
                "common" => {
                    line_height = num("lineHeight");
                    base = num("base");
                }
                "page" => {
                    let file = kv.get("file").cloned().unwrap_or_default();
                    pages.insert(num("id") as u32, page(&file)?);
                }
                "char" => {
                    let Some(c) = char::from_u32(num("id") as u32) else {
                        continue;
                    };
                    let (x, y, w, h) = (
                        num("x") as u32,
                        num("y") as u32,
                        num("width") as u32,
                        num("height") as u32,
                    );
                    let Some((pw, ph, px)) = pages.get(&(num("page") as u32)) else {
                        return Err(format!(
                            "BMFont character {} uses a page that was not loaded",
                            c as u32
                        ));
                    };
                    if x + w > *pw || y + h > *ph {
                        return Err(format!(
                            "BMFont character {} lies outside its page image",
                            c as u32
                        ));
                    }
                    let mut rgba = Vec::with_capacity((w * h * 4) as usize);
                    for gy in y..y + h {
                        let i = ((gy * pw + x) * 4) as usize;
                        rgba.extend_from_slice(&px[i..i + (w * 4) as usize]);
                    }
                    glyphs.insert(
                        c,
                        ImageGlyph {
                            w,
                            h,
                            rgba,
                            ox: num("xoffset"),
                            oy: num("yoffset"),
                            advance: num("xadvance"),
                        },
                    );
                }
                "kerning" => {
                    if let (Some(a), Some(b)) = (
                        char::from_u32(num("first") as u32),
                        char::from_u32(num("second") as u32),
                    ) {
                        kerning.insert((a, b), num("amount"));
                    }
                }
                _ => {}
            }
        }
        if glyphs.is_empty() {
            return Err("Could not parse BMFont file: no characters".into());
        }
        Ok(Font {
            font: Face::Image { glyphs, kerning },
            retire_to: None,
            fallbacks: Vec::new(),
            filter: (
                crate::graphics::texture::Filter::Linear,
                crate::graphics::texture::Filter::Linear,
                1,
            ),
            size: line_height,
            ascent: base,
            descent: 0.0,
            height: line_height,
            line_height: 1.0,
            glyphs: super::glyphs::GlyphCache::default(),
            atlas: Atlas::new(256, 256),
        })
    }
}

/// `key=value key="quoted value"` pairs of one BMFont line.
fn parse_bmfont_pairs(s: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut rest = s;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim().to_string();
        rest = &rest[eq + 1..];
        let value;
        if let Some(q) = rest.strip_prefix('"') {
            let end = q.find('"').unwrap_or(q.len());
            value = q[..end].to_string();
            rest = q.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            value = rest[..end].to_string();
            rest = &rest[end..];
        }
        out.insert(key, value);
    }
    out
}
