//! Canvas pixel formats in Lua: `newCanvas`'s `format`/`readable` settings,
//! `getCanvasFormats`, `Canvas:newImageData` in every readable format, depth/stencil
//! canvases in `setCanvas{..., depthstencil = c}`, `get/setDepthSampleMode`, and LÖVE's
//! errors for textures that can't be drawn.

use super::graphics;
use super::objects::TextureUd;
use super::targets::COMPARES;
use crate::graphics::formats::{self, Format};
use crate::graphics::texture::{MipMode, TextureInner, TextureRef};
use crate::image::ImageData;
use crate::image::lua::ImageDataUd;
use crate::runtime::args::{Args, lua_error, type_name};
use mlua::{Lua, MultiValue, Table, Value};

pub const DEPTH_AS_COLOR: &str = "Depth/stencil format Canvases must be used with the \
     'depthstencil' field of the table passed into setCanvas.";
const COLOR_AS_DEPTH: &str = "Only depth/stencil format Canvases can be used with the \
     'depthstencil' field of the table passed into setCanvas.";
const NOT_READABLE: &str = "Textures with non-readable formats cannot be drawn.";
const COMPARE_DRAWN: &str = "Depth textures which have depth comparison set can only be used \
     with depth/shadow samplers in shaders.";

/// `format` and `readable` of `newCanvas`'s settings table (nil: rgba8, and readable
/// unless the format is depth/stencil, as in LÖVE).
pub fn canvas_settings(lua: &Lua, s: Option<&Table>) -> mlua::Result<(Format, bool)> {
    let mut format = Format::Rgba8;
    let mut name = None;
    let mut readable = None;
    if let Some(s) = s {
        if let Some(f) = s.get::<Option<String>>("format")? {
            match Format::from_name(&f) {
                Some(x) => format = x,
                None if formats::UNRENDERABLE.contains(&f.as_str()) => name = Some(f),
                None => return Err(lua_error(lua, format!("Invalid pixel format: {f}"))),
            }
        }
        readable = s.get::<Option<bool>>("readable")?;
    }
    let readable = readable.unwrap_or(!format.is_depth_stencil());
    // LOVE: "The %s%s canvas format is not supported by your graphics drivers."; the
    // readability is named when it isn't the format's default.
    let unsupported = |fname: &str, depth: bool| {
        let r = if readable == depth {
            if readable {
                " readable"
            } else {
                " non-readable"
            }
        } else {
            ""
        };
        lua_error(
            lua,
            format!("The {fname}{r} canvas format is not supported by your graphics drivers."),
        )
    };
    if let Some(n) = name {
        return Err(unsupported(&n, false));
    }
    let support = format.support(graphics(lua)?.device_features());
    if !support.renderable || (readable && !support.readable) {
        return Err(unsupported(format.love_name(), format.is_depth_stencil()));
    }
    Ok((format, readable))
}

/// LÖVE's checks of a canvas's settings that involve its format (after
/// [`canvas_settings`]); `msaa` is the sample count asked for.
pub fn check_canvas(
    lua: &Lua,
    format: Format,
    readable: bool,
    msaa: u32,
    mips: MipMode,
) -> mlua::Result<()> {
    let depth = format.is_depth_stencil();
    if readable && depth && msaa > 1 {
        return Err(lua_error(
            lua,
            "Readable depth/stencil Canvases with MSAA are not currently supported.",
        ));
    }
    if (!readable || msaa > 1) && mips != MipMode::None {
        return Err(lua_error(
            lua,
            "Non-readable and MSAA textures cannot have mipmaps.",
        ));
    }
    if depth && mips == MipMode::Auto {
        return Err(lua_error(
            lua,
            "Automatic mipmap generation cannot be used for depth/stencil Canvases.",
        ));
    }
    if depth && mips != MipMode::None {
        return Err(lua_error(
            lua,
            "Mipmapped depth/stencil Canvases are not implemented yet",
        ));
    }
    Ok(())
}

/// The MSAA samples a canvas of `format` gets: none where the device can't multisample
/// (and resolve) the format (float32 colour formats without adapter-specific features),
/// as LÖVE gives what the driver has.
pub fn supported_msaa(lua: &Lua, format: Format, msaa: u32) -> mlua::Result<u32> {
    if msaa <= 1 {
        return Ok(msaa);
    }
    Ok(if format.msaa(graphics(lua)?.device_features()) {
        msaa
    } else {
        0
    })
}

