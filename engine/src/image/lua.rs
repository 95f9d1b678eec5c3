//! `love.image` bindings: newImageData and the ImageData object.

use super::ImageData;
use super::format::{FORMATS, OTHER_FORMATS, PixelFormat};
use crate::graphics::lua::objects::{LoveObject, RELEASED, add_object_methods};
use crate::runtime::args::{Args, lua_error};
use mlua::{AnyUserData, Lua, MultiValue, Table, UserData, UserDataMethods, Value};
use parking_lot::ReentrantMutex;
use std::cell::RefCell;
use std::sync::Arc;

/// One ImageData, shared by every Lua state it was sent to through love.thread (LÖVE
/// reference-counts the C++ object; each state holds its own userdata over it).
/// PERF: a reentrant mutex, so mapPixel locks once for the whole region while its
/// callback may still call getPixel/setPixel on the same ImageData (LÖVE's mutex is
/// recursive too); the RefCell borrow inside is a non-atomic flag per pixel.
pub type SharedImageData = Arc<super::ImageDataCell>;

/// `None` once released on this side; other states keep their reference.
pub struct ImageDataUd(pub Option<SharedImageData>);

impl LoveObject for ImageDataUd {
    fn types(&self) -> &'static [&'static str] {
        &["ImageData", "Data", "Object"]
    }
    fn release(&mut self) -> bool {
        self.0.take().is_some()
    }
}

const IN_USE: &str = "ImageData is in use (by a mapPixel callback on this thread).";

