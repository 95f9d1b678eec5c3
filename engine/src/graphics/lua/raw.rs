//! Raw C entry points for the hottest love.graphics calls (setColor, rectangle, circle,
//! print).
//!
//! PERF: an mlua callback costs about as much as LÖVE's whole `getColor` (the callback
//! frame, the error-catching wrapper, argument conversion). A game calls these functions
//! tens of thousands of times a frame, so each is registered as a plain `lua_CFunction`
//! that reads its arguments straight off the Lua stack. It only handles the common call
//! shape, and never raises an error: anything else (wrong types, extra forms, a borrowed
//! state) calls the ordinary mlua function (upvalue 2) with the same arguments, so every
//! error message and every rare form stays exactly as the ordinary binding has it.
//!
//! Upvalue 1 is a userdata holding a `WeakLua` (dropped by its `__gc`), upvalue 2 the
//! ordinary function.

use mlua::{Function, Lua, Table, WeakLua, ffi};
use std::os::raw::c_int;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The arguments of one call, read on demand (1-based like Lua).
pub struct Stack {
    l: *mut ffi::lua_State,
    pub n: c_int,
}

impl Stack {
    #[inline]
    fn kind(&self, i: c_int) -> c_int {
        if i > self.n {
            return ffi::LUA_TNONE;
        }
        // SAFETY: 1 <= i <= n, a valid index of this C call's stack.
        unsafe { ffi::lua_type(self.l, i) }
    }

    /// Argument `i` when it is a number (or a numeric string, as luaL_checknumber takes).
    // PERF: one API call for any non-zero number (lua_type only to tell 0 from a non-number).
    #[inline]
    pub fn num(&self, i: c_int) -> Option<f32> {
        if i > self.n {
            return None;
        }
        // SAFETY: 1 <= i <= n, a valid index of this C call's stack.
        let x = unsafe { ffi::lua_tonumber(self.l, i) };
        if x != 0.0 || unsafe { ffi::lua_isnumber(self.l, i) } != 0 {
            Some(x as f32)
        } else {
            None
        }
    }

    /// Argument `i` as a number, `default` when absent or nil; None for anything else.
    #[inline]
    pub fn opt(&self, i: c_int, default: f32) -> Option<f32> {
        if i > self.n || self.kind(i) == ffi::LUA_TNIL {
            return Some(default);
        }
        self.num(i)
    }

    /// LÖVE's placement `x, y, r, sx, sy, ox, oy, kx, ky` from argument `at` on (numbers or
    /// absent; sy defaults to sx), or None when one of them is something else.
    pub fn placement(&self, at: c_int) -> Option<glam::Affine2> {
        let n = |i: c_int, d: f32| self.opt(at + i, d);
        let sx = n(3, 1.0)?;
        Some(crate::graphics::transform::from_params(
            n(0, 0.0)?,
            n(1, 0.0)?,
            n(2, 0.0)?,
            sx,
            n(4, sx)?,
            n(5, 0.0)?,
            n(6, 0.0)?,
            n(7, 0.0)?,
            n(8, 0.0)?,
        ))
    }

    /// Argument `i` when it is a string (not a number).
    #[inline]
    pub fn str(&self, i: c_int) -> Option<&[u8]> {
        if self.kind(i) != ffi::LUA_TSTRING {
            return None;
        }
        Some(unsafe { self.bytes(i) })
    }

    /// Argument `i` as text when it is a string or a number; a number is converted in
    /// place on the stack, as `lua_tolstring` (and LÖVE's luax_checkstring) does.
    pub fn text(&self, i: c_int) -> Option<&[u8]> {
        match self.kind(i) {
            ffi::LUA_TSTRING | ffi::LUA_TNUMBER => Some(unsafe { self.bytes(i) }),
            _ => None,
        }
    }

