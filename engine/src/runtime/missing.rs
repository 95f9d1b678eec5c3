//! The few LÖVE 11.5 functions the engine does not have yet. Each raises a Lua error that
//! names it (instead of "attempt to call a nil value"), so a game fails clearly.
//! Remove a line here when its module lands.

use crate::runtime::args::lua_error;
use mlua::{Lua, MultiValue, Table, Value};

const MISSING: &[(&str, &str, &str)] = &[
    ("graphics", "newShader", "shaders are not implemented yet"),
    (
        "graphics",
        "validateShader",
        "shaders are not implemented yet",
    ),
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
    // Without shaders, the current shader is always the default one.
    if let Value::Table(g) = love.get::<Value>("graphics")? {
        if matches!(g.get::<Value>("getShader")?, Value::Nil) {
            g.set("getShader", lua.create_function(|_, ()| Ok(Value::Nil))?)?;
        }
        if matches!(g.get::<Value>("setShader")?, Value::Nil) {
            g.set(
                "setShader",
                lua.create_function(|lua, a: MultiValue| {
                    match a.front() {
                        None | Some(Value::Nil) => Ok(()), // back to the default shader
                        _ => Err(lua_error(
                            lua,
                            "love.graphics.setShader: shaders are not implemented yet",
                        )),
                    }
                })?,
            )?;
        }
    }
    Ok(())
}
