//! LÖVE objects of love.graphics as userdata: Image and Canvas (one [`TextureUd`]),
//! Quad, Transform; the shared `type`/`typeOf`/`release` methods; newImage, newQuad,
//! filters and the Transform-object functions of the transform stack.

use super::graphics;
pub use super::transform::{TransformUd, new_transform, placement, transform_arg};
use crate::graphics::layered::TexKind;
use crate::graphics::texture::{
    Filter, Format, MipMode, Quad, SamplerKey, TextureRef, TextureSpec, Wrap,
};
use crate::image::ImageData;
use crate::image::lua::ImageDataUd;
use crate::runtime::args::{Args, lua_error};
use mlua::{AnyUserData, Lua, MultiValue, Table, UserData, UserDataMethods, Value};

pub const RELEASED: &str = "Cannot use object after it has been released.";

/// A LÖVE object: its type name and supertypes, and whether it was released.
pub trait LoveObject: Sized + 'static {
    /// The type first, then its supertypes (Object last).
    fn types(&self) -> &'static [&'static str];
    /// Drops what the object holds; false when it was already released.
    fn release(&mut self) -> bool;
}

/// `type`, `typeOf`, `release` and `__tostring`, as every LÖVE object has them.
pub fn add_object_methods<T: LoveObject, M: UserDataMethods<T>>(m: &mut M) {
    m.add_method("type", |_, this, ()| Ok(this.types()[0]));
    m.add_method("typeOf", |_, this, name: Value| {
        Ok(match name {
            Value::String(s) => this.types().iter().any(|t| s == *t),
            _ => false,
        })
    });
    m.add_method_mut("release", |_, this, ()| Ok(this.release()));
    m.add_meta_function("__tostring", |_, ud: AnyUserData| {
        let name = ud.borrow_scoped::<T, _>(|t| t.types()[0])?;
        Ok(format!("{name}: {:p}", ud.to_pointer()))
    });
}

pub const IMAGE_TYPES: &[&str] = &["Image", "Texture", "Drawable", "Object"];
pub const CANVAS_TYPES: &[&str] = &["Canvas", "Texture", "Drawable", "Object"];

/// An Image or a Canvas.
pub struct TextureUd {
    pub tex: Option<TextureRef>,
    /// Kept for getMipmapFilter; wgpu samplers have no LOD bias to apply it with.
    pub mipmap_sharpness: f32,
    /// Alive exactly while this userdata holds `tex` (see `fast_draw.rs`).
    pub token: super::fast_draw::Token,
}

impl LoveObject for TextureUd {
    fn types(&self) -> &'static [&'static str] {
        match &self.tex {
            Some(t) if t.canvas => CANVAS_TYPES,
            _ => IMAGE_TYPES,
        }
    }
    fn release(&mut self) -> bool {
        self.token = Default::default();
        self.tex.take().is_some()
    }
}

impl TextureUd {
    pub fn get(&self, lua: &Lua) -> mlua::Result<&TextureRef> {
        self.tex.as_ref().ok_or_else(|| lua_error(lua, RELEASED))
    }
}

pub const FILTERS: &[(&str, Filter)] = &[("linear", Filter::Linear), ("nearest", Filter::Nearest)];
const FILTER_NAMES: &[&str] = &["none", "linear", "nearest"];

fn filter_arg(args: &Args, lua: &Lua, n: usize) -> mlua::Result<Filter> {
    let s = args.string(n)?;
    FILTERS
        .iter()
        .find(|(k, _)| *k == s)
        .map(|(_, f)| *f)
        .ok_or_else(|| crate::runtime::args::enum_error(lua, "filter mode", &s, FILTER_NAMES))
}

fn filter_name(f: Filter) -> &'static str {
    match f {
        Filter::Linear => "linear",
        Filter::Nearest => "nearest",
    }
}

const WRAPS: &[(&str, Wrap)] = &[
    ("clamp", Wrap::Clamp),
    ("clampzero", Wrap::ClampZero),
    ("repeat", Wrap::Repeat),
    ("mirroredrepeat", Wrap::MirroredRepeat),
];

fn wrap_name(w: Wrap) -> &'static str {
    WRAPS
        .iter()
        .find(|(_, v)| *v == w)
        .map(|(k, _)| *k)
        .unwrap_or("clamp")
}

