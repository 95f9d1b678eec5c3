//! The `love.filesystem` functions LÖVE 11 still has but deprecated in favour of `getInfo`:
//! `exists`, `isFile`, `isDirectory`, `isSymlink`, `getSize`, `getLastModified`. Games written
//! for 0.10 use them, and LÖVE 11.5 runs them, printing one warning per function.

use super::lua::with_fs;
use super::save::{self, Info, Kind};
use crate::runtime::args::{Args, caller_position};
use mlua::{Lua, MultiValue, Table, Value};
use std::collections::HashSet;

/// Which deprecated functions have warned already (LÖVE warns once per function), and
/// whether `love.setDeprecationOutput(false)` silenced the warnings.
#[derive(Default)]
struct Warned(HashSet<&'static str>, bool);

// LOVE: "LOVE - Warning: main.lua:1: Using deprecated function love.filesystem.exists
// (replaced by love.filesystem.getInfo)", printed the first time each one is called.
fn warn(lua: &Lua, name: &'static str) {
    let first = match lua.app_data_mut::<Warned>() {
        // Silenced: not marked either, so the first call after re-enabling warns.
        Some(w) if w.1 => false,
        Some(mut w) => w.0.insert(name),
        None => {
            let mut w = Warned::default();
            w.0.insert(name);
            lua.set_app_data(w);
            true
        }
    };
    if first {
        println!(
            "LOVE - Warning: {}Using deprecated function love.filesystem.{name} (replaced by love.filesystem.getInfo)",
            caller_position(lua)
        );
    }
}

fn info(lua: &Lua, a: MultiValue, name: &'static str) -> mlua::Result<Option<Info>> {
    warn(lua, name);
    // LÖVE's deprecated wrappers name no function in their argument errors.
    let file = Args::new(lua, a, "?").string(1)?;
    with_fs(lua, |g, s| save::info(g, s, &file))
}

fn io_error(lua: &Lua, msg: &str) -> mlua::Result<MultiValue> {
    Ok(MultiValue::from_vec(vec![
        Value::Nil,
        Value::String(lua.create_string(msg)?),
    ]))
}

pub(super) fn register(lua: &Lua, fs: &Table, love: &Table) -> mlua::Result<()> {
    // LOVE: its argument errors name the function '?'.
    love.set(
        "setDeprecationOutput",
        lua.create_function(|lua, a: MultiValue| {
            let on = match a.front() {
                Some(Value::Boolean(b)) => *b,
                other => {
                    let got = match other {
                        None => "no value",
                        Some(Value::Integer(_)) => "number",
                        Some(v) => v.type_name(),
                    };
                    return Err(mlua::Error::runtime(format!(
                        "bad argument #1 to '?' (boolean expected, got {got})"
                    )));
                }
            };
            match lua.app_data_mut::<Warned>() {
                Some(mut w) => w.1 = !on,
                None => {
                    lua.set_app_data(Warned(HashSet::new(), !on));
                }
            };
            Ok(())
        })?,
    )?;
    love.set(
        "hasDeprecationOutput",
        lua.create_function(|lua, ()| Ok(!lua.app_data_ref::<Warned>().is_some_and(|w| w.1)))?,
    )?;
    fs.set(
        "exists",
        lua.create_function(|lua, a: MultiValue| Ok(info(lua, a, "exists")?.is_some()))?,
    )?;
    fs.set(
        "isFile",
        lua.create_function(|lua, a: MultiValue| {
            Ok(info(lua, a, "isFile")?.is_some_and(|i| i.kind == Kind::File))
        })?,
    )?;
    fs.set(
        "isDirectory",
        lua.create_function(|lua, a: MultiValue| {
            Ok(info(lua, a, "isDirectory")?.is_some_and(|i| i.kind == Kind::Directory))
        })?,
    )?;
    fs.set(
        "isSymlink",
        lua.create_function(|lua, a: MultiValue| {
            // Symlinks are followed (LÖVE's default), so nothing reads as a link.
            info(lua, a, "isSymlink").map(|_| false)
        })?,
    )?;
    fs.set(
        "getSize",
        lua.create_function(|lua, a: MultiValue| match info(lua, a, "getSize")? {
            Some(Info {
                size: Some(size), ..
            }) => Ok(MultiValue::from_vec(vec![Value::Number(size as f64)])),
            Some(_) => io_error(lua, "Could not determine file size."),
            // LOVE: a missing file gives 0 (LÖVE forgets to return its error there).
            None => Ok(MultiValue::from_vec(vec![Value::Integer(0)])),
        })?,
    )?;
    fs.set(
        "getLastModified",
        lua.create_function(
            |lua, a: MultiValue| match info(lua, a, "getLastModified")? {
                Some(Info {
                    modtime: Some(t), ..
                }) => Ok(MultiValue::from_vec(vec![Value::Number(t as f64)])),
                Some(_) => io_error(lua, "Could not determine file modification date."),
                None => io_error(lua, "File does not exist"),
            },
        )?,
    )?;
    Ok(())
}
