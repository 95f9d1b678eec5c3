//! The joint constructors: love.physics.newDistanceJoint, newRevoluteJoint, ... newGearJoint.

use super::JointId;
use super::joint::{JointData, JointKind};
use super::lua::{Ret, WorldRef, meter, perr, released_error, v2};
use super::lua_body::body;
use super::lua_joint::{LJoint, push_joint};
use crate::runtime::args::{Args, lua_error};
use mlua::{IntoLuaMulti, Lua, MultiValue, Table, Value};
use rapier2d::math::Vector;

/// Any live joint at argument n.
fn joint_at(lua: &Lua, a: &Args, n: usize) -> mlua::Result<(WorldRef, JointId)> {
    if let Value::UserData(ud) = a.get(n)
        && let Ok(j) = ud.borrow::<LJoint>()
    {
        if j.released.get() {
            return Err(released_error(lua));
        }
        if j.w.destroyed.get() || !j.w.core.borrow().joint_exists(j.id) {
            return Err(lua_error(lua, "Attempt to use destroyed joint."));
        }
        return Ok((j.w.clone(), j.id));
    }
    Err(a.type_error(n, "Joint"))
}

#[allow(clippy::too_many_arguments)]
fn make(
    lua: &Lua,
    a: &Args,
    kind: JointKind,
    pa: Vector,
    pb: Vector,
    axis: Vector,
    collide: bool,
    tweak: impl FnOnce(&mut JointData),
) -> Ret {
    let (w, b1) = body(lua, a, 1)?;
    let (_, b2) = body(lua, a, 2)?;
    let id = w
        .core
        .borrow_mut()
        .create_joint(kind, b1, b2, pa, pb, axis, collide)
        .map_err(|e| perr(lua, e))?;
    w.core.borrow_mut().update_joint(id, tweak);
    push_joint(lua, &w, id)?.into_lua_multi(lua)
}

