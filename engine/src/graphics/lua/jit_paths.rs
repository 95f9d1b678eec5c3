//! LuaJIT FFI entry points for the hottest `love.graphics` calls: `setColor`,
//! `getColor`, `rectangle`, `circle`, `draw(image, [quad,] ...)`, the transform stack (`push`,
//! `pop`, `origin`, `translate`, `rotate`, `scale`) and `SpriteBatch:add(x, y, ...)`.
//!
//! PERF: LuaJIT cannot compile a call to a `lua_CFunction`: a loop of `draw` calls runs
//! each through the interpreter's C-call path (~25 ns before any work). A call through
//! the FFI is compiled into the loop's trace and costs ~3 ns, so these four functions
//! are small Lua wrappers (`jit_paths.lua`) that check the common call shape and call
//! the `extern "C"` functions below. The functions never touch the Lua state (the FFI
//! forbids that): they reach the graphics state through a `GraphicsHandle` held in a
//! userdata the wrappers keep as an upvalue, and return 0 when they decline (state
//! borrowed, unknown userdata, a panic), in which case the wrapper calls the previous
//! function (the raw C fast path, then the ordinary binding) with the original arguments.
//!
//! Interpreted (jit.off, or a loop LuaJIT gave up compiling) an FFI call is slower than
//! the raw C path (~100 ns against ~60 ns a draw); both stay below LÖVE's ~146 ns.
//! Installed only when the `ffi` module is there and the JIT is on.

use super::GraphicsHandle;
use super::batches::SpriteBatchUd;
use super::objects::{QuadUd, TextureUd};
use super::shared::SharedCell;
use crate::graphics::DrawMode;
use crate::graphics::layered::TexKind;
use crate::graphics::mesh::SpriteBatch;
use crate::graphics::texture::Quad;
use mlua::{Function, LightUserData, Lua, Table, Value, ffi};
use std::cell::{Cell, RefCell};
use std::ffi::c_void;
use std::os::raw::c_int;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::{Rc, Weak};

/// Runs `f` on the graphics state behind `ctx` (the userdata block holding a
/// `GraphicsHandle`); 1 when it ran, 0 when it could not (state busy, panic).
#[inline]
fn run(ctx: *mut c_void, f: impl FnOnce(&mut crate::graphics::Graphics) -> bool) -> c_int {
    // SAFETY: the wrappers only pass their `ctx` upvalue, the block written in `make_ctx`,
    // which stays alive (and initialised) while the wrappers can be called.
    let Some(h) = (unsafe { (ctx as *const GraphicsHandle).as_ref() }) else {
        return 0;
    };
    match catch_unwind(AssertUnwindSafe(|| h.with(f))) {
        Ok(Some(true)) => {
            #[cfg(test)]
            HANDLED.with(|n| n.set(n.get() + 1));
            1
        }
        _ => 0,
    }
}

