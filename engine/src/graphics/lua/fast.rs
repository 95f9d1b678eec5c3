//! The fast argument path for the hottest bindings (rectangle, setColor, draw).
//!
//! PERF: mlua's `MultiValue` allocates a deque per call and makes a registry reference
//! for every string argument. [`FastArgs`] reads numbers and short strings straight off
//! the Lua stack into fixed arrays (no allocation); anything else — or a call the fast
//! path can't take — falls back to a `MultiValue`, parsed by `Args` with LÖVE's error
//! wording, so errors read the same either way.

use mlua::state::RawLua;
use mlua::{FromLua, FromLuaMulti, Lua, MultiValue, Value, ffi};
use std::os::raw::c_int;

pub const MAX: usize = 11;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Nil,
    Number,
    /// The first string argument, at most [`Fast::STR`] bytes (kept in `Fast::s`).
    Str,
}

pub struct Fast {
    pub n: usize,
    pub kinds: [Kind; MAX],
    pub nums: [f64; MAX],
    s: [u8; Fast::STR],
    slen: usize,
    /// Argument 1 when it is not a number or string (the drawable of `draw`).
    pub first: Option<Value>,
}

impl Fast {
    const STR: usize = 16;

    /// The short string argument.
    pub fn str(&self) -> &[u8] {
        &self.s[..self.slen]
    }

    /// Argument `i` (1-based) as a number, when it is one.
    #[inline]
    pub fn num(&self, i: usize) -> Option<f32> {
        (i >= 1 && i <= self.n && self.kinds[i - 1] == Kind::Number)
            .then(|| self.nums[i - 1] as f32)
    }

    /// Argument `i` as a number, `default` when absent or nil; None otherwise.
    #[inline]
    pub fn opt(&self, i: usize, default: f32) -> Option<f32> {
        if i > self.n || self.kinds[i - 1] == Kind::Nil {
            Some(default)
        } else {
            self.num(i)
        }
    }

    /// The arguments as Lua values again, for the slow path's error messages.
    pub fn to_multi(&self, lua: &Lua) -> mlua::Result<MultiValue> {
        let mut out = MultiValue::with_capacity(self.n);
        for i in 0..self.n {
            out.push_back(match self.kinds[i] {
                _ if i == 0 && self.first.is_some() => self.first.clone().unwrap_or(Value::Nil),
                Kind::Nil => Value::Nil,
                Kind::Number => Value::Number(self.nums[i]),
                Kind::Str => Value::String(lua.create_string(self.str())?),
            });
        }
        Ok(out)
    }
}

pub enum FastArgs {
    Fast(Fast),
    Slow(MultiValue),
}

impl FastArgs {
    /// The arguments as a `MultiValue` (for `Args`).
    pub fn into_multi(self, lua: &Lua) -> mlua::Result<MultiValue> {
        match self {
            FastArgs::Fast(f) => f.to_multi(lua),
            FastArgs::Slow(m) => Ok(m),
        }
    }
}

impl FromLuaMulti for FastArgs {
    fn from_lua_multi(values: MultiValue, _: &Lua) -> mlua::Result<Self> {
        Ok(FastArgs::Slow(values))
    }

    unsafe fn from_stack_multi(nvals: c_int, lua: &RawLua) -> mlua::Result<Self> {
        let n = nvals.max(0) as usize;
        if n > MAX {
            return unsafe { MultiValue::from_stack_multi(nvals, lua) }.map(FastArgs::Slow);
        }
        let l = lua.state();
        let mut f = Fast {
            n,
            kinds: [Kind::Nil; MAX],
            nums: [0.0; MAX],
            s: [0; Fast::STR],
            slen: 0,
            first: None,
        };
        let mut have_str = false;
        for i in 0..n {
            let idx = -nvals + i as c_int;
            // SAFETY: idx is one of the nvals values mlua left on the stack for us.
            let t = unsafe { ffi::lua_type(l, idx) };
            match t {
                ffi::LUA_TNUMBER => {
                    f.kinds[i] = Kind::Number;
                    f.nums[i] = unsafe { ffi::lua_tonumber(l, idx) };
                }
                ffi::LUA_TNIL => f.kinds[i] = Kind::Nil,
                ffi::LUA_TSTRING if !have_str => {
                    let mut len = 0usize;
                    let p = unsafe { ffi::lua_tolstring(l, idx, &mut len) };
                    if p.is_null() || len > Fast::STR {
                        return unsafe { MultiValue::from_stack_multi(nvals, lua) }
                            .map(FastArgs::Slow);
                    }
                    // SAFETY: Lua guarantees `len` readable bytes at `p`.
                    let bytes = unsafe { std::slice::from_raw_parts(p as *const u8, len) };
                    f.s[..len].copy_from_slice(bytes);
                    f.slen = len;
                    f.kinds[i] = Kind::Str;
                    have_str = true;
                }
                _ if i == 0 => {
                    f.first = Some(unsafe { Value::from_stack(idx, lua) }?);
                    f.kinds[0] = Kind::Nil;
                }
                _ => {
                    return unsafe { MultiValue::from_stack_multi(nvals, lua) }.map(FastArgs::Slow);
                }
            }
        }
        Ok(FastArgs::Fast(f))
    }

    unsafe fn from_stack_args(
        nargs: c_int,
        _i: usize,
        _to: Option<&str>,
        lua: &RawLua,
    ) -> mlua::Result<Self> {
        unsafe { Self::from_stack_multi(nargs, lua) }
    }
}
