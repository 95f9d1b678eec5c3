//! Fixture methods, love.physics.newFixture and getDistance.

use super::fixture::Filter;
use super::lua::{
    ObjKey, Ret, WorldRef, destroy, meter, method, object_methods, perr, push_body, push_fixture,
    push_obj, released_error, v2,
};
use super::lua_body::body;
use super::lua_shape::{LShape, ShapeSrc, shape_arg};
use crate::runtime::args::{Args, lua_error};
use mlua::{IntoLuaMulti, Lua, MultiValue, UserData, UserDataMethods, Value};
use rapier2d::prelude::ColliderHandle;
use std::cell::Cell;

pub struct LFixture {
    pub(crate) w: WorldRef,
    pub(crate) h: ColliderHandle,
    released: Cell<bool>,
}

impl LFixture {
    pub(crate) fn new(w: WorldRef, h: ColliderHandle) -> Self {
        LFixture {
            w,
            h,
            released: Cell::new(false),
        }
    }
}

pub(crate) fn fixture(lua: &Lua, a: &Args, n: usize) -> mlua::Result<(WorldRef, ColliderHandle)> {
    if let Value::UserData(ud) = a.get(n)
        && let Ok(f) = ud.borrow::<LFixture>()
    {
        if f.released.get() {
            return Err(released_error(lua));
        }
        if f.w.destroyed.get() || !f.w.core.borrow().fixture_exists(f.h) {
            return Err(lua_error(lua, "Attempt to use destroyed fixture."));
        }
        return Ok((f.w.clone(), f.h));
    }
    Err(a.type_error(n, "Fixture"))
}

pub(crate) fn new_fixture(lua: &Lua, a: &Args) -> Ret {
    let (w, b) = body(lua, a, 1)?;
    let shape = shape_arg(lua, a, 2)?;
    let density = a.opt_f32(3, 1.0)?;
    let h = w
        .core
        .borrow_mut()
        .create_fixture(b, shape, density)
        .map_err(|e| perr(lua, e))?;
    push_fixture(lua, &w, h)?.into_lua_multi(lua)
}

/// love.physics.getDistance(f1, f2): distance, x1, y1, x2, y2 (closest points).
pub(crate) fn get_distance(lua: &Lua, a: &Args) -> Ret {
    let (w, f1) = fixture(lua, a, 1)?;
    let (_, f2) = fixture(lua, a, 2)?;
    let s = meter(lua);
    let r = w.core.borrow().fixture_distance(f1, f2);
    let (d, p1, p2) = r.unwrap_or_default();
    (d * s, p1.x * s, p1.y * s, p2.x * s, p2.y * s).into_lua_multi(lua)
}

/// The categories set in `bits`, as 1-based numbers (LÖVE's getCategory/getMask).
fn bit_list(bits: u16) -> MultiValue {
    MultiValue::from_vec(
        (0..16)
            .filter(|i| bits & (1 << i) != 0)
            .map(|i| Value::Integer(i as i64 + 1))
            .collect(),
    )
}

/// Categories from varargs (or one table) at 2.., checked like LÖVE's luax_getCategories.
fn category_bits(lua: &Lua, a: &Args) -> mlua::Result<u16> {
    let mut nums = Vec::new();
    if let Value::Table(t) = a.get(2) {
        for v in t.sequence_values::<f64>() {
            nums.push(v?);
        }
    } else {
        for i in 2..=a.len() {
            nums.push(a.number(i)?);
        }
    }
    let mut bits = 0u16;
    for n in nums {
        let n = n as i64;
        if !(1..=16).contains(&n) {
            return Err(lua_error(lua, "Values must be in range 1-16."));
        }
        bits |= 1 << (n - 1);
    }
    Ok(bits)
}

fn with<R: IntoLuaMulti>(
    lua: &Lua,
    a: &Args,
    f: impl FnOnce(&mut super::World, ColliderHandle, f32) -> R,
) -> Ret {
    let (w, h) = fixture(lua, a, 1)?;
    let s = meter(lua);
    let r = f(&mut w.core.borrow_mut(), h, s);
    r.into_lua_multi(lua)
}

