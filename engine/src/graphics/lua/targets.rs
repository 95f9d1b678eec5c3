//! Render-target bindings: canvases (newCanvas, setCanvas, getCanvas, Canvas methods),
//! the stencil (stencil, setStencilTest), present and captureScreenshot.

use super::graphics;
use super::objects::{TextureUd, texture_arg};
use crate::graphics::batch::{Compare, StencilAction};
use crate::graphics::texture::{MSAA_SAMPLES, MipMode, TextureRef, TextureSpec};
use crate::image::ImageData;
use crate::image::lua::ImageDataUd;
use crate::runtime::args::{Args, lua_error};
use mlua::{AnyUserData, Function, Lua, MultiValue, Table, UserDataMethods, Value};

const SCREENSHOTS: &str = "engine.graphics.screenshots";

pub(super) const COMPARES: &[(&str, Compare)] = &[
    ("less", Compare::Less),
    ("lequal", Compare::LessEqual),
    ("equal", Compare::Equal),
    ("gequal", Compare::GreaterEqual),
    ("greater", Compare::Greater),
    ("notequal", Compare::NotEqual),
    ("always", Compare::Always),
    ("never", Compare::Never),
];

const ACTIONS: &[(&str, StencilAction)] = &[
    ("replace", StencilAction::Replace),
    ("increment", StencilAction::Increment),
    ("decrement", StencilAction::Decrement),
    ("incrementwrap", StencilAction::IncrementWrap),
    ("decrementwrap", StencilAction::DecrementWrap),
    ("invert", StencilAction::Invert),
];

/// Canvas-only methods, added to the Image/Canvas userdata.
pub fn add_canvas_methods<M: UserDataMethods<TextureUd>>(m: &mut M) {
    m.add_method("getMSAA", |lua, this, ()| Ok(this.get(lua)?.msaa));
    m.add_method("getMipmapMode", |lua, this, ()| {
        Ok(this.get(lua)?.mip_mode.love_name())
    });
    m.add_method("generateMipmaps", |lua, this, ()| -> mlua::Result<()> {
        let t = this.get(lua)?.clone();
        if t.mip_levels <= 1 || t.mip_mode == MipMode::None {
            return Err(lua_error(
                lua,
                "generateMipmaps can only be called on a Canvas which was created with \
                 mipmaps enabled.",
            ));
        }
        graphics(lua)?.generate_mipmaps(&t);
        Ok(())
    });
    m.add_method("newImageData", |lua, this, a: MultiValue| {
        let t = this.get(lua)?.clone();
        if !t.canvas {
            return Err(lua_error(
                lua,
                "Image:newImageData does not exist; keep the ImageData the Image was made from",
            ));
        }
        // Another slice or mipmap level: layer_targets.rs; the first level of a 2D canvas,
        // in every pixel format: canvas_formats.rs.
        let other_level = a.get(1).and_then(|v| v.as_i64()).is_some_and(|m| m != 1);
        if t.kind != crate::graphics::layered::TexKind::D2 || other_level {
            let args = Args::new(lua, a, "newImageData");
            return super::layer_targets::layer_image_data(lua, &t, &args);
        }
        super::canvas_formats::new_image_data(lua, t, a)
    });
    m.add_function("renderTo", |lua, (ud, a): (AnyUserData, MultiValue)| {
        let t = ud.borrow::<TextureUd>()?.get(lua)?.clone();
        let mut it = a.into_iter();
        let f = match it.next() {
            Some(Value::Function(f)) => f,
            other => {
                let got = other
                    .as_ref()
                    .map(crate::runtime::args::type_name)
                    .unwrap_or("no value");
                return Err(lua_error(
                    lua,
                    format!("bad argument #1 to 'renderTo' (function expected, got {got})"),
                ));
            }
        };
        let rest: MultiValue = it.collect();
        if t.format.is_depth_stencil() {
            return Err(lua_error(lua, super::canvas_formats::DEPTH_AS_COLOR));
        }
        let previous = {
            let mut g = graphics(lua)?;
            let prev = g.state.canvases.clone();
            g.set_canvases(vec![t]);
            (prev, g.state.depth_canvas.take())
        };
        let r = f.call::<()>(rest);
        let mut g = graphics(lua)?;
        g.set_canvases(previous.0);
        g.state.depth_canvas = previous.1;
        r
    });
}

