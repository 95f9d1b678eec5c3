//! `love.filesystem` bindings over the game source, and the `require` searcher.
//!
//! This first slice reads the game's own files (the save directory, writes and mounts
//! come with the data-layer work). `require` finds modules through the same source with
//! LÖVE's default require path `?.lua;?/init.lua`.

use super::Game;
use crate::runtime::args::Args;
use mlua::{Lua, MultiValue, Table, Value};

fn with_game<R>(lua: &Lua, f: impl FnOnce(&mut Game) -> R) -> mlua::Result<R> {
    let mut g = lua
        .app_data_mut::<Game>()
        .ok_or_else(|| mlua::Error::RuntimeError("no game source".into()))?;
    Ok(f(&mut g))
}

/// Compiles a game file as a chunk named `@path`, so errors read `path:line: ...`.
pub fn load_chunk(lua: &Lua, name: &str) -> Result<mlua::Function, String> {
    let bytes = with_game(lua, |g| g.read(name)).map_err(|e| e.to_string())??;
    lua.load(bytes)
        .set_name(format!("@{name}"))
        .into_function()
        .map_err(|e| crate::runtime::errors::error_message(&e))
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let fs = lua.create_table()?;

    fs.set(
        "read",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "read");
            // read([container,] name [, size]): the container form names "string"/"data".
            let (name, size_arg) = match args.get(1) {
                Value::String(s) if (s == "string" || s == "data") && !args.is_none_or_nil(2) => {
                    (args.string(2)?, 3)
                }
                _ => (args.string(1)?, 2),
            };
            let size = args.opt_integer(size_arg, -1)?;
            match with_game(lua, |g| g.read(&name))? {
                Ok(mut bytes) => {
                    if size >= 0 && (size as usize) < bytes.len() {
                        bytes.truncate(size as usize);
                    }
                    let n = bytes.len();
                    Ok((
                        Value::String(lua.create_string(&bytes)?),
                        Value::Integer(n as i64),
                    ))
                }
                Err(e) => Ok((Value::Nil, Value::String(lua.create_string(&e)?))),
            }
        })?,
    )?;

    fs.set(
        "getInfo",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "getInfo");
            let name = args.string(1)?;
            let (is_file, is_dir, size) = with_game(lua, |g| {
                let f = g.is_file(&name);
                let size = if f {
                    g.read(&name).map(|b| b.len()).ok()
                } else {
                    None
                };
                (f, g.is_dir(&name), size)
            })?;
            if !is_file && !is_dir {
                return Ok(Value::Nil);
            }
            // getInfo(path [, filtertype] [, table])
            let mut table_arg = None;
            let mut filter = None;
            for i in 2..=3 {
                match args.get(i) {
                    Value::Table(t) => table_arg = Some(t.clone()),
                    Value::String(s) => filter = Some(s.to_string_lossy()),
                    _ => {}
                }
            }
            let kind = if is_file { "file" } else { "directory" };
            if let Some(f) = filter {
                if !["file", "directory", "symlink", "other"].contains(&f.as_str()) {
                    return Err(crate::runtime::args::enum_error(
                        lua,
                        "file type",
                        &f,
                        &["file", "directory", "symlink", "other"],
                    ));
                }
                if f != kind {
                    return Ok(Value::Nil);
                }
            }
            let t = match table_arg {
                Some(t) => t,
                None => lua.create_table()?,
            };
            t.set("type", kind)?;
            if let Some(s) = size {
                t.set("size", s as i64)?;
            }
            Ok(Value::Table(t))
        })?,
    )?;

    fs.set(
        "load",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "load");
            let name = args.string(1)?;
            match load_chunk(lua, &name) {
                Ok(f) => Ok((Value::Function(f), Value::Nil)),
                Err(e) => Ok((Value::Nil, Value::String(lua.create_string(&e)?))),
            }
        })?,
    )?;

    fs.set(
        "getSource",
        lua.create_function(|lua, ()| {
            with_game(lua, |g| g.source_path().to_string_lossy().into_owned())
        })?,
    )?;

    love.set("filesystem", fs)?;
    install_require_searcher(lua)
}

/// Puts a searcher into `package.loaders` that finds `a.b` as `a/b.lua` or `a/b/init.lua`
/// in the game source, right after the preload searcher (as LÖVE does).
fn install_require_searcher(lua: &Lua) -> mlua::Result<()> {
    let searcher = lua.create_function(|lua, modname: String| {
        let base = modname.replace('.', "/");
        let mut tried = String::new();
        for pattern in ["?.lua", "?/init.lua"] {
            let file = pattern.replace('?', &base);
            if with_game(lua, |g| g.is_file(&file))? {
                return match load_chunk(lua, &file) {
                    Ok(f) => Ok(Value::Function(f)),
                    Err(e) => Err(mlua::Error::RuntimeError(e)),
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
