//! State bindings: colours, clear, text, line and point settings, blend modes, colour
//! mask, scissor, the transform stack, present, stats and capabilities.

use super::graphics;
use crate::runtime::args::{Args, lua_error};
use mlua::{Lua, MultiValue, Table, Value};

/// A colour from `(r, g, b [, a])` or `({r, g, b [, a]})` at argument `at`, as setColor
/// and setBackgroundColor read it (LÖVE reports table slots as negative indices).
pub(super) fn color_args(args: &Args, at: usize) -> mlua::Result<[f32; 4]> {
    if let Value::Table(t) = args.get(at) {
        let mut c = [0.0f32; 4];
        for (i, slot) in c.iter_mut().enumerate() {
            let v: Value = t.raw_get(i + 1)?;
            *slot = match v {
                Value::Number(n) => n as f32,
                Value::Integer(n) => n as f32,
                Value::Nil if i == 3 => 1.0,
                // LOVE reports table slots r, g, b, a as arguments #3..#6.
                other => return Err(lua_error_bad(args, i + 3, &other)),
            };
        }
        return Ok(c);
    }
    Ok([
        args.f32(at)?,
        args.f32(at + 1)?,
        args.f32(at + 2)?,
        args.opt_f32(at + 3, 1.0)?,
    ])
}

fn lua_error_bad(args: &Args, n: usize, got: &Value) -> mlua::Error {
    let msg = format!(
        "number expected, got {}",
        crate::runtime::args::type_name(got)
    );
    args.error(n, msg)
}

/// Text as print takes it: a string (or number), or `{color1, string1, color2, ...}`.
pub(super) fn text_runs(args: &Args, n: usize) -> mlua::Result<Vec<([f32; 4], String)>> {
    // LOVE: text must be valid UTF-8.
    let utf8 = |s: &mlua::LuaString| -> mlua::Result<String> {
        s.to_str()
            .map(|s| s.to_string())
            .map_err(|_| args.lua_error("UTF-8 decoding error: Invalid UTF-8"))
    };
    let Value::Table(t) = args.get(n) else {
        if let Value::String(s) = args.get(n) {
            return Ok(vec![([1.0; 4], utf8(s)?)]);
        }
        return Ok(vec![([1.0; 4], args.string(n)?)]);
    };
    let mut runs = Vec::new();
    let mut color = [1.0f32; 4];
    for v in t.sequence_values::<Value>() {
        match v? {
            Value::Table(c) => {
                for (i, slot) in color.iter_mut().enumerate() {
                    *slot = match c.raw_get::<Value>(i + 1)? {
                        Value::Number(x) => x as f32,
                        Value::Integer(x) => x as f32,
                        _ => 1.0,
                    };
                }
            }
            Value::String(s) => runs.push((color, utf8(&s)?)),
            Value::Integer(i) => runs.push((color, i.to_string())),
            Value::Number(x) => runs.push((color, crate::runtime::args::format_lua_number(x))),
            _ => {}
        }
    }
    Ok(runs)
}

/// LÖVE's `setTransformation(x, y, r, sx, sy, ox, oy, kx, ky)` from arguments at `at`.
/// `x, y` are given; `r, sx, sy, ox, oy, kx, ky` are read from argument `at` on.
pub(super) fn transform_args(
    args: &Args,
    x: f32,
    y: f32,
    at: usize,
) -> mlua::Result<glam::Affine2> {
    use glam::{Affine2, Mat2, Vec2};
    let r = args.opt_f32(at, 0.0)?;
    let sx = args.opt_f32(at + 1, 1.0)?;
    let sy = args.opt_f32(at + 2, sx)?;
    let ox = args.opt_f32(at + 3, 0.0)?;
    let oy = args.opt_f32(at + 4, 0.0)?;
    let kx = args.opt_f32(at + 5, 0.0)?;
    let ky = args.opt_f32(at + 6, 0.0)?;
    let shear = Mat2::from_cols(Vec2::new(1.0, ky), Vec2::new(kx, 1.0));
    Ok(Affine2::from_translation(Vec2::new(x, y))
        * Affine2::from_angle(r)
        * Affine2::from_scale(Vec2::new(sx, sy))
        * Affine2::from_mat2(shear)
        * Affine2::from_translation(Vec2::new(-ox, -oy)))
}

