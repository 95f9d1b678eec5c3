//! Setting bindings: blend mode, colour mask, scissor, line and point style, and the
//! capability queries (getSupported, getSystemLimits, formats, renderer info).

use super::graphics;
use crate::graphics::batch::{Blend, BlendMode};
use crate::graphics::{LineJoin, LineStyle};
use crate::runtime::args::{Args, lua_error};
use mlua::{Lua, MultiValue, Table, Value};

const BLEND_MODES: &[(&str, BlendMode)] = &[
    ("alpha", BlendMode::Alpha),
    ("add", BlendMode::Add),
    ("subtract", BlendMode::Subtract),
    ("multiply", BlendMode::Multiply),
    ("lighten", BlendMode::Lighten),
    ("darken", BlendMode::Darken),
    ("screen", BlendMode::Screen),
    ("replace", BlendMode::Replace),
    ("none", BlendMode::None),
];

const LINE_STYLES: &[(&str, LineStyle)] =
    &[("rough", LineStyle::Rough), ("smooth", LineStyle::Smooth)];
const LINE_JOINS: &[(&str, LineJoin)] = &[
    ("none", LineJoin::None),
    ("miter", LineJoin::Miter),
    ("bevel", LineJoin::Bevel),
];

fn name_of<T: PartialEq + Copy>(list: &[(&'static str, T)], v: T) -> &'static str {
    list.iter()
        .find(|(_, x)| *x == v)
        .map(|(n, _)| *n)
        .unwrap_or("")
}

fn scissor_args(args: &Args, lua: &Lua) -> mlua::Result<[f32; 4]> {
    let r = [args.f32(1)?, args.f32(2)?, args.f32(3)?, args.f32(4)?];
    if r[2] < 0.0 || r[3] < 0.0 {
        return Err(lua_error(
            lua,
            "Can't set scissor with negative width and/or height.",
        ));
    }
    Ok(r)
}

fn set(
    lua: &Lua,
    g: &Table,
    name: &str,
    f: impl Fn(&Lua, MultiValue) -> mlua::Result<MultiValue> + 'static,
) -> mlua::Result<()> {
    g.set(
        name,
        lua.create_function(move |lua, a: MultiValue| f(lua, a))?,
    )
}

fn bool_map(lua: &Lua, pairs: &[(&str, bool)]) -> mlua::Result<Table> {
    let t = lua.create_table()?;
    for (k, v) in pairs {
        t.set(*k, *v)?;
    }
    Ok(t)
}

pub fn register(lua: &Lua, g: &Table) -> mlua::Result<()> {
    g.set(
        "setBlendMode",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "setBlendMode");
            let mode = args.enumeration(1, "blend mode", BLEND_MODES)?;
            let premultiplied = if args.is_none_or_nil(2) {
                false
            } else {
                args.enumeration(
                    2,
                    "blend alpha mode",
                    &[("alphamultiply", false), ("premultiplied", true)],
                )?
            };
            // LOVE: these modes can't multiply the source by its alpha.
            if !premultiplied
                && matches!(
                    mode,
                    BlendMode::Lighten | BlendMode::Darken | BlendMode::Multiply
                )
            {
                return Err(lua_error(
                    lua,
                    format!(
                        "The '{}' blend mode must be used with premultiplied alpha.",
                        name_of(BLEND_MODES, mode)
                    ),
                ));
            }
            graphics(lua)?.state.blend = Blend {
                mode,
                premultiplied,
            };
            Ok(())
        })?,
    )?;
    g.set(
        "getBlendMode",
        lua.create_function(|lua, ()| {
            let b = graphics(lua)?.state.blend;
            Ok((
                name_of(BLEND_MODES, b.mode),
                if b.premultiplied {
                    "premultiplied"
                } else {
                    "alphamultiply"
                },
            ))
        })?,
    )?;
    g.set(
        "setColorMask",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "setColorMask");
            let mask = if args.is_empty() {
                0xf
            } else {
                let mut m = 0u8;
                for i in 0..4 {
                    if args.boolean(i + 1)? {
                        m |= 1 << i;
                    }
                }
                m
            };
            graphics(lua)?.state.color_mask = mask;
            Ok(())
        })?,
    )?;
    g.set(
        "getColorMask",
        lua.create_function(|lua, ()| {
            let m = graphics(lua)?.state.color_mask;
            Ok((m & 1 != 0, m & 2 != 0, m & 4 != 0, m & 8 != 0))
        })?,
    )?;
    g.set(
        "setScissor",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "setScissor");
            let s = if args.is_empty() {
                None
            } else {
                Some(scissor_args(&args, lua)?)
            };
            graphics(lua)?.state.scissor = s;
            Ok(())
        })?,
    )?;
    g.set(
        "intersectScissor",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "intersectScissor");
            let [x, y, w, h] = scissor_args(&args, lua)?;
            let mut g = graphics(lua)?;
            let r = match g.state.scissor {
                None => [x, y, w, h],
                Some([sx, sy, sw, sh]) => {
                    let x0 = x.max(sx);
                    let y0 = y.max(sy);
                    let x1 = (x + w).min(sx + sw);
                    let y1 = (y + h).min(sy + sh);
                    [x0, y0, (x1 - x0).max(0.0), (y1 - y0).max(0.0)]
                }
            };
            g.state.scissor = Some(r);
            Ok(())
        })?,
    )?;
    g.set(
        "getScissor",
        lua.create_function(|lua, ()| {
            Ok(match graphics(lua)?.state.scissor {
                Some([x, y, w, h]) => {
                    MultiValue::from_iter([x, y, w, h].map(|v| Value::Number(v as f64)))
                }
                None => MultiValue::new(),
            })
        })?,
    )?;
    g.set(
        "setLineStyle",
        lua.create_function(|lua, a: MultiValue| {
            let s = Args::new(lua, a, "setLineStyle").enumeration(1, "line style", LINE_STYLES)?;
            graphics(lua)?.state.line_style = s;
            Ok(())
        })?,
    )?;
    g.set(
        "getLineStyle",
        lua.create_function(|lua, ()| Ok(name_of(LINE_STYLES, graphics(lua)?.state.line_style)))?,
    )?;
    g.set(
        "setLineJoin",
        lua.create_function(|lua, a: MultiValue| {
            let j = Args::new(lua, a, "setLineJoin").enumeration(1, "line join", LINE_JOINS)?;
            graphics(lua)?.state.line_join = j;
            Ok(())
        })?,
    )?;
    g.set(
        "getLineJoin",
        lua.create_function(|lua, ()| Ok(name_of(LINE_JOINS, graphics(lua)?.state.line_join)))?,
    )?;
    g.set(
        "setPointSize",
        lua.create_function(|lua, a: MultiValue| {
            let s = Args::new(lua, a, "setPointSize").f32(1)?;
            graphics(lua)?.state.point_size = s;
            Ok(())
        })?,
    )?;
    g.set(
        "getPointSize",
        lua.create_function(|lua, ()| Ok(graphics(lua)?.state.point_size))?,
    )?;
    set(lua, g, "setWireframe", |lua, a| {
        let args = Args::new(lua, a, "setWireframe");
        let on = args.opt_bool(1, false);
        let mut g = graphics(lua)?;
        if on && !g.supports_wireframe() {
            return Err(lua_error(
                lua,
                "Wireframe rendering is not supported on this system (the GPU lacks wgpu's \
                 line polygon mode).",
            ));
        }
        g.state.wireframe = on;
        Ok(MultiValue::new())
    })?;
    g.set(
        "isWireframe",
        lua.create_function(|lua, ()| Ok(graphics(lua)?.state.wireframe))?,
    )?;
    super::depth::register(lua, g)?;
    g.set("isGammaCorrect", lua.create_function(|_, ()| Ok(false))?)?;
    g.set("getDPIScale", lua.create_function(|_, ()| Ok(1.0))?)?;
    g.set(
        "getPixelWidth",
        lua.create_function(|lua, ()| Ok(graphics(lua)?.dimensions().0))?,
    )?;
    g.set(
        "getPixelHeight",
        lua.create_function(|lua, ()| Ok(graphics(lua)?.dimensions().1))?,
    )?;
    g.set(
        "getPixelDimensions",
        lua.create_function(|lua, ()| Ok(graphics(lua)?.dimensions()))?,
    )?;
    g.set(
        "getStackDepth",
        lua.create_function(|lua, ()| Ok(graphics(lua)?.stack_depth()))?,
    )?;
    // Batches are flushed at present and before readbacks; there is nothing to force.
    g.set("flushBatch", lua.create_function(|_, ()| Ok(()))?)?;
    set(lua, g, "discard", |_, _| Ok(MultiValue::new()))?;
    g.set(
        "getRendererInfo",
        lua.create_function(|lua, ()| {
            let g = graphics(lua)?;
            let info = g
                .renderer_info()
                .ok_or_else(|| lua_error(lua, "love.graphics is not active"))?;
            Ok((
                format!("{:?}", info.backend),
                info.driver_info.clone(),
                format!("{:?}", info.vendor),
                info.name.clone(),
            ))
        })?,
    )?;
    g.set(
        "getSupported",
        lua.create_function(|lua, ()| {
            bool_map(
                lua,
                &[
                    ("clampzero", true),
                    ("lighten", true),
                    ("multicanvasformats", true),
                    ("glsl3", true),
                    ("instancing", false),
                    ("fullnpot", true),
                    ("pixelshaderhighp", true),
                    ("shaderderivatives", true),
                ],
            )
        })?,
    )?;
    g.set(
        "getSystemLimits",
        lua.create_function(|lua, ()| {
            let (size, (volume, layers)) = {
                let g = graphics(lua)?;
                (g.max_texture_size(), g.layer_limits())
            };
            let t = lua.create_table()?;
            t.set("texturesize", size)?;
            t.set("volumetexturesize", volume)?;
            t.set("cubetexturesize", size)?;
            t.set("texturelayers", layers)?;
            t.set("multicanvas", crate::graphics::batch::MAX_CANVASES)?;
            t.set("canvasmsaa", crate::graphics::texture::MSAA_SAMPLES)?;
            t.set("anisotropy", 16)?;
            t.set("pointsize", 255)?;
            Ok(t)
        })?,
    )?;
    g.set(
        "getTextureTypes",
        lua.create_function(|lua, ()| {
            bool_map(
                lua,
                &[
                    ("2d", true),
                    ("array", true),
                    ("cube", true),
                    ("volume", true),
                ],
            )
        })?,
    )?;
    // getCanvasFormats: canvas_formats.rs.
    {
        let name = "getImageFormats";
        g.set(
            name,
            lua.create_function(|lua, _: MultiValue| {
                bool_map(
                    lua,
                    &[
                        ("normal", true),
                        ("rgba8", true),
                        ("rgba16f", true),
                        ("srgba8", false),
                        ("rgba32f", false),
                        ("r8", false),
                        ("rg8", false),
                        ("hdr", false),
                    ],
                )
            })?,
        )?;
    }
    Ok(())
}
