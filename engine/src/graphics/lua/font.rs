//! Font objects: `newFont`, `setNewFont`, `setFont`/`getFont`, and the Font methods.
//! ImageFont and BMFont, Text objects and love.font come with the text issue.

use super::objects::{LoveObject, add_object_methods};
use crate::graphics::lua::graphics;
use crate::graphics::text::{self, FontRef};
use crate::graphics::texture::Filter;
use crate::runtime::args::{Args, lua_error};
use mlua::{Lua, MultiValue, Table, UserData, UserDataMethods, Value};
use std::cell::RefCell;
use std::rc::Rc;

pub struct FontUd(pub Option<FontRef>);

impl LoveObject for FontUd {
    fn types(&self) -> &'static [&'static str] {
        &["Font", "Object"]
    }
    fn release(&mut self) -> bool {
        self.0.take().is_some()
    }
}

const RELEASED: &str = "Cannot use object after it has been released.";
const FILTERS: &[(&str, Filter)] = &[("linear", Filter::Linear), ("nearest", Filter::Nearest)];

fn filter_name(f: Filter) -> &'static str {
    match f {
        Filter::Linear => "linear",
        Filter::Nearest => "nearest",
    }
}

fn font_self(lua: &Lua, args: &Args) -> mlua::Result<FontRef> {
    let Value::UserData(ud) = args.get(1) else {
        return Err(args.type_error(1, "Font"));
    };
    let f = ud
        .borrow::<FontUd>()
        .map_err(|_| args.type_error(1, "Font"))?;
    f.0.clone().ok_or_else(|| lua_error(lua, RELEASED))
}

/// Text of a width/wrap argument: a string, a number, or coloured text; invalid UTF-8 is
/// LÖVE's error.
fn text_arg(lua: &Lua, args: &Args, n: usize) -> mlua::Result<String> {
    let bytes = match args.get(n) {
        Value::String(s) => s.as_bytes().to_vec(),
        Value::Table(t) => {
            let mut out = Vec::new();
            for v in t.sequence_values::<Value>() {
                if let Value::String(s) = v? {
                    out.extend_from_slice(&s.as_bytes());
                }
            }
            out
        }
        _ => args.string(n)?.into_bytes(),
    };
    String::from_utf8(bytes).map_err(|_| lua_error(lua, "UTF-8 decoding error: Invalid UTF-8"))
}

impl UserData for FontUd {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        macro_rules! getter {
            ($name:literal, |$f:ident| $body:expr) => {
                m.add_function($name, |lua, a: MultiValue| {
                    let args = Args::new(lua, a, $name);
                    let r = font_self(lua, &args)?;
                    let $f = r.borrow();
                    Ok($body)
                });
            };
        }
        getter!("getHeight", |f| f.height);
        getter!("getAscent", |f| f.ascent);
        getter!("getDescent", |f| f.descent);
        getter!("getBaseline", |f| f.ascent);
        getter!("getLineHeight", |f| f.line_height);
        getter!("getDPIScale", |f| {
            let _ = &f;
            1.0
        });
        m.add_function("getFilter", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getFilter");
            let (min, mag, an) = font_self(lua, &args)?.borrow().filter;
            Ok((filter_name(min), filter_name(mag), an))
        });
        m.add_function("setFilter", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "setFilter");
            let min = args.enumeration(2, "filter mode", FILTERS)?;
            let mag = if args.is_none_or_nil(3) {
                min
            } else {
                args.enumeration(3, "filter mode", FILTERS)?
            };
            let an = args.opt_integer(4, 1)?.clamp(1, 16) as u8;
            let f = font_self(lua, &args)?;
            let mut f = f.borrow_mut();
            f.filter = (min, mag, an);
            // Re-upload with the new sampler at the next print.
            if let Some(id) = f.atlas.texture.take() {
                f.atlas.retired.push(id);
            }
            f.atlas.dirty = true;
            Ok(())
        });
        m.add_function("setLineHeight", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "setLineHeight");
            let h = args.f32(2)?;
            font_self(lua, &args)?.borrow_mut().line_height = h;
            Ok(())
        });
        m.add_function("getWidth", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getWidth");
            let s = text_arg(lua, &args, 2)?;
            Ok(font_self(lua, &args)?.borrow_mut().width(&s))
        });
        m.add_function("getWrap", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getWrap");
            let s = text_arg(lua, &args, 2)?;
            let limit = args.f32(3)?;
            let lines = font_self(lua, &args)?.borrow_mut().wrap(&s, limit);
            let width = lines.iter().map(|l| l.width).fold(0.0, f32::max);
            let t = lua.create_table()?;
            for (i, l) in lines.iter().enumerate() {
                t.raw_set(i + 1, l.text.as_str())?;
            }
            Ok((width, t))
        });
        m.add_function("hasGlyphs", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "hasGlyphs");
            let f = font_self(lua, &args)?;
            let f = f.borrow();
            for i in 2..=args.len().max(2) {
                let ok = match args.get(i) {
                    Value::Integer(_) | Value::Number(_) => {
                        char::from_u32(args.number(i)? as u32).is_some_and(|c| f.has_glyph(c))
                    }
                    _ => text_arg(lua, &args, i)?.chars().all(|c| f.has_glyph(c)),
                };
                if !ok {
                    return Ok(false);
                }
            }
            Ok(true)
        });
        m.add_function("getKerning", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getKerning");
            let ch = |n: usize| -> mlua::Result<char> {
                match args.get(n) {
                    Value::Integer(_) | Value::Number(_) => {
                        Ok(char::from_u32(args.number(n)? as u32).unwrap_or('\0'))
                    }
                    _ => Ok(args.string(n)?.chars().next().unwrap_or('\0')),
                }
            };
            let (l, r) = (ch(2)?, ch(3)?);
            Ok(font_self(lua, &args)?.borrow().kerning_between(l, r))
        });
        m.add_function("setFallbacks", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "setFallbacks");
            let f = font_self(lua, &args)?;
            let mut list = Vec::new();
            for i in 2..=args.len() {
                let Value::UserData(ud) = args.get(i) else {
                    return Err(args.type_error(i, "Font"));
                };
                let fb = ud
                    .borrow::<FontUd>()
                    .map_err(|_| args.type_error(i, "Font"))?;
                let fb = fb.0.clone().ok_or_else(|| lua_error(lua, RELEASED))?;
                if Rc::ptr_eq(&fb, &f) {
                    return Err(args.error(i, "a font cannot be its own fallback"));
                }
                list.push(fb);
            }
            let mut font = f.borrow_mut();
            font.fallbacks = list;
            // Glyphs already rasterized without the fallbacks are laid out again.
            font.forget_glyphs();
            Ok(())
        });
    }
}

