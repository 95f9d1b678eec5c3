//! Argument checking for bindings, with LÖVE's wording.
//!
//! Every `lua.rs` parses its arguments through [`Args`], so a misuse from Lua reads
//! exactly as it does in LÖVE: `bad argument #2 to 'rectangle' (number expected, got nil)`,
//! `Invalid draw mode 'fil', expected one of: 'fill', 'line'`. Errors carry the position of
//! the Lua caller (`main.lua:3: ...`) as LuaJIT's `luaL_error` does; the runtime turns
//! mlua's wrapped errors back into plain strings before a game sees them (see `errors.rs`).

use mlua::{Error, Lua, MultiValue, ObjectLike, Value};

/// The Lua type name of a value, as `type()` and LÖVE's messages spell it.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Nil => "nil",
        Value::Boolean(_) => "boolean",
        Value::Integer(_) | Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Table(_) => "table",
        Value::Function(_) => "function",
        Value::Thread(_) => "thread",
        Value::LightUserData(_) | Value::UserData(_) | Value::Error(_) => "userdata",
        _ => "userdata",
    }
}

thread_local! {
    /// Set while a raw fast binding (graphics/lua/raw.rs) runs its ordinary fallback:
    /// the binding's real caller is then one level further up.
    static BEHIND_WRAPPER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Marks (or unmarks) that bindings now run behind a raw fast wrapper.
pub fn set_behind_wrapper(on: bool) {
    BEHIND_WRAPPER.with(|b| b.set(on));
}

/// `file:line: ` of the Lua function that called the running binding, or "" when the
/// caller is not Lua code. LuaJIT prefixes its own C-function errors the same way.
pub fn caller_position(lua: &Lua) -> String {
    // Level 1 is the direct caller; a C caller (pcall) gives no position, as in LÖVE.
    let level = if BEHIND_WRAPPER.with(|b| b.get()) {
        2
    } else {
        1
    };
    lua.inspect_stack(level, |d| {
        let line = d.current_line()?;
        let src = d.source().short_src.map(|s| s.to_string())?;
        Some(format!("{src}:{line}: "))
    })
    .flatten()
    .unwrap_or_default()
}

/// A Lua error with the caller's position, as `luaL_error` makes it.
pub fn lua_error(lua: &Lua, msg: impl AsRef<str>) -> Error {
    Error::RuntimeError(format!("{}{}", caller_position(lua), msg.as_ref()))
}

/// `Invalid draw mode 'fil', expected one of: 'fill', 'line'`.
pub fn enum_error(lua: &Lua, kind: &str, value: &str, options: &[&str]) -> Error {
    let list: Vec<String> = options.iter().map(|o| format!("'{o}'")).collect();
    lua_error(
        lua,
        format!(
            "Invalid {kind} '{value}', expected one of: {}",
            list.join(", ")
        ),
    )
}

/// Positional arguments of one binding call, 1-based as in Lua.
pub struct Args<'a> {
    lua: &'a Lua,
    vals: MultiValue,
    fname: &'static str,
}

impl<'a> Args<'a> {
    pub fn new(lua: &'a Lua, vals: MultiValue, fname: &'static str) -> Self {
        Args { lua, vals, fname }
    }

    pub fn len(&self) -> usize {
        self.vals.len()
    }

    pub fn is_empty(&self) -> bool {
        self.vals.is_empty()
    }

    pub fn get(&self, n: usize) -> &Value {
        self.vals.get(n.wrapping_sub(1)).unwrap_or(&Value::Nil)
    }

    pub fn is_none_or_nil(&self, n: usize) -> bool {
        matches!(self.get(n), Value::Nil)
    }

    /// `bad argument #n to 'fname' (msg)`.
    pub fn error(&self, n: usize, msg: impl AsRef<str>) -> Error {
        lua_error(
            self.lua,
            format!("bad argument #{n} to '{}' ({})", self.fname, msg.as_ref()),
        )
    }

    /// A plain error with the caller's position (no "bad argument" wrapping).
    pub fn lua_error(&self, msg: impl AsRef<str>) -> Error {
        lua_error(self.lua, msg)
    }

    /// `bad argument #n ...` for LÖVE's negative stack slots (colour tables).
    pub fn error_at(&self, n: i64, msg: impl AsRef<str>) -> Error {
        lua_error(
            self.lua,
            format!("bad argument #{n} to '{}' ({})", self.fname, msg.as_ref()),
        )
    }

    pub fn type_error(&self, n: usize, expected: &str) -> Error {
        let got = if n > self.vals.len() {
            "no value".to_string()
        } else {
            match self.get(n) {
                // LOVE: a LÖVE object is named by its type ("ImageData expected, got Image").
                Value::UserData(ud) => ud
                    .call_method::<String>("type", ())
                    .unwrap_or_else(|_| "userdata".to_string()),
                v => type_name(v).to_string(),
            }
        };
        self.error(n, format!("{expected} expected, got {got}"))
    }

    /// luaL_checknumber: numbers, and strings that convert to numbers.
    pub fn number(&self, n: usize) -> Result<f64, Error> {
        match self.get(n) {
            Value::Number(x) => Ok(*x),
            Value::Integer(i) => Ok(*i as f64),
            Value::String(s) => s
                .to_str()
                .ok()
                .and_then(|s| parse_lua_number(&s))
                .ok_or_else(|| self.type_error(n, "number")),
            _ => Err(self.type_error(n, "number")),
        }
    }

    pub fn opt_number(&self, n: usize, default: f64) -> Result<f64, Error> {
        if self.is_none_or_nil(n) {
            Ok(default)
        } else {
            self.number(n)
        }
    }