impl UserData for TextureUd {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        // getCanvas makes new userdata for the same canvas: compare what they hold.
        m.add_meta_function(
            "__eq",
            |_, (a, b): (mlua::AnyUserData, mlua::AnyUserData)| {
                let (a, b) = (a.borrow::<TextureUd>()?, b.borrow::<TextureUd>()?);
                Ok(match (&a.tex, &b.tex) {
                    (Some(x), Some(y)) => std::rc::Rc::ptr_eq(x, y),
                    _ => false,
                })
            },
        );
        m.add_method("getWidth", |lua, this, ()| {
            Ok(this.get(lua)?.dimensions().0)
        });
        m.add_method("getHeight", |lua, this, ()| {
            Ok(this.get(lua)?.dimensions().1)
        });
        m.add_method("getDimensions", |lua, this, ()| {
            Ok(this.get(lua)?.dimensions())
        });
        m.add_method("getPixelWidth", |lua, this, ()| Ok(this.get(lua)?.width));
        m.add_method("getPixelHeight", |lua, this, ()| Ok(this.get(lua)?.height));
        m.add_method("getPixelDimensions", |lua, this, ()| {
            let t = this.get(lua)?;
            Ok((t.width, t.height))
        });
        m.add_method("getDPIScale", |lua, this, ()| Ok(this.get(lua)?.dpi_scale));
        m.add_method("getDepth", |lua, this, ()| {
            let t = this.get(lua)?;
            Ok(if t.kind == TexKind::Volume {
                t.layers
            } else {
                1
            })
        });
        m.add_method("getLayerCount", |lua, this, ()| {
            let t = this.get(lua)?;
            Ok(if t.kind == TexKind::Array {
                t.layers
            } else {
                1
            })
        });
        m.add_method("getMipmapCount", |lua, this, ()| {
            Ok(this.get(lua)?.mip_levels)
        });
        m.add_method("getTextureType", |lua, this, ()| {
            Ok(this.get(lua)?.kind.love_name())
        });
        m.add_method("getFormat", |lua, this, ()| {
            Ok(this.get(lua)?.format.love_name())
        });
        m.add_method("isReadable", |lua, this, ()| Ok(this.get(lua)?.readable));
        m.add_method("isCompressed", |lua, this, ()| this.get(lua).map(|_| false));
        m.add_method("isFormatLinear", |lua, this, ()| {
            this.get(lua).map(|_| false)
        });
        m.add_method("getFilter", |lua, this, ()| {
            let s = this.get(lua)?.sampler.get();
            Ok((filter_name(s.min), filter_name(s.mag), s.anisotropy))
        });
        m.add_method("setFilter", |lua, this, a: MultiValue| {
            let t = this.get(lua)?.clone();
            let args = Args::new(lua, a, "setFilter");
            let min = filter_arg(&args, lua, 1)?;
            let mag = if args.is_none_or_nil(2) {
                min
            } else {
                filter_arg(&args, lua, 2)?
            };
            let aniso = args.opt_number(3, 1.0)?.clamp(1.0, 16.0) as u8;
            let key = SamplerKey {
                min,
                mag,
                anisotropy: aniso,
                ..t.sampler.get()
            };
            graphics(lua)?.set_sampler(&t, key);
            Ok(())
        });
        m.add_method("getWrap", |lua, this, ()| {
            let s = this.get(lua)?.sampler.get();
            Ok((
                wrap_name(s.wrap_s),
                wrap_name(s.wrap_t),
                wrap_name(s.wrap_s),
            ))
        });
        m.add_method("setWrap", |lua, this, a: MultiValue| {
            let t = this.get(lua)?.clone();
            let args = Args::new(lua, a, "setWrap");
            let s = args.enumeration(1, "wrap mode", WRAPS)?;
            let tt = if args.is_none_or_nil(2) {
                s
            } else {
                args.enumeration(2, "wrap mode", WRAPS)?
            };
            let key = SamplerKey {
                wrap_s: s,
                wrap_t: tt,
                ..t.sampler.get()
            };
            graphics(lua)?.set_sampler(&t, key);
            Ok(())
        });
        m.add_method("getMipmapFilter", |lua, this, ()| {
            let name = match this.get(lua)?.sampler.get().mipmap {
                Some(f) => filter_name(f),
                None => "none",
            };
            Ok((name, this.mipmap_sharpness))
        });
        m.add_method_mut("setMipmapFilter", |lua, this, a: MultiValue| {
            let t = this.get(lua)?.clone();
            let args = Args::new(lua, a, "setMipmapFilter");
            let mipmap = match args.opt_string(1)?.as_deref() {
                None | Some("none") => None,
                Some(_) => Some(filter_arg(&args, lua, 1)?),
            };
            if mipmap.is_some() && t.mip_levels <= 1 {
                return Err(lua_error(
                    lua,
                    "Non-mipmapped texture cannot have mipmap filtering.",
                ));
            }
            this.mipmap_sharpness = args.opt_f32(2, 0.0)?;
            let key = SamplerKey {
                mipmap,
                ..t.sampler.get()
            };
            graphics(lua)?.set_sampler(&t, key);
            Ok(())
        });
        m.add_method("getDepthSampleMode", |lua, this, ()| {
            Ok(super::canvas_formats::get_depth_sample_mode(this.get(lua)?))
        });
        m.add_method("setDepthSampleMode", |lua, this, a: MultiValue| {
            super::canvas_formats::set_depth_sample_mode(lua, this.get(lua)?, a)
        });
        m.add_method("replacePixels", |lua, this, a: MultiValue| {
            let t = this.get(lua)?.clone();
            if t.canvas {
                return Err(lua_error(
                    lua,
                    "Canvas:replacePixels does not exist; draw to the canvas instead",
                ));
            }
            let args = Args::new(lua, a, "replacePixels");
            // Slices and mipmaps are checked there (layers.rs); uploaded under the
            // ImageData's lock: a worker thread may be writing the pixels.
            super::layers::replace_pixels(lua, &t, &args)
        });
        // Canvas methods live in targets.rs's table-free helpers.
        super::targets::add_canvas_methods(m);
    }
}

