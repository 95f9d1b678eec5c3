//! `love.mouse` bindings: position, buttons, visibility, grab, relative mode, cursors.

use super::{CursorImage, Mouse, Request, SYSTEM_CURSORS, Shape};
use crate::runtime::args::{Args, lua_error};
use mlua::{
    Lua, MetaMethod, MultiValue, ObjectLike, RegistryKey, Table, UserData, UserDataMethods, Value,
};
use std::collections::HashMap;
use std::sync::Arc;

fn mouse(lua: &Lua) -> mlua::Result<mlua::AppDataRefMut<'_, Mouse>> {
    lua.app_data_mut::<Mouse>()
        .ok_or_else(|| mlua::Error::RuntimeError("love.mouse is not initialised".into()))
}

/// A `Cursor`: a system cursor or an image.
pub struct CursorObj(pub Shape);

impl UserData for CursorObj {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        m.add_method("getType", |_, c, ()| {
            Ok(match &c.0 {
                Shape::System(n) => n.clone(),
                Shape::Image(_) => "image".to_string(),
            })
        });
        m.add_method("type", |_, _, ()| Ok("Cursor"));
        m.add_method("typeOf", |_, _, name: String| {
            Ok(name == "Cursor" || name == "Object")
        });
        // LOVE: system cursors live as long as the module; release() does nothing to them.
        m.add_method("release", |_, _, ()| Ok(false));
        m.add_meta_method(MetaMethod::ToString, |_, c, ()| {
            Ok(format!("Cursor: {:p}", c as *const CursorObj))
        });
    }
}

/// The system cursors handed out so far (LÖVE returns the same object for a type), and
/// the cursor object in use, for getCursor.
#[derive(Default)]
struct Cursors {
    system: HashMap<String, RegistryKey>,
    current: Option<RegistryKey>,
}

/// Reads an ImageData (whichever love.image implementation made it) through its Lua
/// methods: `None` if `v` is not an ImageData. PERF: one getPixel call per pixel; fine for
/// cursors and icons.
pub(crate) fn read_image_data(v: &Value) -> mlua::Result<Option<(u32, u32, Vec<u8>)>> {
    let Value::UserData(ud) = v else {
        return Ok(None);
    };
    if !ud
        .call_method::<String>("type", ())
        .is_ok_and(|t| t == "ImageData")
    {
        return Ok(None);
    }
    let (w, h): (u32, u32) = ud.call_method("getDimensions", ())?;
    let mut rgba = Vec::with_capacity(w as usize * h as usize * 4);
    for y in 0..h {
        for x in 0..w {
            let (r, g, b, a): (f64, f64, f64, Option<f64>) = ud.call_method("getPixel", (x, y))?;
            for c in [r, g, b, a.unwrap_or(1.0)] {
                rgba.push((c.clamp(0.0, 1.0) * 255.0).round() as u8);
            }
        }
    }
    Ok(Some((w, h, rgba)))
}