    pub fn f32(&self, n: usize) -> Result<f32, Error> {
        self.number(n).map(|x| x as f32)
    }

    pub fn opt_f32(&self, n: usize, default: f32) -> Result<f32, Error> {
        self.opt_number(n, default as f64).map(|x| x as f32)
    }

    /// luaL_checkinteger (truncates toward zero like LuaJIT's lua_tointeger).
    pub fn integer(&self, n: usize) -> Result<i64, Error> {
        self.number(n).map(|x| x as i64)
    }

    pub fn opt_integer(&self, n: usize, default: i64) -> Result<i64, Error> {
        if self.is_none_or_nil(n) {
            Ok(default)
        } else {
            self.integer(n)
        }
    }

    /// luaL_checkstring: strings, and numbers converted to strings.
    pub fn string(&self, n: usize) -> Result<String, Error> {
        match self.get(n) {
            Value::String(s) => Ok(s.to_string_lossy()),
            Value::Integer(i) => Ok(i.to_string()),
            Value::Number(x) => Ok(format_lua_number(*x)),
            _ => Err(self.type_error(n, "string")),
        }
    }

    pub fn opt_string(&self, n: usize) -> Result<Option<String>, Error> {
        if self.is_none_or_nil(n) {
            Ok(None)
        } else {
            self.string(n).map(Some)
        }
    }

    /// luax_toboolean: anything but nil and false is true; absent is `default`.
    pub fn opt_bool(&self, n: usize, default: bool) -> bool {
        match self.get(n) {
            Value::Nil => default,
            Value::Boolean(b) => *b,
            _ => true,
        }
    }

    /// luaL_checktype(L, n, LUA_TBOOLEAN), as LÖVE uses for strict flags.
    pub fn boolean(&self, n: usize) -> Result<bool, Error> {
        match self.get(n) {
            Value::Boolean(b) => Ok(*b),
            _ => Err(self.type_error(n, "boolean")),
        }
    }

    pub fn table(&self, n: usize) -> Result<mlua::Table, Error> {
        match self.get(n) {
            Value::Table(t) => Ok(t.clone()),
            _ => Err(self.type_error(n, "table")),
        }
    }

    /// A string argument that must name one of `options`; LÖVE's enum error otherwise.
    pub fn enumeration<T: Copy>(
        &self,
        n: usize,
        kind: &str,
        options: &[(&str, T)],
    ) -> Result<T, Error> {
        let s = self.string(n)?;
        options
            .iter()
            .find(|(name, _)| *name == s)
            .map(|(_, v)| *v)
            .ok_or_else(|| {
                let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
                enum_error(self.lua, kind, &s, &names)
            })
    }
}

/// Lua's own string→number coercion (decimal, hex, exponents, surrounding spaces).
pub fn parse_lua_number(s: &str) -> Option<f64> {
    let t = s.trim();
    if let Some(hex) = t
        .strip_prefix("0x")
        .or_else(|| t.strip_prefix("0X"))
        .map(|h| (1.0, h))
        .or_else(|| {
            t.strip_prefix("-0x")
                .or_else(|| t.strip_prefix("-0X"))
                .map(|h| (-1.0, h))
        })
    {
        return u64::from_str_radix(hex.1, 16)
            .ok()
            .map(|v| hex.0 * v as f64);
    }
    if t.is_empty() || t.eq_ignore_ascii_case("inf") || t.eq_ignore_ascii_case("nan") {
        return None;
    }
    t.parse::<f64>().ok()
}

/// `tostring(number)` as LuaJIT prints it (`%.14g`).
pub fn format_lua_number(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    let sci = format!("{:.13e}", x);
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let trim = |s: String| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    if !(-4..14).contains(&exp) {
        let m = trim(mant.to_string());
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{m}e{sign}{:02}", exp.abs())
    } else {
        let decimals = (13 - exp).max(0) as usize;
        trim(format!("{:.*}", decimals, x))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn args_parse_lua_number_forms() {
        assert_eq!(parse_lua_number(" 12 "), Some(12.0));
        assert_eq!(parse_lua_number("0x10"), Some(16.0));
        assert_eq!(parse_lua_number("1e3"), Some(1000.0));
        assert_eq!(parse_lua_number("abc"), None);
        assert_eq!(parse_lua_number(""), None);
    }

    #[test]
    fn args_format_lua_number_like_tostring() {
        assert_eq!(format_lua_number(3.0), "3");
        assert_eq!(format_lua_number(0.1), "0.1");
        assert_eq!(format_lua_number(1.0 / 3.0), "0.33333333333333");
        assert_eq!(format_lua_number(1e20), "1e+20");
        assert_eq!(format_lua_number(-2.5), "-2.5");
    }

    #[test]
    fn args_error_wording_matches_love() {
        let lua = Lua::new();
        let f = lua
            .create_function(|lua, a: MultiValue| {
                let args = Args::new(lua, a, "rectangle");
                args.number(2)?;
                Ok(())
            })
            .expect("function");
        lua.globals().set("f", f).expect("set");
        let err = lua
            .load("f('fill', nil)")
            .set_name("@main.lua")
            .exec()
            .expect_err("must fail");
        let text = err.to_string();
        assert!(
            text.contains("main.lua:1: bad argument #2 to 'rectangle' (number expected, got nil)"),
            "{text}"
        );
    }

    #[test]
    fn args_enum_error_lists_options() {
        let lua = Lua::new();
        let e = enum_error(&lua, "draw mode", "fil", &["fill", "line"]);
        assert_eq!(
            e.to_string(),
            "runtime error: Invalid draw mode 'fil', expected one of: 'fill', 'line'"
        );
    }
}