/// The texture (Image or Canvas) at argument `n`, or LÖVE's error.
pub fn texture_arg(args: &Args, lua: &Lua, n: usize) -> mlua::Result<TextureRef> {
    match args.get(n) {
        Value::UserData(u) => {
            let t = match u.borrow::<TextureUd>() {
                Ok(t) => t.get(lua).cloned()?,
                Err(_) => return Err(args.type_error(n, "Texture")),
            };
            remember_texture(lua, &t, u)?;
            Ok(t)
        }
        _ => Err(args.type_error(n, "Texture")),
    }
}

const TEXTURE_OBJECTS: &str = "engine.graphics.texture_objects";

/// LOVE: one Lua object per texture, so getters (getCanvas, Mesh/SpriteBatch:getTexture) give
/// back the very object the game passed in: games compare them and key tables with them.
/// A weak-valued table keyed by texture id; it keeps nothing alive.
fn texture_objects(lua: &Lua) -> mlua::Result<Table> {
    if let Ok(t) = lua.named_registry_value::<Table>(TEXTURE_OBJECTS) {
        return Ok(t);
    }
    let t = lua.create_table()?;
    let mt = lua.create_table()?;
    mt.set("__mode", "v")?;
    t.set_metatable(Some(mt))?;
    lua.set_named_registry_value(TEXTURE_OBJECTS, &t)?;
    Ok(t)
}

/// Records `u` as the Lua object of texture `t` (see [`texture_object`]).
pub fn remember_texture(lua: &Lua, t: &TextureRef, u: &AnyUserData) -> mlua::Result<()> {
    texture_objects(lua)?.raw_set(t.id, u.clone())
}

/// The Lua object of texture `t`: the one the game passed in when it is still alive, else a
/// new one (remembered from then on).
pub fn texture_object(lua: &Lua, t: TextureRef) -> mlua::Result<AnyUserData> {
    let objects = texture_objects(lua)?;
    if let Value::UserData(u) = objects.raw_get::<Value>(t.id)?
        && u.borrow::<TextureUd>()
            .is_ok_and(|c| c.tex.as_ref().is_some_and(|x| std::rc::Rc::ptr_eq(x, &t)))
    {
        return Ok(u);
    }
    let id = t.id;
    let u = lua.create_userdata(TextureUd {
        tex: Some(t),
        mipmap_sharpness: 0.0,
        token: Default::default(),
    })?;
    objects.raw_set(id, u.clone())?;
    Ok(u)
}

/// The quad is shared (`Rc<Cell>`) so that the FFI path of `draw(texture, quad, ...)`
/// (jit_paths.rs) can find it by the userdata's address; only this holds it strongly.
pub struct QuadUd(pub Option<std::rc::Rc<std::cell::Cell<Quad>>>);

