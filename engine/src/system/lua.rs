//! `love.system` bindings.

use super::Clipboard;
use crate::runtime::args::Args;
use mlua::{Lua, MultiValue, Table};

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    lua.set_app_data(Clipboard::default());
    let t = lua.create_table()?;
    t.set("getOS", lua.create_function(|_, ()| Ok(super::os_name()))?)?;
    t.set(
        "getProcessorCount",
        lua.create_function(|_, ()| {
            Ok(std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1))
        })?,
    )?;
    t.set(
        "setClipboardText",
        lua.create_function(|lua, a: MultiValue| {
            let text = Args::new(lua, a, "setClipboardText").string(1)?;
            if let Some(mut c) = lua.app_data_mut::<Clipboard>() {
                c.set(&text);
            }
            Ok(())
        })?,
    )?;
    t.set(
        "getClipboardText",
        lua.create_function(|lua, ()| {
            Ok(lua
                .app_data_mut::<Clipboard>()
                .map(|mut c| c.get())
                .unwrap_or_default())
        })?,
    )?;
    love.set("system", t)
}
