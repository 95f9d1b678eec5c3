//! Array, cube and volume textures: newArrayImage, newCubeImage, newVolumeImage,
//! drawLayer, SpriteBatch:addLayer/setLayer, replacePixels per slice, and the checks that
//! keep them out of 2D-only draws. Canvases of these types: `layer_targets.rs`. Core:
//! `graphics/layered.rs`.

use super::batches::{SpriteBatchUd, sprite_args};
use super::drawing::SELF_RENDER;
use super::graphics;
use super::objects::{QuadUd, TextureUd, TransformUd, image_data_arg, placement, texture_arg};
use crate::graphics::layered::{TexKind, slices};
use crate::graphics::texture::{Format, MipMode, TextureInner, TextureRef, TextureSpec};
use crate::image::ImageData;
use crate::image::lua::ImageDataUd;
use crate::runtime::args::{Args, lua_error, type_name};
use mlua::{Lua, MultiValue, Table, UserDataMethods, Value};

/// LÖVE's error for drawing a texture the (default or game) shader can't sample as its
/// main texture.
pub fn main_texture_error(lua: &Lua, kind: TexKind, shader: TexKind) -> mlua::Error {
    lua_error(
        lua,
        format!(
            "Texture's type ({}) must match the type of the shader's main texture type ({}).",
            kind.love_name(),
            shader.love_name()
        ),
    )
}

/// Checks that `draw` can draw `t` as it is: 2D textures always; array textures with the
/// default shader (game shaders can't take an ArrayImage MainTex yet); never cube or
/// volume textures.
pub fn check_drawable(lua: &Lua, t: &TextureInner) -> mlua::Result<()> {
    let g = graphics(lua)?;
    let main = g.main_texture_kind();
    match (t.kind, main) {
        (TexKind::D2, TexKind::D2) => Ok(()),
        // The default shader draws array textures too (its array variant).
        (TexKind::Array, _) if g.state.shader.is_none() || main == TexKind::Array => Ok(()),
        (kind, main) => Err(main_texture_error(lua, kind, main)),
    }
}

/// A SpriteBatch with attached attributes is drawn from its own buffer, which has no
/// layers: only 2D textures there.
pub fn check_attached_batch(
    lua: &Lua,
    sb: &crate::graphics::mesh::SpriteBatch,
) -> mlua::Result<()> {
    match sb.texture.kind {
        TexKind::D2 => Ok(()),
        TexKind::Array => Err(lua_error(
            lua,
            "Drawing a SpriteBatch of an array texture with attached attributes is not implemented yet",
        )),
        kind => Err(main_texture_error(lua, kind, TexKind::D2)),
    }
}

/// LÖVE's check in newParticleSystem and ParticleSystem:setTexture.
pub fn check_particle_texture(lua: &Lua, t: &TextureInner) -> mlua::Result<()> {
    if t.kind != TexKind::D2 {
        return Err(lua_error(
            lua,
            "Only 2D textures can be used with ParticleSystems.",
        ));
    }
    Ok(())
}

/// One slice given in a table (or alone): ImageData, a file name, FileData or
/// CompressedImageData. `n` is the argument number LÖVE reports for it.
fn slice_data(lua: &Lua, fname: &'static str, v: Value, n: usize) -> mlua::Result<ImageData> {
    let ok = match &v {
        Value::String(_) | Value::Number(_) | Value::Integer(_) => true,
        Value::UserData(u) => {
            u.is::<ImageDataUd>()
                || crate::image::lua::is_file_data(u)
                || u.is::<crate::image::lua_compressed::CompressedUd>()
        }
        _ => false,
    };
    if !ok {
        let got = if matches!(v, Value::Nil) && n == 1 {
            "no value"
        } else {
            type_name(&v)
        };
        return Err(lua_error(
            lua,
            format!("bad argument #{n} to '{fname}' (ImageData expected, got {got})"),
        ));
    }
    let args = Args::new(lua, MultiValue::from_vec(vec![v]), fname);
    image_data_arg(&args, lua, 1)
}

/// The slices of newArrayImage/newCubeImage/newVolumeImage: a table of them, or one.
fn slice_list(lua: &Lua, args: &Args, fname: &'static str) -> mlua::Result<Vec<ImageData>> {
    match args.get(1) {
        Value::Table(t) => {
            let n = t.raw_len().max(1);
            // LOVE: slice i is read onto stack slot 2 + i, the number its errors report.
            (1..=n)
                .map(|i| slice_data(lua, fname, t.raw_get(i)?, 2 + i))
                .collect()
        }
        v => Ok(vec![slice_data(lua, fname, v.clone(), 1)?]),
    }
}