/// `getCanvasFormats(readable)`: what `newCanvas` accepts on this device. Without the
/// argument, depth/stencil formats are checked as non-readable and the others as
/// readable (their defaults), as in LÖVE.
fn get_canvas_formats(lua: &Lua, a: MultiValue) -> mlua::Result<Table> {
    let args = Args::new(lua, a, "getCanvasFormats");
    // LOVE: only a boolean counts; anything else is no argument.
    let readable = match args.get(1) {
        Value::Boolean(b) => Some(*b),
        _ => None,
    };
    let features = graphics(lua)?.device_features();
    let t = lua.create_table()?;
    let ok = |f: Format| {
        let s = f.support(features);
        let r = readable.unwrap_or(!f.is_depth_stencil());
        s.renderable && (!r || s.readable)
    };
    for (name, f) in formats::FORMATS.iter().chain(formats::ALIASES) {
        t.set(*name, ok(*f))?;
    }
    t.set("la8", false)?;
    Ok(t)
}

/// `Canvas:newImageData([slice, mipmap, x, y, w, h])`: the pixels in the ImageData
/// format matching the canvas's (byte for byte LÖVE's layout).
pub fn new_image_data(lua: &Lua, t: TextureRef, a: MultiValue) -> mlua::Result<ImageDataUd> {
    let args = Args::new(lua, a, "newImageData");
    if !t.readable {
        return Err(lua_error(
            lua,
            "Canvas:newImageData cannot be called on non-readable Canvases.",
        ));
    }
    let Some(image) = t.format.image_format() else {
        return Err(lua_error(
            lua,
            "Canvas:newImageData cannot be called on Canvases with depth/stencil pixel formats.",
        ));
    };
    let (x, y, rw, rh) = if args.len() < 3 {
        (0, 0, t.width as i64, t.height as i64)
    } else {
        (
            args.integer(3)?,
            args.integer(4)?,
            args.integer(5)?,
            args.integer(6)?,
        )
    };
    if x < 0 || y < 0 || rw <= 0 || rh <= 0 || x + rw > t.width as i64 || y + rh > t.height as i64 {
        return Err(lua_error(lua, "Invalid rectangle dimensions."));
    }
    let mut g = graphics(lua)?;
    if g.state.canvases.iter().any(|c| c.id == t.id) {
        return Err(lua_error(
            lua,
            "Canvas:newImageData cannot be called while that Canvas is currently active.",
        ));
    }
    let stored = formats::Format::wgpu(t.format, g.device_features())
        .ok_or_else(|| lua_error(lua, "the canvas format can't be read back"))?;
    let (w, h, px) = g.read_canvas(&t).map_err(|e| lua_error(lua, e))?;
    drop(g);
    let bytes = formats::to_image_bytes(stored, image, &px)
        .ok_or_else(|| lua_error(lua, "canvas readback has the wrong size"))?;
    let size = image.size();
    if bytes.len() != (w * h) as usize * size {
        return Err(lua_error(lua, "canvas readback has the wrong size"));
    }
    // The rectangle's rows, tightly packed.
    let (x, y, rw, rh) = (x as usize, y as usize, rw as usize, rh as usize);
    let mut part = Vec::with_capacity(rw * rh * size);
    for row in y..y + rh {
        let start = (row * w as usize + x) * size;
        part.extend_from_slice(&bytes[start..start + rw * size]);
    }
    let mut d = ImageData::with_format(rw as u32, rh as u32, image);
    d.set_bytes(&part);
    Ok(ImageDataUd::new(d))
}

/// The `depthstencil` field of `setCanvas`'s table: a depth/stencil Canvas (or a
/// `{canvas, mipmap=}` table), `true` (the built-in buffer), or nothing.
pub fn depth_stencil_arg(lua: &Lua, t: &Table) -> mlua::Result<Option<TextureRef>> {
    let v = t.raw_get::<Value>("depthstencil")?;
    let v = match v {
        Value::Table(e) => e.raw_get::<Value>(1)?,
        Value::Nil | Value::Boolean(_) => return Ok(None),
        v => v,
    };
    let tex = match &v {
        Value::UserData(u) => match u.borrow::<TextureUd>() {
            Ok(ud) if ud.tex.as_ref().is_some_and(|x| x.canvas) => Some(ud.get(lua)?.clone()),
            Ok(ud) if ud.tex.is_none() => Some(ud.get(lua)?.clone()),
            _ => None,
        },
        _ => None,
    };
    let Some(tex) = tex else {
        // LOVE: reported as argument #3 (the field is read onto the stack above the table).
        return Err(lua_error(
            lua,
            format!(
                "bad argument #3 to 'setCanvas' (Canvas expected, got {})",
                type_name(&v)
            ),
        ));
    };
    if !tex.format.is_depth_stencil() {
        return Err(lua_error(lua, COLOR_AS_DEPTH));
    }
    Ok(Some(tex))
}

/// Checks a depth/stencil canvas against the colour canvases it is set with and makes it
/// the target's depth-stencil attachment (None: the built-in buffer).
pub fn set_depth_canvas(
    lua: &Lua,
    colors: &[TextureRef],
    depth: Option<TextureRef>,
) -> mlua::Result<()> {
    if let (Some(d), Some(first)) = (&depth, colors.first()) {
        if (d.width, d.height) != (first.width, first.height) {
            return Err(lua_error(
                lua,
                "All canvases must have the same pixel dimensions.",
            ));
        }
        if d.msaa != first.msaa {
            return Err(lua_error(
                lua,
                "All Canvases must have the same MSAA value.",
            ));
        }
    }
    // Without a colour canvas, the depth canvas is the whole target.
    graphics(lua)?.state.depth_canvas = depth;
    Ok(())
}

