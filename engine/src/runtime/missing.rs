//! The few LÖVE 11.5 functions the engine does not have yet. Each raises a Lua error that
//! names it (instead of "attempt to call a nil value"), so a game fails clearly.
//! Remove a line here when its module lands.

use crate::runtime::args::lua_error;
use mlua::{Lua, MultiValue, Table, Value};

const MISSING: &[(&str, &str, &str)] = &[
    ("graphics", "newVideo", "video is not implemented yet"),
    ("video", "newVideoStream", "video is not implemented yet"),
];

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    for (module, name, why) in MISSING {
        let t: Table = match love.get::<Value>(*module)? {
            Value::Table(t) => t,
            _ => {
                let t = lua.create_table()?;
                love.set(*module, t.clone())?;
                t
            }
        };
        if !matches!(t.get::<Value>(*name)?, Value::Nil) {
            continue;
        }
        let msg = format!("love.{module}.{name}: {why}");
        t.set(
            *name,
            lua.create_function(move |lua, _: MultiValue| -> mlua::Result<()> {
                Err(lua_error(lua, &msg))
            })?,
        )?;
    }
    Ok(())
}
