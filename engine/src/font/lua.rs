//! `love.font` bindings: Rasterizers (TrueType, image, BMFont) and GlyphData.

use super::GlyphData;
use crate::graphics::lua::font::{new_font, new_image_font};
use crate::graphics::lua::objects::{LoveObject, add_object_methods};
use crate::graphics::text::FontRef;
use crate::runtime::args::{Args, lua_error};
use mlua::{Lua, MultiValue, Table, UserData, UserDataMethods, Value};

const RELEASED: &str = "Cannot use object after it has been released.";

pub struct RasterizerUd(pub Option<FontRef>);
pub struct GlyphDataUd(pub Option<GlyphData>);

fn rasterizer(lua: &Lua, args: &Args, n: usize) -> mlua::Result<FontRef> {
    let Value::UserData(ud) = args.get(n) else {
        return Err(args.type_error(n, "Rasterizer"));
    };
    let r = ud
        .borrow::<RasterizerUd>()
        .map_err(|_| args.type_error(n, "Rasterizer"))?;
    r.0.clone().ok_or_else(|| lua_error(lua, RELEASED))
}

/// A glyph argument: a one-character string or a code point.
fn glyph_arg(lua: &Lua, args: &Args, n: usize) -> mlua::Result<char> {
    match args.get(n) {
        Value::Integer(_) | Value::Number(_) => char::from_u32(args.number(n)? as u32)
            .ok_or_else(|| args.error(n, "invalid code point")),
        _ => {
            let s = args.string(n)?;
            s.chars()
                .next()
                .ok_or_else(|| lua_error(lua, "Invalid glyph: empty string"))
        }
    }
}

fn glyph_self<R>(lua: &Lua, args: &Args, f: impl FnOnce(&GlyphData) -> R) -> mlua::Result<R> {
    let Value::UserData(ud) = args.get(1) else {
        return Err(args.type_error(1, "GlyphData"));
    };
    let g = ud
        .borrow::<GlyphDataUd>()
        .map_err(|_| args.type_error(1, "GlyphData"))?;
    g.0.as_ref().map(f).ok_or_else(|| lua_error(lua, RELEASED))
}

impl LoveObject for RasterizerUd {
    fn types(&self) -> &'static [&'static str] {
        &["Rasterizer", "Object"]
    }
    fn release(&mut self) -> bool {
        self.0.take().is_some()
    }
}

impl LoveObject for GlyphDataUd {
    fn types(&self) -> &'static [&'static str] {
        &["GlyphData", "Data", "Object"]
    }
    fn release(&mut self) -> bool {
        self.0.take().is_some()
    }
}

impl UserData for RasterizerUd {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        macro_rules! getter {
            ($name:literal, |$f:ident| $body:expr) => {
                m.add_function($name, |lua, a: MultiValue| {
                    let args = Args::new(lua, a, $name);
                    let r = rasterizer(lua, &args, 1)?;
                    let $f = r.borrow();
                    Ok($body)
                });
            };
        }
        getter!("getHeight", |f| f.height);
        getter!("getAscent", |f| f.ascent);
        getter!("getDescent", |f| f.descent);
        // LOVE: the rasterizer's line height is 1.25 times its height, whole pixels.
        getter!("getLineHeight", |f| (f.height * 1.25).floor());
        getter!("getAdvance", |f| f.max_advance());
        getter!("getGlyphCount", |f| f.glyph_count());
        m.add_function("hasGlyphs", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "hasGlyphs");
            let r = rasterizer(lua, &args, 1)?;
            for i in 2..=args.len().max(2) {
                let ok = match args.get(i) {
                    Value::Integer(_) | Value::Number(_) => char::from_u32(args.number(i)? as u32)
                        .is_some_and(|c| r.borrow().has_glyph(c)),
                    _ => args.string(i)?.chars().all(|c| r.borrow().has_glyph(c)),
                };
                if !ok {
                    return Ok(false);
                }
            }
            Ok(true)
        });
        m.add_function("getGlyphData", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getGlyphData");
            let r = rasterizer(lua, &args, 1)?;
            let c = glyph_arg(lua, &args, 2)?;
            let g = GlyphData::new(&r.borrow(), c);
            Ok(GlyphDataUd(Some(g)))
        });
    }
}

