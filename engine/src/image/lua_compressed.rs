//! `love.image.newCompressedData`, `love.image.isCompressed` and the CompressedImageData
//! object (a Data: its bytes are every mipmap level, one after the other).

use super::ImageData;
use super::compressed::{self, CompressedData};
use crate::graphics::lua::objects::{LoveObject, RELEASED, add_object_methods};
use crate::runtime::args::{Args, lua_error};
use mlua::{AnyUserData, Lua, MultiValue, UserData, UserDataMethods, Value};
use std::sync::Arc;

pub struct CompressedUd(pub Option<Arc<CompressedData>>);

impl LoveObject for CompressedUd {
    fn types(&self) -> &'static [&'static str] {
        &["CompressedImageData", "Data", "Object"]
    }
    fn release(&mut self) -> bool {
        self.0.take().is_some()
    }
}

impl CompressedUd {
    fn get(&self, lua: &Lua) -> mlua::Result<&Arc<CompressedData>> {
        self.0.as_ref().ok_or_else(|| lua_error(lua, RELEASED))
    }
}

/// The mipmap level of argument 1 (1-based, default 1), checked.
fn level<'a>(
    lua: &Lua,
    c: &'a CompressedData,
    a: MultiValue,
    f: &'static str,
) -> mlua::Result<&'a compressed::Level> {
    let args = Args::new(lua, a, f);
    let n = args.opt_integer(1, 1)?;
    if n < 1 || n as usize > c.levels.len() {
        return Err(lua_error(lua, format!("Mipmap level {n} does not exist")));
    }
    Ok(&c.levels[n as usize - 1])
}

impl UserData for CompressedUd {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        m.add_method("getWidth", |lua, this, a: MultiValue| {
            Ok(level(lua, this.get(lua)?, a, "getWidth")?.width)
        });
        m.add_method("getHeight", |lua, this, a: MultiValue| {
            Ok(level(lua, this.get(lua)?, a, "getHeight")?.height)
        });
        m.add_method("getDimensions", |lua, this, a: MultiValue| {
            let l = level(lua, this.get(lua)?, a, "getDimensions")?;
            Ok((l.width, l.height))
        });
        m.add_method("getMipmapCount", |lua, this, ()| {
            Ok(this.get(lua)?.levels.len())
        });
        m.add_method("getFormat", |lua, this, ()| Ok(this.get(lua)?.format));
        m.add_method("getSize", |lua, this, ()| {
            Ok(this
                .get(lua)?
                .levels
                .iter()
                .map(|l| l.data.len())
                .sum::<usize>())
        });
        m.add_method("getString", |lua, this, ()| {
            let all: Vec<u8> = this
                .get(lua)?
                .levels
                .iter()
                .flat_map(|l| l.data.iter().copied())
                .collect();
            lua.create_string(&all)
        });
        m.add_method("clone", |lua, this, ()| {
            Ok(CompressedUd(Some(this.get(lua)?.clone())))
        });
    }
}

/// An Image's pixels from a CompressedImageData: its first level decoded on the CPU.
pub fn decompress(lua: &Lua, u: &AnyUserData) -> mlua::Result<ImageData> {
    let c = u.borrow::<CompressedUd>()?;
    let c = c.get(lua)?;
    compressed::decode(c.format, &c.levels[0]).map_err(|e| lua_error(lua, e))
}

/// The bytes of a file name or FileData argument.
fn file_bytes(lua: &Lua, args: &Args) -> mlua::Result<Vec<u8>> {
    match args.get(1) {
        Value::UserData(u) => {
            let d = u
                .borrow::<crate::data::lua::DataObject>()
                .map_err(|_| args.type_error(1, "string"))?;
            d.bytes
                .as_ref()
                .map(|b| b.to_vec())
                .ok_or_else(|| lua_error(lua, RELEASED))
        }
        _ => {
            let name = args.string(1)?;
            crate::filesystem::lua::read_file(lua, &name).map_err(|e| lua_error(lua, e))
        }
    }
}

pub fn register(lua: &Lua, t: &mlua::Table) -> mlua::Result<()> {
    t.set(
        "isCompressed",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "isCompressed");
            Ok(compressed::is_compressed(&file_bytes(lua, &args)?))
        })?,
    )?;
    t.set(
        "newCompressedData",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "newCompressedData");
            let bytes = file_bytes(lua, &args)?;
            match compressed::parse(&bytes) {
                Ok(Some(c)) => Ok(CompressedUd(Some(Arc::new(c)))),
                Ok(None) => Err(lua_error(
                    lua,
                    "Could not parse compressed data: Unknown format.",
                )),
                Err(e) => Err(lua_error(lua, e)),
            }
        })?,
    )?;
    Ok(())
}
