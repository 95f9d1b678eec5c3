//! `engine.input`: input injection for headless runs, tests and automation. Each function
//! feeds one synthetic input through the same translation as real window events
//! (`app::input`), so state (`isDown`, mouse position, joysticks) and callbacks follow:
//!
//! ```lua
//! engine.input.key("a", true)            -- scancode, pressed [, isrepeat]; US layout
//! engine.input.text("é")                 -- textinput
//! engine.input.mousemove(10, 20)         -- absolute position (relative mode: deltas)
//! engine.input.mousebutton(1, true)      -- LÖVE button number, pressed
//! engine.input.wheel(0, 1)
//! engine.input.resize(640, 480)          -- the window was resized by the user
//! local id = engine.input.joystickadd("Pad", guid, true) -- name, GUID, is gamepad
//! engine.input.joystickbutton(id, 1, true) -- raw button (1-based), pressed [, gamepad button]
//! engine.input.joystickaxis(id, 1, 0.5)    -- raw axis (1-based), value [, gamepad axis]
//! engine.input.joystickhat(id, 1, "u")
//! engine.input.joystickremove(id)
//! ```

use super::EventQueue;
use crate::app::input::Input;
use crate::app::keys::scancode_from_name;
use crate::event::Event;
use crate::joystick::mapping::{GAMEPAD_AXES, GAMEPAD_BUTTONS, HATS};
use crate::joystick::{DeviceInfo, Joysticks, RawEvent};
use crate::runtime::args::{Args, lua_error};
use mlua::{Lua, MultiValue};
use winit::keyboard::{Key, NativeKey};

#[derive(Default)]
struct Injector {
    input: Input,
    next_key: usize,
}

fn push(lua: &Lua, evs: Vec<Event>) {
    if let Some(mut q) = lua.app_data_mut::<EventQueue>() {
        for e in evs {
            q.push(e);
        }
    }
}

fn with<R>(lua: &Lua, f: impl FnOnce(&mut Injector) -> R) -> mlua::Result<R> {
    let mut inj = lua
        .app_data_mut::<Injector>()
        .ok_or_else(|| mlua::Error::RuntimeError("engine.input is not initialised".into()))?;
    Ok(f(&mut inj))
}

fn joysticks(lua: &Lua, ev: RawEvent) -> mlua::Result<()> {
    let evs = lua
        .app_data_mut::<Joysticks>()
        .map(|mut j| j.handle(ev))
        .unwrap_or_default();
    push(lua, evs);
    Ok(())
}

/// The backend key of an injected joystick, from its LÖVE id.
fn key_of(args: &Args, n: usize) -> mlua::Result<usize> {
    Ok(args.integer(n)?.max(0) as usize + INJECTED_KEYS)
}

// Injected devices use keys far above any backend's.
const INJECTED_KEYS: usize = 1 << 40;

fn index_of(
    lua: &Lua,
    names: &[&str],
    name: Option<String>,
    what: &str,
) -> mlua::Result<Option<usize>> {
    match name {
        None => Ok(None),
        Some(n) => names
            .iter()
            .position(|x| *x == n)
            .map(Some)
            .ok_or_else(|| lua_error(lua, format!("Invalid {what}: {n}"))),
    }
}

