//! `love.touch` bindings. Touch ids are light userdata, as in LÖVE.

use super::Touches;
use crate::runtime::args::{Args, lua_error};
use mlua::{LightUserData, Lua, MultiValue, Table, Value};

fn touches(lua: &Lua) -> mlua::Result<mlua::AppDataRef<'_, Touches>> {
    lua.app_data_ref::<Touches>()
        .ok_or_else(|| mlua::Error::RuntimeError("love.touch is not initialised".into()))
}

/// The Lua value of a touch id (ids start at 0 in winit; the pointer is id + 1, never NULL).
pub fn id_value(id: u64) -> Value {
    Value::LightUserData(LightUserData((id as usize).wrapping_add(1) as *mut _))
}

fn id_arg(args: &Args, n: usize) -> mlua::Result<u64> {
    match args.get(n) {
        Value::LightUserData(p) => Ok((p.0 as usize).wrapping_sub(1) as u64),
        _ => Err(args.type_error(n, "touch id")),
    }
}

fn invalid(lua: &Lua, id: u64) -> mlua::Error {
    lua_error(
        lua,
        format!("Invalid active touch ID: {}", id.wrapping_add(1)),
    )
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    lua.set_app_data(Touches::default());
    let t = lua.create_table()?;
    t.set(
        "getTouches",
        lua.create_function(|lua, ()| {
            let ids: Vec<u64> = touches(lua)?.all().iter().map(|t| t.id).collect();
            let out = lua.create_table()?;
            for (i, id) in ids.into_iter().enumerate() {
                out.raw_set(i + 1, id_value(id))?;
            }
            Ok(out)
        })?,
    )?;
    t.set(
        "getPosition",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "getPosition");
            let id = id_arg(&args, 1)?;
            let t = touches(lua)?.get(id).copied();
            match t {
                Some(t) => Ok((t.x, t.y)),
                None => Err(invalid(lua, id)),
            }
        })?,
    )?;
    t.set(
        "getPressure",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "getPressure");
            let id = id_arg(&args, 1)?;
            let t = touches(lua)?.get(id).copied();
            match t {
                Some(t) => Ok(t.pressure),
                None => Err(invalid(lua, id)),
            }
        })?,
    )?;
    love.set("touch", t)
}
