//! `love.filesystem` bindings: reads through the search path (mounts, save directory,
//! game source), writes to the save directory, File and FileData objects, and the
//! `require` searcher that honours `setRequirePath`.

use super::Game;
use super::lua_file::{FileObject, MODES, Mode, open_file};
use super::save::{self, Kind, SaveFs};
use crate::data::lua::{DataObject, data_bytes};
use crate::runtime::args::{Args, enum_error, lua_error};
use mlua::{Lua, MultiValue, Table, Value};

pub(super) fn with_fs<R>(
    lua: &Lua,
    f: impl FnOnce(&mut Game, &mut SaveFs) -> R,
) -> mlua::Result<R> {
    let busy = |_| mlua::Error::RuntimeError("love.filesystem is busy (re-entered)".into());
    let mut g = lua
        .try_app_data_mut::<Game>()
        .map_err(busy)?
        .ok_or_else(|| mlua::Error::RuntimeError("no game source".into()))?;
    let mut s = lua
        .try_app_data_mut::<SaveFs>()
        .map_err(busy)?
        .ok_or_else(|| mlua::Error::RuntimeError("love.filesystem is not initialised".into()))?;
    Ok(f(&mut g, &mut s))
}

/// Reads a file through love.filesystem's search path (other modules load assets with it).
pub fn read_file(lua: &Lua, name: &str) -> Result<Vec<u8>, String> {
    with_fs(lua, |g, s| save::read(g, s, name)).map_err(|e| e.to_string())?
}

/// Compiles a game file as a chunk named `@path`, so errors read `path:line: ...`.
pub fn load_chunk(lua: &Lua, name: &str) -> Result<mlua::Function, String> {
    let booted = lua.app_data_ref::<SaveFs>().is_some();
    let bytes = match booted {
        true => read_file(lua, name)?,
        // During boot (conf.lua) only the game source exists.
        false => lua
            .app_data_mut::<Game>()
            .ok_or("no game source")?
            .read(name)?,
    };
    let f = lua
        .load(bytes)
        .set_name(format!("@{name}"))
        .into_function()
        .map_err(|e| crate::runtime::errors::error_message(&e))?;
    // Remember it for hot reload (conf.lua only runs at boot).
    if name != "conf.lua"
        && let Some(mut files) = lua.app_data_mut::<crate::runtime::reload::LoadedFiles>()
    {
        files.0.entry(name.to_string()).or_insert(None);
    }
    Ok(f)
}

/// Sets the identity (save folder name) after conf.lua, as LÖVE's boot does.
pub fn set_identity(lua: &Lua, identity: &str) {
    if let Some(mut s) = lua.app_data_mut::<SaveFs>() {
        s.identity = identity.to_string();
    }
}

pub(super) fn data_arg(args: &Args, n: usize) -> mlua::Result<Vec<u8>> {
    match args.get(n) {
        Value::Integer(_) | Value::Number(_) => Ok(args.string(n)?.into_bytes()),
        v => data_bytes(v).ok_or_else(|| args.type_error(n, "string or Data")),
    }
}

fn io_error(lua: &Lua, msg: &str) -> mlua::Result<MultiValue> {
    Ok(MultiValue::from_vec(vec![
        Value::Nil,
        Value::String(lua.create_string(msg)?),
    ]))
}

fn write_fn(
    lua: &Lua,
    a: MultiValue,
    fname: &'static str,
    append: bool,
) -> mlua::Result<MultiValue> {
    let args = Args::new(lua, a, fname);
    let name = args.string(1)?;
    let mut data = data_arg(&args, 2)?;
    if !args.is_none_or_nil(3) {
        let size = args.number(3)?.max(0.0) as usize;
        data.truncate(size);
    }
    match with_fs(lua, |_, s| s.write(&name, &data, append))? {
        Ok(()) => Ok(MultiValue::from_vec(vec![Value::Boolean(true)])),
        Err(e) => io_error(lua, &e),
    }
}

