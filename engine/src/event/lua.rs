//! `love.event` bindings: poll/pump/push/quit/clear/wait.
//!
//! `pump` polls the joystick backend (window events are queued by the app as they arrive).
//! `wait` here returns the next queued event; with none queued it polls joysticks for up
//! to [`WAIT_LIMIT`] and then returns nothing (headless: nothing at once). boot.lua wraps
//! it: called from the game's main loop in a window, `love.event.wait` yields out of the
//! main-loop coroutine instead, and the window driver resumes it once an event is queued,
//! so it blocks as LÖVE's does. This function is the fallback for other callers.

use super::{Event, EventQueue, Variant};
use crate::runtime::args::Args;
use mlua::{Lua, MultiValue, RegistryKey, Table, Value};

/// Lua values pushed with `love.event.push` that have no plain [`Variant`] form.
#[derive(Default)]
struct LuaRefs {
    slots: Vec<Option<RegistryKey>>,
}

fn queue(lua: &Lua) -> mlua::Result<mlua::AppDataRefMut<'_, EventQueue>> {
    lua.app_data_mut::<EventQueue>()
        .ok_or_else(|| mlua::Error::RuntimeError("love.event is not initialised".into()))
}

fn to_variant(lua: &Lua, v: Value) -> mlua::Result<Variant> {
    Ok(match v {
        Value::Nil => Variant::Nil,
        Value::Boolean(b) => Variant::Bool(b),
        Value::Integer(i) => Variant::Number(i as f64),
        Value::Number(n) => Variant::Number(n),
        Value::String(s) => Variant::Str(s.to_string_lossy()),
        other => {
            let key = lua.create_registry_value(other)?;
            let mut refs = lua
                .app_data_mut::<LuaRefs>()
                .ok_or_else(|| mlua::Error::RuntimeError("love.event refs missing".into()))?;
            let idx = match refs.slots.iter().position(|s| s.is_none()) {
                Some(i) => {
                    refs.slots[i] = Some(key);
                    i
                }
                None => {
                    refs.slots.push(Some(key));
                    refs.slots.len() - 1
                }
            };
            Variant::LuaRef(idx)
        }
    })
}

fn from_variant(lua: &Lua, v: Variant) -> mlua::Result<Value> {
    Ok(match v {
        Variant::Nil => Value::Nil,
        Variant::Bool(b) => Value::Boolean(b),
        Variant::Number(n) => Value::Number(n),
        Variant::Str(s) => Value::String(lua.create_string(&s)?),
        Variant::Joystick(id) => crate::joystick::lua::object(lua, id)?,
        Variant::Touch(id) => crate::touch::lua::id_value(id),
        Variant::LuaRef(i) => {
            let key = lua
                .app_data_mut::<LuaRefs>()
                .and_then(|mut r| r.slots.get_mut(i).and_then(|s| s.take()));
            match key {
                Some(k) => {
                    let v: Value = lua.registry_value(&k)?;
                    lua.remove_registry_value(k)?;
                    v
                }
                None => Value::Nil,
            }
        }
    })
}

fn event_values(lua: &Lua, e: Event) -> mlua::Result<MultiValue> {
    let mut out = MultiValue::new();
    out.push_back(Value::String(lua.create_string(&e.name)?));
    for a in e.args {
        out.push_back(from_variant(lua, a)?);
    }
    Ok(out)
}

/// How long `wait` polls devices before giving up on an empty queue.
pub const WAIT_LIMIT: std::time::Duration = std::time::Duration::from_millis(100);

/// Moves joystick changes into the queue (love.event.pump, and the app once a frame).
pub fn pump(lua: &Lua) {
    // t.modules.joystick = false: no gamepad backend at all.
    let enabled = lua
        .globals()
        .get::<Option<Table>>("love")
        .ok()
        .flatten()
        .is_some_and(|l| matches!(l.raw_get::<Value>("joystick"), Ok(Value::Table(_))));
    if !enabled {
        return;
    }
    let events = match lua.app_data_mut::<crate::joystick::Joysticks>() {
        Some(mut j) => j.pump(),
        None => return,
    };
    if let Some(mut q) = lua.app_data_mut::<EventQueue>() {
        for e in events {
            q.push(e);
        }
    }
}

/// Drops queued events, freeing the Lua values they held.
fn clear(lua: &Lua) -> mlua::Result<()> {
    let mut dropped = Vec::new();
    {
        let mut q = queue(lua)?;
        while let Some(e) = q.poll() {
            dropped.push(e);
        }
    }
    for e in dropped {
        for a in e.args {
            if let Variant::LuaRef(_) = a {
                from_variant(lua, a)?;
            }
        }
    }
    Ok(())
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    lua.set_app_data(LuaRefs::default());
    super::inject::register(lua)?;
    let ev = lua.create_table()?;

    // The app moves window-system events into the queue as they arrive; pump fetches
    // what the joystick backend has.
    ev.set(
        "pump",
        lua.create_function(|lua, ()| {
            pump(lua);
            Ok(())
        })?,
    )?;

    // poll() returns an iterator over the queued events.
    let next = lua.create_function(|lua, _: MultiValue| {
        let e = queue(lua)?.poll();
        match e {
            Some(e) => event_values(lua, e),
            None => Ok(MultiValue::new()),
        }
    })?;
    ev.set("poll", lua.create_function(move |_, ()| Ok(next.clone()))?)?;

    ev.set(
        "push",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "push");
            let name = args.string(1)?;
            let mut vals = Vec::new();
            // LOVE: the arguments end at the first nil. Unlike LÖVE, any Lua value
            // (functions, coroutines, tables by reference) can be pushed.
            for i in 2..=args.len() {
                if args.is_none_or_nil(i) {
                    break;
                }
                vals.push(to_variant(lua, args.get(i).clone())?);
            }
            queue(lua)?.push(Event::new(&name, vals));
            Ok(true)
        })?,
    )?;

    ev.set(
        "quit",
        lua.create_function(|lua, a: MultiValue| {
            // LOVE: the status is kept as given ("restart", a number, or anything else,
            // which love.run passes on and the engine reads as status 0).
            let status = to_variant(lua, a.front().cloned().unwrap_or(Value::Nil))?;
            queue(lua)?.quit(status);
            Ok(true)
        })?,
    )?;

    ev.set("clear", lua.create_function(|lua, ()| clear(lua))?)?;

    ev.set(
        "wait",
        lua.create_function(|lua, ()| {
            let start = std::time::Instant::now();
            loop {
                let e = queue(lua)?.poll();
                if let Some(e) = e {
                    return event_values(lua, e);
                }
                // Headless, nothing arrives by itself: return at once.
                let headless = lua
                    .app_data_ref::<crate::window::WindowState>()
                    .is_none_or(|w| w.headless);
                let devices = !headless
                    && lua
                        .app_data_mut::<crate::joystick::Joysticks>()
                        .is_some_and(|mut j| j.backend_available());
                if !devices || start.elapsed() >= WAIT_LIMIT {
                    return Ok(MultiValue::new());
                }
                pump(lua);
                if queue(lua)?.is_empty() {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
            }
        })?,
    )?;

    love.set("event", ev)
}