/// `{mipmaps, linear, dpiscale}` at argument 2.
fn image_flags(args: &Args) -> mlua::Result<(bool, f32)> {
    match args.get(2) {
        Value::Nil => Ok((false, 1.0)),
        Value::Table(s) => Ok((
            s.get::<Option<bool>>("mipmaps")?.unwrap_or(false),
            s.get::<Option<f32>>("dpiscale")?.unwrap_or(1.0),
        )),
        _ => Err(args.type_error(2, "table")),
    }
}

pub(super) fn crop(src: &ImageData, x: u32, y: u32, w: u32, h: u32) -> ImageData {
    let mut d = ImageData::new(w, h);
    d.paste(src, 0, 0, x as i64, y as i64, w as i64, h as i64);
    d
}

/// LÖVE's `Image::newCubeFaces`: one image holding the six faces (+x, -x, +y, -y, +z, -z)
/// as a vertical or horizontal cross or strip.
fn cube_faces(lua: &Lua, src: &ImageData) -> mlua::Result<Vec<ImageData>> {
    let (tw, th) = (src.width, src.height);
    let cells: Vec<(u32, u32)>;
    let (w, h);
    if tw % 3 == 0 && th % 4 == 0 && tw / 3 == th / 4 {
        (w, h) = (tw / 3, th / 4);
        cells = vec![(1, 1), (1, 3), (1, 0), (1, 2), (0, 1), (2, 1)];
    } else if tw % 4 == 0 && th % 3 == 0 && tw / 4 == th / 3 {
        (w, h) = (tw / 4, th / 3);
        cells = vec![(2, 1), (0, 1), (1, 0), (1, 2), (1, 1), (3, 1)];
    } else if th % 6 == 0 && tw == th / 6 {
        (w, h) = (tw, th / 6);
        cells = (0..6).map(|i| (0, i)).collect();
    } else if tw % 6 == 0 && tw / 6 == th {
        (w, h) = (tw / 6, th);
        cells = (0..6).map(|i| (i, 0)).collect();
    } else {
        return Err(lua_error(lua, "Unknown cubemap image dimensions!"));
    }
    Ok(cells
        .into_iter()
        .map(|(cx, cy)| crop(src, cx * w, cy * h, w, h))
        .collect())
}

/// LÖVE's `Image::newVolumeLayers`: square slices side by side or stacked.
fn volume_layers(lua: &Lua, src: &ImageData) -> mlua::Result<Vec<ImageData>> {
    let (w, h) = (src.width, src.height);
    if h > 0 && w % h == 0 {
        Ok((0..w / h).map(|i| crop(src, i * h, 0, h, h)).collect())
    } else if w > 0 && h % w == 0 {
        Ok((0..h / w).map(|i| crop(src, 0, i * w, w, w)).collect())
    } else {
        Err(lua_error(
            lua,
            "Cannot extract volume layers from source ImageData.",
        ))
    }
}

fn new_layered_image(lua: &Lua, a: MultiValue, kind: TexKind) -> mlua::Result<TextureUd> {
    let fname = match kind {
        TexKind::Cube => "newCubeImage",
        TexKind::Volume => "newVolumeImage",
        _ => "newArrayImage",
    };
    let args = Args::new(lua, a, fname);
    let mut list = slice_list(lua, &args, fname)?;
    let (mipmaps, dpi) = image_flags(&args)?;
    let single = !matches!(args.get(1), Value::Table(_));
    if single && kind == TexKind::Cube {
        list = cube_faces(lua, &list[0])?;
    } else if single && kind == TexKind::Volume {
        list = volume_layers(lua, &list[0])?;
    }
    if kind == TexKind::Cube && list.len() != 6 {
        return Err(lua_error(lua, "Cube textures must have exactly 6 sides."));
    }
    let (w, h) = (list[0].width, list[0].height);
    if kind == TexKind::Cube && w != h {
        return Err(lua_error(lua, "Unknown cubemap image dimensions!"));
    }
    let mut pixels = Vec::with_capacity(list.len() * (w * h * 4) as usize);
    for (i, d) in list.iter().enumerate() {
        for (what, want, got) in [("Width", w, d.width), ("Height", h, d.height)] {
            if want != got {
                return Err(lua_error(
                    lua,
                    format!(
                        "{what} of image data (slice {}, mipmap level 1) is incorrect \
                         (expected {want}, got {got})",
                        i + 1
                    ),
                ));
            }
        }
        pixels.extend_from_slice(&d.pixels);
    }
    let spec = TextureSpec {
        width: w,
        height: h,
        format: Format::Rgba8,
        dpi_scale: dpi,
        mip_mode: if mipmaps {
            MipMode::Auto
        } else {
            MipMode::None
        },
        msaa: 0,
        readable: true,
    };
    let t = graphics(lua)?
        .new_layered_texture(spec, kind, list.len() as u32, Some(&pixels))
        .map_err(|e| lua_error(lua, e))?;
    Ok(TextureUd {
        tex: Some(t),
        mipmap_sharpness: 0.0,
        token: Default::default(),
    })
}

