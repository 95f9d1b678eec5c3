//! `love.image` bindings: newImageData and the ImageData object.

use super::ImageData;
use super::format::{FORMATS, OTHER_FORMATS, PixelFormat};
use crate::graphics::lua::objects::{LoveObject, RELEASED, add_object_methods};
use crate::runtime::args::{Args, lua_error};
use mlua::{AnyUserData, Lua, MultiValue, Table, UserData, UserDataMethods, Value};

pub struct ImageDataUd(pub Option<ImageData>);

impl LoveObject for ImageDataUd {
    fn types(&self) -> &'static [&'static str] {
        &["ImageData", "Data", "Object"]
    }
    fn release(&mut self) -> bool {
        self.0.take().is_some()
    }
}

impl ImageDataUd {
    pub fn get(&self, lua: &Lua) -> mlua::Result<&ImageData> {
        self.0.as_ref().ok_or_else(|| lua_error(lua, RELEASED))
    }
    fn get_mut(&mut self, lua: &Lua) -> mlua::Result<&mut ImageData> {
        self.0.as_mut().ok_or_else(|| lua_error(lua, RELEASED))
    }
}

/// A FileData (or any Data object) holding encoded image bytes.
pub fn is_file_data(u: &AnyUserData) -> bool {
    u.borrow::<crate::data::lua::DataObject>()
        .is_ok_and(|d| d.bytes.is_some())
}

pub fn decode_file_data(lua: &Lua, u: &AnyUserData) -> mlua::Result<ImageData> {
    let d = u.borrow::<crate::data::lua::DataObject>()?;
    let bytes = d.bytes.as_ref().ok_or_else(|| lua_error(lua, RELEASED))?;
    ImageData::decode(bytes).map_err(|err| lua_error(lua, format!("Could not decode image: {err}")))
}

/// Reads (through love.filesystem's search path) and decodes an image file.
pub fn decode_file(lua: &Lua, name: &str) -> mlua::Result<ImageData> {
    let bytes = crate::filesystem::lua::read_file(lua, name).map_err(|e| lua_error(lua, e))?;
    ImageData::decode(&bytes)
        .map_err(|e| lua_error(lua, format!("Could not decode file '{name}': {e}")))
}

fn pixel_pos(args: &Args, lua: &Lua, d: &ImageData, verb: &str) -> mlua::Result<(u32, u32)> {
    let (x, y) = (args.integer(1)?, args.integer(2)?);
    if !d.in_bounds(x, y) {
        return Err(lua_error(
            lua,
            format!("Attempt to {verb} out-of-range pixel!"),
        ));
    }
    Ok((x as u32, y as u32))
}

