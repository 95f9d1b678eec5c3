//! `require("utf8")`: Lua 5.3's utf8 library, with its messages (checked against LÖVE
//! 11.4, which bundles the same API for LuaJIT).

use super::{MAX_UNICODE, decode, encode, is_cont, len, offset, relative};
use crate::runtime::args::{Args, lua_error};
use mlua::{IntoLuaMulti, Lua, MultiValue, Table, Value};

/// LOVE: LuaJIT has no `\0` in patterns, so the pattern uses `%z`.
const CHARPATTERN: &[u8] = b"[%z\x01-\x7F\xC2-\xF4][\x80-\xBF]*";

fn bytes(args: &Args, n: usize) -> mlua::Result<Vec<u8>> {
    Ok(match args.get(n) {
        Value::String(s) => s.as_bytes().to_vec(),
        _ => args.string(n)?.into_bytes(),
    })
}

fn utf8_len(lua: &Lua, a: MultiValue) -> mlua::Result<MultiValue> {
    let args = Args::new(lua, a, "len");
    let s = bytes(&args, 1)?;
    let l = s.len();
    let i = relative(args.opt_integer(2, 1)?, l);
    let j = relative(args.opt_integer(3, -1)?, l);
    if i < 1 || i - 1 > l as i64 {
        return Err(args.error(2, "initial position out of string"));
    }
    if j > l as i64 {
        return Err(args.error(3, "final position out of string"));
    }
    match len(&s, i as usize, j) {
        Ok(n) => n.into_lua_multi(lua),
        Err(pos) => (Value::Nil, pos).into_lua_multi(lua),
    }
}

fn utf8_codepoint(lua: &Lua, a: MultiValue) -> mlua::Result<MultiValue> {
    let args = Args::new(lua, a, "codepoint");
    let s = bytes(&args, 1)?;
    let l = s.len();
    let i = relative(args.opt_integer(2, 1)?, l);
    let j = relative(args.opt_integer(3, i)?, l);
    if i < 1 {
        return Err(args.error(2, "out of range"));
    }
    if j > l as i64 {
        return Err(args.error(3, "out of range"));
    }
    let mut out = Vec::new();
    let mut pos = i as usize - 1;
    while (pos as i64) < j {
        let (code, n) = decode(&s, pos).ok_or_else(|| lua_error(lua, "invalid UTF-8 code"))?;
        out.push(Value::Integer(code as i64));
        pos += n;
    }
    Ok(MultiValue::from_vec(out))
}

fn utf8_char(lua: &Lua, a: MultiValue) -> mlua::Result<mlua::LuaString> {
    let args = Args::new(lua, a, "char");
    let mut out = Vec::new();
    for n in 1..=args.len() {
        let code = args.integer(n)?;
        if !(0..=MAX_UNICODE as i64).contains(&code) {
            return Err(args.error(n, "value out of range"));
        }
        encode(code as u32, &mut out);
    }
    lua.create_string(&out)
}

fn utf8_offset(lua: &Lua, a: MultiValue) -> mlua::Result<Value> {
    let args = Args::new(lua, a, "offset");
    let s = bytes(&args, 1)?;
    let l = s.len();
    let n = args.integer(2)?;
    let default = if n >= 0 { 1 } else { l as i64 + 1 };
    let i = relative(args.opt_integer(3, default)?, l);
    if i < 1 || i - 1 > l as i64 {
        return Err(args.error(3, "position out of range"));
    }
    match offset(&s, n, i as usize - 1) {
        Ok(Some(p)) => Ok(Value::Integer(p as i64)),
        Ok(None) => Ok(Value::Nil),
        Err(_) => Err(lua_error(lua, "initial position is a continuation byte")),
    }
}

/// The iterator of `utf8.codes`: the next character after byte position `i`.
fn codes_step(lua: &Lua, (s, i): (mlua::LuaString, i64)) -> mlua::Result<MultiValue> {
    let s = s.as_bytes();
    let len = s.len();
    let mut n = (i - 1).max(0) as usize;
    if i > 0 && n < len {
        n += 1;
        while n < len && is_cont(s[n]) {
            n += 1;
        }
    }
    if n >= len {
        return Ok(MultiValue::new());
    }
    match decode(&s, n) {
        Some((code, l)) if !s.get(n + l).is_some_and(|&b| is_cont(b)) => {
            (n as i64 + 1, code as i64).into_lua_multi(lua)
        }
        _ => Err(lua_error(lua, "invalid UTF-8 code")),
    }
}

fn utf8_table(lua: &Lua) -> mlua::Result<Table> {
    let t = lua.create_table()?;
    t.set("charpattern", lua.create_string(CHARPATTERN)?)?;
    t.set("len", lua.create_function(utf8_len)?)?;
    t.set("codepoint", lua.create_function(utf8_codepoint)?)?;
    t.set("char", lua.create_function(utf8_char)?)?;
    t.set("offset", lua.create_function(utf8_offset)?)?;
    let step = lua.create_function(codes_step)?;
    t.set(
        "codes",
        lua.create_function(move |lua, a: MultiValue| {
            let args = Args::new(lua, a, "codes");
            let s = lua.create_string(bytes(&args, 1)?)?;
            Ok((step.clone(), s, 0))
        })?,
    )?;
    Ok(t)
}

/// `package.preload.utf8`.
pub fn register(lua: &Lua, _love: &Table) -> mlua::Result<()> {
    let preload: Table = lua.globals().get::<Table>("package")?.get("preload")?;
    preload.set("utf8", lua.create_function(|lua, ()| utf8_table(lua))?)
}