/// The placement of a draw: a Transform object at `at`, or x, y, r, sx, sy, ox, oy, kx, ky.
fn local(args: &Args, lua: &Lua, at: usize) -> mlua::Result<glam::Affine2> {
    if let Value::UserData(u) = args.get(at)
        && let Ok(t) = u.borrow::<TransformUd>()
    {
        return Ok(t.get(lua)?.affine());
    }
    placement(args, at)
}

fn quad_at(
    lua: &Lua,
    args: &Args,
    n: usize,
) -> mlua::Result<Option<crate::graphics::texture::Quad>> {
    match args.get(n) {
        Value::UserData(q) => match q.borrow::<QuadUd>() {
            Ok(q) => Ok(Some(q.get(lua)?)),
            Err(_) => Ok(None),
        },
        _ => Ok(None),
    }
}

/// The layer (0-based) of the Quad at argument `n`, if there is one (0 otherwise).
pub fn quad_layer(lua: &Lua, args: &Args, n: usize) -> mlua::Result<u32> {
    Ok(quad_at(lua, args, n)?.map_or(0, |q| q.layer.max(0) as u32))
}

/// LÖVE's layer check: `layer` is 1-based as the game gives it.
fn check_layer(lua: &Lua, t: &TextureInner, layer: i64) -> mlua::Result<u32> {
    if layer < 1 || layer > t.layers as i64 {
        return Err(lua_error(
            lua,
            format!("Invalid layer: {layer} (Texture has {} layers)", t.layers),
        ));
    }
    Ok(layer as u32 - 1)
}

fn is_target(lua: &Lua, t: &TextureInner) -> mlua::Result<bool> {
    Ok(t.canvas && graphics(lua)?.state.canvases.iter().any(|c| c.id == t.id))
}

/// `drawLayer(array, layer, x, y, r, sx, sy, ox, oy, kx, ky)` with plain numbers, read
/// off the stack; None when the call needs the general path (which also raises errors).
// PERF: the MultiValue path cost ~360 ns a call (10k drawLayer: 3.6 ms/frame).
fn draw_layer_fast(lua: &Lua, f: &super::fast::Fast) -> Option<mlua::Result<()>> {
    let Some(Value::UserData(u)) = &f.first else {
        return None;
    };
    if f.n > 11 {
        return None;
    }
    let t = u.borrow::<TextureUd>().ok()?;
    let tex = t.tex.as_ref()?;
    let layer = f.num(2)?;
    if tex.kind != TexKind::Array
        || layer.fract() != 0.0
        || layer < 1.0
        || layer > tex.layers as f32
    {
        return None;
    }
    let sx = f.opt(6, 1.0)?;
    let l = crate::graphics::transform::from_params(
        f.opt(3, 0.0)?,
        f.opt(4, 0.0)?,
        f.opt(5, 0.0)?,
        sx,
        f.opt(7, sx)?,
        f.opt(8, 0.0)?,
        f.opt(9, 0.0)?,
        f.opt(10, 0.0)?,
        f.opt(11, 0.0)?,
    );
    let mut g = match graphics(lua) {
        Ok(g) => g,
        Err(e) => return Some(Err(e)),
    };
    if (g.state.shader.is_some() && g.main_texture_kind() != TexKind::Array)
        || (tex.canvas && g.state.canvases.iter().any(|c| c.id == tex.id))
    {
        return None;
    }
    g.draw_layer(tex, layer as u32 - 1, None, &l);
    Some(Ok(()))
}

fn draw_layer(lua: &Lua, a: super::fast::FastArgs) -> mlua::Result<()> {
    if let super::fast::FastArgs::Fast(f) = &a
        && let Some(r) = draw_layer_fast(lua, f)
    {
        return r;
    }
    let args = Args::new(lua, a.into_multi(lua)?, "drawLayer");
    let tex = texture_arg(&args, lua, 1)?;
    let layer = args.integer(2)?;
    if tex.kind != TexKind::Array {
        return Err(lua_error(
            lua,
            "drawLayer can only be used with Array Textures!",
        ));
    }
    let layer = check_layer(lua, &tex, layer)?;
    let quad = quad_at(lua, &args, 3)?;
    let l = local(&args, lua, if quad.is_some() { 4 } else { 3 })?;
    check_drawable(lua, &tex)?;
    if is_target(lua, &tex)? {
        return Err(lua_error(lua, SELF_RENDER));
    }
    graphics(lua)?.draw_layer(&tex, layer, quad.as_ref(), &l);
    Ok(())
}

