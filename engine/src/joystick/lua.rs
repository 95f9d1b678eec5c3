//! `love.joystick` bindings and the `Joystick` object. One Lua object per joystick id, so
//! objects from `getJoysticks` and from callbacks are the same value (games key tables by them).

use super::Joysticks;
use super::mapping::{GAMEPAD_AXES, GAMEPAD_BUTTONS, HATS, Mapping, Source, valid_guid};
use crate::runtime::args::{Args, lua_error};
use mlua::{
    AnyUserData, Lua, MetaMethod, MultiValue, RegistryKey, Table, UserData, UserDataMethods, Value,
};
use std::collections::HashMap;

pub(crate) fn state(lua: &Lua) -> mlua::Result<mlua::AppDataRefMut<'_, Joysticks>> {
    lua.app_data_mut::<Joysticks>()
        .ok_or_else(|| mlua::Error::RuntimeError("love.joystick is not initialised".into()))
}

/// A `Joystick` as Lua holds it: the id of a device in [`Joysticks`].
pub struct JoystickObj(pub u32);

#[derive(Default)]
struct Objects(HashMap<u32, RegistryKey>);

/// The Lua object of joystick `id` (created once, then the same value every time).
pub fn object(lua: &Lua, id: u32) -> mlua::Result<Value> {
    if let Some(objs) = lua.app_data_ref::<Objects>()
        && let Some(k) = objs.0.get(&id)
    {
        return lua.registry_value(k);
    }
    let ud = lua.create_userdata(JoystickObj(id))?;
    let key = lua.create_registry_value(ud.clone())?;
    if let Some(mut objs) = lua.app_data_mut::<Objects>() {
        objs.0.insert(id, key);
    }
    Ok(Value::UserData(ud))
}

fn axis_index(lua: &Lua, name: &str) -> mlua::Result<usize> {
    GAMEPAD_AXES
        .iter()
        .position(|a| *a == name)
        .ok_or_else(|| lua_error(lua, format!("Invalid gamepad axis: {name}")))
}

fn button_index(lua: &Lua, name: &str) -> mlua::Result<usize> {
    GAMEPAD_BUTTONS
        .iter()
        .position(|a| *a == name)
        .ok_or_else(|| lua_error(lua, format!("Invalid gamepad button: {name}")))
}

/// Numbers or a table of numbers from argument `from` on (isDown's forms).
fn int_list(args: &Args, from: usize) -> mlua::Result<Vec<i64>> {
    let mut out = Vec::new();
    if let Value::Table(t) = args.get(from) {
        for v in t.sequence_values::<i64>() {
            out.push(v?);
        }
    } else {
        for i in from..=args.len().max(from) {
            out.push(args.integer(i)?);
        }
    }
    Ok(out)
}

fn str_list(args: &Args, from: usize) -> mlua::Result<Vec<String>> {
    let mut out = Vec::new();
    if let Value::Table(t) = args.get(from) {
        for v in t.sequence_values::<String>() {
            out.push(v?);
        }
    } else {
        for i in from..=args.len().max(from) {
            out.push(args.string(i)?);
        }
    }
    Ok(out)
}

fn this(lua: &Lua, a: &MultiValue, fname: &'static str) -> mlua::Result<u32> {
    match a.front() {
        Some(Value::UserData(ud)) => match ud.borrow::<JoystickObj>() {
            Ok(j) => Ok(j.0),
            Err(_) => Err(Args::new(lua, a.clone(), fname).type_error(1, "Joystick")),
        },
        _ => Err(Args::new(lua, a.clone(), fname).type_error(1, "Joystick")),
    }
}