fn canvas_arg(args: &Args, lua: &Lua, v: &Value, n: usize) -> mlua::Result<TextureRef> {
    let t = match v {
        Value::UserData(u) => match u.borrow::<TextureUd>() {
            Ok(t) => t.get(lua)?.clone(),
            Err(_) => return Err(args.type_error(n, "Canvas")),
        },
        _ => return Err(args.type_error(n, "Canvas")),
    };
    if !t.canvas {
        return Err(args.type_error(n, "Canvas"));
    }
    if let Value::UserData(u) = v {
        super::objects::remember_texture(lua, &t, u)?;
    }
    if t.format.is_depth_stencil() {
        return Err(lua_error(lua, super::canvas_formats::DEPTH_AS_COLOR));
    }
    Ok(t)
}

fn set_canvas(lua: &Lua, a: MultiValue) -> mlua::Result<()> {
    let args = Args::new(lua, a, "setCanvas");
    let mut list = Vec::new();
    let mut layers = Vec::new();
    // Whether the target has a depth buffer: `depth = true` or a `depthstencil` entry.
    let mut depth = false;
    let mut stencil = false;
    let mut depth_canvas = None;
    match args.get(1) {
        Value::Nil => {}
        Value::Table(t) => {
            for (i, v) in t.sequence_values::<Value>().enumerate() {
                let v = v?;
                // {canvas, layer=, mipmap=} entries or plain canvases.
                let (v, entry) = match &v {
                    Value::Table(e) => (e.raw_get::<Value>(1)?, Some(e.clone())),
                    _ => (v, None),
                };
                let c = canvas_arg(&args, lua, &v, i + 1)?;
                layers.push(super::layer_targets::entry_target(lua, &c, entry.as_ref())?);
                list.push(c);
            }
            // Every canvas has a built-in depth24/stencil8 buffer: `depth = true` turns
            // the depth test on with it; a `depthstencil` Canvas replaces it
            // (canvas_formats.rs).
            depth = t.raw_get::<Option<bool>>("depth").ok().flatten() == Some(true)
                || !matches!(t.raw_get::<Value>("depthstencil")?, Value::Nil);
            stencil = t.raw_get::<Option<bool>>("stencil").ok().flatten() == Some(true);
            depth_canvas = super::canvas_formats::depth_stencil_arg(lua, t)?;
        }
        _ => {
            for i in 1..=args.len() {
                if matches!(args.get(i), Value::Number(_) | Value::Integer(_)) && i > 1 {
                    break; // setCanvas(canvas, mipmap)
                }
                let c = canvas_arg(&args, lua, args.get(i), i)?;
                // setCanvas(canvas, mipmap) / setCanvas(layered, slice, mipmap)
                let (a, b) = (args.get(i + 1).as_i64(), args.get(i + 2).as_i64());
                layers.push(super::layer_targets::positional_target(lua, &c, a, b)?);
                list.push(c);
            }
        }
    }
    if list.len() > crate::graphics::batch::MAX_CANVASES {
        return Err(lua_error(
            lua,
            format!(
                "This system can't simultaneously render to {} canvases.",
                list.len()
            ),
        ));
    }
    // Compared at the mipmap levels drawn into (layer_targets.rs).
    let size = |(c, &(_, mip)): (&TextureRef, &(u16, u8))| {
        ((c.width >> mip).max(1), (c.height >> mip).max(1))
    };
    let mut sizes = list.iter().zip(&layers).map(size);
    if let Some(first) = sizes.next()
        && sizes.any(|s| s != first)
    {
        return Err(lua_error(
            lua,
            "All canvases must have the same pixel dimensions.",
        ));
    }
    if let Some(first) = list.first()
        && list.iter().any(|c| c.msaa != first.msaa)
    {
        return Err(lua_error(
            lua,
            "All Canvases must have the same MSAA value.",
        ));
    }
    super::canvas_formats::set_depth_canvas(lua, &list, depth_canvas)?;
    let mut g = graphics(lua)?;
    g.set_canvases(list);
    g.state.canvas_depth = depth;
    g.state.canvas_stencil = stencil;
    g.set_canvas_sub(&layers);
    Ok(())
}

