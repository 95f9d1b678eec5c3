//! `love.data` bindings and the Data objects (ByteData, DataView, CompressedData).
//! Other modules take "a string or any Data" through [`data_bytes`].

use super::pack::{Packed, pack, packed_size, unpack};
use super::{DataBuf, Encoding, Format, Hash};
use crate::graphics::lua::objects::{LoveObject, add_object_methods};
use crate::runtime::args::{Args, lua_error};
use mlua::{Lua, MultiValue, Table, UserData, UserDataMethods, Value};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DataKind {
    Byte,
    View,
    Compressed(Format),
    /// love.filesystem's FileData; the name is in `DataObject::filename`.
    File,
}

/// A LÖVE Data object held by Lua. `bytes` is `None` once released on this side.
/// The buffer is shared with every love.thread state it was sent to (LÖVE reference-counts
/// the object); it is never resized, so pointers to it stay valid while any side holds it.
pub struct DataObject {
    pub kind: DataKind,
    pub bytes: Option<DataBuf>,
    pub filename: String,
}

impl DataObject {
    pub fn new(kind: DataKind, bytes: Vec<u8>) -> DataObject {
        DataObject {
            kind,
            bytes: Some(DataBuf::new(bytes)),
            filename: String::new(),
        }
    }

    pub fn file(name: &str, bytes: Vec<u8>) -> DataObject {
        DataObject {
            kind: DataKind::File,
            bytes: Some(DataBuf::new(bytes)),
            filename: name.to_string(),
        }
    }
}

const RELEASED: &str = "Cannot use object after it has been released.";

/// The bytes of a string or of any Data object from this module; `None` for other values.
pub fn data_bytes(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::String(s) => Some(s.as_bytes().to_vec()),
        Value::UserData(ud) => ud
            .borrow::<DataObject>()
            .ok()
            .and_then(|d| d.bytes.as_ref().map(|b| b.to_vec())),
        _ => None,
    }
}

fn with_data<R>(
    lua: &Lua,
    args: &Args,
    f: impl FnOnce(&mut DataObject, &[u8]) -> mlua::Result<R>,
) -> mlua::Result<R> {
    let Value::UserData(ud) = args.get(1) else {
        return Err(args.type_error(1, "Data"));
    };
    let mut d = ud
        .borrow_mut::<DataObject>()
        .map_err(|_| args.type_error(1, "Data"))?;
    let bytes = d.bytes.take().ok_or_else(|| lua_error(lua, RELEASED))?;
    let r = f(&mut d, &bytes);
    d.bytes = Some(bytes);
    r
}

impl LoveObject for DataObject {
    fn types(&self) -> &'static [&'static str] {
        match self.kind {
            DataKind::Byte => &["ByteData", "Data", "Object"],
            DataKind::View => &["DataView", "Data", "Object"],
            DataKind::Compressed(_) => &["CompressedData", "Data", "Object"],
            DataKind::File => &["FileData", "Data", "Object"],
        }
    }
    fn release(&mut self) -> bool {
        self.bytes.take().is_some()
    }
}

impl UserData for DataObject {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        m.add_function("getString", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getString");
            with_data(lua, &args, |_, b| lua.create_string(b))
        });
        m.add_function("getSize", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getSize");
            with_data(lua, &args, |_, b| Ok(b.len()))
        });
        m.add_function("getPointer", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getPointer");
            let Value::UserData(ud) = args.get(1) else {
                return Err(args.type_error(1, "Data"));
            };
            let d = ud
                .borrow::<DataObject>()
                .map_err(|_| args.type_error(1, "Data"))?;
            let ptr = d
                .bytes
                .as_ref()
                .ok_or_else(|| lua_error(lua, RELEASED))?
                .as_ptr();
            Ok(Value::LightUserData(mlua::LightUserData(
                ptr as *mut std::ffi::c_void,
            )))
        });
        m.add_function("getFFIPointer", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getFFIPointer");
            let Value::UserData(ud) = args.get(1) else {
                return Err(args.type_error(1, "Data"));
            };
            let ptr = {
                let d = ud
                    .borrow::<DataObject>()
                    .map_err(|_| args.type_error(1, "Data"))?;
                d.bytes
                    .as_ref()
                    .ok_or_else(|| lua_error(lua, RELEASED))?
                    .as_ptr()
            };
            // The pointer stays valid while the object lives: the bytes are never resized.
            let cast: mlua::Function = lua
                .load("local p = ... return require('ffi').cast('void *', p)")
                .into_function()?;
            cast.call::<Value>(mlua::LightUserData(ptr as *mut std::ffi::c_void))
        });
        m.add_function("clone", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "clone");
            with_data(lua, &args, |d, b| {
                lua.create_userdata(DataObject::new(d.kind, b.to_vec()))
            })
        });
        m.add_function("getFormat", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getFormat");
            with_data(lua, &args, |d, _| match d.kind {
                DataKind::Compressed(f) => Ok(f.name()),
                _ => Err(args.type_error(1, "CompressedData")),
            })
        });
        m.add_function("getFilename", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getFilename");
            with_data(lua, &args, |d, _| match d.kind {
                DataKind::File => Ok(d.filename.clone()),
                _ => Err(args.type_error(1, "FileData")),
            })
        });
        m.add_function("getExtension", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getExtension");
            with_data(lua, &args, |d, _| match d.kind {
                DataKind::File => Ok(std::path::Path::new(&d.filename)
                    .extension()
                    .map(|e| e.to_string_lossy().into_owned())
                    .unwrap_or_default()),
                _ => Err(args.type_error(1, "FileData")),
            })
        });
    }
}