/// Splits file contents into lines as LÖVE's lines iterator does (no "\n", no "\r").
fn lines_of(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = bytes
        .split(|b| *b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l).to_vec())
        .collect();
    if bytes.ends_with(b"\n") {
        out.pop();
    }
    out
}

pub(super) fn lines_iterator(lua: &Lua, bytes: &[u8]) -> mlua::Result<mlua::Function> {
    let lines = lines_of(bytes);
    let mut i = 0;
    lua.create_function_mut(move |lua, _: MultiValue| {
        let r = match lines.get(i) {
            Some(l) => Value::String(lua.create_string(l)?),
            None => Value::Nil,
        };
        i += 1;
        Ok(r)
    })
}

fn dir_string(p: std::path::PathBuf) -> String {
    p.to_string_lossy().into_owned()
}

/// LOVE: the user and appdata directories end with a slash (PhysFS's spelling).
fn slash_dir_string(p: std::path::PathBuf) -> String {
    let mut s = p.to_string_lossy().into_owned();
    if !s.ends_with('/') {
        s.push('/');
    }
    s
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    if lua.app_data_ref::<SaveFs>().is_some() {
        // A thread's state: the save paths were handed over already.
        return register_functions(lua, love);
    }
    let identity = lua
        .app_data_ref::<Game>()
        .map(|g| {
            g.source_path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "game".into())
        })
        .unwrap_or_else(|| "game".into());
    lua.set_app_data(SaveFs::new(&identity, save::default_base()));
    register_functions(lua, love)
}