    /// SAFETY: argument `i` is a string or number. The bytes stay valid while the value
    /// is on the stack, i.e. until this C call returns (the borrow of `self` ends sooner).
    unsafe fn bytes(&self, i: c_int) -> &[u8] {
        let mut len = 0usize;
        let p = unsafe { ffi::lua_tolstring(self.l, i, &mut len) };
        if p.is_null() {
            return &[];
        }
        unsafe { std::slice::from_raw_parts(p as *const u8, len) }
    }

    /// The block address of argument `i` when it is a full userdata.
    #[inline]
    pub fn userdata(&self, i: c_int) -> Option<*mut std::ffi::c_void> {
        if self.kind(i) != ffi::LUA_TUSERDATA {
            return None;
        }
        // SAFETY: a valid index holding a userdata.
        let p = unsafe { ffi::lua_touserdata(self.l, i) };
        (!p.is_null()).then_some(p)
    }

    /// Argument `i` as a raw number (no conversion), for callers that checked its type.
    #[inline]
    pub fn is_number(&self, i: c_int) -> bool {
        self.kind(i) == ffi::LUA_TNUMBER
    }

    #[inline]
    pub fn number_f64(&self, i: c_int) -> f64 {
        unsafe { ffi::lua_tonumber(self.l, i) }
    }
}

/// One fast binding: handles the call and returns how many results it pushed, or None
/// (having pushed nothing and changed nothing) to let the ordinary binding take it.
pub trait FastFn {
    fn call(lua: &Lua, args: &Stack) -> Option<c_int>;
}

unsafe extern "C-unwind" fn entry<F: FastFn>(l: *mut ffi::lua_State) -> c_int {
    // SAFETY: l is the state calling us; upvalue 1 is the WeakLua userdata made below.
    unsafe {
        let n = ffi::lua_gettop(l);
        let handled = {
            let weak = ffi::lua_touserdata(l, ffi::lua_upvalueindex(1)) as *const WeakLua;
            match weak.as_ref().and_then(|w| w.try_upgrade()) {
                Some(lua) => catch_unwind(AssertUnwindSafe(|| F::call(&lua, &Stack { l, n })))
                    .ok()
                    .flatten(),
                None => None,
            }
        };
        if let Some(results) = handled {
            return results;
        }
        // The ordinary binding, with the same arguments. Its error positions name this
        // call's caller (one level up), and its error is raised again unchanged; this
        // frame holds nothing that needs dropping.
        ffi::lua_pushvalue(l, ffi::lua_upvalueindex(2));
        ffi::lua_insert(l, 1);
        crate::runtime::args::set_behind_wrapper(true);
        let status = ffi::lua_pcall(l, n, ffi::LUA_MULTRET, 0);
        crate::runtime::args::set_behind_wrapper(false);
        if status != 0 {
            ffi::lua_error(l);
        }
        ffi::lua_gettop(l)
    }
}

unsafe extern "C-unwind" fn drop_weak(l: *mut ffi::lua_State) -> c_int {
    // SAFETY: __gc of the userdata written in `install`, called once by Lua.
    unsafe {
        let p = ffi::lua_touserdata(l, 1) as *mut WeakLua;
        if !p.is_null() {
            std::ptr::drop_in_place(p);
        }
    }
    0
}

/// Sets `t[name]` to the raw fast function `F`, falling back to `slow`.
pub fn install<F: FastFn>(lua: &Lua, t: &Table, name: &str, slow: Function) -> mlua::Result<()> {
    let weak = lua.weak();
    // SAFETY: the closure runs in protected mode with `slow` on the stack and leaves
    // exactly the new C closure there.
    let f: Function = unsafe {
        lua.exec_raw(slow, |l| {
            let ud = ffi::lua_newuserdata(l, std::mem::size_of::<WeakLua>()) as *mut WeakLua;
            std::ptr::write(ud, weak);
            ffi::lua_createtable(l, 0, 1);
            ffi::lua_pushcfunction(l, drop_weak);
            ffi::lua_setfield(l, -2, c"__gc".as_ptr());
            ffi::lua_setmetatable(l, -2);
            ffi::lua_insert(l, -2);
            ffi::lua_pushcclosure(l, entry::<F>, 2);
        })?
    };
    t.set(name, f)
}
