//! `love.graphics` bindings: argument parsing, then a call into the core. Split by
//! responsibility: `state` (colours, blend, scissor, transforms, stats), `objects`
//! (Image, Canvas, Quad, Transform userdata), `drawing` (draw and shapes), `targets`
//! (canvases, stencil, screenshots), `batches` (SpriteBatch, Mesh).

mod attach;
mod batches;
mod depth;
mod drawing;
mod fast;
mod fast_draw;
mod fast_text;
pub(crate) mod font;
mod hot;
mod jit_paths;
mod layer_targets;
mod layers;
pub mod objects;
mod particles;
mod raw;
mod settings;
mod shader;
mod state;
mod targets;
mod text_object;
mod transform;

use super::Graphics;
use mlua::{Lua, Table};
use std::cell::{Cell, UnsafeCell};
use std::ops::{Deref, DerefMut};
use std::rc::Rc;

/// The graphics state of one Lua state. It lives in the Lua app data as a
/// `GraphicsHandle` and is also reached, without a Lua state, by the LuaJIT FFI fast
/// paths (`jit_paths.rs`), which hold a clone of the handle. Borrowing is checked like a
/// `RefCell`: one `GraphicsGuard` at a time; a second borrow fails instead of aliasing.
pub struct GraphicsCell {
    busy: Cell<bool>,
    g: UnsafeCell<Graphics>,
}

#[derive(Clone)]
pub struct GraphicsHandle(Rc<GraphicsCell>);

/// Exclusive access to the graphics state; released when dropped.
pub struct GraphicsGuard(Rc<GraphicsCell>);

impl GraphicsHandle {
    pub fn new(g: Graphics) -> GraphicsHandle {
        GraphicsHandle(Rc::new(GraphicsCell {
            busy: Cell::new(false),
            g: UnsafeCell::new(g),
        }))
    }

    /// The state, or None while another guard holds it.
    #[inline]
    pub fn try_borrow(&self) -> Option<GraphicsGuard> {
        if self.0.busy.replace(true) {
            return None;
        }
        Some(GraphicsGuard(self.0.clone()))
    }

    /// Runs `f` on the state unless it is borrowed; never clones the handle (the FFI
    /// fast paths' entry).
    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&mut Graphics) -> R) -> Option<R> {
        struct Release<'a>(&'a Cell<bool>);
        impl Drop for Release<'_> {
            fn drop(&mut self) {
                self.0.set(false);
            }
        }
        if self.0.busy.replace(true) {
            return None;
        }
        let _release = Release(&self.0.busy);
        // SAFETY: `busy` was false and is now true, so no other reference to the state
        // exists until `_release` clears it (guards and `with` both check it).
        Some(f(unsafe { &mut *self.0.g.get() }))
    }
}

impl Deref for GraphicsGuard {
    type Target = Graphics;
    fn deref(&self) -> &Graphics {
        // SAFETY: this guard set `busy`; no other reference exists while it lives.
        unsafe { &*self.0.g.get() }
    }
}

impl DerefMut for GraphicsGuard {
    fn deref_mut(&mut self) -> &mut Graphics {
        // SAFETY: as in `deref`; `&mut self` makes this the only use of the guard.
        unsafe { &mut *self.0.g.get() }
    }
}

impl Drop for GraphicsGuard {
    fn drop(&mut self) {
        self.0.busy.set(false);
    }
}

/// Installs `g` as the graphics state of `lua`, replacing the contents of an existing
/// state in place (the FFI fast paths keep pointing at it).
pub fn install_state(lua: &Lua, g: Graphics) {
    let existing = lua.app_data_ref::<GraphicsHandle>().map(|h| h.clone());
    match existing {
        Some(h) => match h.try_borrow() {
            Some(mut old) => *old = g,
            None => {
                // Only reachable if a binding holding the state re-entered startup code.
                eprintln!("engine: graphics state busy while being replaced; keeping the old one");
            }
        },
        None => {
            lua.set_app_data(GraphicsHandle::new(g));
        }
    }
}

/// The graphics state of `lua`, or None when it is missing or already borrowed.
pub fn try_graphics(lua: &Lua) -> Option<GraphicsGuard> {
    lua.app_data_ref::<GraphicsHandle>()?.try_borrow()
}

pub fn graphics(lua: &Lua) -> mlua::Result<GraphicsGuard> {
    let h = lua
        .app_data_ref::<GraphicsHandle>()
        .ok_or_else(|| mlua::Error::RuntimeError("love.graphics is not initialised".into()))?;
    h.try_borrow().ok_or_else(|| {
        mlua::Error::RuntimeError("love.graphics is busy (called again from inside itself)".into())
    })
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let g = lua.create_table()?;
    state::register(lua, &g)?;
    objects::register(lua, &g)?;
    layers::register(lua, &g)?;
    drawing::register(lua, &g)?;
    targets::register(lua, &g)?;
    batches::register(lua, &g)?;
    attach::register(lua, &g)?;
    font::register(lua, &g)?;
    text_object::register(lua, &g)?;
    particles::register(lua, &g)?;
    shader::register(lua, &g)?;
    hot::register(lua, &g)?;
    love.set("graphics", g)?;
    // love.math.newTransform lives with the Transform object; love.math itself is
    // another module's: reuse its table when it exists.
    let math = match love.get::<mlua::Value>("math")? {
        mlua::Value::Table(t) => t,
        _ => {
            let t = lua.create_table()?;
            love.set("math", t.clone())?;
            t
        }
    };
    math.set("newTransform", lua.create_function(objects::new_transform)?)?;
    Ok(())
}