impl LoveObject for QuadUd {
    fn types(&self) -> &'static [&'static str] {
        &["Quad", "Object"]
    }
    fn release(&mut self) -> bool {
        self.0.take().is_some()
    }
}

impl QuadUd {
    pub fn new(q: Quad) -> QuadUd {
        QuadUd(Some(std::rc::Rc::new(std::cell::Cell::new(q))))
    }
    pub fn get(&self, lua: &Lua) -> mlua::Result<Quad> {
        self.0
            .as_ref()
            .map(|c| c.get())
            .ok_or_else(|| lua_error(lua, RELEASED))
    }
    fn set(&self, q: Quad) {
        if let Some(c) = &self.0 {
            c.set(q);
        }
    }
}

impl UserData for QuadUd {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        m.add_method("getViewport", |lua, this, ()| {
            let q = this.get(lua)?;
            Ok((q.x, q.y, q.w, q.h))
        });
        m.add_method_mut("setViewport", |lua, this, a: MultiValue| {
            let q = this.get(lua)?;
            let args = Args::new(lua, a, "setViewport");
            let (x, y, w, h) = (args.f32(1)?, args.f32(2)?, args.f32(3)?, args.f32(4)?);
            let sw = args.opt_f32(5, q.sw)?;
            let sh = args.opt_f32(6, q.sh)?;
            this.set(Quad {
                x,
                y,
                w,
                h,
                sw,
                sh,
                layer: q.layer,
            });
            Ok(())
        });
        m.add_method("getTextureDimensions", |lua, this, ()| {
            let q = this.get(lua)?;
            Ok((q.sw, q.sh))
        });
        m.add_method("getLayer", |lua, this, ()| Ok(this.get(lua)?.layer + 1));
        m.add_method_mut("setLayer", |lua, this, a: MultiValue| {
            let mut q = this.get(lua)?;
            q.layer = Args::new(lua, a, "setLayer").integer(1)? as i32 - 1;
            this.set(q);
            Ok(())
        });
    }
}

/// ImageData from argument `n`: an ImageData, or a file name to decode.
pub fn image_data_arg(args: &Args, lua: &Lua, n: usize) -> mlua::Result<ImageData> {
    match args.get(n) {
        Value::UserData(u) if u.is::<ImageDataUd>() => u.borrow::<ImageDataUd>()?.snapshot(lua),
        Value::String(_) | Value::Number(_) | Value::Integer(_) => {
            let name = args.string(n)?;
            crate::image::lua::decode_file(lua, &name)
        }
        Value::UserData(u) if crate::image::lua::is_file_data(u) => {
            crate::image::lua::decode_file_data(lua, u)
        }
        Value::UserData(u) if u.is::<crate::image::lua_compressed::CompressedUd>() => {
            crate::image::lua_compressed::decompress(lua, u)
        }
        _ => Err(args.type_error(n, "ImageData")),
    }
}

fn new_image(lua: &Lua, a: MultiValue) -> mlua::Result<TextureUd> {
    let args = Args::new(lua, a, "newImage");
    let data = image_data_arg(&args, lua, 1)?;
    let (mut dpi, mut mipmaps, mut linear) = (1.0f32, false, false);
    if let Value::Table(s) = args.get(2) {
        dpi = s.get::<Option<f32>>("dpiscale")?.unwrap_or(1.0);
        mipmaps = s.get::<Option<bool>>("mipmaps")?.unwrap_or(false);
        linear = s.get::<Option<bool>>("linear")?.unwrap_or(false);
    }
    let _ = linear; // LOVE: only matters with gamma-correct rendering, which is off.
    let file = match args.get(1) {
        Value::String(s) => Some(s.to_string_lossy()),
        _ => None,
    };
    let t = graphics(lua)?
        .new_texture(
            TextureSpec {
                width: data.width,
                height: data.height,
                format: Format::Rgba8,
                dpi_scale: dpi,
                mip_mode: if mipmaps {
                    MipMode::Auto
                } else {
                    MipMode::None
                },
                msaa: 0,
                readable: true,
            },
            Some(&data.pixels),
        )
        .map_err(|e| lua_error(lua, e))?;
    if let Some(name) = file {
        // Hot reload updates this Image when the file changes.
        let mut files = lua.app_data_mut::<ImageFiles>();
        if files.is_none() {
            lua.set_app_data(ImageFiles::default());
            files = lua.app_data_mut::<ImageFiles>();
        }
        if let Some(mut files) = files {
            let list = files.0.entry(name).or_default();
            list.retain(|w| w.strong_count() > 0);
            list.push(std::rc::Rc::downgrade(&t));
        }
    }
    Ok(TextureUd {
        tex: Some(t),
        mipmap_sharpness: 0.0,
        token: Default::default(),
    })
}

