//! `love.window` bindings (mode, title, state) and the conversion of mode flag tables.

use super::{Request, WindowSettings, WindowState};
use crate::runtime::args::{Args, enum_error, type_name};
use mlua::{Lua, MultiValue, Table, Value};

pub(super) fn window(lua: &Lua) -> mlua::Result<mlua::AppDataRefMut<'_, WindowState>> {
    lua.app_data_mut::<WindowState>()
        .ok_or_else(|| mlua::Error::RuntimeError("love.window is not initialised".into()))
}

fn num(t: &Table, key: &str) -> mlua::Result<Option<f64>> {
    match t.get::<Value>(key)? {
        Value::Nil => Ok(None),
        Value::Integer(i) => Ok(Some(i as f64)),
        Value::Number(n) => Ok(Some(n)),
        Value::String(s) => Ok(crate::runtime::args::parse_lua_number(&s.to_string_lossy())),
        other => Err(mlua::Error::RuntimeError(format!(
            "bad type for window field '{key}' (number expected, got {})",
            type_name(&other)
        ))),
    }
}

fn flag(t: &Table, key: &str) -> mlua::Result<Option<bool>> {
    match t.get::<Value>(key)? {
        Value::Nil => Ok(None),
        Value::Boolean(b) => Ok(Some(b)),
        _ => Ok(Some(true)),
    }
}

/// Applies the fields present in a flags table (setMode's third argument, or conf's
/// `t.window`) onto `s`; absent fields keep their value.
pub fn apply_flags(lua: &Lua, t: &Table, s: &mut WindowSettings) -> mlua::Result<()> {
    if let Some(v) = num(t, "width")? {
        s.width = v.max(0.0) as u32;
    }
    if let Some(v) = num(t, "height")? {
        s.height = v.max(0.0) as u32;
    }
    if let Some(v) = flag(t, "fullscreen")? {
        s.fullscreen = v;
    }
    if let Value::String(ft) = t.get::<Value>("fullscreentype")? {
        let ft = ft.to_string_lossy();
        if ft != "desktop" && ft != "exclusive" {
            return Err(enum_error(
                lua,
                "fullscreen type",
                &ft,
                &["exclusive", "desktop"],
            ));
        }
        s.fullscreentype = ft;
    }
    match t.get::<Value>("vsync")? {
        Value::Boolean(b) => s.vsync = b as i32,
        Value::Nil => {}
        _ => {
            if let Some(v) = num(t, "vsync")? {
                s.vsync = v as i32;
            }
        }
    }
    if let Some(v) = num(t, "msaa")? {
        s.msaa = v.max(0.0) as u32;
    }
    if let Some(v) = flag(t, "stencil")? {
        s.stencil = v;
    }
    if let Some(v) = num(t, "depth")? {
        s.depth = v.max(0.0) as u32;
    }
    if let Some(v) = flag(t, "resizable")? {
        s.resizable = v;
    }
    if let Some(v) = flag(t, "borderless")? {
        s.borderless = v;
    }
    if let Some(v) = flag(t, "centered")? {
        s.centered = v;
    }
    if let Some(v) = num(t, "display")? {
        s.display = v.max(1.0) as u32;
    }
    if let Some(v) = num(t, "minwidth")? {
        s.minwidth = v.max(1.0) as u32;
    }
    if let Some(v) = num(t, "minheight")? {
        s.minheight = v.max(1.0) as u32;
    }
    if let Some(v) = flag(t, "highdpi")? {
        s.highdpi = v;
    }
    if let Some(v) = flag(t, "usedpiscale")? {
        s.usedpiscale = v;
    }
    if let Some(v) = num(t, "x")? {
        s.x = Some(v as i32);
    }
    if let Some(v) = num(t, "y")? {
        s.y = Some(v as i32);
    }
    if let Some(v) = num(t, "refreshrate")? {
        s.refreshrate = v.max(0.0) as u32;
    }
    Ok(())
}

