//! `love.graphics` bindings: argument parsing, then a call into the core.

use super::{DrawMode, Graphics};
use crate::runtime::args::{Args, lua_error};
use mlua::{Lua, MultiValue, Table, Value};

pub fn graphics(lua: &Lua) -> mlua::Result<mlua::AppDataRefMut<'_, Graphics>> {
    lua.app_data_mut::<Graphics>()
        .ok_or_else(|| mlua::Error::RuntimeError("love.graphics is not initialised".into()))
}

/// A colour from `(r, g, b [, a])` or `({r, g, b [, a]})` at argument `at`, as setColor
/// and setBackgroundColor read it (LÖVE reports table slots as negative indices).
fn color_args(args: &Args, at: usize) -> mlua::Result<[f32; 4]> {
    if let Value::Table(t) = args.get(at) {
        let mut c = [0.0f32; 4];
        for (i, slot) in c.iter_mut().enumerate() {
            let v: Value = t.raw_get(i + 1)?;
            *slot = match v {
                Value::Number(n) => n as f32,
                Value::Integer(n) => n as f32,
                Value::Nil if i == 3 => 1.0,
                other => {
                    let n = -(4 - i as i64);
                    return Err(lua_error_bad(args, n, &other));
                }
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

fn lua_error_bad(args: &Args, n: i64, got: &Value) -> mlua::Error {
    // Same text as Args::type_error, for LÖVE's negative stack slots.
    let msg = format!("number expected, got {}", crate::runtime::args::type_name(got));
    if n > 0 {
        args.error(n as usize, msg)
    } else {
        args.error_at(n, msg)
    }
}

const DRAW_MODES: &[(&str, DrawMode)] = &[("fill", DrawMode::Fill), ("line", DrawMode::Line)];

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let g = lua.create_table()?;

    g.set(
        "clear",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "clear");
            let color = if args.is_none_or_nil(1) || matches!(args.get(1), Value::Boolean(_)) {
                [0.0, 0.0, 0.0, 0.0]
            } else {
                color_args(&args, 1)?
            };
            graphics(lua)?.clear(color);
            Ok(())
        })?,
    )?;

    g.set(
        "setColor",
        lua.create_function(|lua, a: MultiValue| {
            let c = color_args(&Args::new(lua, a, "setColor"), 1)?;
            graphics(lua)?.state.color = c;
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
        "rectangle",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "rectangle");
            let mode = args.enumeration(1, "draw mode", DRAW_MODES)?;
            let (x, y, w, h) = (args.f32(2)?, args.f32(3)?, args.f32(4)?, args.f32(5)?);
            let rx = args.opt_f32(6, 0.0)?;
            let ry = args.opt_f32(7, rx)?;
            let segments = if args.is_none_or_nil(8) {
                None
            } else {
                Some(args.integer(8)?.max(0) as usize)
            };
            graphics(lua)?.rectangle(mode, x, y, w, h, rx, ry, segments);
            Ok(())
        })?,
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
                args.enumeration(1, "stack type", &[("all", true), ("transform", false)])?
            };
            graphics(lua)?.push(all).map_err(|e| lua_error(lua, e))
        })?,
    )?;
    g.set(
        "pop",
        lua.create_function(|lua, ()| graphics(lua)?.pop().map_err(|e| lua_error(lua, e)))?,
    )?;

    g.set(
        "present",
        lua.create_function(|lua, ()| {
            graphics(lua)?.present();
            Ok(())
        })?,
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
            let s = graphics(lua)?.stats();
            t.set("drawcalls", s.drawcalls)?;
            t.set("drawcallsbatched", s.drawcallsbatched)?;
            t.set("canvasswitches", 0)?;
            t.set("shaderswitches", 0)?;
            t.set("canvases", 0)?;
            t.set("images", 0)?;
            t.set("fonts", 0)?;
            t.set("texturememory", 0)?;
            Ok(t)
        })?,
    )?;

    love.set("graphics", g)
}