const CONTAINERS: &[(&str, bool)] = &[("data", true), ("string", false)];
const FORMATS: &[(&str, Format)] = &[
    ("lz4", Format::Lz4),
    ("zlib", Format::Zlib),
    ("gzip", Format::Gzip),
    ("deflate", Format::Deflate),
];
const ENCODINGS: &[(&str, Encoding)] = &[("base64", Encoding::Base64), ("hex", Encoding::Hex)];
const HASHES: &[(&str, Hash)] = &[
    ("md5", Hash::Md5),
    ("sha1", Hash::Sha1),
    ("sha224", Hash::Sha224),
    ("sha256", Hash::Sha256),
    ("sha384", Hash::Sha384),
    ("sha512", Hash::Sha512),
];

fn bytes_arg(args: &Args, n: usize) -> mlua::Result<Vec<u8>> {
    match args.get(n) {
        Value::Integer(_) | Value::Number(_) => Ok(args.string(n)?.into_bytes()),
        v => data_bytes(v).ok_or_else(|| args.type_error(n, "string or Data")),
    }
}

/// A result as the container asked: a Lua string, or a Data object of `kind`.
fn contain(lua: &Lua, as_data: bool, kind: DataKind, bytes: Vec<u8>) -> mlua::Result<Value> {
    if as_data {
        Ok(Value::UserData(
            lua.create_userdata(DataObject::new(kind, bytes))?,
        ))
    } else {
        Ok(Value::String(lua.create_string(&bytes)?))
    }
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let d = lua.create_table()?;
    d.set(
        "newByteData",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "newByteData");
            let bytes = match args.get(1) {
                Value::Integer(_) | Value::Number(_) => {
                    let n = args.number(1)?;
                    if n < 0.0 {
                        return Err(args.error(1, "size must be positive"));
                    }
                    vec![0u8; n as usize]
                }
                Value::Nil => return Err(args.type_error(1, "number")),
                _ => bytes_arg(&args, 1)?,
            };
            lua.create_userdata(DataObject::new(DataKind::Byte, bytes))
        })?,
    )?;
    d.set(
        "newDataView",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "newDataView");
            let src = match args.get(1) {
                Value::UserData(ud) => ud
                    .borrow::<DataObject>()
                    .map_err(|_| args.type_error(1, "Data"))?
                    .bytes
                    .clone()
                    .ok_or_else(|| lua_error(lua, RELEASED))?,
                _ => return Err(args.type_error(1, "Data")),
            };
            let (off, size) = (args.number(2)?, args.number(3)?);
            let view = (off >= 0.0 && size >= 0.0 && off + size <= src.len() as f64)
                .then(|| src.view(off as usize, size as usize))
                .flatten()
                .ok_or_else(|| {
                    lua_error(
                        lua,
                        "Offset and size of Data View must fit within the original Data's size.",
                    )
                })?;
            // LOVE: a DataView is a window on its Data: writes through either pointer show
            // in both.
            lua.create_userdata(DataObject {
                kind: DataKind::View,
                bytes: Some(view),
                filename: String::new(),
            })
        })?,
    )?;
    d.set(
        "compress",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "compress");
            let as_data = args.enumeration(1, "container type", CONTAINERS)?;
            let f = args.enumeration(2, "compressed data format", FORMATS)?;
            let raw = bytes_arg(&args, 3)?;
            let level = args.opt_integer(4, -1)? as i32;
            let out = super::compress(f, &raw, level).map_err(|e| lua_error(lua, e))?;
            contain(lua, as_data, DataKind::Compressed(f), out)
        })?,
    )?;
    d.set(
        "decompress",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "decompress");
            let as_data = args.enumeration(1, "container type", CONTAINERS)?;
            // decompress(container, CompressedData) or (container, format, string|Data).
            let (f, raw) = match args.get(2) {
                Value::UserData(ud) => {
                    let obj = ud
                        .borrow::<DataObject>()
                        .map_err(|_| args.type_error(2, "CompressedData"))?;
                    let DataKind::Compressed(f) = obj.kind else {
                        return Err(args.type_error(2, "CompressedData"));
                    };
                    (
                        f,
                        obj.bytes
                            .as_ref()
                            .ok_or_else(|| lua_error(lua, RELEASED))?
                            .to_vec(),
                    )
                }
                _ => (
                    args.enumeration(2, "compressed data format", FORMATS)?,
                    bytes_arg(&args, 3)?,
                ),
            };
            let out = super::decompress(f, &raw).map_err(|e| lua_error(lua, e))?;
            contain(lua, as_data, DataKind::Byte, out)
        })?,
    )?;
    d.set(
        "encode",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "encode");
            let as_data = args.enumeration(1, "container type", CONTAINERS)?;
            let e = args.enumeration(2, "encode format", ENCODINGS)?;
            let raw = bytes_arg(&args, 3)?;
            let line = args.opt_integer(4, 0)?.max(0) as usize;
            contain(
                lua,
                as_data,
                DataKind::Byte,
                super::encode(e, &raw, line).into_bytes(),
            )
        })?,
    )?;
    d.set(
        "decode",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "decode");
            let as_data = args.enumeration(1, "container type", CONTAINERS)?;
            let e = args.enumeration(2, "encode format", ENCODINGS)?;
            let raw = bytes_arg(&args, 3)?;
            let out = super::decode(e, &raw).map_err(|e| lua_error(lua, e))?;
            contain(lua, as_data, DataKind::Byte, out)
        })?,
    )?;
    d.set(
        "hash",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "hash");
            let h = args.enumeration(1, "hash function", HASHES)?;
            let raw = bytes_arg(&args, 2)?;
            lua.create_string(super::hash(h, &raw))
        })?,
    )?;
    d.set(
        "getPackedSize",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "getPackedSize");
            let fmt = args.string(1)?;
            packed_size(&fmt).map_err(|e| args.error(1, e))
        })?,
    )?;
    d.set(
        "pack",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "pack");
            let as_data = args.enumeration(1, "container type", CONTAINERS)?;
            let fmt = args.string(2)?;
            let mut vals = Vec::new();
            for i in 3..=args.len() {
                vals.push(match args.get(i) {
                    Value::Integer(n) => Packed::Int(*n),
                    Value::Number(n) => Packed::Num(*n),
                    Value::String(s) => Packed::Str(s.as_bytes().to_vec()),
                    _ => Packed::Str(args.string(i)?.into_bytes()),
                });
            }
            let out = pack(&fmt, &vals).map_err(|e| args.error(2, e))?;
            contain(lua, as_data, DataKind::Byte, out)
        })?,
    )?;
    d.set(
        "unpack",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "unpack");
            let fmt = args.string(1)?;
            let data = bytes_arg(&args, 2)?;
            let pos = args.opt_integer(3, 1)?;
            if pos < 1 || pos as usize > data.len() + 1 {
                return Err(args.error(3, "initial position out of string"));
            }
            let (vals, end) =
                unpack(&fmt, &data, pos as usize - 1).map_err(|e| args.error(2, e))?;
            let mut out = MultiValue::new();
            for v in vals {
                out.push_back(match v {
                    Packed::Int(i) => Value::Number(i as f64),
                    Packed::Num(n) => Value::Number(n),
                    Packed::Str(s) => Value::String(lua.create_string(&s)?),
                });
            }
            out.push_back(Value::Integer(end as i64 + 1));
            Ok(out)
        })?,
    )?;
    love.set("data", d)
}