/// newFont([filename|FileData,] size): a TrueType font at `size` (default 12).
pub(crate) fn new_font(lua: &Lua, args: &Args) -> mlua::Result<FontRef> {
    let font = make_font(lua, args)?;
    // LOVE: a new font takes the default filter, so setDefaultFilter("nearest", "nearest")
    // gives pixel-art games crisp text when they scale it up.
    if let Ok(g) = graphics(lua) {
        font.borrow_mut().filter = g.state.default_filter;
    }
    Ok(font)
}

fn make_font(lua: &Lua, args: &Args) -> mlua::Result<FontRef> {
    let (bytes, size_at, name) = match args.get(1) {
        Value::Nil | Value::Integer(_) | Value::Number(_) => (None, 1, String::new()),
        Value::UserData(ud) if ud.is::<crate::font::lua::RasterizerUd>() => {
            // newFont(rasterizer): a Font with the rasterizer's face.
            let r = ud.borrow::<crate::font::lua::RasterizerUd>()?;
            let f =
                r.0.as_ref()
                    .ok_or_else(|| lua_error(lua, RELEASED))?
                    .borrow()
                    .fresh_copy();
            return Ok(Rc::new(RefCell::new(f)));
        }
        Value::UserData(ud) => {
            let d = ud
                .borrow::<crate::data::lua::DataObject>()
                .map_err(|_| args.type_error(1, "string"))?;
            let b = d.bytes.clone().ok_or_else(|| lua_error(lua, RELEASED))?;
            (Some(b), 2, d.filename.clone())
        }
        _ => {
            let name = args.string(1)?;
            let b = crate::filesystem::lua::read_file(lua, &name).map_err(|e| lua_error(lua, e))?;
            (Some(b), 2, name)
        }
    };
    if name.to_ascii_lowercase().ends_with(".fnt") {
        return new_bmfont(lua, args, &name, bytes.unwrap_or_default());
    }
    let size = args.opt_number(size_at, 12.0)?;
    if size <= 0.0 || !size.is_finite() {
        return Err(lua_error(
            lua,
            format!(
                "Invalid TrueType font size: {}",
                crate::runtime::args::format_lua_number(size)
            ),
        ));
    }
    let font = match bytes {
        None => text::Font::new(text::DEFAULT_FONT, size as f32),
        Some(b) => text::Font::new(&b, size as f32).map_err(|_| {
            "TrueType Font loading error: the file is not a font (problem with font file?)"
                .to_string()
        }),
    }
    .map_err(|e| lua_error(lua, e))?;
    Ok(Rc::new(RefCell::new(font)))
}

