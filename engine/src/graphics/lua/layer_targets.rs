//! Array, cube and volume canvases as render targets: newCanvas with a layer count or a
//! texture type, setCanvas's slice and mipmap choices, getCanvas's table form, and
//! Canvas:newImageData of any slice and level. Core: `graphics/layered.rs`.

use super::graphics;
use super::layers::crop;
use super::objects::TextureUd;
use crate::graphics::layered::{TexKind, slices};
use crate::graphics::texture::{Format, MipMode, TextureInner, TextureRef, TextureSpec};
use crate::image::ImageData;
use crate::image::lua::ImageDataUd;
use crate::runtime::args::{Args, enum_error, lua_error};
use mlua::{Lua, Table, Value};

/// `newCanvas(w, h, layers, settings)` or `newCanvas(w, h, {type = ...})`; None when the
/// canvas is a plain 2D one (targets.rs makes it).
pub fn new_layered_canvas(lua: &Lua, args: &Args) -> mlua::Result<Option<TextureUd>> {
    let layers_given = matches!(args.get(3), Value::Number(_) | Value::Integer(_));
    let settings = match (layers_given, args.get(3), args.get(4)) {
        (true, _, Value::Table(s)) | (false, Value::Table(s), _) => Some(s.clone()),
        _ => None,
    };
    let kind = match settings
        .as_ref()
        .map(|s| s.get::<Option<String>>("type"))
        .transpose()?
        .flatten()
    {
        None => {
            if !layers_given {
                return Ok(None);
            }
            TexKind::Array
        }
        Some(t) => match t.as_str() {
            "2d" if !layers_given => return Ok(None),
            "2d" => TexKind::D2,
            "array" => TexKind::Array,
            "cube" => TexKind::Cube,
            "volume" => TexKind::Volume,
            other => {
                return Err(enum_error(
                    lua,
                    "texture type",
                    other,
                    &["2d", "volume", "array", "cube"],
                ));
            }
        },
    };
    let (sw, sh) = graphics(lua)?.dimensions();
    let w = args.opt_integer(1, sw as i64)?;
    let h = args.opt_integer(2, sh as i64)?;
    let mut layers = if layers_given { args.integer(3)? } else { 1 };
    if kind == TexKind::D2 {
        // A 2D canvas has one layer whatever was asked: targets.rs makes it.
        return Ok(None);
    }
    if kind == TexKind::Cube {
        layers = 6;
    }
    if w <= 0 || h <= 0 || layers <= 0 {
        return Err(lua_error(lua, "Canvas dimensions must be greater than 0."));
    }
    if kind == TexKind::Cube && w != h {
        return Err(lua_error(
            lua,
            "Cubemap textures must have equal width and height.",
        ));
    }
    let (format, mip_mode, dpi) = canvas_settings(lua, settings.as_ref())?;
    let spec = TextureSpec {
        width: w as u32,
        height: h as u32,
        format,
        dpi_scale: dpi,
        mip_mode,
        msaa: 0,
        readable: true,
    };
    let t = graphics(lua)?
        .new_layered_texture(spec, kind, layers as u32, None)
        .map_err(|e| lua_error(lua, e))?;
    Ok(Some(TextureUd {
        tex: Some(t),
        mipmap_sharpness: 0.0,
        token: Default::default(),
    }))
}

fn canvas_settings(lua: &Lua, s: Option<&Table>) -> mlua::Result<(Format, MipMode, f32)> {
    let Some(s) = s else {
        return Ok((Format::Rgba8, MipMode::None, 1.0));
    };
    let format = match s.get::<Option<String>>("format")?.as_deref() {
        None | Some("normal") | Some("rgba8") => Format::Rgba8,
        Some("rgba16f") | Some("hdr") => Format::Rgba16f,
        Some(other) => {
            return Err(lua_error(
                lua,
                format!(
                    "The {other} format for array, cube and volume canvases is not implemented yet."
                ),
            ));
        }
    };
    let mip_mode = match s.get::<Option<String>>("mipmaps")?.as_deref() {
        None | Some("none") => MipMode::None,
        Some("manual") => MipMode::Manual,
        Some("auto") => MipMode::Auto,
        Some(other) => {
            return Err(lua_error(
                lua,
                format!(
                    "Invalid Canvas mipmap mode '{other}', expected one of: 'none', 'manual', 'auto'"
                ),
            ));
        }
    };
    let dpi = s.get::<Option<f32>>("dpiscale")?.unwrap_or(1.0);
    Ok((format, mip_mode, dpi))
}

