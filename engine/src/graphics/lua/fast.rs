//! The fast argument path for hot mlua bindings (draw, SpriteBatch:add, and the
//! fallbacks of rectangle and setColor).
//!
//! PERF: mlua's `MultiValue` allocates a deque per call and makes a registry reference
//! for every string argument; copying all arguments into a fixed array up front cost a
//! large struct copy per call. [`Fast`] only remembers where the arguments are and reads
//! each one off the Lua stack when asked. A call the fast path can't take rebuilds a
//! `MultiValue` (parsed by `Args` with LÖVE's error wording), so errors read the same.

use mlua::state::RawLua;
use mlua::{FromLua, FromLuaMulti, Lua, MultiValue, Value, ffi};
use std::os::raw::c_int;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Nil,
    Number,
    Str,
    Other,
}

pub struct Fast {
    raw: *const RawLua,
    /// Absolute stack index of argument 1.
    base: c_int,
    pub n: usize,
    /// Argument 1 when it is not a number, string or nil (the drawable of `draw`).
    pub first: Option<Value>,
}

impl Fast {
    fn state(&self) -> *mut ffi::lua_State {
        // SAFETY: `raw` is the handle mlua lent this callback; a `Fast` lives only
        // inside the callback (made by `from_stack_multi`, consumed by the binding).
        unsafe { (*self.raw).state() }
    }

    /// The type of argument `i` (1-based).
    #[inline]
    pub fn kind(&self, i: usize) -> Kind {
        if i < 1 || i > self.n {
            return Kind::Nil;
        }
        // SAFETY: argument i is on this callback's stack (see `state`).
        match unsafe { ffi::lua_type(self.state(), self.base + i as c_int - 1) } {
            ffi::LUA_TNIL | ffi::LUA_TNONE => Kind::Nil,
            ffi::LUA_TNUMBER => Kind::Number,
            ffi::LUA_TSTRING => Kind::Str,
            _ => Kind::Other,
        }
    }

    /// Argument `i` as a number, when it is one.
    #[inline]
    pub fn num(&self, i: usize) -> Option<f32> {
        (self.kind(i) == Kind::Number)
            .then(|| unsafe { ffi::lua_tonumber(self.state(), self.base + i as c_int - 1) } as f32)
    }

    /// Argument `i` as a number, `default` when absent or nil; None otherwise.
    #[inline]
    pub fn opt(&self, i: usize, default: f32) -> Option<f32> {
        match self.kind(i) {
            Kind::Nil => Some(default),
            Kind::Number => self.num(i),
            _ => None,
        }
    }

    /// Argument 1 when it is a string (e.g. a draw mode).
    pub fn str(&self) -> &[u8] {
        if self.kind(1) != Kind::Str {
            return &[];
        }
        let mut len = 0usize;
        // SAFETY: a string argument on this callback's stack; its bytes live as long.
        unsafe {
            let p = ffi::lua_tolstring(self.state(), self.base, &mut len);
            if p.is_null() {
                return &[];
            }
            std::slice::from_raw_parts(p as *const u8, len)
        }
    }

    /// The arguments as Lua values, for the slow path's error messages.
    pub fn to_multi(&self) -> mlua::Result<MultiValue> {
        let mut out = MultiValue::with_capacity(self.n);
        for i in 0..self.n {
            // SAFETY: see `state`; every index is one of this call's arguments.
            out.push_back(unsafe { Value::from_stack(self.base + i as c_int, &*self.raw) }?);
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
    pub fn into_multi(self, _lua: &Lua) -> mlua::Result<MultiValue> {
        match self {
            FastArgs::Fast(f) => f.to_multi(),
            FastArgs::Slow(m) => Ok(m),
        }
    }
}

impl FromLuaMulti for FastArgs {
    fn from_lua_multi(values: MultiValue, _: &Lua) -> mlua::Result<Self> {
        Ok(FastArgs::Slow(values))
    }

    unsafe fn from_stack_multi(nvals: c_int, lua: &RawLua) -> mlua::Result<Self> {
        let n = nvals.max(0);
        let l = lua.state();
        let base = unsafe { ffi::lua_gettop(l) } - n + 1;
        let mut f = Fast {
            raw: lua as *const RawLua,
            base,
            n: n as usize,
            first: None,
        };
        if f.kind(1) == Kind::Other {
            f.first = Some(unsafe { Value::from_stack(base, lua) }?);
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
