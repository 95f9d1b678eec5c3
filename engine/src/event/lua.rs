//! `love.event` bindings: poll/pump/push/quit/clear.

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

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    lua.set_app_data(LuaRefs::default());
    let ev = lua.create_table()?;

    // The app moves window-system events into the queue as they arrive, so pump has
    // nothing left to fetch; it exists so love.run reads as in LÖVE.
    ev.set("pump", lua.create_function(|_, ()| Ok(()))?)?;

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
            for i in 2..=args.len().max(1) {
                vals.push(to_variant(lua, args.get(i).clone())?);
            }
            queue(lua)?.push(Event::new(&name, vals));
            Ok(())
        })?,
    )?;

    ev.set(
        "quit",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "quit");
            let status = match args.get(1) {
                Value::Nil => Variant::Number(0.0),
                Value::String(s) if s == "restart" => Variant::Str("restart".into()),
                _ => Variant::Number(args.integer(1)? as f64),
            };
            queue(lua)?.quit(status);
            Ok(true)
        })?,
    )?;

    ev.set(
        "clear",
        lua.create_function(|lua, ()| {
            queue(lua)?.clear();
            Ok(())
        })?,
    )?;

    ev.set(
        "wait",
        lua.create_function(|lua, ()| {
            // The frame runs inside the window system's callback, so it cannot block for
            // the next event; return a queued one if there is one.
            let e = queue(lua)?.poll();
            match e {
                Some(e) => event_values(lua, e),
                None => Ok(MultiValue::new()),
            }
        })?,
    )?;

    love.set("event", ev)
}
