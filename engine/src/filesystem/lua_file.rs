//! love.filesystem's File object: reads load the whole file at open; writes are buffered
//! and land atomically on flush/close (or when the object is collected).

use super::lua::{data_arg, lines_iterator, read_file, with_fs};
use super::save::{self, SaveFs};
use crate::data::lua::DataObject;
use crate::runtime::args::{Args, lua_error};
use mlua::{Lua, MultiValue, UserData, UserDataMethods, Value};

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Mode {
    Closed,
    Read,
    Write,
    Append,
}

pub(super) const MODES: &[(&str, Mode)] = &[
    ("c", Mode::Closed),
    ("r", Mode::Read),
    ("w", Mode::Write),
    ("a", Mode::Append),
];

/// A File: reads load the whole file at open; writes are buffered and land atomically
/// on flush/close (or when the object is collected).
pub(super) struct FileObject {
    pub(super) name: String,
    pub(super) mode: Mode,
    pub(super) content: Vec<u8>,
    pub(super) pos: usize,
    pub(super) pending: Vec<u8>,
    pub(super) buffer: (&'static str, i64),
    pub(super) identity_base: Option<(String, std::path::PathBuf)>,
}

impl FileObject {
    fn flush_to(&mut self, s: &SaveFs) -> Result<(), String> {
        if matches!(self.mode, Mode::Write | Mode::Append) {
            let append = self.mode == Mode::Append;
            s.write(&self.name, &self.pending, append)?;
            if !append {
                // The next flush appends to what was written.
                self.mode = Mode::Append;
            }
            self.pending.clear();
        }
        Ok(())
    }
}

fn file_self<R>(
    lua: &Lua,
    args: &Args,
    f: impl FnOnce(&mut FileObject) -> mlua::Result<R>,
) -> mlua::Result<R> {
    let Value::UserData(ud) = args.get(1) else {
        return Err(args.type_error(1, "File"));
    };
    let mut file = ud
        .borrow_mut::<FileObject>()
        .map_err(|_| args.type_error(1, "File"))?;
    let _ = lua;
    f(&mut file)
}

pub(super) fn open_file(lua: &Lua, file: &mut FileObject, mode: Mode) -> mlua::Result<MultiValue> {
    if file.mode != Mode::Closed {
        return Err(lua_error(
            lua,
            format!("File {} is already open.", file.name),
        ));
    }
    match mode {
        Mode::Closed => return Ok(MultiValue::from_vec(vec![Value::Boolean(true)])),
        Mode::Read => match read_file(lua, &file.name) {
            Ok(b) => file.content = b,
            Err(e) => return Err(lua_error(lua, e)),
        },
        Mode::Write | Mode::Append => {
            // Create the file now (an empty one for "w"), as LÖVE does.
            let r = with_fs(lua, |_, s| s.write(&file.name, &[], mode == Mode::Append))?;
            if let Err(e) = r {
                return Err(lua_error(lua, e));
            }
        }
    }
    file.mode = mode;
    file.pos = 0;
    Ok(MultiValue::from_vec(vec![Value::Boolean(true)]))
}

impl UserData for FileObject {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        m.add_method("type", |_, _, _: MultiValue| Ok("File"));
        m.add_method("typeOf", |_, _, n: String| Ok(n == "File" || n == "Object"));
        m.add_function("getFilename", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getFilename");
            file_self(lua, &args, |f| Ok(f.name.clone()))
        });
        m.add_function("getMode", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getMode");
            file_self(lua, &args, |f| {
                Ok(MODES
                    .iter()
                    .find(|(_, m)| *m == f.mode)
                    .map(|(n, _)| *n)
                    .unwrap_or("c"))
            })
        });
        m.add_function("isOpen", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "isOpen");
            file_self(lua, &args, |f| Ok(f.mode != Mode::Closed))
        });
        m.add_function("open", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "open");
            let mode = args.enumeration(2, "file open mode", MODES)?;
            file_self(lua, &args, |f| open_file(lua, f, mode))
        });
        m.add_function("close", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "close");
            let r = file_self(lua, &args, |f| {
                let r = with_fs(lua, |_, s| f.flush_to(s))?;
                f.mode = Mode::Closed;
                f.content.clear();
                Ok(r.is_ok())
            })?;
            Ok(r)
        });
        m.add_function("flush", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "flush");
            // LOVE: failures are returned (nil, message), not raised.
            file_self(lua, &args, |f| {
                if !matches!(f.mode, Mode::Write | Mode::Append) {
                    return Ok((None, Some("File is not opened for writing.".to_string())));
                }
                match with_fs(lua, |_, s| f.flush_to(s))? {
                    Ok(_) => Ok((Some(true), None)),
                    Err(e) => Ok((None, Some(e))),
                }
            })
        });
        m.add_function("write", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "write");
            let mut data = data_arg(&args, 2)?;
            if !args.is_none_or_nil(3) {
                data.truncate(args.number(3)?.max(0.0) as usize);
            }
            file_self(lua, &args, |f| {
                if !matches!(f.mode, Mode::Write | Mode::Append) {
                    return Err(lua_error(lua, "File is not opened for writing."));
                }
                f.pending.extend_from_slice(&data);
                Ok(true)
            })
        });
        m.add_function("read", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "read");
            // read([container,] bytes)
            let (as_data, at) = match args.get(2) {
                Value::String(s) if s == "data" => (true, 3),
                Value::String(s) if s == "string" => (false, 3),
                _ => (false, 2),
            };
            let n = if args.is_none_or_nil(at) {
                None
            } else {
                Some(args.number(at)?.max(0.0) as usize)
            };
            file_self(lua, &args, |f| {
                if f.mode != Mode::Read {
                    return Err(lua_error(lua, "File is not opened for reading."));
                }
                let end = n.map_or(f.content.len(), |n| (f.pos + n).min(f.content.len()));
                let chunk = f.content[f.pos.min(end)..end].to_vec();
                f.pos = end;
                let len = chunk.len();
                let v = if as_data {
                    Value::UserData(lua.create_userdata(DataObject::file(&f.name, chunk))?)
                } else {
                    Value::String(lua.create_string(&chunk)?)
                };
                Ok((v, len))
            })
        });
        m.add_function("lines", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "lines");
            let bytes = file_self(lua, &args, |f| {
                if f.mode != Mode::Read {
                    return Err(lua_error(
                        lua,
                        "File needs to stay open, and must be opened for reading.",
                    ));
                }
                let rest = f.content[f.pos..].to_vec();
                f.pos = f.content.len();
                Ok(rest)
            })?;
            lines_iterator(lua, &bytes)
        });
        m.add_function("seek", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "seek");
            let pos = args.number(2)?;
            file_self(lua, &args, |f| {
                if f.mode != Mode::Read || pos < 0.0 || pos as usize > f.content.len() {
                    return Ok(false);
                }
                f.pos = pos as usize;
                Ok(true)
            })
        });
        m.add_function("tell", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "tell");
            file_self(lua, &args, |f| {
                Ok(match f.mode {
                    Mode::Read => f.pos as i64,
                    Mode::Write | Mode::Append => f.pending.len() as i64,
                    Mode::Closed => -1,
                })
            })
        });
        m.add_function("isEOF", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "isEOF");
            file_self(lua, &args, |f| {
                Ok(f.mode != Mode::Read || f.pos >= f.content.len())
            })
        });
        m.add_function("getSize", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getSize");
            let name = file_self(lua, &args, |f| Ok(f.name.clone()))?;
            let size = with_fs(lua, |g, s| save::info(g, s, &name).and_then(|i| i.size))?;
            Ok(size.map(|s| s as i64).unwrap_or(-1))
        });
        m.add_function("getBuffer", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getBuffer");
            file_self(lua, &args, |f| Ok(f.buffer))
        });
        m.add_function("setBuffer", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "setBuffer");
            let mode = args.enumeration(
                2,
                "file buffer mode",
                &[("none", "none"), ("line", "line"), ("full", "full")],
            )?;
            let size = args.opt_integer(3, 0)?;
            file_self(lua, &args, |f| {
                // Writes are buffered until flush/close either way; the mode is kept for getBuffer.
                f.buffer = (mode, size);
                Ok(true)
            })
        });
        m.add_function("release", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "release");
            file_self(lua, &args, |f| {
                let _ = with_fs(lua, |_, s| f.flush_to(s));
                f.mode = Mode::Closed;
                Ok(true)
            })
        });
    }
}

impl Drop for FileObject {
    fn drop(&mut self) {
        // A File collected while open for writing still saves what was written.
        if !self.pending.is_empty()
            && let Some((identity, base)) = self.identity_base.take()
        {
            let s = SaveFs::new(&identity, base);
            let _ = self.flush_to(&s);
        }
    }
}
