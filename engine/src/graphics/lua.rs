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

pub fn graphics(lua: &Lua) -> mlua::Result<mlua::AppDataRefMut<'_, Graphics>> {
    lua.app_data_mut::<Graphics>()
        .ok_or_else(|| mlua::Error::RuntimeError("love.graphics is not initialised".into()))
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let g = lua.create_table()?;
    state::register(lua, &g)?;
    objects::register(lua, &g)?;
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
