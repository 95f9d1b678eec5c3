//! Contact objects, as the world callbacks and getContacts hand them out.

use super::PairKey;
use super::lua::{Ret, WorldRef, meter, method, object_methods, push_fixture, released_error};
use crate::runtime::args::{Args, lua_error};
use mlua::{IntoLuaMulti, Lua, MultiValue, UserData, UserDataMethods, Value};
use std::cell::Cell;

pub struct LContact {
    w: WorldRef,
    key: PairKey,
    released: Cell<bool>,
}

impl LContact {
    pub(crate) fn new(w: WorldRef, key: PairKey) -> Self {
        LContact {
            w,
            key,
            released: Cell::new(false),
        }
    }
}

/// The contact at argument 1; it lives as long as both its fixtures.
fn contact(lua: &Lua, a: &Args) -> mlua::Result<(WorldRef, PairKey)> {
    if let Value::UserData(ud) = a.get(1)
        && let Ok(c) = ud.borrow::<LContact>()
    {
        if c.released.get() {
            return Err(released_error(lua));
        }
        let alive = !c.w.destroyed.get() && {
            let core = c.w.core.borrow();
            core.fixture_exists(c.key.a) && core.fixture_exists(c.key.b)
        };
        if !alive {
            return Err(lua_error(lua, "Attempt to use destroyed contact."));
        }
        return Ok((c.w.clone(), c.key));
    }
    Err(a.type_error(1, "Contact"))
}

fn info<R: IntoLuaMulti>(
    lua: &Lua,
    a: &Args,
    f: impl FnOnce(&super::ContactInfo, f32) -> R,
) -> Ret {
    let (w, k) = contact(lua, a)?;
    w.core.borrow_mut().refresh_touching();
    let i = w.core.borrow().contact_info(&k);
    f(&i, meter(lua)).into_lua_multi(lua)
}

impl UserData for LContact {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        object_methods(m, |_| &["Contact", "Object"], |t| &t.released);
        method(m, "getFixtures", |lua, a| {
            let (w, k) = contact(lua, a)?;
            (push_fixture(lua, &w, k.a)?, push_fixture(lua, &w, k.b)?).into_lua_multi(lua)
        });
        method(m, "getNormal", |lua, a| {
            info(lua, a, |i, _| (i.normal.x, i.normal.y))
        });
        method(m, "getPositions", |lua, a| {
            info(lua, a, |i, s| {
                MultiValue::from_vec(
                    i.points
                        .iter()
                        .flat_map(|p| {
                            [
                                Value::Number((p.x * s) as f64),
                                Value::Number((p.y * s) as f64),
                            ]
                        })
                        .collect(),
                )
            })
        });
        method(m, "getChildren", |lua, a| {
            info(lua, a, |i, _| (i.child_a + 1, i.child_b + 1))
        });
        method(m, "isTouching", |lua, a| info(lua, a, |i, _| i.touching));
        method(m, "isEnabled", |lua, a| info(lua, a, |i, _| i.enabled));
        method(m, "setEnabled", |lua, a| {
            let (w, k) = contact(lua, a)?;
            let on = a.opt_bool(2, false);
            w.core.borrow_mut().contact_override(k).disabled = !on;
            Ok(MultiValue::new())
        });
        method(m, "getFriction", |lua, a| info(lua, a, |i, _| i.friction));
        method(m, "getRestitution", |lua, a| {
            info(lua, a, |i, _| i.restitution)
        });
        method(m, "setFriction", |lua, a| {
            let (w, k) = contact(lua, a)?;
            let f = a.f32(2)?;
            w.core.borrow_mut().contact_override(k).friction = Some(f);
            Ok(MultiValue::new())
        });
        method(m, "setRestitution", |lua, a| {
            let (w, k) = contact(lua, a)?;
            let r = a.f32(2)?;
            w.core.borrow_mut().contact_override(k).restitution = Some(r);
            Ok(MultiValue::new())
        });
        method(m, "resetFriction", |lua, a| {
            let (w, k) = contact(lua, a)?;
            w.core.borrow_mut().contact_override(k).friction = None;
            Ok(MultiValue::new())
        });
        method(m, "resetRestitution", |lua, a| {
            let (w, k) = contact(lua, a)?;
            w.core.borrow_mut().contact_override(k).restitution = None;
            Ok(MultiValue::new())
        });
    }
}