impl ImageDataUd {
    pub fn new(d: ImageData) -> ImageDataUd {
        ImageDataUd(Some(Arc::new(ReentrantMutex::new(RefCell::new(d)))))
    }
    /// The shared object (what love.thread sends).
    pub fn shared(&self, lua: &Lua) -> mlua::Result<&SharedImageData> {
        self.0.as_ref().ok_or_else(|| lua_error(lua, RELEASED))
    }
    /// Runs `f` on the pixels under the lock. `f` must not call back into Lua code that
    /// could touch this ImageData (the borrow would fail with a Lua error, not a panic).
    pub fn with<R>(&self, lua: &Lua, f: impl FnOnce(&ImageData) -> R) -> mlua::Result<R> {
        let guard = self.shared(lua)?.lock();
        let d = guard.try_borrow().map_err(|_| lua_error(lua, IN_USE))?;
        Ok(f(&d))
    }
    pub fn with_mut<R>(&self, lua: &Lua, f: impl FnOnce(&mut ImageData) -> R) -> mlua::Result<R> {
        let guard = self.shared(lua)?.lock();
        let mut d = guard.try_borrow_mut().map_err(|_| lua_error(lua, IN_USE))?;
        Ok(f(&mut d))
    }
    /// A copy of the pixels (what an Image is made from).
    pub fn snapshot(&self, lua: &Lua) -> mlua::Result<ImageData> {
        self.with(lua, |d| d.clone())
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

fn pointer(lua: &Lua, this: &ImageDataUd) -> mlua::Result<*mut std::ffi::c_void> {
    // The bytes never move while any state holds the ImageData (nothing resizes them,
    // and the Arc keeps them alive), so games may write pixels through the pointer.
    this.with(lua, |d| d.bytes().as_ptr() as *mut std::ffi::c_void)
}

fn color_arg(args: &Args, n: usize) -> mlua::Result<[f32; 4]> {
    Ok(if let Value::Table(t) = args.get(n) {
        [
            t.raw_get::<Option<f32>>(1)?.unwrap_or(0.0),
            t.raw_get::<Option<f32>>(2)?.unwrap_or(0.0),
            t.raw_get::<Option<f32>>(3)?.unwrap_or(0.0),
            t.raw_get::<Option<f32>>(4)?.unwrap_or(1.0),
        ]
    } else {
        [
            args.f32(n)?,
            args.f32(n + 1)?,
            args.f32(n + 2)?,
            args.opt_f32(n + 3, 1.0)?,
        ]
    })
}

impl UserData for ImageDataUd {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        m.add_method("getWidth", |lua, this, ()| this.with(lua, |d| d.width));
        m.add_method("getHeight", |lua, this, ()| this.with(lua, |d| d.height));
        m.add_method("getDimensions", |lua, this, ()| {
            this.with(lua, |d| (d.width, d.height))
        });
        m.add_method("getFormat", |lua, this, ()| {
            this.with(lua, |d| d.format.name())
        });
        m.add_method("getSize", |lua, this, ()| {
            this.with(lua, |d| d.bytes().len())
        });
        m.add_method("getString", |lua, this, ()| {
            this.with(lua, |d| lua.create_string(d.bytes()))?
        });
        m.add_method("clone", |lua, this, ()| {
            Ok(ImageDataUd::new(this.snapshot(lua)?))
        });
        m.add_method("getPointer", |lua, this, ()| {
            Ok(Value::LightUserData(mlua::LightUserData(pointer(
                lua, this,
            )?)))
        });
        m.add_method("getFFIPointer", |lua, this, ()| {
            let ptr = pointer(lua, this)?;
            let cast: mlua::Function = lua
                .load("local p = ... return require('ffi').cast('void *', p)")
                .into_function()?;
            cast.call::<Value>(mlua::LightUserData(ptr))
        });
        m.add_method("getPixel", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "getPixel");
            let (x, y) = (args.integer(1)?, args.integer(2)?);
            // Full precision, as LÖVE divides in double.
            let p = this.with(lua, |d| {
                d.in_bounds(x, y).then(|| d.get_f64(x as u32, y as u32))
            })?;
            let p = p.ok_or_else(|| lua_error(lua, "Attempt to get out-of-range pixel!"))?;
            Ok((p[0], p[1], p[2], p[3]))
        });
        m.add_method("setPixel", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "setPixel");
            let (x, y) = (args.integer(1)?, args.integer(2)?);
            let c = color_arg(&args, 3)?;
            let done = this.with_mut(lua, |d| {
                d.in_bounds(x, y).then(|| d.set(x as u32, y as u32, c))
            })?;
            done.ok_or_else(|| lua_error(lua, "Attempt to set out-of-range pixel!"))
        });
        m.add_method("mapPixel", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "mapPixel");
            let f = match args.get(1) {
                Value::Function(f) => f.clone(),
                _ => return Err(args.type_error(1, "function")),
            };
            let shared = this.shared(lua)?.clone();
            // PERF: one lock for the whole region; other threads wait, as in LÖVE.
            let guard = shared.lock();
            let (w, h) = {
                let d = guard.try_borrow().map_err(|_| lua_error(lua, IN_USE))?;
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
                    // The RefCell borrow is dropped before calling back into Lua, which
                    // may use this ImageData itself (the reentrant lock allows it).
                    let p = guard
                        .try_borrow()
                        .map_err(|_| lua_error(lua, IN_USE))?
                        .get_f64(x as u32, y as u32);
                    let (r, g, b, al): (Option<f32>, Option<f32>, Option<f32>, Option<f32>) =
                        f.call((x, y, p[0], p[1], p[2], p[3]))?;
                    let c = [
                        r.unwrap_or(0.0),
                        g.unwrap_or(0.0),
                        b.unwrap_or(0.0),
                        al.unwrap_or(1.0),
                    ];
                    guard
                        .try_borrow_mut()
                        .map_err(|_| lua_error(lua, IN_USE))?
                        .set(x as u32, y as u32, c);
                }
            }
            Ok(())
        });
        m.add_method("paste", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "paste");
            // A copy of the source first, so two ImageData locks are never held at once
            // (two threads pasting into each other cannot deadlock).
            let src = match args.get(1) {
                Value::UserData(u) if u.is::<ImageDataUd>() => {
                    u.borrow::<ImageDataUd>()?.snapshot(lua)?
                }
                _ => return Err(args.type_error(1, "ImageData")),
            };
            let dx = args.integer(2)?;
            let dy = args.integer(3)?;
            let sx = args.opt_integer(4, 0)?;
            let sy = args.opt_integer(5, 0)?;
            let sw = args.opt_integer(6, src.width as i64)?;
            let sh = args.opt_integer(7, src.height as i64)?;
            this.with_mut(lua, |d| d.paste(&src, dx, dy, sx, sy, sw, sh))
        });
        m.add_method("encode", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "encode");
            let fmt =
                args.enumeration(1, "encoded image format", &[("tga", "tga"), ("png", "png")])?;
            let bytes = this
                .with(lua, |d| {
                    if fmt == "tga" {
                        d.encode_tga()
                    } else {
                        d.encode_png()
                    }
                })?
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
            Ok(ImageDataUd::new(decode_file(lua, &name)?))
        }
        Value::UserData(u) if is_file_data(u) => Ok(ImageDataUd::new(decode_file_data(lua, u)?)),
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
            Ok(ImageDataUd::new(d))
        }
    }
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let t = lua.create_table()?;
    t.set("newImageData", lua.create_function(new_image_data)?)?;
    super::lua_compressed::register(lua, &t)?;
    love.set("image", t)
}