impl UserData for ImageDataUd {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        m.add_method("getWidth", |lua, this, ()| Ok(this.get(lua)?.width));
        m.add_method("getHeight", |lua, this, ()| Ok(this.get(lua)?.height));
        m.add_method("getDimensions", |lua, this, ()| {
            let d = this.get(lua)?;
            Ok((d.width, d.height))
        });
        m.add_method("getFormat", |lua, this, ()| {
            Ok(this.get(lua)?.format.name())
        });
        m.add_method("getSize", |lua, this, ()| Ok(this.get(lua)?.bytes().len()));
        m.add_method("getString", |lua, this, ()| {
            lua.create_string(this.get(lua)?.bytes())
        });
        m.add_method("clone", |lua, this, ()| {
            Ok(ImageDataUd(Some(this.get(lua)?.clone())))
        });
        // The bytes never move while the ImageData lives (nothing resizes them), so games
        // may write pixels through the pointer, as with LÖVE's ImageData.
        m.add_method("getPointer", |lua, this, ()| {
            let ptr = this.get(lua)?.bytes().as_ptr();
            Ok(Value::LightUserData(mlua::LightUserData(
                ptr as *mut std::ffi::c_void,
            )))
        });
        m.add_method("getFFIPointer", |lua, this, ()| {
            let ptr = this.get(lua)?.bytes().as_ptr();
            let cast: mlua::Function = lua
                .load("local p = ... return require('ffi').cast('void *', p)")
                .into_function()?;
            cast.call::<Value>(mlua::LightUserData(ptr as *mut std::ffi::c_void))
        });
        m.add_method("getPixel", |lua, this, a: MultiValue| {
            let d = this.get(lua)?;
            let args = Args::new(lua, a, "getPixel");
            let (x, y) = pixel_pos(&args, lua, d, "get")?;
            // Full precision, as LÖVE divides in double.
            let p = d.get_f64(x, y);
            Ok((p[0], p[1], p[2], p[3]))
        });
        m.add_method_mut("setPixel", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "setPixel");
            let d = this.get_mut(lua)?;
            let (x, y) = pixel_pos(&args, lua, d, "set")?;
            let c = if let Value::Table(t) = args.get(3) {
                [
                    t.raw_get::<Option<f32>>(1)?.unwrap_or(0.0),
                    t.raw_get::<Option<f32>>(2)?.unwrap_or(0.0),
                    t.raw_get::<Option<f32>>(3)?.unwrap_or(0.0),
                    t.raw_get::<Option<f32>>(4)?.unwrap_or(1.0),
                ]
            } else {
                [
                    args.f32(3)?,
                    args.f32(4)?,
                    args.f32(5)?,
                    args.opt_f32(6, 1.0)?,
                ]
            };
            d.set(x, y, c);
            Ok(())
        });
        m.add_function("mapPixel", |lua, (ud, a): (AnyUserData, MultiValue)| {
            let args = Args::new(lua, a, "mapPixel");
            let f = match args.get(1) {
                Value::Function(f) => f.clone(),
                _ => return Err(args.type_error(1, "function")),
            };
            let (w, h) = {
                let this = ud.borrow::<ImageDataUd>()?;
                let d = this.get(lua)?;
                (d.width as i64, d.height as i64)
            };
            let x0 = args.opt_integer(2, 0)?;
            let y0 = args.opt_integer(3, 0)?;
            let rw = args.opt_integer(4, w)?;
            let rh = args.opt_integer(5, h)?;
            if x0 < 0 || y0 < 0 || rw < 0 || rh < 0 || x0 + rw > w || y0 + rh > h {
                return Err(lua_error(lua, "Invalid rectangle dimensions."));
            }
            for y in y0..y0 + rh {
                for x in x0..x0 + rw {
                    // The borrow is dropped before calling back into Lua.
                    let p = ud
                        .borrow::<ImageDataUd>()?
                        .get(lua)?
                        .get_f64(x as u32, y as u32);
                    let (r, g, b, al): (Option<f32>, Option<f32>, Option<f32>, Option<f32>) =
                        f.call((x, y, p[0], p[1], p[2], p[3]))?;
                    let c = [
                        r.unwrap_or(0.0),
                        g.unwrap_or(0.0),
                        b.unwrap_or(0.0),
                        al.unwrap_or(1.0),
                    ];
                    ud.borrow_mut::<ImageDataUd>()?
                        .get_mut(lua)?
                        .set(x as u32, y as u32, c);
                }
            }
            Ok(())
        });
        m.add_function("paste", |lua, (ud, a): (AnyUserData, MultiValue)| {
            let args = Args::new(lua, a, "paste");
            let src = match args.get(1) {
                Value::UserData(u) if u.is::<ImageDataUd>() => {
                    u.borrow::<ImageDataUd>()?.get(lua)?.clone()
                }
                _ => return Err(args.type_error(1, "ImageData")),
            };
            let dx = args.integer(2)?;
            let dy = args.integer(3)?;
            let sx = args.opt_integer(4, 0)?;
            let sy = args.opt_integer(5, 0)?;
            let sw = args.opt_integer(6, src.width as i64)?;
            let sh = args.opt_integer(7, src.height as i64)?;
            ud.borrow_mut::<ImageDataUd>()?
                .get_mut(lua)?
                .paste(&src, dx, dy, sx, sy, sw, sh);
            Ok(())
        });
        m.add_method("encode", |lua, this, a: MultiValue| {
            let d = this.get(lua)?;
            let args = Args::new(lua, a, "encode");
            let fmt =
                args.enumeration(1, "encoded image format", &[("tga", "tga"), ("png", "png")])?;
            let bytes = if fmt == "tga" {
                d.encode_tga()
            } else {
                d.encode_png()
            }
            .map_err(|e| lua_error(lua, e))?;
            let name = args.opt_string(2)?;
            if let Some(name) = &name {
                // encode(format, filename) also writes the file to the save directory.
                let saved = lua
                    .app_data_ref::<crate::filesystem::save::SaveFs>()
                    .map(|s| s.write(name, &bytes, false));
                if let Some(Err(e)) = saved {
                    return Err(lua_error(lua, e));
                }
            }
            let name = name.unwrap_or_else(|| format!("Image.{fmt}"));
            Ok(crate::data::lua::DataObject::file(&name, bytes))
        });
    }
}

