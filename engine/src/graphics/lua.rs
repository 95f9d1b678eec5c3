//! `love.graphics` bindings: argument parsing, then a call into the core. Split by
//! responsibility: `state` (colours, blend, scissor, transforms, stats), `objects`
//! (Image, Canvas, Quad, Transform userdata), `drawing` (draw and shapes), `targets`
//! (canvases, stencil, screenshots), `batches` (SpriteBatch, Mesh).

mod attach;
mod batches;
mod canvas_formats;
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
mod shared;
mod state;
mod targets;
mod text_object;
mod transform;

use super::Graphics;
use mlua::{Lua, Table};
pub use shared::{Guard, Shared};

/// The graphics state of one Lua state. It lives in the Lua app data as a
/// `GraphicsHandle` and is also reached, without a Lua state, by the LuaJIT FFI fast
/// paths (`jit_paths.rs`), which hold a clone of the handle.
pub type GraphicsHandle = Shared<Graphics>;
/// Exclusive access to the graphics state; released when dropped.
pub type GraphicsGuard = Guard<Graphics>;

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
            lua.set_app_data(Shared::new(g));
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