fn register_functions(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let fs = lua.create_table()?;

    fs.set(
        "read",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "read");
            // read([container,] name [, size])
            let (as_data, at) = match args.get(1) {
                Value::String(s) if (s == "string" || s == "data") && !args.is_none_or_nil(2) => {
                    (s == "data", 2)
                }
                _ => (false, 1),
            };
            let name = args.string(at)?;
            let size = args.opt_integer(at + 1, -1)?;
            match with_fs(lua, |g, s| save::read(g, s, &name))? {
                Ok(mut bytes) => {
                    if size >= 0 && (size as usize) < bytes.len() {
                        bytes.truncate(size as usize);
                    }
                    let n = bytes.len();
                    let v = if as_data {
                        Value::UserData(lua.create_userdata(DataObject::file(&name, bytes))?)
                    } else {
                        Value::String(lua.create_string(&bytes)?)
                    };
                    Ok(MultiValue::from_vec(vec![v, Value::Integer(n as i64)]))
                }
                Err(e) => io_error(lua, &e),
            }
        })?,
    )?;
    fs.set(
        "write",
        lua.create_function(|lua, a: MultiValue| write_fn(lua, a, "write", false))?,
    )?;
    fs.set(
        "append",
        lua.create_function(|lua, a: MultiValue| write_fn(lua, a, "append", true))?,
    )?;
    fs.set(
        "lines",
        lua.create_function(|lua, a: MultiValue| {
            let name = Args::new(lua, a, "lines").string(1)?;
            let bytes = read_file(lua, &name).map_err(|e| lua_error(lua, e))?;
            lines_iterator(lua, &bytes)
        })?,
    )?;
    fs.set(
        "getInfo",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "getInfo");
            let name = args.string(1)?;
            let mut table_arg = None;
            let mut filter = None;
            for i in 2..=3 {
                match args.get(i) {
                    Value::Table(t) => table_arg = Some(t.clone()),
                    Value::String(s) => filter = Some(s.to_string_lossy()),
                    _ => {}
                }
            }
            if let Some(f) = &filter
                && !["file", "directory", "symlink", "other"].contains(&f.as_str())
            {
                return Err(enum_error(
                    lua,
                    "file type",
                    f,
                    &["file", "directory", "symlink", "other"],
                ));
            }
            let Some(info) = with_fs(lua, |g, s| save::info(g, s, &name))? else {
                return Ok(Value::Nil);
            };
            let kind = match info.kind {
                Kind::File => "file",
                Kind::Directory => "directory",
            };
            if filter.as_deref().is_some_and(|f| f != kind) {
                return Ok(Value::Nil);
            }
            let t = match table_arg {
                Some(t) => t,
                None => lua.create_table()?,
            };
            t.set("type", kind)?;
            t.set("size", info.size.map(|s| s as i64))?;
            t.set("modtime", info.modtime)?;
            Ok(Value::Table(t))
        })?,
    )?;
    fs.set(
        "load",
        lua.create_function(|lua, a: MultiValue| {
            let name = Args::new(lua, a, "load").string(1)?;
            match load_chunk(lua, &name) {
                Ok(f) => Ok(MultiValue::from_vec(vec![Value::Function(f)])),
                // LOVE: a file that cannot be read gives nil, message; one that does not
                // compile raises "Syntax error: ...".
                Err(e) if with_fs(lua, |g, s| save::info(g, s, &name).is_some())? => {
                    Err(lua_error(lua, format!("Syntax error: {e}\n")))
                }
                Err(e) => io_error(lua, &e),
            }
        })?,
    )?;
    fs.set(
        "createDirectory",
        lua.create_function(|lua, a: MultiValue| {
            let name = Args::new(lua, a, "createDirectory").string(1)?;
            with_fs(lua, |_, s| s.create_directory(&name))
        })?,
    )?;
    fs.set(
        "remove",
        lua.create_function(|lua, a: MultiValue| {
            let name = Args::new(lua, a, "remove").string(1)?;
            with_fs(lua, |_, s| s.remove(&name))
        })?,
    )?;
    fs.set(
        "getDirectoryItems",
        lua.create_function(|lua, a: MultiValue| {
            let name = Args::new(lua, a, "getDirectoryItems").string(1)?;
            let items = with_fs(lua, |g, s| save::list(g, s, &name))?;
            lua.create_sequence_from(items)
        })?,
    )?;
    fs.set(
        "getRealDirectory",
        lua.create_function(|lua, a: MultiValue| {
            let name = Args::new(lua, a, "getRealDirectory").string(1)?;
            with_fs(lua, |g, s| save::real_directory(g, s, &name))?
                .ok_or_else(|| lua_error(lua, "File does not exist"))
        })?,
    )?;
    fs.set(
        "setIdentity",
        lua.create_function(|lua, a: MultiValue| {
            let name = Args::new(lua, a, "setIdentity").string(1)?;
            if name.contains(['/', '\\']) || name == ".." {
                return Err(lua_error(
                    lua,
                    format!("Could not set write directory: invalid identity '{name}'"),
                ));
            }
            with_fs(lua, |_, s| s.identity = name)
        })?,
    )?;
    fs.set(
        "getIdentity",
        lua.create_function(|lua, ()| with_fs(lua, |_, s| s.identity.clone()))?,
    )?;
    fs.set(
        "getSaveDirectory",
        lua.create_function(|lua, ()| with_fs(lua, |_, s| dir_string(s.save_dir())))?,
    )?;
    fs.set(
        "getSource",
        lua.create_function(|lua, ()| with_fs(lua, |g, _| dir_string(g.source_path())))?,
    )?;
    fs.set(
        "getSourceBaseDirectory",
        lua.create_function(|lua, ()| {
            with_fs(lua, |g, _| {
                let p = std::fs::canonicalize(g.source_path()).unwrap_or_else(|_| g.source_path());
                p.parent()
                    .map(|d| dir_string(d.to_path_buf()))
                    .unwrap_or_default()
            })
        })?,
    )?;
    fs.set(
        "getWorkingDirectory",
        lua.create_function(|_, ()| {
            Ok(std::env::current_dir().map(dir_string).unwrap_or_default())
        })?,
    )?;
    fs.set(
        "getUserDirectory",
        lua.create_function(|_, ()| {
            Ok(std::env::var("HOME")
                .map(|h| slash_dir_string(h.into()))
                .unwrap_or_default())
        })?,
    )?;
    fs.set(
        "getAppdataDirectory",
        lua.create_function(|_, ()| {
            Ok(save::default_base()
                .parent()
                .map(|p| slash_dir_string(p.to_path_buf()))
                .unwrap_or_default())
        })?,
    )?;
    fs.set("isFused", lua.create_function(|_, ()| Ok(false))?)?;
    fs.set(
        "getRequirePath",
        lua.create_function(|lua, ()| with_fs(lua, |_, s| s.require_path.clone()))?,
    )?;
    fs.set(
        "setRequirePath",
        lua.create_function(|lua, a: MultiValue| {
            let p = Args::new(lua, a, "setRequirePath").string(1)?;
            with_fs(lua, |_, s| s.require_path = p)
        })?,
    )?;
    fs.set(
        "getCRequirePath",
        lua.create_function(|lua, ()| with_fs(lua, |_, s| s.c_require_path.clone()))?,
    )?;
    fs.set(
        "setCRequirePath",
        lua.create_function(|lua, a: MultiValue| {
            let p = Args::new(lua, a, "setCRequirePath").string(1)?;
            with_fs(lua, |_, s| s.c_require_path = p)
        })?,
    )?;
    fs.set(
        "areSymlinksEnabled",
        lua.create_function(|lua, ()| with_fs(lua, |_, s| s.symlinks))?,
    )?;
    fs.set(
        "setSymlinksEnabled",
        lua.create_function(|lua, a: MultiValue| {
            let on = Args::new(lua, a, "setSymlinksEnabled").opt_bool(1, false);
            with_fs(lua, |_, s| s.symlinks = on)
        })?,
    )?;
    fs.set(
        "mount",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "mount");
            if let Value::UserData(ud) = args.get(1) {
                // mount(Data, archivename, mountpoint, appendToPath): a zip in memory.
                let bytes = match ud.borrow::<crate::data::lua::DataObject>() {
                    Ok(d) => d.bytes.as_ref().map(|b| b.to_vec()),
                    Err(_) => return Err(args.type_error(1, "Data")),
                };
                let bytes =
                    bytes.ok_or_else(|| lua_error(lua, crate::graphics::lua::objects::RELEASED))?;
                let name = args.string(2)?;
                let point = args.string(3)?;
                let append = args.opt_bool(4, false);
                let ok = with_fs(lua, |_, s| s.mount_bytes(bytes, &name, &point, append))?.is_ok();
                if ok {
                    with_mounted(lua, |m| m.insert(ud.to_pointer() as usize, name));
                }
                return Ok(ok);
            }
            let archive = args.string(1)?;
            let point = args.string(2)?;
            let append = args.opt_bool(3, false);
            Ok(with_fs(lua, |_, s| s.mount(&archive, &point, append))?.is_ok())
        })?,
    )?;
    fs.set(
        "unmount",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "unmount");
            let archive = match args.get(1) {
                Value::UserData(ud) => {
                    let key = ud.to_pointer() as usize;
                    match with_mounted(lua, |m| m.remove(&key)) {
                        Some(name) => name,
                        None => return Ok(false),
                    }
                }
                _ => args.string(1)?,
            };
            with_fs(lua, |_, s| s.unmount(&archive))
        })?,
    )?;
    fs.set(
        "newFile",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "newFile");
            let name = args.string(1)?;
            let mode = if args.is_none_or_nil(2) {
                None
            } else {
                Some(args.enumeration(2, "file open mode", MODES)?)
            };
            let identity_base = with_fs(lua, |_, s| {
                (
                    s.identity.clone(),
                    s.save_dir().parent().map(|p| p.to_path_buf()),
                )
            })?;
            let mut file = FileObject {
                name,
                mode: Mode::Closed,
                content: Vec::new(),
                pos: 0,
                pending: Vec::new(),
                buffer: ("none", 0),
                identity_base: identity_base.1.map(|b| (identity_base.0, b)),
            };
            if let Some(m) = mode {
                open_file(lua, &mut file, m)?;
            }
            lua.create_userdata(file)
        })?,
    )?;
    fs.set(
        "newFileData",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "newFileData");
            if args.is_none_or_nil(2) {
                // newFileData(filepath)
                let name = args.string(1)?;
                let bytes = read_file(lua, &name).map_err(|e| lua_error(lua, e))?;
                return lua.create_userdata(DataObject::file(&name, bytes));
            }
            let bytes = data_arg(&args, 1)?;
            let name = args.string(2)?;
            lua.create_userdata(DataObject::file(&name, bytes))
        })?,
    )?;
    fs.set(
        "setSource",
        lua.create_function(|lua, _: MultiValue| -> mlua::Result<()> {
            // LOVE: the source is set once, at boot; later calls fail like this.
            Err(lua_error(lua, "Could not set source."))
        })?,
    )?;
    fs.set(
        "init",
        lua.create_function(move |lua, _: MultiValue| -> mlua::Result<()> {
            Err(lua_error(
                lua,
                "love.filesystem.init is used by LÖVE's own boot code; the engine sets the source from its command line",
            ))
        })?,
    )?;

    super::lua_deprecated::register(lua, &fs, love)?;
    love.set("filesystem", fs)?;
    install_require_searcher(lua)
}

