//! Raw fast paths (see `raw.rs`) of the shape and colour calls games make thousands of
//! times a frame: `setColor(r, g, b [, a])`, `rectangle(mode, x, y, w, h)`,
//! `circle(mode, x, y, radius)`; print and draw have their own files. Every other form goes to the ordinary binding.

use super::raw::{FastFn, Stack, install};
use crate::graphics::DrawMode;
use mlua::{Function, Lua, Table};
use std::os::raw::c_int;

fn mode(a: &Stack) -> Option<DrawMode> {
    match a.str(1)? {
        b"fill" => Some(DrawMode::Fill),
        b"line" => Some(DrawMode::Line),
        _ => None,
    }
}

struct SetColor;

impl FastFn for SetColor {
    fn call(lua: &Lua, a: &Stack) -> Option<c_int> {
        if a.n != 3 && a.n != 4 {
            return None;
        }
        let c = [a.num(1)?, a.num(2)?, a.num(3)?, a.opt(4, 1.0)?];
        // LOVE: setColor clamps to 0..1 (as the ordinary binding does).
        crate::graphics::lua::try_graphics(lua)?.state.color = c.map(|v| v.clamp(0.0, 1.0));
        Some(0)
    }
}

struct Rectangle;

impl FastFn for Rectangle {
    fn call(lua: &Lua, a: &Stack) -> Option<c_int> {
        if a.n != 5 {
            return None;
        }
        let m = mode(a)?;
        let (x, y, w, h) = (a.num(2)?, a.num(3)?, a.num(4)?, a.num(5)?);
        let mut g = crate::graphics::lua::try_graphics(lua)?;
        g.rectangle(m, x, y, w, h, 0.0, 0.0, None);
        Some(0)
    }
}

struct Circle;

impl FastFn for Circle {
    fn call(lua: &Lua, a: &Stack) -> Option<c_int> {
        if a.n != 4 {
            return None;
        }
        let m = mode(a)?;
        let (x, y, r) = (a.num(2)?, a.num(3)?, a.num(4)?);
        let mut g = crate::graphics::lua::try_graphics(lua)?;
        g.ellipse(m, x, y, r, r, None);
        Some(0)
    }
}

/// Replaces the ordinary `love.graphics` functions in `g` by their fast entry points
/// (each keeps the ordinary one as its fallback). Call after every binding is set.
pub fn register(lua: &Lua, g: &Table) -> mlua::Result<()> {
    let slow = |name: &str| g.get::<Function>(name);
    install::<SetColor>(lua, g, "setColor", slow("setColor")?)?;
    install::<Rectangle>(lua, g, "rectangle", slow("rectangle")?)?;
    install::<Circle>(lua, g, "circle", slow("circle")?)?;
    install::<super::fast_text::Print>(lua, g, "print", slow("print")?)?;
    install::<super::fast_draw::Draw>(lua, g, "draw", slow("draw")?)?;
    super::jit_paths::register(lua, g)
}
