//! `love.window` bindings beyond the mode: displays, fullscreen, position, state,
//! vsync, DPI conversion, safe area, icon, message boxes.

use super::lua::window;
use super::{Request, WindowState};
use crate::runtime::args::{Args, lua_error, type_name};
use mlua::{Lua, MultiValue, Table, Value};

fn func<R, F>(lua: &Lua, t: &Table, name: &'static str, f: F) -> mlua::Result<()>
where
    R: mlua::IntoLuaMulti,
    F: Fn(&Lua, Args) -> mlua::Result<R> + 'static,
{
    t.set(
        name,
        lua.create_function(move |lua, a: MultiValue| f(lua, Args::new(lua, a, name)))?,
    )
}

fn req(lua: &Lua, r: Request) -> mlua::Result<()> {
    window(lua)?.request(r);
    Ok(())
}

/// The display index argument `n` (1-based; absent: the window's display).
fn display_arg(args: &Args, n: usize, w: &WindowState) -> mlua::Result<i64> {
    args.opt_integer(n, w.settings.display as i64)
}

pub fn register(lua: &Lua, t: &Table) -> mlua::Result<()> {
    func(lua, t, "getDisplayCount", |lua, _| {
        Ok(window(lua)?.display_count())
    })?;
    func(lua, t, "getDisplayName", |lua, args| {
        let i = args.integer(1)?;
        let d = window(lua)?.display(i);
        d.map(|d| d.name)
            .ok_or_else(|| lua_error(lua, format!("Invalid display index: {i}")))
    })?;
    // Replaces the first slice's version: takes the display index.
    func(lua, t, "getDesktopDimensions", |lua, args| {
        let w = window(lua)?;
        let i = display_arg(&args, 1, &w)?;
        Ok(w.display(i).map_or((0, 0), |d| (d.width, d.height)))
    })?;
    func(lua, t, "getFullscreenModes", |lua, args| {
        let modes = {
            let w = window(lua)?;
            let i = display_arg(&args, 1, &w)?;
            w.display(i).map(|d| d.modes).unwrap_or_default()
        };
        let out = lua.create_table()?;
        for (k, (mw, mh)) in modes.into_iter().enumerate() {
            let m = lua.create_table()?;
            m.set("width", mw)?;
            m.set("height", mh)?;
            out.raw_set(k + 1, m)?;
        }
        Ok(out)
    })?;
    func(lua, t, "getDisplayOrientation", |_, _| Ok("unknown"))?;
    func(lua, t, "getFullscreen", |lua, _| {
        let w = window(lua)?;
        Ok((w.settings.fullscreen, w.settings.fullscreentype.clone()))
    })?;
    func(lua, t, "setFullscreen", |lua, args| {
        let on = args.boolean(1)?;
        let mut s = window(lua)?.settings.clone();
        if !args.is_none_or_nil(2) {
            s.fullscreentype = args
                .enumeration(
                    2,
                    "fullscreen type",
                    &[("exclusive", "exclusive"), ("desktop", "desktop")],
                )?
                .into();
        }
        s.fullscreen = on;
        req(lua, Request::SetMode(s))?;
        Ok(true)
    })?;
    func(lua, t, "getPosition", |lua, _| {
        let w = window(lua)?;
        Ok((w.position.0, w.position.1, w.settings.display))
    })?;
    func(lua, t, "setPosition", |lua, args| {
        let (x, y) = (args.integer(1)? as i32, args.integer(2)? as i32);
        let d = args.opt_integer(3, 1)?;
        let mut w = window(lua)?;
        if d >= 1 && (d as usize) <= w.display_count() {
            w.settings.display = d as u32;
        }
        w.request(Request::SetPosition(x, y));
        Ok(())
    })?;
    func(lua, t, "hasMouseFocus", |lua, _| {
        Ok(window(lua)?.mouse_focus)
    })?;
    func(lua, t, "isMinimized", |lua, _| Ok(window(lua)?.minimized))?;
    func(lua, t, "isMaximized", |lua, _| Ok(window(lua)?.maximized))?;
    func(lua, t, "minimize", |lua, _| req(lua, Request::Minimize))?;
    func(lua, t, "maximize", |lua, _| req(lua, Request::Maximize))?;
    func(lua, t, "restore", |lua, _| req(lua, Request::Restore))?;
    func(lua, t, "requestAttention", |lua, args| {
        let continuous = args.opt_bool(1, false);
        req(lua, Request::RequestAttention(continuous))
    })?;
    func(lua, t, "getVSync", |lua, _| Ok(window(lua)?.settings.vsync))?;
    func(lua, t, "setVSync", |lua, args| {
        let v = args.integer(1)? as i32;
        req(lua, Request::SetVSync(v))
    })?;
    func(lua, t, "toPixels", |lua, args| {
        let scale = window(lua)?.dpi_scale;
        let x = args.number(1)? * scale;
        if args.is_none_or_nil(2) {
            return Ok(MultiValue::from_iter([Value::Number(x)]));
        }
        let y = args.number(2)? * scale;
        Ok(MultiValue::from_iter([Value::Number(x), Value::Number(y)]))
    })?;
    func(lua, t, "fromPixels", |lua, args| {
        let scale = window(lua)?.dpi_scale;
        let x = args.number(1)? / scale;
        if args.is_none_or_nil(2) {
            return Ok(MultiValue::from_iter([Value::Number(x)]));
        }
        let y = args.number(2)? / scale;
        Ok(MultiValue::from_iter([Value::Number(x), Value::Number(y)]))
    })?;
    // Desktop windows have no notch or rounded corners: the safe area is the window.
    func(lua, t, "getSafeArea", |lua, _| {
        let w = window(lua)?;
        let s = w.dpi_scale.max(f64::MIN_POSITIVE);
        Ok((
            0.0,
            0.0,
            w.settings.width as f64 / s,
            w.settings.height as f64 / s,
        ))
    })?;
    func(lua, t, "isDisplaySleepEnabled", |lua, _| {
        Ok(window(lua)?.display_sleep)
    })?;
    // winit cannot inhibit the screen saver: the setting is kept and reported only.
    func(lua, t, "setDisplaySleepEnabled", |lua, args| {
        let on = args.boolean(1)?;
        window(lua)?.display_sleep = on;
        Ok(())
    })?;
    func(lua, t, "getIcon", |lua, _| {
        match lua.app_data_ref::<IconObj>() {
            Some(k) => lua.registry_value::<Value>(&k.0),
            None => Ok(Value::Nil),
        }
    })?;
    func(lua, t, "setIcon", |lua, args| {
        let Some((w, h, rgba)) = crate::mouse::lua::read_image_data(args.get(1))? else {
            let got = if args.is_empty() {
                "no value"
            } else {
                type_name(args.get(1))
            };
            return Err(args.error(1, format!("ImageData expected, got {got}")));
        };
        let key = lua.create_registry_value(args.get(1).clone())?;
        lua.set_app_data(IconObj(key));
        req(lua, Request::SetIcon(rgba, w, h))?;
        Ok(true)
    })?;
    func(lua, t, "showMessageBox", show_message_box)?;
    Ok(())
}

/// The ImageData last given to setIcon, for getIcon.
struct IconObj(mlua::RegistryKey);

const BOX_TYPES: [(&str, &str); 3] = [("error", "error"), ("warning", "warning"), ("info", "info")];

/// LÖVE's showMessageBox: a real dialog in a window (X11), blocking until a button is
/// chosen. Headless, or where no dialog can be shown, the box is printed to stderr and the
/// enter button (`enterbutton`, else the first) is returned as if pressed.
fn show_message_box(lua: &Lua, args: Args) -> mlua::Result<Value> {
    let title = args.string(1)?;
    let message = args.string(2)?;
    let simple = !matches!(args.get(3), Value::Table(_));
    let (names, enter, escape, type_arg) = match args.get(3) {
        Value::Table(buttons) => {
            let names: Vec<String> = buttons
                .sequence_values::<String>()
                .collect::<mlua::Result<_>>()?;
            if names.is_empty() {
                return Err(lua_error(lua, "Must have at least one messagebox button."));
            }
            // LOVE: Return presses `enterbutton` (default: the first), Escape presses
            // `escapebutton` (default: the last).
            let pick = |key: &str, default: usize| -> mlua::Result<usize> {
                let v: Option<i64> = buttons.get(key)?;
                Ok(v.filter(|&i| i >= 1 && i as usize <= names.len())
                    .map_or(default, |i| i as usize - 1))
            };
            let (enter, escape) = (
                pick("enterbutton", 0)?,
                pick("escapebutton", names.len() - 1)?,
            );
            (names, enter, escape, 4)
        }
        _ => (vec!["OK".to_string()], 0, 0, 3),
    };
    let kind = if args.is_none_or_nil(type_arg) {
        "info"
    } else {
        args.enumeration(type_arg, "messagebox type", &BOX_TYPES)?
    };
    let attach = args.opt_bool(type_arg + 1, true);
    let req = super::messagebox::Request {
        kind: super::messagebox::Kind::from_name(kind),
        title,
        message,
        buttons: names,
        enter,
        escape,
    };
    let chosen = match dialog(lua, &req, attach) {
        Some(Ok(c)) => c,
        Some(Err(e)) => {
            eprintln!("engine: showMessageBox cannot show a dialog ({e}); printing it instead");
            Some(print_box(&req))
        }
        None => Some(print_box(&req)),
    };
    if simple {
        return Ok(Value::Boolean(true));
    }
    // LOVE: 0 when the dialog was closed without a button.
    Ok(Value::Integer(chosen.map_or(0, |i| i as i64 + 1)))
}

/// The box on stderr; answers the enter button.
fn print_box(req: &super::messagebox::Request) -> usize {
    if req.buttons.len() == 1 && req.buttons[0] == "OK" {
        eprintln!("[{}] {}", req.title, req.message);
    } else {
        eprintln!(
            "[{}] {} [{}] -> {}",
            req.title,
            req.message,
            req.buttons.join("] ["),
            req.buttons[req.enter]
        );
    }
    req.enter
}

/// Shows the dialog when a window is open (None: headless or no window).
fn dialog(
    lua: &Lua,
    req: &super::messagebox::Request,
    attach: bool,
) -> Option<Result<Option<usize>, String>> {
    let parent = {
        let w = lua.app_data_ref::<WindowState>()?;
        if w.headless || !w.open {
            return None;
        }
        w.x11_window
    };
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        if std::env::var_os("DISPLAY").is_none() {
            return Some(Err("no X11 display".into()));
        }
        Some(super::messagebox_x11::show(
            req,
            if attach { parent } else { None },
        ))
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        let _ = (req, attach, parent);
        Some(Err("no dialog on this platform yet".into()))
    }
}