/// Archive names of Data objects mounted with `mount(Data, name, point)`, by object, so
/// `unmount(Data)` finds them.
#[derive(Default)]
struct MountedData(std::collections::HashMap<usize, String>);

fn with_mounted<R>(
    lua: &Lua,
    f: impl FnOnce(&mut std::collections::HashMap<usize, String>) -> R,
) -> R {
    if lua.app_data_ref::<MountedData>().is_none() {
        lua.set_app_data(MountedData::default());
    }
    match lua.app_data_mut::<MountedData>() {
        Some(mut m) => f(&mut m.0),
        None => f(&mut std::collections::HashMap::new()),
    }
}

/// Puts a searcher into `package.loaders` that finds modules through the require path
/// (`?.lua;?/init.lua` by default) in the search path, right after the preload searcher.
fn install_require_searcher(lua: &Lua) -> mlua::Result<()> {
    let searcher = lua.create_function(|lua, modname: String| {
        let base = modname.replace('.', "/");
        let templates = with_fs(lua, |_, s| s.require_path.clone())?;
        let mut tried = String::new();
        for pattern in templates.split(';').filter(|p| !p.is_empty()) {
            let file = pattern.replace('?', &base);
            let exists = with_fs(lua, |g, s| {
                save::info(g, s, &file).is_some_and(|i| i.kind == Kind::File)
            })?;
            if exists {
                return match load_chunk(lua, &file) {
                    Ok(f) => {
                        if let Some(mut files) =
                            lua.app_data_mut::<crate::runtime::reload::LoadedFiles>()
                        {
                            files.0.insert(file.clone(), Some(modname.clone()));
                        }
                        Ok(Value::Function(f))
                    }
                    // LOVE: the loader raises w_load's "Syntax error: ..." message.
                    Err(e) => Err(mlua::Error::RuntimeError(format!("Syntax error: {e}\n"))),
                };
            }
            tried.push_str(&format!("\n\tno '{file}' in LOVE game directories."));
        }
        Ok(Value::String(lua.create_string(&tried)?))
    })?;
    let package: Table = lua.globals().get("package")?;
    let loaders: Table = package.get("loaders")?;
    loaders.raw_insert(2, searcher)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filesystem_lines_split_like_love() {
        assert_eq!(
            lines_of(b"a\r\nb\n\nc"),
            vec![b"a".to_vec(), b"b".to_vec(), b"".to_vec(), b"c".to_vec()]
        );
        assert_eq!(lines_of(b"x\n"), vec![b"x".to_vec()]);
    }
}