pub(crate) fn register(lua: &Lua, t: &Table) -> mlua::Result<()> {
    let add = |name: &'static str, f: fn(&Lua, &Args) -> Ret| -> mlua::Result<()> {
        t.set(
            name,
            lua.create_function(move |lua, mv: MultiValue| f(lua, &Args::new(lua, mv, name)))?,
        )
    };
    add("newDistanceJoint", |lua, a| {
        let s = meter(lua);
        let pa = v2(a.number(3)?, a.number(4)?, s);
        let pb = v2(a.number(5)?, a.number(6)?, s);
        make(
            lua,
            a,
            JointKind::Distance,
            pa,
            pb,
            Vector::X,
            a.opt_bool(7, false),
            |_| {},
        )
    })?;
    add("newRevoluteJoint", |lua, a| {
        let s = meter(lua);
        // (body1, body2, x, y [, collide]) or (body1, body2, x1, y1, x2, y2 [, collide, angle])
        if a.len() >= 6 && !matches!(a.get(5), Value::Boolean(_) | Value::Nil) {
            let pa = v2(a.number(3)?, a.number(4)?, s);
            let pb = v2(a.number(5)?, a.number(6)?, s);
            let ref_angle = if a.is_none_or_nil(8) {
                None
            } else {
                Some(a.f32(8)?)
            };
            make(
                lua,
                a,
                JointKind::Revolute,
                pa,
                pb,
                Vector::X,
                a.opt_bool(7, false),
                |d| {
                    if let Some(r) = ref_angle {
                        d.reference_angle = r;
                    }
                },
            )
        } else {
            let p = v2(a.number(3)?, a.number(4)?, s);
            make(
                lua,
                a,
                JointKind::Revolute,
                p,
                p,
                Vector::X,
                a.opt_bool(5, false),
                |_| {},
            )
        }
    })?;
    add("newPrismaticJoint", |lua, a| {
        let s = meter(lua);
        if a.len() >= 8 && !matches!(a.get(7), Value::Boolean(_) | Value::Nil) {
            let pa = v2(a.number(3)?, a.number(4)?, s);
            let pb = v2(a.number(5)?, a.number(6)?, s);
            let ax = Vector::new(a.f32(7)?, a.f32(8)?);
            make(
                lua,
                a,
                JointKind::Prismatic,
                pa,
                pb,
                ax,
                a.opt_bool(9, false),
                |_| {},
            )
        } else {
            let p = v2(a.number(3)?, a.number(4)?, s);
            let ax = Vector::new(a.f32(5)?, a.f32(6)?);
            make(
                lua,
                a,
                JointKind::Prismatic,
                p,
                p,
                ax,
                a.opt_bool(7, false),
                |_| {},
            )
        }
    })?;
    add("newWheelJoint", |lua, a| {
        let s = meter(lua);
        let p = v2(a.number(3)?, a.number(4)?, s);
        let ax = Vector::new(a.f32(5)?, a.f32(6)?);
        make(
            lua,
            a,
            JointKind::Wheel,
            p,
            p,
            ax,
            a.opt_bool(7, false),
            |_| {},
        )
    })?;
    add("newWeldJoint", |lua, a| {
        let s = meter(lua);
        if a.len() >= 6 && !matches!(a.get(5), Value::Boolean(_) | Value::Nil) {
            let pa = v2(a.number(3)?, a.number(4)?, s);
            let pb = v2(a.number(5)?, a.number(6)?, s);
            make(
                lua,
                a,
                JointKind::Weld,
                pa,
                pb,
                Vector::X,
                a.opt_bool(7, false),
                |_| {},
            )
        } else {
            let p = v2(a.number(3)?, a.number(4)?, s);
            make(
                lua,
                a,
                JointKind::Weld,
                p,
                p,
                Vector::X,
                a.opt_bool(5, false),
                |_| {},
            )
        }
    })?;
    add("newRopeJoint", |lua, a| {
        let s = meter(lua);
        let pa = v2(a.number(3)?, a.number(4)?, s);
        let pb = v2(a.number(5)?, a.number(6)?, s);
        let max = a.f32(7)? / s;
        make(
            lua,
            a,
            JointKind::Rope,
            pa,
            pb,
            Vector::X,
            a.opt_bool(8, false),
            |d| d.length = max,
        )
    })?;
    add("newMouseJoint", |lua, a| {
        let (w, b) = body(lua, a, 1)?;
        let t = v2(a.number(2)?, a.number(3)?, meter(lua));
        let id = w
            .core
            .borrow_mut()
            .create_mouse_joint(b, t)
            .map_err(|e| perr(lua, e))?;
        push_joint(lua, &w, id)?.into_lua_multi(lua)
    })?;
    add("newFrictionJoint", |lua, a| {
        let s = meter(lua);
        if a.len() >= 6 && !matches!(a.get(5), Value::Boolean(_) | Value::Nil) {
            let pa = v2(a.number(3)?, a.number(4)?, s);
            let pb = v2(a.number(5)?, a.number(6)?, s);
            make(
                lua,
                a,
                JointKind::Friction,
                pa,
                pb,
                Vector::X,
                a.opt_bool(7, false),
                |_| {},
            )
        } else {
            let p = v2(a.number(3)?, a.number(4)?, s);
            make(
                lua,
                a,
                JointKind::Friction,
                p,
                p,
                Vector::X,
                a.opt_bool(5, false),
                |_| {},
            )
        }
    })?;
    add("newMotorJoint", |lua, a| {
        let (_, b1) = body(lua, a, 1)?;
        let (w, b2) = body(lua, a, 2)?;
        let (p1, p2) = {
            let c = w.core.borrow();
            (c.position(b1), c.position(b2))
        };
        let cf = a.opt_f32(3, 0.3)?;
        let collide = a.opt_bool(4, false);
        let id = w
            .core
            .borrow_mut()
            .create_joint(JointKind::Motor, b1, b2, p1, p2, Vector::X, collide)
            .map_err(|e| perr(lua, e))?;
        w.core
            .borrow_mut()
            .update_joint(id, |d| d.correction_factor = cf);
        push_joint(lua, &w, id)?.into_lua_multi(lua)
    })?;
    add("newPulleyJoint", |lua, a| {
        let s = meter(lua);
        let ga = v2(a.number(3)?, a.number(4)?, s);
        let gb = v2(a.number(5)?, a.number(6)?, s);
        let pa = v2(a.number(7)?, a.number(8)?, s);
        let pb = v2(a.number(9)?, a.number(10)?, s);
        let ratio = a.opt_f32(11, 1.0)?;
        if ratio <= f32::EPSILON {
            return Err(lua_error(lua, "Box2D assertion failed: def->ratio != 0.0f"));
        }
        let collide = a.opt_bool(12, true);
        let (la, lb) = ((pa - ga).length(), (pb - gb).length());
        make(lua, a, JointKind::Pulley, pa, pb, Vector::X, collide, |d| {
            d.ground_a = ga;
            d.ground_b = gb;
            d.ratio = ratio;
            d.length = la + ratio * lb;
        })
    })?;
    add("newGearJoint", |lua, a| {
        let (w, j1) = joint_at(lua, a, 1)?;
        let (_, j2) = joint_at(lua, a, 2)?;
        let ratio = a.opt_f32(3, 1.0)?;
        let collide = a.opt_bool(4, false);
        let id = w
            .core
            .borrow_mut()
            .create_gear_joint(j1, j2, ratio, collide)
            .map_err(|e| perr(lua, e))?;
        push_joint(lua, &w, id)?.into_lua_multi(lua)
    })?;
    Ok(())
}