/// Adds a method that reads joystick state: `f(lua, args, joysticks, id)`.
fn method<R, F>(m: &mut impl UserDataMethods<JoystickObj>, name: &'static str, f: F)
where
    R: mlua::IntoLuaMulti,
    F: Fn(&Lua, &Args, &mut Joysticks, u32) -> mlua::Result<R> + 'static,
{
    m.add_function(name, move |lua, a: MultiValue| {
        let id = this(lua, &a, name)?;
        let args = Args::new(lua, a, name);
        let mut js = state(lua)?;
        f(lua, &args, &mut js, id)
    });
}

impl UserData for JoystickObj {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        m.add_method("type", |_, _, ()| Ok("Joystick"));
        m.add_method("typeOf", |_, _, name: String| {
            Ok(name == "Joystick" || name == "Object")
        });
        // LOVE: joysticks belong to the module; release() drops nothing.
        m.add_method("release", |_, _, ()| Ok(false));
        m.add_meta_method(MetaMethod::ToString, |_, j, ()| {
            Ok(format!("Joystick: 0x{:08x}", j.0))
        });
        method(m, "getName", |_, _, js, id| {
            Ok(js.get(id).map(|d| d.name.clone()).unwrap_or_default())
        });
        method(m, "getID", |_, _, js, id| {
            let inst = js.get(id).filter(|d| d.connected).map(|d| d.id as i64 - 1);
            Ok((id, inst))
        });
        method(m, "getGUID", |_, _, js, id| {
            Ok(js.get(id).map(|d| d.guid.clone()).unwrap_or_default())
        });
        method(m, "getDeviceInfo", |_, _, js, id| {
            let d = js.get(id);
            Ok((
                d.map_or(0, |d| d.vendor),
                d.map_or(0, |d| d.product),
                d.map_or(0, |d| d.version),
            ))
        });
        method(m, "isConnected", |_, _, js, id| {
            Ok(js.get(id).is_some_and(|d| d.connected))
        });
        method(m, "getAxisCount", |_, _, js, id| {
            Ok(js.get(id).map_or(0, |d| d.axis_count()))
        });
        method(m, "getButtonCount", |_, _, js, id| {
            Ok(js.get(id).map_or(0, |d| d.button_count()))
        });
        method(m, "getHatCount", |_, _, js, id| {
            Ok(js.get(id).map_or(0, |d| d.hat_count()))
        });
        method(m, "getAxis", |_, args, js, id| {
            let i = args.integer(2)?;
            Ok(js
                .get(id)
                .map_or(0.0, |d| if i >= 1 { d.axis(i as usize - 1) } else { 0.0 }))
        });
        method(m, "getAxes", |_, _, js, id| {
            Ok(MultiValue::from_iter(
                js.get(id)
                    .map(|d| d.axes())
                    .unwrap_or_default()
                    .into_iter()
                    .map(|v| Value::Number(v as f64)),
            ))
        });
        method(m, "getHat", |_, args, js, id| {
            let i = args.integer(2)?;
            let mask = js
                .get(id)
                .map_or(0, |d| if i >= 1 { d.hat(i as usize - 1) } else { 0 });
            Ok(super::mapping::hat_name(mask))
        });
        method(m, "isDown", |_, args, js, id| {
            let list = int_list(args, 2)?;
            Ok(js
                .get(id)
                .is_some_and(|d| list.iter().any(|&b| b >= 1 && d.button(b as usize - 1))))
        });
        method(m, "isGamepad", |_, _, js, id| {
            Ok(js
                .get(id)
                .is_some_and(|d| d.connected && d.is_gamepad(&js.mappings)))
        });
        method(m, "getGamepadAxis", |lua, args, js, id| {
            let i = axis_index(lua, &args.string(2)?)?;
            Ok(js.get(id).map_or(0.0, |d| d.gamepad_axis(&js.mappings, i)))
        });
        method(m, "isGamepadDown", |lua, args, js, id| {
            let mut idx = Vec::new();
            for name in str_list(args, 2)? {
                idx.push(button_index(lua, &name)?);
            }
            Ok(js
                .get(id)
                .is_some_and(|d| idx.iter().any(|&i| d.gamepad_button(&js.mappings, i))))
        });
        method(m, "getGamepadMapping", |lua, args, js, id| {
            let name = args.string(2)?;
            if !GAMEPAD_AXES.contains(&name.as_str()) && !GAMEPAD_BUTTONS.contains(&name.as_str()) {
                return Err(lua_error(
                    lua,
                    format!("Invalid gamepad axis/button: {name}"),
                ));
            }
            let src = js
                .get(id)
                .and_then(|d| js.mappings.get(&d.guid))
                .and_then(|m| m.source(&name));
            Ok(match src {
                None => (None, None, None),
                Some(Source::Button(i)) => (Some("button"), Some(i + 1), None),
                Some(Source::Axis(i)) => (Some("axis"), Some(i + 1), None),
                Some(Source::Hat(i, mask)) => (
                    Some("hat"),
                    Some(i + 1),
                    Some(super::mapping::hat_name(mask)),
                ),
            })
        });
        method(m, "getGamepadMappingString", |_, _, js, id| {
            Ok(js
                .get(id)
                .and_then(|d| js.mappings.get(&d.guid))
                .map(|m| m.to_sdl()))
        });
        method(m, "isVibrationSupported", |_, _, js, id| {
            Ok(js
                .get(id)
                .is_some_and(|d| d.connected && d.vibration_supported))
        });
        method(m, "getVibration", |_, _, js, id| {
            Ok(js.get(id).map_or((0.0, 0.0), |d| d.vibration))
        });
        method(m, "setVibration", |_, args, js, id| {
            if args.len() <= 1 {
                return Ok(js.set_vibration(id, 0.0, 0.0, -1.0));
            }
            let left = args.number(2)? as f32;
            let right = args.opt_number(3, left as f64)? as f32;
            let secs = args.opt_number(4, -1.0)?;
            Ok(js.set_vibration(id, left, right, secs))
        });
    }
}