/// Lua Font objects by the font they hold (weak values), so getFont returns the object
/// the game made, whatever push/pop did to the current font.
fn fonts_table(lua: &Lua) -> mlua::Result<Table> {
    if let Ok(t) = lua.named_registry_value::<Table>("engine.fonts") {
        return Ok(t);
    }
    let t: Table = lua
        .load("return setmetatable({}, { __mode = 'v' })")
        .eval()?;
    lua.set_named_registry_value("engine.fonts", t.clone())?;
    Ok(t)
}

fn key(f: &FontRef) -> Value {
    Value::LightUserData(mlua::LightUserData(Rc::as_ptr(f) as *mut std::ffi::c_void))
}

pub(super) fn font_object(lua: &Lua, f: FontRef) -> mlua::Result<mlua::AnyUserData> {
    let t = fonts_table(lua)?;
    // The same address can come back for a new font once an old one is freed: check.
    if let Value::UserData(ud) = t.raw_get::<Value>(key(&f))?
        && ud
            .borrow::<FontUd>()
            .is_ok_and(|o| o.0.as_ref().is_some_and(|r| Rc::ptr_eq(r, &f)))
    {
        return Ok(ud);
    }
    let k = key(&f);
    let ud = lua.create_userdata(FontUd(Some(f)))?;
    t.raw_set(k, ud.clone())?;
    Ok(ud)
}

/// newImageFont(image, glyphs [, extraspacing]) (also love.font.newImageRasterizer).
pub(crate) fn new_image_font(lua: &Lua, args: &Args) -> mlua::Result<FontRef> {
    let data = super::objects::image_data_arg(args, lua, 1)?;
    let glyphs = args.string(2)?;
    let spacing = args.opt_f32(3, 0.0)?;
    let mut font = text::Font::from_image(data.width, data.height, &data.pixels, &glyphs, spacing);
    if let Ok(g) = graphics(lua) {
        font.filter = g.state.default_filter;
    }
    Ok(Rc::new(RefCell::new(font)))
}

/// newFont("font.fnt" [, "page.png"]): a BMFont; page images are found beside the .fnt
/// file unless the second argument names the image.
fn new_bmfont(lua: &Lua, args: &Args, name: &str, bytes: Vec<u8>) -> mlua::Result<FontRef> {
    let text = String::from_utf8(bytes)
        .map_err(|_| lua_error(lua, "Could not parse BMFont file: not text"))?;
    let dir = name
        .rsplit_once('/')
        .map(|(d, _)| format!("{d}/"))
        .unwrap_or_default();
    let override_page = match args.get(2) {
        Value::String(s) => Some(s.to_string_lossy()),
        _ => None,
    };
    let font = text::Font::from_bmfont(&text, |file| {
        let path = override_page
            .clone()
            .unwrap_or_else(|| format!("{dir}{file}"));
        let data = crate::image::lua::decode_file(lua, &path)
            .map_err(|e| crate::runtime::errors::error_message(&e))?;
        Ok((data.width, data.height, data.pixels))
    })
    .map_err(|e| lua_error(lua, e))?;
    Ok(Rc::new(RefCell::new(font)))
}

pub fn register(lua: &Lua, g: &Table) -> mlua::Result<()> {
    g.set(
        "newFont",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "newFont");
            font_object(lua, new_font(lua, &args)?)
        })?,
    )?;
    g.set(
        "newImageFont",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "newImageFont");
            if let Value::UserData(ud) = args.get(1)
                && let Ok(r) = ud.borrow::<crate::font::lua::RasterizerUd>()
            {
                let f =
                    r.0.as_ref()
                        .ok_or_else(|| lua_error(lua, RELEASED))?
                        .borrow()
                        .fresh_copy();
                return font_object(lua, Rc::new(RefCell::new(f)));
            }
            let font = new_image_font(lua, &args)?;
            font_object(lua, font)
        })?,
    )?;
    g.set(
        "setNewFont",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "setNewFont");
            let f = new_font(lua, &args)?;
            graphics(lua)?.state.font = Some(f.clone());
            font_object(lua, f)
        })?,
    )?;
    g.set(
        "setFont",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "setFont");
            let f = font_self(lua, &args)?;
            graphics(lua)?.state.font = Some(f);
            Ok(())
        })?,
    )?;
    g.set(
        "getFont",
        lua.create_function(|lua, ()| {
            let current = graphics(lua)?.current_font();
            font_object(lua, current)
        })?,
    )?;
    Ok(())
}