fn new_canvas(lua: &Lua, a: MultiValue) -> mlua::Result<TextureUd> {
    let args = Args::new(lua, a, "newCanvas");
    if let Some(layered) = super::layer_targets::new_layered_canvas(lua, &args)? {
        return Ok(layered);
    }
    let (sw, sh) = graphics(lua)?.dimensions();
    let w = args.opt_integer(1, sw as i64)?;
    let h = args.opt_integer(2, sh as i64)?;
    let (format, readable) = super::canvas_formats::canvas_settings(
        lua,
        match args.get(3) {
            Value::Table(s) => Some(s),
            _ => None,
        },
    )?;
    let mut dpi = 1.0;
    let mut mip_mode = MipMode::None;
    let mut msaa = 0;
    if let Value::Table(s) = args.get(3) {
        // LOVE: any request above 1 gets the one count every adapter has for every
        // renderable format (wgpu without adapter-specific format features): 4.
        if s.get::<Option<f64>>("msaa")?.unwrap_or(0.0) > 1.0 {
            msaa = MSAA_SAMPLES;
        }
        if let Some(m) = s.get::<Option<String>>("mipmaps")? {
            mip_mode = match m.as_str() {
                "none" => MipMode::None,
                "manual" => MipMode::Manual,
                "auto" => MipMode::Auto,
                other => {
                    return Err(lua_error(
                        lua,
                        format!(
                            "Invalid Canvas mipmap mode '{other}', expected one of: 'none', \
                             'manual', 'auto'"
                        ),
                    ));
                }
            };
        }
        dpi = s.get::<Option<f32>>("dpiscale")?.unwrap_or(1.0);
        if let Some(t) = s.get::<Option<String>>("type")?
            && t != "2d"
        {
            return Err(lua_error(
                lua,
                format!("{t} canvases are not implemented yet"),
            ));
        }
    }
    if w <= 0 || h <= 0 {
        return Err(lua_error(lua, "Canvas dimensions must be greater than 0."));
    }
    super::canvas_formats::check_canvas(lua, format, readable, msaa, mip_mode)?;
    let msaa = super::canvas_formats::supported_msaa(lua, format, msaa)?;
    let t = graphics(lua)?
        .new_texture(
            TextureSpec {
                width: w as u32,
                height: h as u32,
                format,
                dpi_scale: dpi,
                mip_mode,
                msaa,
                readable,
            },
            None,
        )
        .map_err(|e| lua_error(lua, e))?;
    Ok(TextureUd {
        tex: Some(t),
        mipmap_sharpness: 0.0,
        token: Default::default(),
    })
}

fn present(lua: &Lua, _: ()) -> mlua::Result<()> {
    let shot = graphics(lua)?.present();
    let Some(shot) = shot else { return Ok(()) };
    let list: Table = lua.named_registry_value(SCREENSHOTS)?;
    lua.set_named_registry_value(SCREENSHOTS, lua.create_table()?)?;
    let (w, h, mut px) = shot.map_err(|e| lua_error(lua, e))?;
    // LOVE: screenshots are fully opaque.
    for a in px.iter_mut().skip(3).step_by(4) {
        *a = 255;
    }
    for f in list.sequence_values::<Function>() {
        let d = ImageData::from_raw(w, h, px.clone())
            .ok_or_else(|| lua_error(lua, "screenshot has the wrong size"))?;
        f?.call::<()>(ImageDataUd::new(d))?;
    }
    Ok(())
}