fn filter_of(c: &super::World, h: ColliderHandle) -> Filter {
    c.fixture(h).map(|d| d.filter).unwrap_or_default()
}

impl UserData for LFixture {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        object_methods(m, |_| &["Fixture", "Object"], |t| &t.released);
        method(m, "getBody", |lua, a| {
            let (w, h) = fixture(lua, a, 1)?;
            let b = w.core.borrow().fixture(h).map(|d| d.body);
            match b {
                Some(b) => push_body(lua, &w, b)?.into_lua_multi(lua),
                None => Ok(MultiValue::new()),
            }
        });
        method(m, "getShape", |lua, a| {
            let (w, h) = fixture(lua, a, 1)?;
            let kind = w.core.borrow().fixture(h).map(|d| d.shape.kind());
            let Some(kind) = kind else {
                return Ok(MultiValue::new());
            };
            // One Shape object per fixture, as LÖVE returns.
            let ww = w.clone();
            push_obj(lua, &w, ObjKey::FixtureShape(h), || {
                lua.create_userdata(LShape::new(kind, ShapeSrc::Fixture(ww, h)))
            })?
            .into_lua_multi(lua)
        });
        method(m, "getType", |lua, a| {
            with(lua, a, |c, h, _| {
                c.fixture(h).map(|d| d.shape.kind().name())
            })
        });
        method(m, "getDensity", |lua, a| {
            with(lua, a, |c, h, _| c.fixture(h).map(|d| d.density))
        });
        method(m, "setDensity", |lua, a| {
            let d = a.f32(2)?;
            if d < 0.0 {
                return Err(lua_error(
                    lua,
                    "Box2D assertion failed: b2IsValid(density) && density >= 0.0f",
                ));
            }
            with(lua, a, |c, h, _| c.set_density(h, d))
        });
        method(m, "getFriction", |lua, a| {
            with(lua, a, |c, h, _| c.fixture(h).map(|d| d.friction))
        });
        method(m, "setFriction", |lua, a| {
            let f = a.f32(2)?;
            with(lua, a, |c, h, _| c.set_friction(h, f))
        });
        method(m, "getRestitution", |lua, a| {
            with(lua, a, |c, h, _| c.fixture(h).map(|d| d.restitution))
        });
        method(m, "setRestitution", |lua, a| {
            let r = a.f32(2)?;
            with(lua, a, |c, h, _| c.set_restitution(h, r))
        });
        method(m, "isSensor", |lua, a| {
            with(lua, a, |c, h, _| c.fixture(h).map(|d| d.sensor))
        });
        method(m, "setSensor", |lua, a| {
            let on = a.opt_bool(2, false);
            with(lua, a, |c, h, _| c.set_sensor(h, on))
        });
        method(m, "getFilterData", |lua, a| {
            with(lua, a, |c, h, _| {
                let f = filter_of(c, h);
                (f.category, f.mask, f.group)
            })
        });
        method(m, "setFilterData", |lua, a| {
            let (cat, mask, group) = (a.integer(2)?, a.integer(3)?, a.integer(4)?);
            with(lua, a, |c, h, _| {
                let f = Filter {
                    category: cat as u16,
                    mask: mask as u16,
                    group: group as i16,
                };
                c.set_filter(h, f)
            })
        });
        method(m, "getCategory", |lua, a| {
            let (w, h) = fixture(lua, a, 1)?;
            let f = filter_of(&w.core.borrow(), h);
            Ok(bit_list(f.category))
        });
        method(m, "setCategory", |lua, a| {
            let (w, h) = fixture(lua, a, 1)?;
            let bits = category_bits(lua, a)?;
            let mut core = w.core.borrow_mut();
            let f = filter_of(&core, h);
            core.set_filter(
                h,
                Filter {
                    category: bits,
                    ..f
                },
            );
            Ok(MultiValue::new())
        });
        method(m, "getMask", |lua, a| {
            let (w, h) = fixture(lua, a, 1)?;
            let f = filter_of(&w.core.borrow(), h);
            // LOVE: the mask is given and reported as the categories NOT collided with.
            Ok(bit_list(!f.mask))
        });
        method(m, "setMask", |lua, a| {
            let (w, h) = fixture(lua, a, 1)?;
            let bits = category_bits(lua, a)?;
            let mut core = w.core.borrow_mut();
            let f = filter_of(&core, h);
            core.set_filter(h, Filter { mask: !bits, ..f });
            Ok(MultiValue::new())
        });
        method(m, "getGroupIndex", |lua, a| {
            with(lua, a, |c, h, _| filter_of(c, h).group)
        });
        method(m, "setGroupIndex", |lua, a| {
            let g = a.integer(2)?;
            with(lua, a, |c, h, _| {
                let f = filter_of(c, h);
                c.set_filter(
                    h,
                    Filter {
                        group: g as i16,
                        ..f
                    },
                )
            })
        });
        method(m, "testPoint", |lua, a| {
            let (x, y) = (a.number(2)?, a.number(3)?);
            with(lua, a, |c, h, s| c.fixture_test_point(h, v2(x, y, s)))
        });
        method(m, "rayCast", |lua, a| {
            let (w, h) = fixture(lua, a, 1)?;
            let s = meter(lua);
            let p1 = v2(a.number(2)?, a.number(3)?, s);
            let p2 = v2(a.number(4)?, a.number(5)?, s);
            let maxf = a.f32(6)?;
            let child = a.opt_integer(7, 1)?;
            let hit =
                w.core
                    .borrow()
                    .fixture_ray_cast(h, p1, p2, maxf, (child - 1).max(0) as usize);
            match hit {
                Some((n, f)) => (n.x, n.y, f).into_lua_multi(lua),
                None => Ok(MultiValue::new()),
            }
        });
        method(m, "getBoundingBox", |lua, a| {
            let child = a.opt_integer(2, 1)?;
            let (w, h) = fixture(lua, a, 1)?;
            let count = w
                .core
                .borrow()
                .fixture(h)
                .map(|d| d.shape.child_count())
                .unwrap_or(1) as i64;
            if child < 1 || child > count {
                return Err(lua_error(
                    lua,
                    "Box2D assertion failed: 0 <= childIndex && childIndex < m_proxyCount",
                ));
            }
            with(lua, a, |c, h, s| {
                let (lo, hi) = c.fixture_aabb(h, (child - 1) as usize);
                (lo.x * s, lo.y * s, hi.x * s, hi.y * s)
            })
        });
        method(m, "getMassData", |lua, a| {
            with(lua, a, |c, h, s| {
                let md = c.fixture_mass(h);
                (
                    md.center.x * s,
                    md.center.y * s,
                    md.mass,
                    md.inertia * s * s,
                )
            })
        });
        method(m, "getUserData", |lua, a| {
            let (w, h) = fixture(lua, a, 1)?;
            let v = w.user_values.borrow().get(&ObjKey::Fixture(h)).cloned();
            v.unwrap_or(Value::Nil).into_lua_multi(lua)
        });
        method(m, "setUserData", |lua, a| {
            let (w, h) = fixture(lua, a, 1)?;
            w.user_values
                .borrow_mut()
                .insert(ObjKey::Fixture(h), a.get(2).clone());
            Ok(MultiValue::new())
        });
        method(m, "isDestroyed", |lua, a| {
            if let Value::UserData(ud) = a.get(1)
                && let Ok(f) = ud.borrow::<LFixture>()
            {
                let gone = f.w.destroyed.get() || !f.w.core.borrow().fixture_exists(f.h);
                return gone.into_lua_multi(lua);
            }
            Err(a.type_error(1, "Fixture"))
        });
        method(m, "destroy", |lua, a| {
            let (w, h) = fixture(lua, a, 1)?;
            destroy(lua, &w, ObjKey::Fixture(h))?;
            Ok(MultiValue::new())
        });
    }
}