fn system_cursor(lua: &Lua, name: &str) -> mlua::Result<Value> {
    if let Some(c) = lua.app_data_ref::<Cursors>()
        && let Some(k) = c.system.get(name)
    {
        return lua.registry_value(k);
    }
    let ud = lua.create_userdata(CursorObj(Shape::System(name.to_string())))?;
    let key = lua.create_registry_value(ud.clone())?;
    if let Some(mut c) = lua.app_data_mut::<Cursors>() {
        c.system.insert(name.to_string(), key);
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
                if let Some(mut c) = lua.app_data_mut::<Cursors>() {
                    c.current = None;
                }
                return set(lua, Request::SetCursor(None));
            }
            let shape = match args.get(1) {
                Value::UserData(ud) => ud.borrow::<CursorObj>().map(|c| c.0.clone()).ok(),
                _ => None,
            };
            let Some(shape) = shape else {
                return Err(args.type_error(1, "Cursor"));
            };
            let key = lua.create_registry_value(args.get(1).clone())?;
            if let Some(mut c) = lua.app_data_mut::<Cursors>() {
                c.current = Some(key);
            }
            set(lua, Request::SetCursor(Some(shape)))
        })?,
    )?;
    t.set(
        "getCursor",
        lua.create_function(|lua, ()| {
            let c = lua.app_data_ref::<Cursors>();
            match c.as_ref().and_then(|c| c.current.as_ref()) {
                Some(k) => lua.registry_value::<Value>(k),
                None => Ok(Value::Nil),
            }
        })?,
    )?;
    t.set(
        "newCursor",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "newCursor");
            // LOVE: a file name or FileData is decoded through love.image first.
            let file_like = match args.get(1) {
                Value::String(_) => true,
                Value::UserData(ud) => ud
                    .call_method::<String>("type", ())
                    .is_ok_and(|t| t == "FileData" || t == "File"),
                _ => false,
            };
            let decoded = match file_like {
                true => {
                    let image: Option<Table> = lua.globals().get::<Table>("love")?.get("image")?;
                    match image {
                        Some(image) => Some(
                            image
                                .get::<mlua::Function>("newImageData")?
                                .call::<Value>(args.get(1).clone())?,
                        ),
                        None => None,
                    }
                }
                false => None,
            };
            let Some((w, h, rgba)) = read_image_data(decoded.as_ref().unwrap_or(args.get(1)))?
            else {
                return Err(args.type_error(1, "ImageData"));
            };
            let hx = args.opt_integer(2, 0)?;
            let hy = args.opt_integer(3, 0)?;
            if hx < 0 || hy < 0 || hx as u32 >= w.max(1) || hy as u32 >= h.max(1) {
                return Err(lua_error(
                    lua,
                    "Cannot create cursor: Cursor hot spot doesn't lie within cursor",
                ));
            }
            let image = CursorImage {
                width: w,
                height: h,
                rgba,
                hot_x: hx as u32,
                hot_y: hy as u32,
            };
            lua.create_userdata(CursorObj(Shape::Image(Arc::new(image))))
        })?,
    )?;
    love.set("mouse", t)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stands in for love.image's ImageData: 2x2, red with a half-transparent last pixel.
    struct FakeImageData;

    impl UserData for FakeImageData {
        fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
            m.add_method("type", |_, _, ()| Ok("ImageData"));
            m.add_method("getDimensions", |_, _, ()| Ok((2, 2)));
            m.add_method("getPixel", |_, _, (x, y): (u32, u32)| {
                let a = if x == 1 && y == 1 { 0.5 } else { 1.0 };
                Ok((1.0, 0.0, 0.0, a))
            });
        }
    }

    #[test]
    fn mouse_new_cursor_from_image_data() -> mlua::Result<()> {
        let lua = Lua::new();
        lua.set_app_data(Mouse::default());
        let love = lua.create_table()?;
        register(&lua, &love)?;
        lua.globals().set("love", love)?;
        lua.globals().set("img", FakeImageData)?;
        let kind: String = lua
            .load("local c = love.mouse.newCursor(img, 1, 1) love.mouse.setCursor(c) assert(love.mouse.getCursor() == c) return c:getType()")
            .eval()?;
        assert_eq!(kind, "image");
        let shape = lua.app_data_ref::<Mouse>().and_then(|m| m.cursor.clone());
        let Some(Shape::Image(img)) = shape else {
            panic!("image cursor expected, got {shape:?}");
        };
        assert_eq!((img.width, img.height, img.hot_x, img.hot_y), (2, 2, 1, 1));
        assert_eq!(&img.rgba[..4], &[255, 0, 0, 255]);
        assert_eq!(&img.rgba[12..], &[255, 0, 0, 128]);
        let err = lua
            .load("return tostring(select(2, pcall(love.mouse.newCursor, img, 2, 0)))")
            .eval::<String>()?;
        assert!(
            err.contains("Cannot create cursor: Cursor hot spot doesn't lie within cursor"),
            "{err}"
        );
        Ok(())
    }
}
