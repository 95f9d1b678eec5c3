//! Body methods and love.physics.newBody. Lengths are scaled by the meter; inertia and
//! torques by its square, as LÖVE does.

use super::lua::{
    ObjKey, Ret, WorldRef, contacts_table, destroy, meter, method, object_methods, perr, push_body,
    push_fixture, released_error, v2, world,
};
use super::shape::MassData;
use super::{BodyType, World};
use crate::runtime::args::{Args, lua_error};
use mlua::{IntoLuaMulti, Lua, MultiValue, UserData, UserDataMethods, Value};
use rapier2d::math::Vector;
use rapier2d::prelude::RigidBodyHandle;
use std::cell::{Cell, RefMut};

pub struct LBody {
    pub(crate) w: WorldRef,
    pub(crate) h: RigidBodyHandle,
    released: Cell<bool>,
}

impl LBody {
    pub(crate) fn new(w: WorldRef, h: RigidBodyHandle) -> Self {
        LBody {
            w,
            h,
            released: Cell::new(false),
        }
    }
}

const BODY_TYPES: &[(&str, BodyType)] = &[
    ("static", BodyType::Static),
    ("dynamic", BodyType::Dynamic),
    ("kinematic", BodyType::Kinematic),
];

/// The live body at argument n.
pub(crate) fn body(lua: &Lua, a: &Args, n: usize) -> mlua::Result<(WorldRef, RigidBodyHandle)> {
    if let Value::UserData(ud) = a.get(n)
        && let Ok(b) = ud.borrow::<LBody>()
    {
        if b.released.get() {
            return Err(released_error(lua));
        }
        if b.w.destroyed.get() || !b.w.core.borrow().body_exists(b.h) {
            return Err(lua_error(lua, "Attempt to use destroyed body."));
        }
        return Ok((b.w.clone(), b.h));
    }
    Err(a.type_error(n, "Body"))
}

pub(crate) fn new_body(lua: &Lua, a: &Args) -> Ret {
    let w = world(lua, a, 1)?;
    let s = meter(lua);
    let p = v2(a.opt_number(2, 0.0)?, a.opt_number(3, 0.0)?, s);
    let kind = if a.is_none_or_nil(4) {
        BodyType::Static
    } else {
        a.enumeration(4, "Body type", BODY_TYPES)?
    };
    let h = w
        .core
        .borrow_mut()
        .create_body(p, kind)
        .map_err(|e| perr(lua, e))?;
    push_body(lua, &w, h)?.into_lua_multi(lua)
}

type Core<'a> = RefMut<'a, World>;

fn with<R: IntoLuaMulti>(
    lua: &Lua,
    a: &Args,
    f: impl FnOnce(&mut Core, RigidBodyHandle, f32) -> R,
) -> Ret {
    let (w, h) = body(lua, a, 1)?;
    let s = meter(lua);
    let r = f(&mut w.core.borrow_mut(), h, s);
    r.into_lua_multi(lua)
}

fn point_list(lua: &Lua, a: &Args, f: impl Fn(&World, RigidBodyHandle, Vector) -> Vector) -> Ret {
    let (w, h) = body(lua, a, 1)?;
    let s = meter(lua);
    let n = a.len().saturating_sub(1);
    let mut out = Vec::new();
    let core = w.core.borrow();
    for i in 0..n / 2 {
        let p = v2(a.number(2 + 2 * i)?, a.number(3 + 2 * i)?, s);
        let q = f(&core, h, p) * s;
        out.push(Value::Number(q.x as f64));
        out.push(Value::Number(q.y as f64));
    }
    Ok(MultiValue::from_vec(out))
}