fn flags_table(lua: &Lua, s: &WindowSettings) -> mlua::Result<Table> {
    let t = lua.create_table()?;
    t.set("fullscreen", s.fullscreen)?;
    t.set("fullscreentype", s.fullscreentype.as_str())?;
    t.set("vsync", s.vsync)?;
    t.set("msaa", s.msaa)?;
    t.set("stencil", s.stencil)?;
    t.set("depth", s.depth)?;
    t.set("resizable", s.resizable)?;
    t.set("borderless", s.borderless)?;
    t.set("centered", s.centered)?;
    t.set("display", s.display)?;
    t.set("minwidth", s.minwidth)?;
    t.set("minheight", s.minheight)?;
    t.set("highdpi", s.highdpi)?;
    t.set("usedpiscale", s.usedpiscale)?;
    t.set("refreshrate", s.refreshrate)?;
    t.set("x", s.x.unwrap_or(0))?;
    t.set("y", s.y.unwrap_or(0))?;
    Ok(t)
}

fn set_mode(lua: &Lua, a: MultiValue, fname: &'static str, keep_size: bool) -> mlua::Result<bool> {
    let args = Args::new(lua, a, fname);
    let mut s = window(lua)?.settings.clone();
    let flags_at = if keep_size && !matches!(args.get(1), Value::Number(_) | Value::Integer(_)) {
        1
    } else {
        s.width = args.number(1)?.max(0.0) as u32;
        s.height = args.number(2)?.max(0.0) as u32;
        3
    };
    if fname == "setMode" {
        // setMode resets every flag it isn't given (LÖVE); updateMode keeps them.
        let (w, h) = (s.width, s.height);
        s = WindowSettings {
            width: w,
            height: h,
            ..WindowSettings::default()
        };
    }
    match args.get(flags_at) {
        Value::Nil => {}
        Value::Table(t) => apply_flags(lua, t, &mut s)?,
        _ => return Err(args.type_error(flags_at, "table")),
    }
    if s.width == 0 || s.height == 0 {
        // LOVE: a zero size means "the desktop size"; without a desktop, keep the default.
        let (dw, dh) = window(lua)?.desktop_size;
        if s.width == 0 {
            s.width = if dw > 0 { dw } else { 800 };
        }
        if s.height == 0 {
            s.height = if dh > 0 { dh } else { 600 };
        }
    }
    // LOVE: setMode is synchronous; the screen has the new size when it returns.
    if let Some(mut g) = crate::graphics::lua::try_graphics(lua) {
        g.resize(s.width, s.height);
    }
    let mut w = window(lua)?;
    w.request(Request::SetMode(s));
    w.open = true;
    Ok(true)
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let t = lua.create_table()?;
    t.set(
        "getMode",
        lua.create_function(|lua, ()| {
            let (s, pos) = {
                let w = window(lua)?;
                (w.settings.clone(), w.position)
            };
            let flags = flags_table(lua, &s)?;
            // LOVE: x and y are where the window is now.
            flags.set("x", pos.0)?;
            flags.set("y", pos.1)?;
            Ok((s.width, s.height, flags))
        })?,
    )?;
    t.set(
        "setMode",
        lua.create_function(|lua, a: MultiValue| set_mode(lua, a, "setMode", false))?,
    )?;
    t.set(
        "updateMode",
        lua.create_function(|lua, a: MultiValue| set_mode(lua, a, "updateMode", true))?,
    )?;
    t.set(
        "setTitle",
        lua.create_function(|lua, a: MultiValue| {
            let title = Args::new(lua, a, "setTitle").string(1)?;
            window(lua)?.request(Request::SetTitle(title));
            Ok(())
        })?,
    )?;
    t.set(
        "getTitle",
        lua.create_function(|lua, ()| Ok(window(lua)?.title.clone()))?,
    )?;
    t.set(
        "isOpen",
        lua.create_function(|lua, ()| Ok(window(lua)?.open))?,
    )?;
    t.set(
        "close",
        lua.create_function(|lua, ()| {
            window(lua)?.request(Request::Close);
            Ok(())
        })?,
    )?;
    t.set(
        "hasFocus",
        lua.create_function(|lua, ()| Ok(window(lua)?.focused))?,
    )?;
    t.set(
        "isVisible",
        lua.create_function(|lua, ()| Ok(window(lua)?.visible))?,
    )?;
    t.set(
        "getDPIScale",
        lua.create_function(|lua, ()| Ok(window(lua)?.dpi_scale))?,
    )?;
    t.set(
        "getDesktopDimensions",
        lua.create_function(|lua, _: MultiValue| {
            let w = window(lua)?;
            let (dw, dh) = w.desktop_size;
            if dw == 0 {
                Ok((w.settings.width, w.settings.height))
            } else {
                Ok((dw, dh))
            }
        })?,
    )?;
    super::lua_more::register(lua, &t)?;
    love.set("window", t)
}