/// `getCanvas()` with a depth/stencil canvas set: LÖVE's table form,
/// `{{c1, mipmap = 1}, ..., depthstencil = {d, mipmap = 1}}`; None without one.
pub fn canvas_table(lua: &Lua, colors: &[TextureRef]) -> mlua::Result<Option<Table>> {
    // LOVE: nil with only a depth/stencil canvas set.
    let Some(d) = graphics(lua)?.state.depth_canvas.clone() else {
        return Ok(None);
    };
    if colors.is_empty() {
        return Ok(None);
    }
    let entry = |t: TextureRef| -> mlua::Result<Table> {
        let e = lua.create_table()?;
        e.raw_set(1, super::objects::texture_object(lua, t)?)?;
        e.raw_set("mipmap", 1)?;
        Ok(e)
    };
    let out = lua.create_table()?;
    for (i, c) in colors.iter().enumerate() {
        out.raw_set(i + 1, entry(c.clone())?)?;
    }
    out.raw_set("depthstencil", entry(d)?)?;
    Ok(Some(out))
}

/// LÖVE's errors for drawing a texture that can't be: non-readable, depth with a compare
/// mode, the active depth canvas.
pub fn check_drawable(lua: &Lua, t: &TextureInner) -> mlua::Result<()> {
    if !t.canvas {
        return Ok(());
    }
    if !t.readable {
        return Err(lua_error(lua, NOT_READABLE));
    }
    if t.format.is_depth_stencil() {
        if t.depth_sample.get().is_some() {
            return Err(lua_error(lua, COMPARE_DRAWN));
        }
        let g = graphics(lua)?;
        if g.state.depth_canvas.as_ref().is_some_and(|d| d.id == t.id) {
            return Err(lua_error(lua, super::drawing::SELF_RENDER));
        }
    }
    Ok(())
}

/// LÖVE's errors for sending a texture that can't be sampled to a shader.
pub fn check_sampled(lua: &Lua, t: &TextureInner) -> mlua::Result<()> {
    if !t.readable {
        return Err(lua_error(
            lua,
            "Textures with non-readable formats cannot be sampled from in a shader.",
        ));
    }
    // A readable depth canvas samples as (depth, 0, 0, 1) (renderer/formats.rs); shadow
    // samplers (DepthImage uniforms) are refused by newShader.
    if t.format.is_depth_stencil() && t.depth_sample.get().is_some() {
        return Err(lua_error(lua, COMPARE_DRAWN));
    }
    Ok(())
}

/// `stencil()`: LÖVE refuses a depth canvas without stencil as the target's buffer.
pub fn check_stencil_target(lua: &Lua) -> mlua::Result<()> {
    let g = graphics(lua)?;
    let st = &g.state;
    // LOVE: a canvas target needs `stencil = true` or a stencil-format depthstencil canvas.
    let canvas_target = !st.canvases.is_empty() || st.depth_canvas.is_some();
    let has_stencil = match &st.depth_canvas {
        Some(d) => d.format.has_stencil(),
        None => st.canvas_stencil,
    };
    if canvas_target && !has_stencil {
        return Err(lua_error(
            lua,
            "Drawing to the stencil buffer with a Canvas active requires either stencil=true \
             or a custom stencil-type Canvas to be used, in setCanvas.",
        ));
    }
    Ok(())
}

/// `Texture:getDepthSampleMode()`: nil, or the compare mode of a readable depth canvas.
pub fn get_depth_sample_mode(t: &TextureInner) -> Option<&'static str> {
    let c = t.depth_sample.get()?;
    COMPARES.iter().find(|(_, x)| *x == c).map(|(n, _)| *n)
}

/// `Texture:setDepthSampleMode([compare])`.
pub fn set_depth_sample_mode(lua: &Lua, t: &TextureInner, a: MultiValue) -> mlua::Result<()> {
    let args = Args::new(lua, a, "setDepthSampleMode");
    let mode = if args.is_none_or_nil(1) {
        None
    } else {
        Some(args.enumeration(1, "compare mode", COMPARES)?)
    };
    if mode.is_some() && !(t.canvas && t.readable && t.format.is_depth_stencil()) {
        return Err(lua_error(
            lua,
            "Only readable depth textures can have a depth sample compare mode.",
        ));
    }
    t.depth_sample.set(mode);
    Ok(())
}

pub fn register(lua: &Lua, g: &Table) -> mlua::Result<()> {
    g.set("getCanvasFormats", lua.create_function(get_canvas_formats)?)?;
    Ok(())
}