/// `Canvas:newImageData(slice, mipmap, x, y, w, h)` of an array, cube or volume canvas.
pub fn layer_image_data(lua: &Lua, t: &TextureRef, args: &Args) -> mlua::Result<ImageDataUd> {
    let slice = if t.kind == TexKind::D2 {
        args.opt_integer(1, 1)?
    } else {
        args.integer(1)?
    };
    if slice < 1 || slice > slices(t) as i64 {
        return Err(lua_error(lua, "Invalid slice index."));
    }
    let mipmap = args.opt_integer(2, 1)?;
    let (w, h) = (t.width as i64, t.height as i64);
    let x = args.opt_integer(3, 0)?;
    let y = args.opt_integer(4, 0)?;
    let rw = args.opt_integer(5, w)?;
    let rh = args.opt_integer(6, h)?;
    let level = mipmap - 1;
    let (lw, lh) = (
        (w >> level.clamp(0, 31)).max(1),
        (h >> level.clamp(0, 31)).max(1),
    );
    if x < 0 || y < 0 || rw <= 0 || rh <= 0 || x + rw > lw || y + rh > lh {
        return Err(lua_error(lua, "Invalid rectangle dimensions."));
    }
    if mipmap < 1 || mipmap > t.mip_levels as i64 {
        return Err(lua_error(lua, format!("Invalid mipmap level {mipmap}.")));
    }
    let mut g = graphics(lua)?;
    if g.state.canvases.iter().any(|c| c.id == t.id) {
        return Err(lua_error(
            lua,
            "Canvas:newImageData cannot be called while that Canvas is currently active.",
        ));
    }
    let (fw, fh, px) = g
        .read_canvas_layer(t, slice as u32 - 1, mipmap as u32 - 1)
        .map_err(|e| lua_error(lua, e))?;
    drop(g);
    let full = ImageData::from_raw(fw, fh, px)
        .ok_or_else(|| lua_error(lua, "canvas readback has the wrong size"))?;
    if (x, y, rw, rh) == (0, 0, fw as i64, fh as i64) {
        return Ok(ImageDataUd::new(full));
    }
    Ok(ImageDataUd::new(crop(
        &full, x as u32, y as u32, rw as u32, rh as u32,
    )))
}

/// The slice (1-based) of a layered canvas target, checked: 0-based.
fn check_target_slice(lua: &Lua, t: &TextureInner, slice: Option<i64>) -> mlua::Result<u16> {
    if t.kind == TexKind::D2 {
        return Ok(0);
    }
    let Some(slice) = slice else {
        return Err(lua_error(
            lua,
            "bad argument #2 to 'setCanvas' (number expected, got no value)",
        ));
    };
    if slice < 1 || slice > slices(t) as i64 {
        return Err(lua_error(lua, format!("Invalid slice index: {slice}.")));
    }
    Ok(slice as u16 - 1)
}

/// The mipmap level (1-based, default 1) of a canvas target, checked: 0-based.
fn check_target_mip(lua: &Lua, t: &TextureInner, mip: Option<i64>) -> mlua::Result<u8> {
    let mip = mip.unwrap_or(1);
    if mip < 1 || mip > t.mip_levels as i64 {
        return Err(lua_error(lua, format!("Invalid mipmap level {mip}.")));
    }
    Ok(mip as u8 - 1)
}

/// `setCanvas(canvas, mipmap)` / `setCanvas(layered, slice, mipmap)`: the 0-based
/// (layer, mipmap level) drawn into.
pub fn positional_target(
    lua: &Lua,
    t: &TextureInner,
    a: Option<i64>,
    b: Option<i64>,
) -> mlua::Result<(u16, u8)> {
    if t.kind == TexKind::D2 {
        return Ok((0, check_target_mip(lua, t, a)?));
    }
    Ok((check_target_slice(lua, t, a)?, check_target_mip(lua, t, b)?))
}

/// `setCanvas{{canvas, layer = n, mipmap = m}}` (`face = n` for cube canvases).
pub fn entry_target(lua: &Lua, t: &TextureInner, entry: Option<&Table>) -> mlua::Result<(u16, u8)> {
    let Some(e) = entry else {
        return positional_target(lua, t, None, None);
    };
    let int = |v: Value| match v {
        Value::Integer(n) => Some(n),
        Value::Number(n) => Some(n as i64),
        _ => None,
    };
    let mip = check_target_mip(lua, t, int(e.raw_get::<Value>("mipmap")?))?;
    let field = match t.kind {
        TexKind::D2 => return Ok((0, mip)),
        TexKind::Cube => "face",
        _ => "layer",
    };
    match int(e.raw_get::<Value>(field)?) {
        Some(n) => Ok((check_target_slice(lua, t, Some(n))?, mip)),
        // LOVE: the entry table's stack slot is the argument number it reports.
        None => Err(lua_error(
            lua,
            format!("bad argument #3 to 'setCanvas' (expected integer field {field} in table)"),
        )),
    }
}

/// `getCanvas()` while an array, cube or volume canvas (or a mipmap level) is the target:
/// LÖVE's table form,
/// `{{canvas, mipmap = 1, layer = n}, ...}` (`face` for cubes). None otherwise.
pub fn get_layered_canvas(lua: &Lua) -> mlua::Result<Option<Table>> {
    let (list, layers, mips) = {
        let g = graphics(lua)?;
        (
            g.state.canvases.clone(),
            g.state.canvas_sub.0.layers,
            g.state.canvas_sub.0.mips,
        )
    };
    if list.iter().all(|c| c.kind == TexKind::D2) && mips.iter().all(|&m| m == 0) {
        return Ok(None);
    }
    let out = lua.create_table()?;
    for (i, c) in list.into_iter().enumerate() {
        let kind = c.kind;
        let e = lua.create_table()?;
        e.raw_set(1, super::objects::texture_object(lua, c)?)?;
        e.raw_set("mipmap", mips[i] as i64 + 1)?;
        match kind {
            TexKind::D2 => {}
            TexKind::Cube => e.raw_set("face", layers[i] as i64 + 1)?,
            _ => e.raw_set("layer", layers[i] as i64 + 1)?,
        }
        out.raw_set(i + 1, e)?;
    }
    Ok(Some(out))
}