pub fn register(lua: &Lua) -> mlua::Result<()> {
    lua.set_app_data(Injector::default());
    let engine = crate::runtime::tasks::engine_table(lua)?;
    let t = lua.create_table()?;
    t.set(
        "key",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "key");
            let sc = args.string(1)?;
            let pressed = args.opt_bool(2, true);
            let repeat = args.opt_bool(3, false);
            let code = scancode_from_name(&sc)
                .ok_or_else(|| lua_error(lua, format!("Invalid scancode: {sc}")))?;
            // The US layout's key for the scancode (no logical key: the fallback names it).
            let key = Key::Unidentified(NativeKey::Unidentified);
            let evs = {
                let mut kb = lua
                    .app_data_mut::<crate::keyboard::Keyboard>()
                    .ok_or_else(|| mlua::Error::RuntimeError("no keyboard".into()))?;
                with(lua, |i| {
                    i.input.key(&mut kb, &key, code, pressed, repeat, None)
                })?
            };
            push(lua, evs);
            Ok(())
        })?,
    )?;
    t.set(
        "text",
        lua.create_function(|lua, a: MultiValue| {
            let s = Args::new(lua, a, "text").string(1)?;
            let evs = {
                let kb = lua
                    .app_data_ref::<crate::keyboard::Keyboard>()
                    .ok_or_else(|| mlua::Error::RuntimeError("no keyboard".into()))?;
                with(lua, |i| i.input.text(&kb, &s))?
            };
            push(lua, evs);
            Ok(())
        })?,
    )?;
    t.set(
        "mousemove",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "mousemove");
            let (x, y) = (args.number(1)?, args.number(2)?);
            let evs = {
                let mut m = lua
                    .app_data_mut::<crate::mouse::Mouse>()
                    .ok_or_else(|| mlua::Error::RuntimeError("no mouse".into()))?;
                if m.relative {
                    with(lua, |i| i.input.raw_motion(&m, x, y))?
                } else {
                    with(lua, |i| i.input.cursor_moved(&mut m, x, y))?
                }
            };
            push(lua, evs);
            Ok(())
        })?,
    )?;
    t.set(
        "mousebutton",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "mousebutton");
            let b = args.integer(1)?.clamp(1, 32) as u32;
            let pressed = args.opt_bool(2, true);
            let evs = {
                let mut m = lua
                    .app_data_mut::<crate::mouse::Mouse>()
                    .ok_or_else(|| mlua::Error::RuntimeError("no mouse".into()))?;
                let now = std::time::Instant::now();
                with(lua, |i| i.input.mouse_button(&mut m, b, pressed, now))?
            };
            push(lua, evs);
            Ok(())
        })?,
    )?;
    t.set(
        "wheel",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "wheel");
            let (x, y) = (args.number(1)?, args.number(2)?);
            let evs = with(lua, |i| i.input.wheel(x, y))?;
            push(lua, evs);
            Ok(())
        })?,
    )?;
    t.set(
        "resize",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "resize");
            let w = args.integer(1)?.max(1) as u32;
            let h = args.integer(2)?.max(1) as u32;
            if let Some(mut g) = crate::graphics::lua::try_graphics(lua) {
                g.resize(w, h);
            }
            if let Some(mut win) = lua.app_data_mut::<crate::window::WindowState>() {
                win.set_size(w, h);
            }
            let e = Event::new(
                "resize",
                vec![
                    crate::event::Variant::Number(w as f64),
                    crate::event::Variant::Number(h as f64),
                ],
            );
            push(lua, vec![e]);
            Ok(())
        })?,
    )?;
    t.set(
        "joystickadd",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "joystickadd");
            let name = args.opt_string(1)?.unwrap_or_else(|| "Injected Pad".into());
            let guid = args
                .opt_string(2)?
                .unwrap_or_else(|| "00000000000000000000000000000000".into());
            let gamepad = args.opt_bool(3, false);
            let key = with(lua, |i| {
                i.next_key += 1;
                i.next_key
            })?;
            joysticks(
                lua,
                RawEvent::Added(DeviceInfo {
                    key: key + INJECTED_KEYS,
                    name,
                    guid,
                    gamepad,
                    vibration: true,
                    direct: true,
                    ..Default::default()
                }),
            )?;
            Ok(key)
        })?,
    )?;
    t.set(
        "joystickremove",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "joystickremove");
            joysticks(lua, RawEvent::Removed(key_of(&args, 1)?))
        })?,
    )?;
    t.set(
        "joystickbutton",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "joystickbutton");
            let key = key_of(&args, 1)?;
            let code = args.integer(2)?.max(1) as u32 - 1;
            let pressed = args.opt_bool(3, true);
            let mapped = index_of(lua, &GAMEPAD_BUTTONS, args.opt_string(4)?, "gamepad button")?;
            joysticks(
                lua,
                RawEvent::Button {
                    key,
                    code,
                    pressed,
                    mapped,
                },
            )
        })?,
    )?;
    t.set(
        "joystickaxis",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "joystickaxis");
            let key = key_of(&args, 1)?;
            let code = args.integer(2)?.max(1) as u32 - 1;
            let value = args.number(3)? as f32;
            let mapped = index_of(lua, &GAMEPAD_AXES, args.opt_string(4)?, "gamepad axis")?
                .map(|i| (i, value));
            joysticks(
                lua,
                RawEvent::Axis {
                    key,
                    code,
                    value,
                    mapped,
                },
            )
        })?,
    )?;
    t.set(
        "joystickhat",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "joystickhat");
            let key = key_of(&args, 1)?;
            let index = args.integer(2)?.max(1) as usize - 1;
            let h = args.string(3)?;
            let mask = HATS
                .iter()
                .find(|(n, _)| *n == h)
                .map(|(_, m)| *m)
                .ok_or_else(|| lua_error(lua, format!("Invalid joystick hat: {h}")))?;
            joysticks(lua, RawEvent::Hat { key, index, mask })
        })?,
    )?;
    engine.set("input", t)
}