pub fn register(lua: &Lua, g: &Table) -> mlua::Result<()> {
    lua.set_named_registry_value(SCREENSHOTS, lua.create_table()?)?;
    g.set("present", lua.create_function(present)?)?;
    g.set("newCanvas", lua.create_function(new_canvas)?)?;
    g.set("setCanvas", lua.create_function(set_canvas)?)?;
    g.set(
        "getCanvas",
        lua.create_function(|lua, ()| {
            if let Some(t) = super::layer_targets::get_layered_canvas(lua)? {
                return Ok(MultiValue::from_vec(vec![Value::Table(t)]));
            }
            let list = graphics(lua)?.state.canvases.clone();
            if let Some(t) = super::canvas_formats::canvas_table(lua, &list)? {
                return Ok(MultiValue::from_vec(vec![Value::Table(t)]));
            }
            if list.is_empty() {
                // LOVE: nil (one value) when drawing to the screen.
                return Ok(MultiValue::from_vec(vec![Value::Nil]));
            }
            let out = list
                .into_iter()
                .map(|t| super::objects::texture_object(lua, t).map(Value::UserData))
                .collect::<mlua::Result<Vec<_>>>()?;
            Ok(MultiValue::from_vec(out))
        })?,
    )?;
    g.set(
        "captureScreenshot",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "captureScreenshot");
            match args.get(1) {
                Value::Function(f) => {
                    let list: Table = lua.named_registry_value(SCREENSHOTS)?;
                    list.raw_push(f.clone())?;
                    graphics(lua)?.screenshot_requests += 1;
                    Ok(())
                }
                Value::String(_) => {
                    // LOVE: the file name's extension picks the format; written to the
                    // save directory when the frame is presented.
                    let name = args.string(1)?;
                    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
                    if ext != "png" && ext != "tga" {
                        return Err(lua_error(
                            lua,
                            format!("Invalid encoded image format '{ext}', expected one of: 'tga', 'png'"),
                        ));
                    }
                    let save: mlua::Function = lua
                        .load("local name, ext = ... return function(d) d:encode(ext, name) end")
                        .call((name, ext))?;
                    let list: Table = lua.named_registry_value(SCREENSHOTS)?;
                    list.raw_push(save)?;
                    graphics(lua)?.screenshot_requests += 1;
                    Ok(())
                }
                Value::UserData(u) if u.is::<crate::thread::lua::ChannelObject>() => {
                    // LOVE: the ImageData is pushed onto the channel (another thread can
                    // encode it without stalling the game).
                    let push: mlua::Function = lua
                        .load("local ch = ... return function(d) ch:push(d) end")
                        .call(u.clone())?;
                    let list: Table = lua.named_registry_value(SCREENSHOTS)?;
                    list.raw_push(push)?;
                    graphics(lua)?.screenshot_requests += 1;
                    Ok(())
                }
                _ => Err(lua_error(lua, "Invalid encoded image format '', expected one of: 'tga', 'png'")),
            }
        })?,
    )?;
    g.set(
        "stencil",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "stencil");
            let f = match args.get(1) {
                Value::Function(f) => f.clone(),
                _ => return Err(args.type_error(1, "function")),
            };
            let action = if args.is_none_or_nil(2) {
                StencilAction::Replace
            } else {
                args.enumeration(2, "stencil draw action", ACTIONS)?
            };
            let value = args.opt_integer(3, 1)?.clamp(0, 255) as u8;
            let keep = args.opt_bool(4, false);
            super::canvas_formats::check_stencil_target(lua)?;
            {
                let mut g = graphics(lua)?;
                if !keep {
                    // LOVE: only the stencil (depth is kept).
                    g.clear_depth(None, Some(0), None);
                }
                g.stencil_write = Some((action, value));
            }
            let r = f.call::<()>(());
            graphics(lua)?.stencil_write = None;
            r
        })?,
    )?;
    g.set(
        "setStencilTest",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "setStencilTest");
            let test = if args.is_empty() {
                None
            } else {
                let c = args.enumeration(1, "compare mode", COMPARES)?;
                let v = args.integer(2)?.clamp(0, 255) as u8;
                (c != Compare::Always).then_some((c, v))
            };
            graphics(lua)?.state.stencil_test = test;
            Ok(())
        })?,
    )?;
    g.set(
        "getStencilTest",
        lua.create_function(|lua, ()| {
            Ok(match graphics(lua)?.state.stencil_test {
                Some((c, v)) => (
                    COMPARES
                        .iter()
                        .find(|(_, x)| *x == c)
                        .map(|(n, _)| *n)
                        .unwrap_or("always"),
                    v,
                ),
                None => ("always", 0),
            })
        })?,
    )?;
    let _ = texture_arg;
    super::canvas_formats::register(lua, g)
}