#[cfg(test)]
thread_local! {
    /// Calls the FFI functions took (tests check that hot loops really use them).
    static HANDLED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The affine placement of x, y, r, sx, sy, ox, oy, kx, ky (defaults already applied).
fn placement(p: [f64; 9]) -> glam::Affine2 {
    let [x, y, r, sx, sy, ox, oy, kx, ky] = p.map(|v| v as f32);
    crate::graphics::transform::from_params(x, y, r, sx, sy, ox, oy, kx, ky)
}

fn mode(fill: c_int) -> DrawMode {
    if fill != 0 {
        DrawMode::Fill
    } else {
        DrawMode::Line
    }
}

extern "C" fn set_color(ctx: *mut c_void, r: f64, g: f64, b: f64, a: f64) -> c_int {
    // LOVE: setColor clamps to 0..1 (as the ordinary binding does).
    let c = [r, g, b, a].map(|v| (v as f32).clamp(0.0, 1.0));
    run(ctx, |gfx| {
        gfx.state.color = c;
        true
    })
}

extern "C" fn rectangle(ctx: *mut c_void, fill: c_int, x: f64, y: f64, w: f64, h: f64) -> c_int {
    run(ctx, |g| {
        let (x, y, w, h) = (x as f32, y as f32, w as f32, h as f32);
        g.rectangle(mode(fill), x, y, w, h, 0.0, 0.0, None);
        true
    })
}

extern "C" fn circle(ctx: *mut c_void, fill: c_int, x: f64, y: f64, r: f64) -> c_int {
    run(ctx, |g| {
        let (x, y, r) = (x as f32, y as f32, r as f32);
        g.ellipse(mode(fill), x, y, r, r, None);
        true
    })
}

/// `getColor`: writes the four components into `out`.
extern "C" fn get_color(ctx: *mut c_void, out: *mut f64) -> c_int {
    if out.is_null() {
        return 0;
    }
    run(ctx, |g| {
        // SAFETY: the wrapper passes its own `double[4]` buffer.
        let out = unsafe { std::slice::from_raw_parts_mut(out, 4) };
        for (o, c) in out.iter_mut().zip(g.state.color) {
            *o = c as f64;
        }
        true
    })
}

extern "C" fn origin(ctx: *mut c_void) -> c_int {
    run(ctx, |g| {
        g.origin();
        true
    })
}

extern "C" fn translate(ctx: *mut c_void, x: f64, y: f64) -> c_int {
    run(ctx, |g| {
        g.translate(x as f32, y as f32);
        true
    })
}

extern "C" fn rotate(ctx: *mut c_void, r: f64) -> c_int {
    run(ctx, |g| {
        g.rotate(r as f32);
        true
    })
}

extern "C" fn scale(ctx: *mut c_void, sx: f64, sy: f64) -> c_int {
    run(ctx, |g| {
        g.scale(sx as f32, sy as f32);
        true
    })
}

/// `push()` / `push("all")`; declines at the stack limit (the binding raises the error).
extern "C" fn push(ctx: *mut c_void, all: c_int) -> c_int {
    run(ctx, |g| g.push(all != 0).is_ok())
}

/// `pop()`; declines at the bottom of the stack (the binding raises the error).
extern "C" fn pop(ctx: *mut c_void) -> c_int {
    run(ctx, |g| g.stack_depth() > 0 && g.pop().is_ok())
}

#[allow(clippy::too_many_arguments)]
extern "C" fn draw(
    ctx: *mut c_void,
    ud: *mut c_void,
    x: f64,
    y: f64,
    r: f64,
    sx: f64,
    sy: f64,
    ox: f64,
    oy: f64,
    kx: f64,
    ky: f64,
) -> c_int {
    // The texture an ordinary draw of this userdata found (see fast_draw.rs); anything
    // else (quads' owners, meshes, text, a canvas, a released image) declines.
    let Some(tex) = super::fast_draw::lookup(ud as usize) else {
        return 0;
    };
    let local = placement([x, y, r, sx, sy, ox, oy, kx, ky]);
    run(ctx, |g| {
        // A game shader whose MainTex is an array: the ordinary draw raises LÖVE's error.
        if g.main_texture_kind() != TexKind::D2 {
            return false;
        }
        g.draw_texture(&tex, None, &local);
        true
    })
}

/// Objects by userdata address, direct-mapped (a collision evicts). An entry is a weak
/// reference: only the userdata holds the object strongly, so the entry dies when the
/// userdata is released or collected, before Lua can reuse its address.
struct AddrCache<T, const N: usize>(RefCell<[(usize, Weak<T>); N]>);

impl<T, const N: usize> AddrCache<T, N> {
    fn new() -> Self {
        AddrCache(RefCell::new(std::array::from_fn(|_| (0, Weak::new()))))
    }

    fn put(&self, ptr: usize, weak: Weak<T>) {
        if let Ok(mut b) = self.0.try_borrow_mut() {
            b[(ptr >> 4) % N] = (ptr, weak);
        }
    }

    fn get(&self, ptr: usize) -> Option<Rc<T>> {
        let b = self.0.try_borrow().ok()?;
        let (p, w) = &b[(ptr >> 4) % N];
        if *p != ptr {
            return None;
        }
        w.upgrade()
    }
}

thread_local! {
    static QUADS: AddrCache<Cell<Quad>, 64> = AddrCache::new();
    static BATCHES: AddrCache<SharedCell<SpriteBatch>, 16> = AddrCache::new();
}

/// `remember(texture, quad)`: called by the `draw` wrapper before it takes the ordinary
/// path with a userdata second argument, so the next draw of the pair finds both. Returns
/// 0 when both are now known, 1 when the texture can never take the FFI path (not a
/// texture, a canvas, released), 2 when the second argument can't (a Transform, a
/// released quad): the wrapper then stops asking for that object.
fn remember_draw(_: &Lua, (tex, quad): (Value, Value)) -> mlua::Result<u8> {
    let Value::UserData(t) = tex else {
        return Ok(1);
    };
    match t.borrow::<TextureUd>() {
        Ok(ud) if ud.tex.as_ref().is_some_and(|x| !x.canvas) => {
            super::fast_draw::remember(t.to_pointer() as usize, &ud);
        }
        _ => return Ok(1),
    }
    if let Value::UserData(q) = quad
        && let Ok(ud) = q.borrow::<QuadUd>()
        && let Some(cell) = &ud.0
    {
        QUADS.with(|c| c.put(q.to_pointer() as usize, Rc::downgrade(cell)));
        return Ok(0);
    }
    Ok(2)
}

fn lookup_quad(ptr: usize) -> Option<Quad> {
    QUADS.with(|c| c.get(ptr)).map(|q| q.get())
}

/// `draw(texture, quad, x, y, r, sx, sy, ox, oy, kx, ky)`.
#[allow(clippy::too_many_arguments)]
extern "C" fn draw_quad(
    ctx: *mut c_void,
    ud: *mut c_void,
    quad: *mut c_void,
    x: f64,
    y: f64,
    r: f64,
    sx: f64,
    sy: f64,
    ox: f64,
    oy: f64,
    kx: f64,
    ky: f64,
) -> c_int {
    let Some(tex) = super::fast_draw::lookup(ud as usize) else {
        return 0;
    };
    let Some(q) = lookup_quad(quad as usize) else {
        return 0;
    };
    let local = placement([x, y, r, sx, sy, ox, oy, kx, ky]);
    run(ctx, |g| {
        if g.main_texture_kind() != TexKind::D2 {
            return false;
        }
        g.draw_texture(&tex, Some(&q), &local);
        true
    })
}

/// `remember(batch)`: called by the `add` wrapper before it takes the ordinary path, so
/// the batch's next `add` finds it. Ignores anything that is not a live SpriteBatch.
fn remember_batch(_: &Lua, ud: Value) -> mlua::Result<()> {
    let Value::UserData(ud) = ud else {
        return Ok(());
    };
    let ptr = ud.to_pointer() as usize;
    let weak = match ud.borrow::<SpriteBatchUd>() {
        Ok(b) => match &b.0 {
            Some(sb) => sb.downgrade(),
            None => return Ok(()),
        },
        Err(_) => return Ok(()),
    };
    BATCHES.with(|c| c.put(ptr, weak));
    Ok(())
}

/// `SpriteBatch:add(x, y, r, sx, sy, ox, oy, kx, ky)`: the new sprite's index, or 0.
#[allow(clippy::too_many_arguments)]
extern "C" fn batch_add(
    ud: *mut c_void,
    x: f64,
    y: f64,
    r: f64,
    sx: f64,
    sy: f64,
    ox: f64,
    oy: f64,
    kx: f64,
    ky: f64,
) -> c_int {
    let Some(cell) = BATCHES.with(|c| c.get(ud as usize)) else {
        return 0;
    };
    let t = placement([x, y, r, sx, sy, ox, oy, kx, ky]);
    let added = catch_unwind(AssertUnwindSafe(|| {
        cell.with(|sb| {
            let s = sb.make(None, &t);
            sb.add(s)
        })
    }));
    match added {
        Ok(Some(i)) => c_int::try_from(i).unwrap_or(0),
        _ => 0,
    }
}

unsafe extern "C-unwind" fn drop_ctx(l: *mut ffi::lua_State) -> c_int {
    // SAFETY: __gc of the userdata written in `make_ctx`, called once by Lua.
    unsafe {
        let p = ffi::lua_touserdata(l, 1) as *mut GraphicsHandle;
        if !p.is_null() {
            std::ptr::drop_in_place(p);
        }
    }
    0
}

/// A full userdata whose block is a clone of the state's `GraphicsHandle`.
fn make_ctx(lua: &Lua, handle: GraphicsHandle) -> mlua::Result<Value> {
    let mut handle = Some(handle);
    // SAFETY: the closure runs in protected mode and leaves exactly the userdata.
    unsafe {
        lua.exec_raw((), |l| {
            let ud = ffi::lua_newuserdata(l, std::mem::size_of::<GraphicsHandle>())
                as *mut GraphicsHandle;
            if let Some(h) = handle.take() {
                std::ptr::write(ud, h);
            }
            ffi::lua_createtable(l, 0, 1);
            ffi::lua_pushcfunction(l, drop_ctx);
            ffi::lua_setfield(l, -2, c"__gc".as_ptr());
            ffi::lua_setmetatable(l, -2);
        })
    }
}

/// Wraps `g.setColor`, `g.rectangle`, `g.circle` and `g.draw` (already their raw fast
/// paths) in FFI wrappers, when LuaJIT's `ffi` module is loaded and the JIT is on.
pub fn register(lua: &Lua, g: &Table) -> mlua::Result<()> {
    let loaded: Table = lua.named_registry_value("_LOADED")?;
    let Value::Table(ffi_mod) = loaded.get::<Value>("ffi")? else {
        return Ok(());
    };
    let jit_on = match loaded.get::<Value>("jit")? {
        Value::Table(jit) => jit.get::<Function>("status")?.call::<bool>(())?,
        _ => false,
    };
    if !jit_on {
        return Ok(());
    }
    let Some(handle) = lua.app_data_ref::<GraphicsHandle>().map(|h| h.clone()) else {
        return Ok(());
    };
    let ctx = make_ctx(lua, handle)?;
    let fns = lua.create_table()?;
    let ptr = |f: *const ()| Value::LightUserData(LightUserData(f as *mut c_void));
    fns.set("setColor", ptr(set_color as *const ()))?;
    fns.set("rectangle", ptr(rectangle as *const ()))?;
    fns.set("circle", ptr(circle as *const ()))?;
    fns.set("draw", ptr(draw as *const ()))?;
    fns.set("batchAdd", ptr(batch_add as *const ()))?;
    fns.set("drawQuad", ptr(draw_quad as *const ()))?;
    fns.set("rememberDraw", lua.create_function(remember_draw)?)?;
    fns.set("getColor", ptr(get_color as *const ()))?;
    fns.set("origin", ptr(origin as *const ()))?;
    fns.set("translate", ptr(translate as *const ()))?;
    fns.set("rotate", ptr(rotate as *const ()))?;
    fns.set("scale", ptr(scale as *const ()))?;
    fns.set("push", ptr(push as *const ()))?;
    fns.set("pop", ptr(pop as *const ()))?;
    fns.set("rememberBatch", lua.create_function(remember_batch)?)?;
    // The SpriteBatch methods table (mlua makes one metatable per type, on first use).
    let probe = lua.create_userdata(SpriteBatchUd(None, Vec::new()))?;
    let methods: Table = probe.metatable()?.get("__index")?;
    let chunk: Function = lua
        .load(include_str!("jit_paths.lua"))
        .set_name("=[engine jit_paths]")
        .into_function()?;
    let Value::Table(jit) = loaded.get::<Value>("jit")? else {
        return Ok(());
    };
    // The chunk installs the wrappers itself (and takes them out while the game turns
    // the JIT off: see jit_paths.lua).
    chunk.call::<()>((ffi_mod, ctx, fns, g.clone(), methods, jit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphics::Graphics;

    fn lua_with_graphics() -> Lua {
        // SAFETY: the FFI is what these tests exercise; the code is the test's own.
        let lua = unsafe { Lua::unsafe_new_with(mlua::StdLib::ALL, mlua::LuaOptions::new()) };
        super::super::install_state(&lua, Graphics::new(100, 100));
        let love = lua.create_table().expect("table");
        super::super::register(&lua, &love).expect("register love.graphics");
        lua.globals().set("love", love).expect("set love");
        lua
    }

    #[test]
    fn jit_paths_take_hot_loops_and_decline_when_busy() {
        let lua = lua_with_graphics();
        let before = HANDLED.with(|n| n.get());
        lua.load(
            r#"
            local g = love.graphics
            for i = 1, 1000 do
                g.setColor(i / 1000, 0, 0)
                g.rectangle("fill", i, 0, 2, 2)
                g.circle("line", i, 0, 2)
            end
            "#,
        )
        .exec()
        .expect("hot loop");
        let handled = HANDLED.with(|n| n.get()) - before;
        // Each of the 3000 calls is handled by the FFI (the interpreter calls it too).
        assert_eq!(handled, 3000);
        let g = super::super::try_graphics(&lua).expect("graphics");
        assert_eq!(g.state.color, [1.0, 0.0, 0.0, 1.0]);
        assert_eq!(g.stats().drawcalls, 1);
        // While something holds the state, the FFI declines and the ordinary binding
        // reports it, rather than aliasing it.
        let before = HANDLED.with(|n| n.get());
        let err = lua
            .load("love.graphics.rectangle('fill', 0, 0, 1, 1)")
            .exec()
            .expect_err("busy");
        assert!(err.to_string().contains("busy"), "{err}");
        assert_eq!(HANDLED.with(|n| n.get()), before);
        drop(g);
    }
}
