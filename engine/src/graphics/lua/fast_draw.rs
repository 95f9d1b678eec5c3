//! The raw fast path (see `raw.rs`) of `draw(image, x, y, r, sx, sy, ox, oy, kx, ky)`.
//!
//! PERF: a raw C function can't turn its userdata argument into an mlua value, so the
//! ordinary `draw` remembers, per userdata address, which texture it drew: later draws
//! of the same Image find it here with one pointer compare. An entry is trusted only
//! while its `Token` is alive: the token belongs to the `TextureUd` and dies when the
//! userdata is collected or released, before Lua can reuse its address for another
//! object. Anything else (quads, canvases, Transform objects, other drawables, a miss)
//! takes the ordinary path.

use super::objects::TextureUd;
use super::raw::{FastFn, Stack};
use crate::graphics::texture::TextureInner;
use mlua::Lua;
use std::cell::RefCell;
use std::os::raw::c_int;
use std::rc::{Rc, Weak};

/// Alive exactly while a `TextureUd` holds its texture.
#[derive(Default)]
pub struct Token(Rc<()>);

struct Entry {
    ptr: usize,
    token: Weak<()>,
    tex: Weak<TextureInner>,
}

const SLOTS: usize = 64;

thread_local! {
    /// Direct-mapped by userdata address; a collision just evicts.
    static SEEN: RefCell<Vec<Option<Entry>>> = RefCell::new((0..SLOTS).map(|_| None).collect());
}

fn slot(ptr: usize) -> usize {
    (ptr >> 4) % SLOTS
}

/// Called by the ordinary `draw` after drawing `ud` (userdata at address `ptr`).
pub fn remember(ptr: usize, ud: &TextureUd) {
    let Some(tex) = &ud.tex else { return };
    if tex.canvas || tex.kind != crate::graphics::layered::TexKind::D2 {
        return;
    }
    let e = Entry {
        ptr,
        token: Rc::downgrade(&ud.token.0),
        tex: Rc::downgrade(tex),
    };
    SEEN.with(|s| {
        if let Ok(mut s) = s.try_borrow_mut()
            && let Some(x) = s.get_mut(slot(ptr))
        {
            *x = Some(e);
        }
    });
}

pub(super) fn lookup(ptr: usize) -> Option<Rc<TextureInner>> {
    SEEN.with(|s| {
        let s = s.try_borrow().ok()?;
        let e = s.get(slot(ptr))?.as_ref()?;
        if e.ptr != ptr || e.token.strong_count() == 0 {
            return None;
        }
        e.tex.upgrade()
    })
}

pub struct Draw;

impl FastFn for Draw {
    fn call(lua: &Lua, a: &Stack) -> Option<c_int> {
        if a.n < 1 || a.n > 10 {
            return None;
        }
        let tex = lookup(a.userdata(1)? as usize)?;
        let local = a.placement(2)?;
        let mut g = crate::graphics::lua::try_graphics(lua)?;
        // A game shader whose MainTex is an array: the ordinary draw raises LÖVE's error.
        if g.main_texture_kind() != crate::graphics::layered::TexKind::D2 {
            return None;
        }
        g.draw_texture(&tex, None, &local);
        Some(0)
    }
}
