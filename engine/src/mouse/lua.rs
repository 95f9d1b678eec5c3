//! `love.mouse` bindings: position and buttons.

use super::Mouse;
use crate::runtime::args::Args;
use mlua::{Lua, MultiValue, Table};

fn mouse(lua: &Lua) -> mlua::Result<mlua::AppDataRefMut<'_, Mouse>> {
    lua.app_data_mut::<Mouse>()
        .ok_or_else(|| mlua::Error::RuntimeError("love.mouse is not initialised".into()))
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let t = lua.create_table()?;
    t.set(
        "getPosition",
        lua.create_function(|lua, ()| {
            let m = mouse(lua)?;
            Ok((m.x, m.y))
        })?,
    )?;
    t.set("getX", lua.create_function(|lua, ()| Ok(mouse(lua)?.x))?)?;
    t.set("getY", lua.create_function(|lua, ()| Ok(mouse(lua)?.y))?)?;
    t.set(
        "isDown",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "isDown");
            let mut list = Vec::new();
            if let mlua::Value::Table(t) = args.get(1) {
                for v in t.sequence_values::<i64>() {
                    list.push(v?);
                }
            } else {
                for i in 1..=args.len().max(1) {
                    list.push(args.integer(i)?);
                }
            }
            let m = mouse(lua)?;
            Ok(list.iter().any(|b| m.is_down(*b)))
        })?,
    )?;
    love.set("mouse", t)
}
