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
    t.set(
        "getPowerInfo",
        lua.create_function(|_, ()| {
            let p = super::power_info();
            Ok((p.state, p.percent, p.seconds))
        })?,
    )?;
    t.set(
        "openURL",
        lua.create_function(|lua, a: MultiValue| {
            let url = Args::new(lua, a, "openURL").string(1)?;
            Ok(super::open_url(&url))
        })?,
    )?;
    // LOVE: vibration exists on phones only; desktop LÖVE does nothing either.
    t.set(
        "vibrate",
        lua.create_function(|lua, a: MultiValue| {
            Args::new(lua, a, "vibrate").opt_number(1, 0.5)?;
            Ok(())
        })?,
    )?;
    // Music from another app playing in the background is a phone concept.
    t.set(
        "hasBackgroundMusic",
        lua.create_function(|_, ()| Ok(false))?,
    )?;
    // LÖVE 12's function, offered ahead: locales from the environment.
    t.set(
        "getPreferredLocales",
        lua.create_function(|_, ()| Ok(super::preferred_locales(|k| std::env::var(k).ok())))?,
    )?;
    love.set("system", t)
}
