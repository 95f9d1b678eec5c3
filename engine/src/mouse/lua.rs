//! `love.mouse` bindings: position, buttons, visibility, grab, relative mode, cursors.

use super::{Mouse, Request, SYSTEM_CURSORS};
use crate::runtime::args::{Args, lua_error, type_name};
use mlua::{
    Lua, MetaMethod, MultiValue, ObjectLike, RegistryKey, Table, UserData, UserDataMethods, Value,
};
use std::collections::HashMap;

fn mouse(lua: &Lua) -> mlua::Result<mlua::AppDataRefMut<'_, Mouse>> {
    lua.app_data_mut::<Mouse>()
        .ok_or_else(|| mlua::Error::RuntimeError("love.mouse is not initialised".into()))
}

/// A `Cursor`: a system cursor by its CursorType name.
pub struct CursorObj(pub String);

impl UserData for CursorObj {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        m.add_method("getType", |_, c, ()| Ok(c.0.clone()));
        m.add_method("type", |_, _, ()| Ok("Cursor"));
        m.add_method("typeOf", |_, _, name: String| {
            Ok(name == "Cursor" || name == "Object")
        });
        // LOVE: system cursors live as long as the module; release() does nothing to them.
        m.add_method("release", |_, _, ()| Ok(false));
        m.add_meta_method(MetaMethod::ToString, |_, c, ()| {
            Ok(format!("Cursor: {}", c.0))
        });
    }
}

/// The system cursors handed out so far: LÖVE returns the same object for a type.
#[derive(Default)]
struct Cursors(HashMap<String, RegistryKey>);

fn system_cursor(lua: &Lua, name: &str) -> mlua::Result<Value> {
    if let Some(c) = lua.app_data_ref::<Cursors>()
        && let Some(k) = c.0.get(name)
    {
        return lua.registry_value(k);
    }
    let ud = lua.create_userdata(CursorObj(name.to_string()))?;
    let key = lua.create_registry_value(ud.clone())?;
    if let Some(mut c) = lua.app_data_mut::<Cursors>() {
        c.0.insert(name.to_string(), key);
    }
    Ok(Value::UserData(ud))
}

fn set(lua: &Lua, r: Request) -> mlua::Result<()> {
    mouse(lua)?.request(r);
    Ok(())
}

fn headless(lua: &Lua) -> bool {
    lua.app_data_ref::<crate::window::WindowState>()
        .is_none_or(|w| w.headless)
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    lua.set_app_data(Cursors::default());
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
        "setPosition",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "setPosition");
            let (x, y) = (args.number(1)?, args.number(2)?);
            set(lua, Request::SetPosition(x, y))
        })?,
    )?;
    t.set(
        "setX",
        lua.create_function(|lua, a: MultiValue| {
            let x = Args::new(lua, a, "setX").number(1)?;
            let y = mouse(lua)?.y;
            set(lua, Request::SetPosition(x, y))
        })?,
    )?;
    t.set(
        "setY",
        lua.create_function(|lua, a: MultiValue| {
            let y = Args::new(lua, a, "setY").number(1)?;
            let x = mouse(lua)?.x;
            set(lua, Request::SetPosition(x, y))
        })?,
    )?;
    t.set(
        "isDown",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "isDown");
            let mut list = Vec::new();
            if let Value::Table(t) = args.get(1) {
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
    t.set(
        "isVisible",
        lua.create_function(|lua, ()| Ok(mouse(lua)?.visible))?,
    )?;
    t.set(
        "setVisible",
        lua.create_function(|lua, a: MultiValue| {
            let v = Args::new(lua, a, "setVisible").boolean(1)?;
            set(lua, Request::SetVisible(v))
        })?,
    )?;
    t.set(
        "isGrabbed",
        lua.create_function(|lua, ()| Ok(mouse(lua)?.grabbed))?,
    )?;
    t.set(
        "setGrabbed",
        lua.create_function(|lua, a: MultiValue| {
            let v = Args::new(lua, a, "setGrabbed").boolean(1)?;
            set(lua, Request::SetGrabbed(v))
        })?,
    )?;
    t.set(
        "getRelativeMode",
        lua.create_function(|lua, ()| Ok(mouse(lua)?.relative))?,
    )?;
    t.set(
        "setRelativeMode",
        lua.create_function(|lua, a: MultiValue| {
            let v = Args::new(lua, a, "setRelativeMode").boolean(1)?;
            set(lua, Request::SetRelative(v))
        })?,
    )?;
    t.set(
        "isCursorSupported",
        lua.create_function(|lua, ()| Ok(!headless(lua)))?,
    )?;
    t.set(
        "getSystemCursor",
        lua.create_function(|lua, a: MultiValue| {
            let name = Args::new(lua, a, "getSystemCursor").string(1)?;
            if !SYSTEM_CURSORS.contains(&name.as_str()) {
                return Err(lua_error(
                    lua,
                    format!("Invalid system cursor type: {name}"),
                ));
            }
            system_cursor(lua, &name)
        })?,
    )?;
    t.set(
        "setCursor",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "setCursor");
            if args.is_none_or_nil(1) {
                return set(lua, Request::SetCursor(None));
            }
            let name = match args.get(1) {
                Value::UserData(ud) => ud.borrow::<CursorObj>().map(|c| c.0.clone()).ok(),
                _ => None,
            };
            match name {
                Some(n) => set(lua, Request::SetCursor(Some(n))),
                None => Err(args.type_error(1, "Cursor")),
            }
        })?,
    )?;
    t.set(
        "getCursor",
        lua.create_function(|lua, ()| {
            let c = mouse(lua)?.cursor.clone();
            match c {
                Some(name) => system_cursor(lua, &name),
                None => Ok(Value::Nil),
            }
        })?,
    )?;
    t.set(
        "newCursor",
        lua.create_function(|lua, a: MultiValue| -> mlua::Result<()> {
            let args = Args::new(lua, a, "newCursor");
            let is_image_data = match args.get(1) {
                Value::UserData(ud) => ud
                    .call_method::<String>("type", ())
                    .is_ok_and(|t| t == "ImageData"),
                _ => false,
            };
            if is_image_data {
                return Err(lua_error(
                    lua,
                    "love.mouse.newCursor is not implemented yet (image cursors)",
                ));
            }
            let got = if args.is_empty() {
                "no value"
            } else {
                type_name(args.get(1))
            };
            // LOVE also takes a file name or FileData (through love.image, absent here).
            Err(args.error(1, format!("ImageData expected, got {got}")))
        })?,
    )?;
    love.set("mouse", t)
}
