//! `love.keyboard` bindings: isDown, isScancodeDown, key/scancode conversion, key repeat,
//! text input.

use super::Keyboard;
use crate::app::keys::{KEY_NAMES, SCANCODE_NAMES, us_key_from_scancode, us_scancode_from_key};
use crate::runtime::args::{Args, lua_error};
use mlua::{Lua, MultiValue, Table};

fn kb(lua: &Lua) -> mlua::Result<mlua::AppDataRefMut<'_, Keyboard>> {
    lua.app_data_mut::<Keyboard>()
        .ok_or_else(|| mlua::Error::RuntimeError("love.keyboard is not initialised".into()))
}

/// isDown(key, ...) / isDown({keys}): true if any of them is down.
fn any_down(
    lua: &Lua,
    a: MultiValue,
    fname: &'static str,
    what: &str,
    names: &[&str],
    test: fn(&Keyboard, &str) -> bool,
) -> mlua::Result<bool> {
    let args = Args::new(lua, a, fname);
    let mut list = Vec::new();
    if let mlua::Value::Table(t) = args.get(1) {
        for v in t.sequence_values::<String>() {
            list.push(v?);
        }
    } else {
        for i in 1..=args.len().max(1) {
            list.push(args.string(i)?);
        }
    }
    let k = kb(lua)?;
    let mut down = false;
    for name in &list {
        if !names.contains(&name.as_str()) {
            return Err(lua_error(lua, format!("Invalid {what}: {name}")));
        }
        down |= test(&k, name);
    }
    Ok(down)
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let t = lua.create_table()?;
    t.set(
        "isDown",
        lua.create_function(|lua, a: MultiValue| {
            any_down(lua, a, "isDown", "key constant", KEY_NAMES, |k, n| {
                k.is_down(n)
            })
        })?,
    )?;
    t.set(
        "isScancodeDown",
        lua.create_function(|lua, a: MultiValue| {
            any_down(
                lua,
                a,
                "isScancodeDown",
                "scancode",
                SCANCODE_NAMES,
                |k, n| k.is_scancode_down(n),
            )
        })?,
    )?;
    t.set(
        "setKeyRepeat",
        lua.create_function(|lua, a: MultiValue| {
            let on = Args::new(lua, a, "setKeyRepeat").opt_bool(1, false);
            kb(lua)?.key_repeat = on;
            Ok(())
        })?,
    )?;
    t.set(
        "hasKeyRepeat",
        lua.create_function(|lua, ()| Ok(kb(lua)?.key_repeat))?,
    )?;
    t.set(
        "setTextInput",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "setTextInput");
            let on = args.boolean(1)?;
            let rect = if args.len() > 1 {
                Some([
                    args.number(2)?,
                    args.number(3)?,
                    args.number(4)?,
                    args.number(5)?,
                ])
            } else {
                None
            };
            kb(lua)?.set_text_input(on, rect);
            Ok(())
        })?,
    )?;
    t.set(
        "hasTextInput",
        lua.create_function(|lua, ()| Ok(kb(lua)?.text_input()))?,
    )?;
    // LOVE: desktop systems have no on-screen keyboard.
    t.set("hasScreenKeyboard", lua.create_function(|_, ()| Ok(false))?)?;
    t.set(
        "getKeyFromScancode",
        lua.create_function(|lua, a: MultiValue| {
            let sc = Args::new(lua, a, "getKeyFromScancode").string(1)?;
            if !SCANCODE_NAMES.contains(&sc.as_str()) {
                return Err(lua_error(lua, format!("Invalid scancode: {sc}")));
            }
            Ok(kb(lua)?.key_from_scancode(&sc, |s| us_key_from_scancode(s).to_string()))
        })?,
    )?;
    t.set(
        "getScancodeFromKey",
        lua.create_function(|lua, a: MultiValue| {
            let key = Args::new(lua, a, "getScancodeFromKey").string(1)?;
            if !KEY_NAMES.contains(&key.as_str()) {
                return Err(lua_error(lua, format!("Invalid key constant: {key}")));
            }
            Ok(kb(lua)?.scancode_from_key(&key, |k| us_scancode_from_key(k).to_string()))
        })?,
    )?;
    love.set("keyboard", t)
}
