//! `love.timer` bindings.

use super::Timer;
use crate::runtime::args::Args;
use mlua::{Lua, MultiValue, Table};

fn timer(lua: &Lua) -> mlua::Result<mlua::AppDataRefMut<'_, Timer>> {
    lua.app_data_mut::<Timer>()
        .ok_or_else(|| mlua::Error::RuntimeError("love.timer is not initialised".into()))
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let t = lua.create_table()?;
    t.set(
        "step",
        lua.create_function(|lua, ()| Ok(timer(lua)?.step()))?,
    )?;
    t.set(
        "getDelta",
        lua.create_function(|lua, ()| Ok(timer(lua)?.delta()))?,
    )?;
    t.set(
        "getTime",
        lua.create_function(|lua, ()| Ok(timer(lua)?.time()))?,
    )?;
    t.set(
        "getFPS",
        lua.create_function(|lua, ()| Ok(timer(lua)?.fps()))?,
    )?;
    t.set(
        "getAverageDelta",
        lua.create_function(|lua, ()| Ok(timer(lua)?.average_delta()))?,
    )?;
    t.set(
        "sleep",
        lua.create_function(|lua, a: MultiValue| {
            let s = Args::new(lua, a, "sleep").number(1)?;
            Timer::sleep(s);
            Ok(())
        })?,
    )?;
    love.set("timer", t)
}