/// Images made from files, by file name, for hot reload.
#[derive(Default)]
pub struct ImageFiles(
    pub  std::collections::HashMap<
        String,
        Vec<std::rc::Weak<crate::graphics::texture::TextureInner>>,
    >,
);

/// Hot reload of an image file: every live Image made from `name` gets the new pixels
/// (same object). Returns how many were updated; `None` when no Image uses the file.
pub fn reload_image_file(lua: &Lua, name: &str) -> Option<Result<usize, String>> {
    let live: Vec<TextureRef> = {
        let files = lua.app_data_ref::<ImageFiles>()?;
        files
            .0
            .get(name)?
            .iter()
            .filter_map(|w| w.upgrade())
            .collect()
    };
    if live.is_empty() {
        return None;
    }
    let data = match crate::image::lua::decode_file(lua, name) {
        Ok(d) => d,
        Err(e) => return Some(Err(crate::runtime::errors::error_message(&e))),
    };
    let mut g = match graphics(lua) {
        Ok(g) => g,
        Err(e) => return Some(Err(e.to_string())),
    };
    for t in &live {
        if (t.width, t.height) != (data.width, data.height) {
            return Some(Err(format!(
                "{name} changed size ({}x{} to {}x{}); the Image keeps its old pixels until the game makes it again",
                t.width, t.height, data.width, data.height
            )));
        }
        g.replace_pixels(t, 0, 0, data.width, data.height, &data.pixels);
    }
    Some(Ok(live.len()))
}

pub fn register(lua: &Lua, g: &Table) -> mlua::Result<()> {
    g.set("newImage", lua.create_function(new_image)?)?;
    g.set(
        "newQuad",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "newQuad");
            let (x, y, w, h) = (args.f32(1)?, args.f32(2)?, args.f32(3)?, args.f32(4)?);
            let (sw, sh) = match args.get(5) {
                Value::UserData(_) => {
                    let t = texture_arg(&args, lua, 5)?;
                    t.dimensions()
                }
                _ => (args.f32(5)?, args.f32(6)?),
            };
            Ok(QuadUd::new(Quad {
                x,
                y,
                w,
                h,
                sw,
                sh,
                layer: 0,
            }))
        })?,
    )?;
    g.set(
        "setDefaultFilter",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "setDefaultFilter");
            let min = filter_arg(&args, lua, 1)?;
            let mag = if args.is_none_or_nil(2) {
                min
            } else {
                filter_arg(&args, lua, 2)?
            };
            let aniso = args.opt_number(3, 1.0)?.clamp(1.0, 16.0) as u8;
            graphics(lua)?.state.default_filter = (min, mag, aniso);
            Ok(())
        })?,
    )?;
    g.set(
        "getDefaultFilter",
        lua.create_function(|lua, ()| {
            let (min, mag, a) = graphics(lua)?.state.default_filter;
            Ok((filter_name(min), filter_name(mag), a))
        })?,
    )?;
    g.set(
        "applyTransform",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "applyTransform");
            let t = transform_arg(&args, lua, 1)?.affine();
            let mut g = graphics(lua)?;
            g.transform *= t;
            Ok(())
        })?,
    )?;
    g.set(
        "replaceTransform",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "replaceTransform");
            let t = transform_arg(&args, lua, 1)?.affine();
            graphics(lua)?.transform = t;
            Ok(())
        })?,
    )?;
    g.set(
        "transformPoint",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "transformPoint");
            let p = glam::Vec2::new(args.f32(1)?, args.f32(2)?);
            let q = graphics(lua)?.transform.transform_point2(p);
            Ok((q.x, q.y))
        })?,
    )?;
    g.set(
        "inverseTransformPoint",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "inverseTransformPoint");
            let p = glam::Vec2::new(args.f32(1)?, args.f32(2)?);
            let q = graphics(lua)?.transform.inverse().transform_point2(p);
            Ok((q.x, q.y))
        })?,
    )?;
    g.set(
        "shear",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "shear");
            let (kx, ky) = (args.f32(1)?, args.f32(2)?);
            graphics(lua)?.shear(kx, ky);
            Ok(())
        })?,
    )?;
    Ok(())
}