fn new_image_data(lua: &Lua, a: MultiValue) -> mlua::Result<ImageDataUd> {
    let args = Args::new(lua, a, "newImageData");
    match args.get(1) {
        Value::String(_) => {
            let name = args.string(1)?;
            Ok(ImageDataUd(Some(decode_file(lua, &name)?)))
        }
        Value::UserData(u) if is_file_data(u) => Ok(ImageDataUd(Some(decode_file_data(lua, u)?))),
        _ => {
            let (w, h) = (args.integer(1)?, args.integer(2)?);
            if w <= 0 || h <= 0 || w > i32::MAX as i64 || h > i32::MAX as i64 {
                return Err(lua_error(lua, "Invalid image size."));
            }
            let format = if args.is_none_or_nil(3) {
                PixelFormat::Rgba8
            } else {
                let name = args.string(3)?;
                match FORMATS.iter().find(|f| f.0 == name) {
                    Some(f) => f.1,
                    None if OTHER_FORMATS.contains(&name.as_str()) => {
                        return Err(lua_error(lua, "Unsupported pixel format for ImageData"));
                    }
                    None => return Err(lua_error(lua, format!("Invalid pixel format: {name}"))),
                }
            };
            // LOVE: "Out of memory" rather than aborting on a size that cannot be held.
            let bytes = (w as u64)
                .checked_mul(h as u64)
                .and_then(|n| n.checked_mul(4 + format.size() as u64))
                .filter(|&n| {
                    n <= isize::MAX as u64 && w <= u32::MAX as i64 && h <= u32::MAX as i64
                });
            if bytes.is_none_or(|n| Vec::<u8>::new().try_reserve_exact(n as usize).is_err()) {
                return Err(lua_error(lua, "Out of memory"));
            }
            let mut d = ImageData::with_format(w as u32, h as u32, format);
            let raw = match args.get(4) {
                Value::String(s) => Some(s.as_bytes().to_vec()),
                Value::UserData(u) => u
                    .borrow::<crate::data::lua::DataObject>()
                    .ok()
                    .and_then(|o| o.bytes.as_ref().map(|b| b.to_vec())),
                _ => None,
            };
            if let Some(b) = raw {
                let n = d.bytes().len();
                if b.len() < n {
                    return Err(lua_error(
                        lua,
                        "The size of the raw byte string must match the ImageData's actual size in bytes.",
                    ));
                }
                d.set_bytes(&b[..n]);
            }
            Ok(ImageDataUd(Some(d)))
        }
    }
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let t = lua.create_table()?;
    t.set("newImageData", lua.create_function(new_image_data)?)?;
    super::lua_compressed::register(lua, &t)?;
    love.set("image", t)
}