/// `draw(arrayTexture, [quad,] ...)`: the quad's layer (LÖVE's quads default to layer 1).
pub fn draw_array(
    lua: &Lua,
    tex: &TextureRef,
    quad: Option<&crate::graphics::texture::Quad>,
    l: &glam::Affine2,
) -> mlua::Result<()> {
    check_drawable(lua, tex)?;
    let layer = quad
        .map_or(0, |q| q.layer.max(0) as u32)
        .min(tex.layers - 1);
    graphics(lua)?.draw_layer(tex, layer, quad, l);
    Ok(())
}

/// SpriteBatch:addLayer and setLayer.
pub fn add_sprite_layer_methods<M: UserDataMethods<SpriteBatchUd>>(m: &mut M) {
    // LOVE: argument numbers count the batch itself (#2 is the first argument).
    fn with_self(a: MultiValue) -> MultiValue {
        let mut v = a.into_vec();
        v.insert(0, Value::Nil);
        MultiValue::from_vec(v)
    }
    m.add_method_mut("addLayer", |lua, this, a: MultiValue| {
        let args = Args::new(lua, with_self(a), "addLayer");
        let mut sb = this.get(lua)?;
        let layer = layer_for(lua, &args, &sb.texture, 2)?;
        let s = sprite_args(lua, &args, &sb, 3)?;
        let id = sb.add(s);
        sb.set_layer(id, layer);
        Ok(id)
    });
    m.add_method_mut("setLayer", |lua, this, a: MultiValue| {
        let args = Args::new(lua, with_self(a), "setLayer");
        let index = args.integer(2)?;
        let mut sb = this.get(lua)?;
        let layer = layer_for(lua, &args, &sb.texture, 3)?;
        let s = sprite_args(lua, &args, &sb, 4)?;
        // LOVE: an index past the sprites is not an error; nothing is drawn there.
        if index >= 1 && sb.set(index as usize, s) {
            sb.set_layer(index as usize, layer);
        }
        Ok(())
    });
}

fn layer_for(lua: &Lua, args: &Args, t: &TextureInner, n: usize) -> mlua::Result<u32> {
    let layer = args.integer(n)?;
    if t.kind != TexKind::Array {
        // LOVE: setLayer says addLayer too.
        return Err(lua_error(
            lua,
            "addLayer can only be called on a SpriteBatch that uses an Array Texture!",
        ));
    }
    check_layer(lua, t, layer)
}

/// `replacePixels(data, slice, mipmap, x, y)`: checks the slice and mipmap (1-based) and
/// uploads (only level 1: the others are made from it).
pub fn replace_pixels(lua: &Lua, t: &TextureRef, args: &Args) -> mlua::Result<()> {
    let ud = match args.get(1) {
        Value::UserData(u) if u.is::<ImageDataUd>() => u.clone(),
        _ => return Err(args.type_error(1, "ImageData")),
    };
    let slice = args.opt_integer(2, 1)?;
    // LOVE: a 2D Image ignores the slice.
    if t.kind != TexKind::D2 && (slice < 1 || slice > slices(t) as i64) {
        return Err(lua_error(
            lua,
            format!("Invalid image slice index {slice}."),
        ));
    }
    let mipmap = args.opt_integer(3, 1)?;
    if mipmap != 1 {
        // LOVE: levels below the first are remade from it (mipmaps = true).
        return Err(lua_error(
            lua,
            format!("Invalid image mipmap index {mipmap}."),
        ));
    }
    let x = args.opt_integer(4, 0)?.max(0) as u32;
    let y = args.opt_integer(5, 0)?.max(0) as u32;
    let d = ud.borrow::<ImageDataUd>()?;
    d.with(lua, |data| {
        if x + data.width > t.width || y + data.height > t.height {
            return Err(lua_error(
                lua,
                "The specified ImageData is larger than the Image's dimensions.",
            ));
        }
        let fresh = (data.format != crate::image::PixelFormat::Rgba8).then(|| data.clone());
        let px = fresh.as_ref().map_or(&data.pixels, |c| &c.pixels);
        let mut g = graphics(lua)?;
        if t.kind == TexKind::D2 {
            g.replace_pixels(t, x, y, data.width, data.height, px);
        } else {
            g.replace_layer_pixels(t, slice as u32 - 1, x, y, data.width, data.height, px);
        }
        Ok(())
    })?
}

pub fn register(lua: &Lua, g: &Table) -> mlua::Result<()> {
    g.set(
        "newArrayImage",
        lua.create_function(|lua, a: MultiValue| new_layered_image(lua, a, TexKind::Array))?,
    )?;
    g.set(
        "newCubeImage",
        lua.create_function(|lua, a: MultiValue| new_layered_image(lua, a, TexKind::Cube))?,
    )?;
    g.set(
        "newVolumeImage",
        lua.create_function(|lua, a: MultiValue| new_layered_image(lua, a, TexKind::Volume))?,
    )?;
    g.set("drawLayer", lua.create_function(draw_layer)?)?;
    Ok(())
}