impl UserData for LBody {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        object_methods(m, |_| &["Body", "Object"], |t| &t.released);
        method(m, "getPosition", |lua, a| {
            with(lua, a, |c, h, s| {
                let p = c.position(h) * s;
                (p.x, p.y)
            })
        });
        method(m, "getX", |lua, a| {
            with(lua, a, |c, h, s| c.position(h).x * s)
        });
        method(m, "getY", |lua, a| {
            with(lua, a, |c, h, s| c.position(h).y * s)
        });
        method(m, "getAngle", |lua, a| with(lua, a, |c, h, _| c.angle(h)));
        method(m, "getTransform", |lua, a| {
            with(lua, a, |c, h, s| {
                let p = c.position(h) * s;
                (p.x, p.y, c.angle(h))
            })
        });
        method(m, "setPosition", |lua, a| {
            let (x, y) = (a.number(2)?, a.number(3)?);
            with(lua, a, |c, h, s| {
                c.set_transform(h, Some(v2(x, y, s)), None)
            })
        });
        method(m, "setX", |lua, a| {
            let x = a.number(2)?;
            with(lua, a, |c, h, s| {
                let p = Vector::new(x as f32 / s, c.position(h).y);
                c.set_transform(h, Some(p), None)
            })
        });
        method(m, "setY", |lua, a| {
            let y = a.number(2)?;
            with(lua, a, |c, h, s| {
                let p = Vector::new(c.position(h).x, y as f32 / s);
                c.set_transform(h, Some(p), None)
            })
        });
        method(m, "setAngle", |lua, a| {
            let r = a.f32(2)?;
            with(lua, a, |c, h, _| c.set_transform(h, None, Some(r)))
        });
        method(m, "setTransform", |lua, a| {
            let (x, y, r) = (a.number(2)?, a.number(3)?, a.f32(4)?);
            with(lua, a, |c, h, s| {
                c.set_transform(h, Some(v2(x, y, s)), Some(r))
            })
        });
        method(m, "getLinearVelocity", |lua, a| {
            with(lua, a, |c, h, s| {
                let v = c.linear_velocity(h) * s;
                (v.x, v.y)
            })
        });
        method(m, "setLinearVelocity", |lua, a| {
            let (x, y) = (a.number(2)?, a.number(3)?);
            with(lua, a, |c, h, s| c.set_linear_velocity(h, v2(x, y, s)))
        });
        method(m, "getAngularVelocity", |lua, a| {
            with(lua, a, |c, h, _| c.angular_velocity(h))
        });
        method(m, "setAngularVelocity", |lua, a| {
            let w = a.f32(2)?;
            with(lua, a, |c, h, _| c.set_angular_velocity(h, w))
        });
        method(m, "getLinearVelocityFromWorldPoint", |lua, a| {
            point_list(lua, a, velocity_at)
        });
        method(m, "getLinearVelocityFromLocalPoint", |lua, a| {
            point_list(lua, a, |c, h, p| {
                velocity_at(c, h, c.pose(h).transform_point(p))
            })
        });
        method(m, "getWorldCenter", |lua, a| {
            with(lua, a, |c, h, s| {
                let p = c.world_center(h) * s;
                (p.x, p.y)
            })
        });
        method(m, "getLocalCenter", |lua, a| {
            with(lua, a, |c, h, s| {
                let p = c.local_center(h) * s;
                (p.x, p.y)
            })
        });
        method(m, "getWorldPoint", |lua, a| {
            point_list(lua, a, |c, h, p| c.pose(h).transform_point(p))
        });
        method(m, "getWorldPoints", |lua, a| {
            point_list(lua, a, |c, h, p| c.pose(h).transform_point(p))
        });
        method(m, "getLocalPoint", |lua, a| {
            point_list(lua, a, |c, h, p| c.pose(h).inverse_transform_point(p))
        });
        method(m, "getLocalPoints", |lua, a| {
            point_list(lua, a, |c, h, p| c.pose(h).inverse_transform_point(p))
        });
        method(m, "getWorldVector", |lua, a| {
            point_list(lua, a, |c, h, p| c.pose(h).rotation.transform_vector(p))
        });
        method(m, "getLocalVector", |lua, a| {
            point_list(lua, a, |c, h, p| {
                c.pose(h).rotation.inverse_transform_vector(p)
            })
        });
        method(m, "applyForce", |lua, a| {
            let f = (a.number(2)?, a.number(3)?);
            let at = if a.len() >= 5 && !a.is_none_or_nil(4) {
                Some((a.number(4)?, a.number(5)?))
            } else {
                None
            };
            let wake = a.opt_bool(if at.is_some() { 6 } else { 4 }, true);
            with(lua, a, |c, h, s| {
                c.apply_force(h, v2(f.0, f.1, s), at.map(|p| v2(p.0, p.1, s)), wake)
            })
        });
        method(m, "applyLinearImpulse", |lua, a| {
            let f = (a.number(2)?, a.number(3)?);
            let at = if a.len() >= 5 && !a.is_none_or_nil(4) {
                Some((a.number(4)?, a.number(5)?))
            } else {
                None
            };
            let wake = a.opt_bool(if at.is_some() { 6 } else { 4 }, true);
            with(lua, a, |c, h, s| {
                c.apply_impulse(h, v2(f.0, f.1, s), at.map(|p| v2(p.0, p.1, s)), wake)
            })
        });
        method(m, "applyTorque", |lua, a| {
            let t = a.f32(2)?;
            let wake = a.opt_bool(3, true);
            with(lua, a, |c, h, s| c.apply_torque(h, t / (s * s), wake))
        });
        method(m, "applyAngularImpulse", |lua, a| {
            let t = a.f32(2)?;
            let wake = a.opt_bool(3, true);
            with(lua, a, |c, h, s| {
                c.apply_angular_impulse(h, t / (s * s), wake)
            })
        });
        method(m, "getLinearDamping", |lua, a| {
            with(lua, a, |c, h, _| c.damping(h).0)
        });
        method(m, "getAngularDamping", |lua, a| {
            with(lua, a, |c, h, _| c.damping(h).1)
        });
        method(m, "setLinearDamping", |lua, a| {
            let d = a.f32(2)?;
            with(lua, a, |c, h, _| c.set_damping(h, Some(d), None))
        });
        method(m, "setAngularDamping", |lua, a| {
            let d = a.f32(2)?;
            with(lua, a, |c, h, _| c.set_damping(h, None, Some(d)))
        });
        method(m, "getGravityScale", |lua, a| {
            with(lua, a, |c, h, _| c.gravity_scale(h))
        });
        method(m, "setGravityScale", |lua, a| {
            let g = a.f32(2)?;
            with(lua, a, |c, h, _| c.set_gravity_scale(h, g))
        });
        method(m, "getType", |lua, a| {
            with(lua, a, |c, h, _| c.body_type(h).name())
        });
        method(m, "setType", |lua, a| {
            let (w, h) = body(lua, a, 1)?;
            let kind = a.enumeration(2, "Body type", BODY_TYPES)?;
            let r = w.core.borrow_mut().set_body_type(h, kind);
            r.map_err(|e| perr(lua, e))?;
            Ok(MultiValue::new())
        });
        method(m, "getMass", |lua, a| {
            with(lua, a, |c, h, _| c.mass_data(h).mass)
        });
        method(m, "getInertia", |lua, a| {
            with(lua, a, |c, h, s| c.mass_data(h).inertia * s * s)
        });
        method(m, "getMassData", |lua, a| {
            with(lua, a, |c, h, s| {
                let md = c.mass_data(h);
                (
                    md.center.x * s,
                    md.center.y * s,
                    md.mass,
                    md.inertia * s * s,
                )
            })
        });
        method(m, "setMassData", |lua, a| {
            let (x, y, mass, i) = (a.number(2)?, a.number(3)?, a.f32(4)?, a.f32(5)?);
            with(lua, a, |c, h, s| {
                let md = MassData {
                    center: v2(x, y, s),
                    mass,
                    inertia: i / (s * s),
                };
                c.set_mass_data(h, md)
            })
        });
        method(m, "setMass", |lua, a| {
            let mass = a.f32(2)?;
            with(lua, a, |c, h, _| {
                let md = c.mass_data(h);
                c.set_mass_data(h, MassData { mass, ..md })
            })
        });
        method(m, "setInertia", |lua, a| {
            let i = a.f32(2)?;
            with(lua, a, |c, h, s| {
                let md = c.mass_data(h);
                c.set_mass_data(
                    h,
                    MassData {
                        inertia: i / (s * s),
                        ..md
                    },
                )
            })
        });
        method(m, "resetMassData", |lua, a| {
            with(lua, a, |c, h, _| c.reset_mass_data(h))
        });
        method(m, "isAwake", |lua, a| with(lua, a, |c, h, _| c.is_awake(h)));
        method(m, "setAwake", |lua, a| {
            let on = a.opt_bool(2, false);
            with(lua, a, |c, h, _| c.set_awake(h, on))
        });
        method(m, "isSleepingAllowed", |lua, a| {
            with(lua, a, |c, h, _| {
                c.body_data(h).map(|d| d.sleeping_allowed).unwrap_or(true)
            })
        });
        method(m, "setSleepingAllowed", |lua, a| {
            let on = a.opt_bool(2, false);
            with(lua, a, |c, h, _| c.set_body_sleeping_allowed(h, on))
        });
        method(m, "isActive", |lua, a| {
            with(lua, a, |c, h, _| c.is_active(h))
        });
        method(m, "setActive", |lua, a| {
            let (w, h) = body(lua, a, 1)?;
            let on = a.opt_bool(2, false);
            let r = w.core.borrow_mut().set_active(h, on);
            r.map_err(|e| perr(lua, e))?;
            Ok(MultiValue::new())
        });
        method(m, "isBullet", |lua, a| {
            with(lua, a, |c, h, _| {
                c.body_data(h).map(|d| d.bullet).unwrap_or(false)
            })
        });
        method(m, "setBullet", |lua, a| {
            let on = a.opt_bool(2, false);
            with(lua, a, |c, h, _| c.set_bullet(h, on))
        });
        method(m, "isFixedRotation", |lua, a| {
            with(lua, a, |c, h, _| c.is_fixed_rotation(h))
        });
        method(m, "setFixedRotation", |lua, a| {
            let on = a.opt_bool(2, false);
            with(lua, a, |c, h, _| c.set_fixed_rotation(h, on))
        });
        method(m, "getFixtures", |lua, a| {
            let (w, h) = body(lua, a, 1)?;
            let list = w
                .core
                .borrow()
                .body_data(h)
                .map(|d| d.fixtures.clone())
                .unwrap_or_default();
            let t = lua.create_table()?;
            for (i, f) in list.into_iter().rev().enumerate() {
                t.raw_set(i + 1, push_fixture(lua, &w, f)?)?;
            }
            t.into_lua_multi(lua)
        });
        method(m, "getJoints", |lua, a| {
            let (w, h) = body(lua, a, 1)?;
            let list = w.core.borrow().joints_of_body(h);
            let t = lua.create_table()?;
            for (i, j) in list.into_iter().rev().enumerate() {
                t.raw_set(i + 1, super::lua_joint::push_joint(lua, &w, j)?)?;
            }
            t.into_lua_multi(lua)
        });
        method(m, "getContacts", |lua, a| {
            let (w, h) = body(lua, a, 1)?;
            w.core.borrow_mut().refresh_touching();
            let keys = {
                let core = w.core.borrow();
                let mine = |f| core.fixture(f).map(|d| d.body == h).unwrap_or(false);
                core.touching_pairs()
                    .iter()
                    .filter(|k| mine(k.a) || mine(k.b))
                    .copied()
                    .collect()
            };
            contacts_table(lua, &w, keys)?.into_lua_multi(lua)
        });
        method(m, "isTouching", |lua, a| {
            let (w, h) = body(lua, a, 1)?;
            let (_, other) = body(lua, a, 2)?;
            w.core.borrow_mut().refresh_touching();
            let core = w.core.borrow();
            let of = |f| core.fixture(f).map(|d| d.body);
            let t = core.touching_pairs().iter().any(|k| {
                let (x, y) = (of(k.a), of(k.b));
                (x == Some(h) && y == Some(other)) || (x == Some(other) && y == Some(h))
            });
            t.into_lua_multi(lua)
        });
        method(m, "getWorld", |lua, a| {
            let (w, _) = body(lua, a, 1)?;
            let ud = w.objects.borrow().get(&ObjKey::World).cloned();
            ud.into_lua_multi(lua)
        });
        method(m, "getUserData", |lua, a| {
            let (w, h) = body(lua, a, 1)?;
            let v = w.user_values.borrow().get(&ObjKey::Body(h)).cloned();
            v.unwrap_or(Value::Nil).into_lua_multi(lua)
        });
        method(m, "setUserData", |lua, a| {
            let (w, h) = body(lua, a, 1)?;
            w.user_values
                .borrow_mut()
                .insert(ObjKey::Body(h), a.get(2).clone());
            Ok(MultiValue::new())
        });
        method(m, "isDestroyed", |lua, a| {
            if let Value::UserData(ud) = a.get(1)
                && let Ok(b) = ud.borrow::<LBody>()
            {
                let gone = b.w.destroyed.get() || !b.w.core.borrow().body_exists(b.h);
                return gone.into_lua_multi(lua);
            }
            Err(a.type_error(1, "Body"))
        });
        method(m, "destroy", |lua, a| {
            let (w, h) = body(lua, a, 1)?;
            destroy(lua, &w, ObjKey::Body(h))?;
            Ok(MultiValue::new())
        });
    }
}

fn velocity_at(c: &World, h: RigidBodyHandle, p: Vector) -> Vector {
    let r = p - c.world_center(h);
    let w = c.angular_velocity(h);
    c.linear_velocity(h) + Vector::new(-w * r.y, w * r.x)
}