impl UserData for GlyphDataUd {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        m.add_function("getWidth", |lua, a: MultiValue| {
            glyph_self(lua, &Args::new(lua, a, "getWidth"), |g| g.width)
        });
        m.add_function("getHeight", |lua, a: MultiValue| {
            glyph_self(lua, &Args::new(lua, a, "getHeight"), |g| g.height)
        });
        m.add_function("getDimensions", |lua, a: MultiValue| {
            glyph_self(lua, &Args::new(lua, a, "getDimensions"), |g| {
                (g.width, g.height)
            })
        });
        m.add_function("getAdvance", |lua, a: MultiValue| {
            glyph_self(lua, &Args::new(lua, a, "getAdvance"), |g| g.advance)
        });
        m.add_function("getBearing", |lua, a: MultiValue| {
            glyph_self(lua, &Args::new(lua, a, "getBearing"), |g| g.bearing)
        });
        m.add_function("getBoundingBox", |lua, a: MultiValue| {
            glyph_self(lua, &Args::new(lua, a, "getBoundingBox"), |g| {
                g.bounding_box()
            })
        });
        m.add_function("getGlyph", |lua, a: MultiValue| {
            glyph_self(lua, &Args::new(lua, a, "getGlyph"), |g| g.glyph as u32)
        });
        m.add_function("getGlyphString", |lua, a: MultiValue| {
            glyph_self(lua, &Args::new(lua, a, "getGlyphString"), |g| {
                g.glyph.to_string()
            })
        });
        m.add_function("getFormat", |lua, a: MultiValue| {
            glyph_self(lua, &Args::new(lua, a, "getFormat"), |g| g.format)
        });
        m.add_function("getSize", |lua, a: MultiValue| {
            glyph_self(lua, &Args::new(lua, a, "getSize"), |g| g.pixels.len())
        });
        m.add_function("getString", |lua, a: MultiValue| {
            let bytes = glyph_self(lua, &Args::new(lua, a, "getString"), |g| g.pixels.clone())?;
            lua.create_string(bytes)
        });
        m.add_function("clone", |lua, a: MultiValue| {
            glyph_self(lua, &Args::new(lua, a, "clone"), |g| {
                GlyphDataUd(Some(g.clone()))
            })
        });
        for name in ["getPointer", "getFFIPointer"] {
            m.add_function(name, move |lua, _: MultiValue| -> mlua::Result<()> {
                Err(lua_error(
                    lua,
                    format!("GlyphData:{name} is not implemented yet; use getString"),
                ))
            });
        }
    }
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let t = lua.create_table()?;
    for name in [
        "newRasterizer",
        "newTrueTypeRasterizer",
        "newBMFontRasterizer",
    ] {
        t.set(
            name,
            lua.create_function(move |lua, a: MultiValue| {
                let args = Args::new(lua, a, name);
                // The same forms as love.graphics.newFont: (size), (file, size), (FileData, size).
                Ok(RasterizerUd(Some(new_font(lua, &args)?)))
            })?,
        )?;
    }
    t.set(
        "newImageRasterizer",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "newImageRasterizer");
            Ok(RasterizerUd(Some(new_image_font(lua, &args)?)))
        })?,
    )?;
    t.set(
        "newGlyphData",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "newGlyphData");
            let r = rasterizer(lua, &args, 1)?;
            let c = glyph_arg(lua, &args, 2)?;
            let g = GlyphData::new(&r.borrow(), c);
            Ok(GlyphDataUd(Some(g)))
        })?,
    )?;
    love.set("font", t)
}