/// A Transform object at `at` (print and printf take one instead of x, y, r, ...).
fn transform_object(lua: &Lua, args: &Args, at: usize) -> mlua::Result<Option<glam::Affine2>> {
    if let Value::UserData(u) = args.get(at)
        && let Ok(t) = u.borrow::<super::objects::TransformUd>()
    {
        return Ok(Some(t.get(lua)?.affine()));
    }
    Ok(None)
}

pub(super) const ALIGN_MODES: &[(&str, crate::graphics::text::Align)] = &[
    ("left", crate::graphics::text::Align::Left),
    ("center", crate::graphics::text::Align::Center),
    ("right", crate::graphics::text::Align::Right),
    ("justify", crate::graphics::text::Align::Justify),
];

pub fn register(lua: &Lua, g: &Table) -> mlua::Result<()> {
    g.set(
        "print",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "print");
            let runs = text_runs(&args, 1)?;
            // print(text, transform) or print(text, x, y, r, sx, sy, ox, oy, kx, ky).
            let t = match transform_object(lua, &args, 2)? {
                Some(t) => t,
                None => {
                    let (x, y) = (args.opt_f32(2, 0.0)?, args.opt_f32(3, 0.0)?);
                    transform_args(&args, x, y, 4)?
                }
            };
            graphics(lua)?.print(&runs, t, None);
            Ok(())
        })?,
    )?;
    g.set(
        "printf",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "printf");
            let runs = text_runs(&args, 1)?;
            // printf(text, transform, limit, align) or printf(text, x, y, limit, align, r, ...).
            let object = transform_object(lua, &args, 2)?;
            let shift = if object.is_some() { 1 } else { 0 };
            let limit = args.f32(4 - shift)?;
            let align = if args.is_none_or_nil(5 - shift) {
                crate::graphics::text::Align::Left
            } else {
                // LOVE: printf says "alignment" (Text:setf and addf say "align mode").
                args.enumeration(5 - shift, "alignment", ALIGN_MODES)?
            };
            let t = match object {
                Some(t) => t,
                None => transform_args(&args, args.f32(2)?, args.f32(3)?, 6)?,
            };
            graphics(lua)?.print(&runs, t, Some((limit, align)));
            Ok(())
        })?,
    )?;
    g.set(
        "reset",
        lua.create_function(|lua, ()| {
            graphics(lua)?.reset();
            Ok(())
        })?,
    )?;

    g.set(
        "clear",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "clear");
            // clear(), clear(r, g, b, a, stencil, depth), clear(false, stencil, depth),
            // clear({r, g, b, a}, ..., stencil, depth).
            let (color, next) = match args.get(1) {
                Value::Nil if args.is_empty() => (Some([0.0; 4]), 1),
                Value::Boolean(false) => (None, 2),
                Value::Boolean(true) => (Some([0.0; 4]), 2),
                Value::Table(_) => {
                    let mut n = 1;
                    while let Value::Table(_) = args.get(n + 1) {
                        n += 1;
                    }
                    (Some(color_args(&args, 1)?), n + 1)
                }
                _ => (Some(color_args(&args, 1)?), 5),
            };
            let stencil = match args.get(next) {
                Value::Boolean(false) => None,
                Value::Nil | Value::Boolean(true) => Some(0),
                _ => Some(args.integer(next)?.clamp(0, 255) as u8),
            };
            // LOVE: depth 1 unless given; false keeps it.
            let depth = match args.get(next + 1) {
                Value::Boolean(false) => None,
                Value::Nil | Value::Boolean(true) => Some(1.0),
                _ => Some(args.number(next + 1)?.clamp(0.0, 1.0) as f32),
            };
            graphics(lua)?.clear_depth(color, stencil, depth);
            Ok(())
        })?,
    )?;

    g.set(
        "setColor",
        lua.create_function(|lua, a: super::fast::FastArgs| {
            // PERF: setColor(r, g, b [, a]) with numbers skips MultiValue.
            if let super::fast::FastArgs::Fast(f) = &a
                && f.first.is_none()
                && (f.n == 3 || f.n == 4)
                && let (Some(r), Some(gg), Some(b), Some(al)) =
                    (f.num(1), f.num(2), f.num(3), f.opt(4, 1.0))
            {
                graphics(lua)?.state.color = [r, gg, b, al].map(|v| v.clamp(0.0, 1.0));
                return Ok(());
            }
            let c = color_args(&Args::new(lua, a.into_multi(lua)?, "setColor"), 1)?;
            // LOVE: setColor clamps to 0..1, so getColor after setColor(255, 128, 0) is 1, 1, 0, 1.
            graphics(lua)?.state.color = c.map(|v| v.clamp(0.0, 1.0));
            Ok(())
        })?,
    )?;
    g.set(
        "getColor",
        lua.create_function(|lua, ()| {
            let c = graphics(lua)?.state.color;
            Ok((c[0], c[1], c[2], c[3]))
        })?,
    )?;
    g.set(
        "setBackgroundColor",
        lua.create_function(|lua, a: MultiValue| {
            let c = color_args(&Args::new(lua, a, "setBackgroundColor"), 1)?;
            graphics(lua)?.state.background = c;
            Ok(())
        })?,
    )?;
    g.set(
        "getBackgroundColor",
        lua.create_function(|lua, ()| {
            let c = graphics(lua)?.state.background;
            Ok((c[0], c[1], c[2], c[3]))
        })?,
    )?;
    g.set(
        "setLineWidth",
        lua.create_function(|lua, a: MultiValue| {
            let w = Args::new(lua, a, "setLineWidth").f32(1)?;
            graphics(lua)?.state.line_width = w;
            Ok(())
        })?,
    )?;
    g.set(
        "getLineWidth",
        lua.create_function(|lua, ()| Ok(graphics(lua)?.state.line_width))?,
    )?;

    g.set(
        "getWidth",
        lua.create_function(|lua, ()| Ok(graphics(lua)?.dimensions().0))?,
    )?;
    g.set(
        "getHeight",
        lua.create_function(|lua, ()| Ok(graphics(lua)?.dimensions().1))?,
    )?;
    g.set(
        "getDimensions",
        lua.create_function(|lua, ()| Ok(graphics(lua)?.dimensions()))?,
    )?;

    g.set(
        "origin",
        lua.create_function(|lua, ()| {
            graphics(lua)?.origin();
            Ok(())
        })?,
    )?;
    g.set(
        "translate",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "translate");
            let (x, y) = (args.f32(1)?, args.f32(2)?);
            graphics(lua)?.translate(x, y);
            Ok(())
        })?,
    )?;
    g.set(
        "rotate",
        lua.create_function(|lua, a: MultiValue| {
            let r = Args::new(lua, a, "rotate").f32(1)?;
            graphics(lua)?.rotate(r);
            Ok(())
        })?,
    )?;
    g.set(
        "scale",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "scale");
            let sx = args.f32(1)?;
            let sy = args.opt_f32(2, sx)?;
            graphics(lua)?.scale(sx, sy);
            Ok(())
        })?,
    )?;
    g.set(
        "push",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "push");
            let all = if args.is_none_or_nil(1) {
                false
            } else {
                args.enumeration(
                    1,
                    "graphics stack type",
                    &[("all", true), ("transform", false)],
                )?
            };
            graphics(lua)?.push(all).map_err(|e| lua_error(lua, e))
        })?,
    )?;
    g.set(
        "pop",
        lua.create_function(|lua, ()| graphics(lua)?.pop().map_err(|e| lua_error(lua, e)))?,
    )?;

    g.set(
        "isActive",
        lua.create_function(|lua, ()| Ok(graphics(lua)?.is_active()))?,
    )?;
    g.set(
        "getStats",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "getStats");
            let t = match args.get(1) {
                Value::Table(t) => t.clone(),
                Value::Nil => lua.create_table()?,
                _ => return Err(args.type_error(1, "table")),
            };
            let mut g = graphics(lua)?;
            let s = g.stats();
            let (images, canvases, bytes) = g.texture_counts();
            t.set("drawcalls", s.drawcalls)?;
            t.set("drawcallsbatched", s.drawcallsbatched)?;
            t.set("canvasswitches", s.canvasswitches)?;
            t.set("shaderswitches", s.shaderswitches)?;
            t.set("canvases", canvases)?;
            t.set("images", images)?;
            t.set("fonts", 0)?;
            t.set("texturememory", bytes)?;
            Ok(t)
        })?,
    )?;

    super::settings::register(lua, g)
}