/// Reads a file from the game through love.filesystem (whichever implementation is loaded).
fn read_game_file(lua: &Lua, name: &str) -> mlua::Result<Option<String>> {
    let fs: Option<Table> = lua
        .globals()
        .get::<Option<Table>>("love")?
        .and_then(|l| l.get::<Option<Table>>("filesystem").ok().flatten());
    let Some(fs) = fs else { return Ok(None) };
    let info: Value = fs.get::<mlua::Function>("getInfo")?.call(name)?;
    if info.is_nil() {
        return Ok(None);
    }
    let text: Option<mlua::LuaString> = fs.get::<mlua::Function>("read")?.call(name)?;
    Ok(text.map(|t| t.to_string_lossy()))
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    lua.set_app_data(Joysticks::default());
    lua.set_app_data(Objects::default());
    let t = lua.create_table()?;
    t.set(
        "getJoysticks",
        lua.create_function(|lua, ()| {
            let ids: Vec<u32> = state(lua)?.connected().map(|d| d.id).collect();
            let out = lua.create_table()?;
            for (i, id) in ids.into_iter().enumerate() {
                out.raw_set(i + 1, object(lua, id)?)?;
            }
            Ok(out)
        })?,
    )?;
    t.set(
        "getJoystickCount",
        lua.create_function(|lua, ()| Ok(state(lua)?.connected().count()))?,
    )?;
    t.set(
        "setGamepadMapping",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "setGamepadMapping");
            let guid = args.string(1)?;
            let target = args.string(2)?;
            if !GAMEPAD_AXES.contains(&target.as_str())
                && !GAMEPAD_BUTTONS.contains(&target.as_str())
            {
                return Err(lua_error(
                    lua,
                    format!("Invalid gamepad axis/button: {target}"),
                ));
            }
            let kind = args.string(3)?;
            let index = args.integer(4)? - 1;
            let src = match kind.as_str() {
                "button" => Source::Button(index.max(0) as usize),
                "axis" => Source::Axis(index.max(0) as usize),
                "hat" => {
                    let h = args.string(5)?;
                    let mask = HATS
                        .iter()
                        .find(|(n, _)| *n == h)
                        .map(|(_, m)| *m)
                        .ok_or_else(|| lua_error(lua, format!("Invalid joystick hat: {h}")))?;
                    Source::Hat(index.max(0) as usize, mask)
                }
                _ => {
                    return Err(lua_error(
                        lua,
                        format!("Invalid joystick input type: {kind}"),
                    ));
                }
            };
            if !valid_guid(&guid) {
                return Err(lua_error(lua, format!("Invalid joystick GUID: {guid}")));
            }
            let mut js = state(lua)?;
            js.mappings.set(&guid, &target, src);
            Ok(true)
        })?,
    )?;
    t.set(
        "getGamepadMappingString",
        lua.create_function(|lua, a: MultiValue| {
            let guid = Args::new(lua, a, "getGamepadMappingString").string(1)?;
            Ok(state(lua)?.mappings.get(&guid).map(Mapping::to_sdl))
        })?,
    )?;
    t.set(
        "loadGamepadMappings",
        lua.create_function(|lua, a: MultiValue| {
            let arg = Args::new(lua, a, "loadGamepadMappings").string(1)?;
            // LOVE: the argument is a file name if such a file exists, else mapping text.
            let text = if arg.contains(',') {
                arg
            } else {
                read_game_file(lua, &arg)?.unwrap_or(arg)
            };
            let r = state(lua)?.mappings.load(&text);
            r.map(|_| ())
                .ok_or_else(|| lua_error(lua, "Invalid gamepad mappings."))
        })?,
    )?;
    t.set(
        "saveGamepadMappings",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "saveGamepadMappings");
            let file = args.opt_string(1)?;
            let text = state(lua)?.mappings.save();
            if let Some(file) = file {
                let write: Option<mlua::Function> = lua
                    .load("return love.filesystem and love.filesystem.write")
                    .eval()?;
                let Some(write) = write else {
                    return Err(lua_error(
                        lua,
                        "love.joystick.saveGamepadMappings(filename) needs love.filesystem.write, which is not implemented yet",
                    ));
                };
                write.call::<Value>((file, text.clone()))?;
            }
            Ok(text)
        })?,
    )?;
    love.set("joystick", t)
}

/// The joystick userdata behind a Lua value, if it is one.
pub fn joystick_id(v: &Value) -> Option<u32> {
    match v {
        Value::UserData(ud) => ud_id(ud),
        _ => None,
    }
}

fn ud_id(ud: &AnyUserData) -> Option<u32> {
    ud.borrow::<JoystickObj>().ok().map(|j| j.0)
}
