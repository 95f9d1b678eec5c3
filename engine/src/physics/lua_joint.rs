//! Joint objects and their constructors. One Lua type per joint kind (type() gives LÖVE's
//! name); methods of another kind raise LÖVE's "bad argument #1" with the expected type.

use super::joint::{JointData, JointKind};
use super::lua::{
    ObjKey, Ret, WorldRef, destroy, meter, method, object_methods, push_body, push_obj,
    released_error, v2,
};
use super::{JointId, World};
use crate::runtime::args::{Args, lua_error};
use mlua::{IntoLuaMulti, Lua, MultiValue, UserData, UserDataMethods, Value};
use std::cell::Cell;

pub struct LJoint {
    pub(crate) w: WorldRef,
    pub(crate) id: JointId,
    kind: JointKind,
    pub(crate) released: Cell<bool>,
}

fn names(j: &LJoint) -> &'static [&'static str] {
    match j.kind {
        JointKind::Distance => &["DistanceJoint", "Joint", "Object"],
        JointKind::Revolute => &["RevoluteJoint", "Joint", "Object"],
        JointKind::Prismatic => &["PrismaticJoint", "Joint", "Object"],
        JointKind::Weld => &["WeldJoint", "Joint", "Object"],
        JointKind::Rope => &["RopeJoint", "Joint", "Object"],
        JointKind::Mouse => &["MouseJoint", "Joint", "Object"],
        JointKind::Wheel => &["WheelJoint", "Joint", "Object"],
        JointKind::Friction => &["FrictionJoint", "Joint", "Object"],
        JointKind::Motor => &["MotorJoint", "Joint", "Object"],
        JointKind::Pulley => &["PulleyJoint", "Joint", "Object"],
        JointKind::Gear => &["GearJoint", "Joint", "Object"],
    }
}

pub(crate) fn push_joint(lua: &Lua, w: &WorldRef, id: JointId) -> mlua::Result<Value> {
    let kind = w
        .core
        .borrow()
        .joint(id)
        .map(|d| d.kind)
        .unwrap_or(JointKind::Weld);
    push_obj(lua, w, ObjKey::Joint(id), || {
        lua.create_userdata(LJoint {
            w: w.clone(),
            id,
            kind,
            released: Cell::new(false),
        })
    })
}

/// The live joint at argument 1, of one of `kinds` (any when empty).
fn joint(lua: &Lua, a: &Args, kinds: &[JointKind]) -> mlua::Result<(WorldRef, JointId)> {
    if let Value::UserData(ud) = a.get(1)
        && let Ok(j) = ud.borrow::<LJoint>()
        && (kinds.is_empty() || kinds.contains(&j.kind))
    {
        if j.released.get() {
            return Err(released_error(lua));
        }
        if j.w.destroyed.get() || !j.w.core.borrow().joint_exists(j.id) {
            return Err(lua_error(lua, "Attempt to use destroyed joint."));
        }
        return Ok((j.w.clone(), j.id));
    }
    let expected = match kinds.first() {
        Some(k) => k.type_name(),
        None => "Joint",
    };
    Err(a.type_error(1, expected))
}

fn get<R: IntoLuaMulti>(
    lua: &Lua,
    a: &Args,
    kinds: &[JointKind],
    f: impl FnOnce(&World, &JointData, JointId, f32) -> R,
) -> Ret {
    let (w, id) = joint(lua, a, kinds)?;
    let s = meter(lua);
    let core = w.core.borrow();
    let Some(d) = core.joint(id) else {
        return Ok(MultiValue::new());
    };
    f(&core, d, id, s).into_lua_multi(lua)
}

fn set(lua: &Lua, a: &Args, kinds: &[JointKind], f: impl FnOnce(&mut JointData)) -> Ret {
    let (w, id) = joint(lua, a, kinds)?;
    w.core.borrow_mut().update_joint(id, f);
    Ok(MultiValue::new())
}

const REV: &[JointKind] = &[JointKind::Revolute];
const PRI: &[JointKind] = &[JointKind::Prismatic];
const LIMITED: &[JointKind] = &[JointKind::Revolute, JointKind::Prismatic];
const MOTORS: &[JointKind] = &[JointKind::Revolute, JointKind::Prismatic, JointKind::Wheel];
const SOFT: &[JointKind] = &[JointKind::Distance, JointKind::Weld, JointKind::Mouse];
const WHEEL: &[JointKind] = &[JointKind::Wheel];
const MOUSE: &[JointKind] = &[JointKind::Mouse];
const FORCE: &[JointKind] = &[JointKind::Mouse, JointKind::Friction, JointKind::Motor];
const TORQUE: &[JointKind] = &[JointKind::Friction, JointKind::Motor];
const MOTOR: &[JointKind] = &[JointKind::Motor];
const PULLEY: &[JointKind] = &[JointKind::Pulley];
const RATIO: &[JointKind] = &[JointKind::Pulley, JointKind::Gear];

/// Revolute angles are radians; prismatic limits and speeds are lengths.
fn lin_scale(d: &JointData, s: f32) -> f32 {
    if d.kind == JointKind::Prismatic {
        s
    } else {
        1.0
    }
}

/// Revolute/wheel motor torque scales by meter², prismatic force by the meter.
fn motor_scale(d: &JointData, s: f32) -> f32 {
    if d.kind == JointKind::Prismatic {
        s
    } else {
        s * s
    }
}

impl UserData for LJoint {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        object_methods(m, names, |t| &t.released);
        method(m, "getType", |lua, a| {
            get(lua, a, &[], |_, d, _, _| d.kind.name())
        });
        method(m, "getBodies", |lua, a| {
            let (w, id) = joint(lua, a, &[])?;
            let d = w.core.borrow().joint(id).cloned();
            let Some(d) = d else {
                return Ok(MultiValue::new());
            };
            match d.body_a {
                Some(a) => {
                    (push_body(lua, &w, a)?, push_body(lua, &w, d.body_b)?).into_lua_multi(lua)
                }
                // LOVE: 11.4 gives the dragged body first for a mouse joint.
                None => push_body(lua, &w, d.body_b)?.into_lua_multi(lua),
            }
        });
        method(m, "getAnchors", |lua, a| {
            get(lua, a, &[], |c, _, id, s| {
                let (p, q) = c.joint_anchors(id);
                (p.x * s, p.y * s, q.x * s, q.y * s)
            })
        });
        method(m, "getCollideConnected", |lua, a| {
            get(lua, a, &[], |_, d, _, _| d.collide_connected)
        });
        method(m, "getReactionForce", |lua, a| {
            let inv_dt = a.f32(2)?;
            get(lua, a, &[], |c, _, id, s| {
                let (f, _) = c.joint_reaction(id, inv_dt);
                (f.x * s, f.y * s)
            })
        });
        method(m, "getReactionTorque", |lua, a| {
            let inv_dt = a.f32(2)?;
            get(lua, a, &[], |c, _, id, s| {
                c.joint_reaction(id, inv_dt).1 * s * s
            })
        });
        method(m, "getUserData", |lua, a| {
            let (w, id) = joint(lua, a, &[])?;
            let v = w.user_values.borrow().get(&ObjKey::Joint(id)).cloned();
            v.unwrap_or(Value::Nil).into_lua_multi(lua)
        });
        method(m, "setUserData", |lua, a| {
            let (w, id) = joint(lua, a, &[])?;
            w.user_values
                .borrow_mut()
                .insert(ObjKey::Joint(id), a.get(2).clone());
            Ok(MultiValue::new())
        });
        method(m, "isDestroyed", |lua, a| {
            if let Value::UserData(ud) = a.get(1)
                && let Ok(j) = ud.borrow::<LJoint>()
            {
                let gone = j.w.destroyed.get() || !j.w.core.borrow().joint_exists(j.id);
                return gone.into_lua_multi(lua);
            }
            Err(a.type_error(1, "Joint"))
        });
        method(m, "destroy", |lua, a| {
            let (w, id) = joint(lua, a, &[])?;
            destroy(lua, &w, ObjKey::Joint(id))?;
            Ok(MultiValue::new())
        });
        // Distance / rope
        method(m, "getLength", |lua, a| {
            get(lua, a, &[JointKind::Distance], |_, d, _, s| d.length * s)
        });
        method(m, "setLength", |lua, a| {
            let l = a.f32(2)? / meter(lua);
            set(lua, a, &[JointKind::Distance], |d| d.length = l)
        });
        method(m, "getMaxLength", |lua, a| {
            get(lua, a, &[JointKind::Rope], |_, d, _, s| d.length * s)
        });
        method(m, "setMaxLength", |lua, a| {
            let l = a.f32(2)? / meter(lua);
            set(lua, a, &[JointKind::Rope], |d| d.length = l)
        });
        method(m, "getFrequency", |lua, a| {
            get(lua, a, SOFT, |_, d, _, _| d.frequency)
        });
        method(m, "setFrequency", |lua, a| {
            let f = a.f32(2)?;
            set(lua, a, SOFT, |d| d.frequency = f)
        });
        method(m, "getDampingRatio", |lua, a| {
            get(lua, a, SOFT, |_, d, _, _| d.damping_ratio)
        });
        method(m, "setDampingRatio", |lua, a| {
            let r = a.f32(2)?;
            set(lua, a, SOFT, |d| d.damping_ratio = r)
        });
        method(m, "getReferenceAngle", |lua, a| {
            get(
                lua,
                a,
                &[JointKind::Revolute, JointKind::Prismatic, JointKind::Weld],
                |_, d, _, _| d.reference_angle,
            )
        });
        // Revolute
        method(m, "getJointAngle", |lua, a| {
            get(lua, a, REV, |c, _, id, _| c.joint_angle(id))
        });
        method(m, "getJointSpeed", |lua, a| {
            get(lua, a, MOTORS, |c, d, id, s| match d.kind {
                JointKind::Revolute => c.joint_angular_speed(id),
                JointKind::Wheel => c.joint_angular_speed(id),
                _ => c.joint_translation(id).1 * s,
            })
        });
        method(m, "getJointTranslation", |lua, a| {
            get(
                lua,
                a,
                &[JointKind::Prismatic, JointKind::Wheel],
                |c, _, id, s| c.joint_translation(id).0 * s,
            )
        });
        method(m, "areLimitsEnabled", |lua, a| {
            get(lua, a, LIMITED, |_, d, _, _| d.limits_enabled)
        });
        method(m, "hasLimitsEnabled", |lua, a| {
            get(lua, a, LIMITED, |_, d, _, _| d.limits_enabled)
        });
        method(m, "setLimitsEnabled", |lua, a| {
            let on = a.opt_bool(2, false);
            set(lua, a, LIMITED, |d| d.limits_enabled = on)
        });
        method(m, "getLimits", |lua, a| {
            get(lua, a, LIMITED, |_, d, _, s| {
                let k = lin_scale(d, s);
                (d.lower * k, d.upper * k)
            })
        });
        method(m, "setLimits", |lua, a| {
            let (lo, hi) = (a.f32(2)?, a.f32(3)?);
            let s = meter(lua);
            set(lua, a, LIMITED, |d| {
                let k = lin_scale(d, s);
                d.lower = lo / k;
                d.upper = hi / k;
            })
        });
        method(m, "getLowerLimit", |lua, a| {
            get(lua, a, LIMITED, |_, d, _, s| d.lower * lin_scale(d, s))
        });
        method(m, "getUpperLimit", |lua, a| {
            get(lua, a, LIMITED, |_, d, _, s| d.upper * lin_scale(d, s))
        });
        method(m, "setLowerLimit", |lua, a| {
            let v = a.f32(2)?;
            let s = meter(lua);
            set(lua, a, LIMITED, |d| d.lower = v / lin_scale(d, s))
        });
        method(m, "setUpperLimit", |lua, a| {
            let v = a.f32(2)?;
            let s = meter(lua);
            set(lua, a, LIMITED, |d| d.upper = v / lin_scale(d, s))
        });
        method(m, "isMotorEnabled", |lua, a| {
            get(lua, a, MOTORS, |_, d, _, _| d.motor_enabled)
        });
        method(m, "setMotorEnabled", |lua, a| {
            let on = a.opt_bool(2, false);
            set(lua, a, MOTORS, |d| d.motor_enabled = on)
        });
        method(m, "getMotorSpeed", |lua, a| {
            get(lua, a, MOTORS, |_, d, _, s| d.motor_speed * lin_scale(d, s))
        });
        method(m, "setMotorSpeed", |lua, a| {
            let v = a.f32(2)?;
            let s = meter(lua);
            set(lua, a, MOTORS, |d| d.motor_speed = v / lin_scale(d, s))
        });
        method(m, "getMaxMotorTorque", |lua, a| {
            get(
                lua,
                a,
                &[JointKind::Revolute, JointKind::Wheel],
                |_, d, _, s| d.max_motor * motor_scale(d, s),
            )
        });
        method(m, "setMaxMotorTorque", |lua, a| {
            let v = a.f32(2)?;
            let s = meter(lua);
            set(lua, a, &[JointKind::Revolute, JointKind::Wheel], |d| {
                d.max_motor = v / motor_scale(d, s)
            })
        });
        method(m, "getMaxMotorForce", |lua, a| {
            get(lua, a, PRI, |_, d, _, s| d.max_motor * motor_scale(d, s))
        });
        method(m, "setMaxMotorForce", |lua, a| {
            let v = a.f32(2)?;
            let s = meter(lua);
            set(lua, a, PRI, |d| d.max_motor = v / motor_scale(d, s))
        });
        method(m, "getMotorTorque", |lua, a| {
            let inv_dt = a.opt_f32(2, 60.0)?;
            get(
                lua,
                a,
                &[JointKind::Revolute, JointKind::Wheel],
                |c, _, id, s| c.joint_reaction(id, inv_dt).1 * s * s,
            )
        });
        method(m, "getMotorForce", |lua, a| {
            let inv_dt = a.f32(2)?;
            get(lua, a, PRI, |c, _, id, s| {
                c.joint_reaction(id, inv_dt).0.x * s
            })
        });
        method(m, "getAxis", |lua, a| {
            get(
                lua,
                a,
                &[JointKind::Prismatic, JointKind::Wheel],
                |c, d, _, _| {
                    let ax = match d.body_a {
                        Some(b) => c.pose(b).rotation.transform_vector(d.local_axis),
                        None => d.local_axis,
                    };
                    (ax.x, ax.y)
                },
            )
        });
        // Wheel
        method(m, "getSpringFrequency", |lua, a| {
            get(lua, a, WHEEL, |_, d, _, _| d.frequency)
        });
        method(m, "setSpringFrequency", |lua, a| {
            let f = a.f32(2)?;
            set(lua, a, WHEEL, |d| d.frequency = f)
        });
        method(m, "getSpringDampingRatio", |lua, a| {
            get(lua, a, WHEEL, |_, d, _, _| d.damping_ratio)
        });
        method(m, "setSpringDampingRatio", |lua, a| {
            let r = a.f32(2)?;
            set(lua, a, WHEEL, |d| d.damping_ratio = r)
        });
        // Mouse
        method(m, "getTarget", |lua, a| {
            get(lua, a, MOUSE, |_, d, _, s| (d.target.x * s, d.target.y * s))
        });
        method(m, "setTarget", |lua, a| {
            let t = v2(a.number(2)?, a.number(3)?, meter(lua));
            set(lua, a, MOUSE, |d| d.target = t)
        });
        method(m, "getMaxForce", |lua, a| {
            get(lua, a, FORCE, |_, d, _, s| d.max_motor * s)
        });
        method(m, "setMaxForce", |lua, a| {
            let f = a.f32(2)? / meter(lua);
            set(lua, a, FORCE, |d| d.max_motor = f)
        });
        // Pulley
        method(m, "getGroundAnchors", |lua, a| {
            get(lua, a, PULLEY, |_, d, _, s| {
                (
                    d.ground_a.x * s,
                    d.ground_a.y * s,
                    d.ground_b.x * s,
                    d.ground_b.y * s,
                )
            })
        });
        method(m, "getLengthA", |lua, a| {
            get(lua, a, PULLEY, |c, d, _, s| c.pulley_lengths(d).0 * s)
        });
        method(m, "getLengthB", |lua, a| {
            get(lua, a, PULLEY, |c, d, _, s| c.pulley_lengths(d).1 * s)
        });
        method(m, "getRatio", |lua, a| {
            get(lua, a, RATIO, |_, d, _, _| d.ratio)
        });
        method(m, "setRatio", |lua, a| {
            let r = a.f32(2)?;
            set(lua, a, RATIO, |d| d.ratio = r)
        });
        method(m, "getJoints", |lua, a| {
            let (w, id) = joint(lua, a, &[JointKind::Gear])?;
            let pair = w.core.borrow().joint(id).and_then(|d| d.gear);
            match pair {
                Some((j1, j2)) => {
                    (push_joint(lua, &w, j1)?, push_joint(lua, &w, j2)?).into_lua_multi(lua)
                }
                None => Ok(MultiValue::new()),
            }
        });
        method(m, "getConstant", |lua, a| {
            get(lua, a, PULLEY, |_, d, _, s| d.length * s)
        });
        method(m, "setConstant", |lua, a| {
            let l = a.f32(2)? / meter(lua);
            set(lua, a, PULLEY, |d| d.length = l)
        });
        method(m, "getMaxLengths", |lua, a| {
            get(lua, a, PULLEY, |_, d, _, s| {
                (d.max_lengths.0 * s, d.max_lengths.1 * s)
            })
        });
        method(m, "setMaxLengths", |lua, a| {
            let s = meter(lua);
            let (x, y) = (a.f32(2)? / s, a.f32(3)? / s);
            set(lua, a, PULLEY, |d| d.max_lengths = (x, y))
        });
        // Friction / motor
        method(m, "getMaxTorque", |lua, a| {
            get(lua, a, TORQUE, |_, d, _, s| d.max_torque * s * s)
        });
        method(m, "setMaxTorque", |lua, a| {
            let s = meter(lua);
            let t = a.f32(2)? / (s * s);
            set(lua, a, TORQUE, |d| d.max_torque = t)
        });
        method(m, "getLinearOffset", |lua, a| {
            get(lua, a, MOTOR, |_, d, _, s| {
                (d.linear_offset.x * s, d.linear_offset.y * s)
            })
        });
        method(m, "setLinearOffset", |lua, a| {
            let o = v2(a.number(2)?, a.number(3)?, meter(lua));
            set(lua, a, MOTOR, |d| d.linear_offset = o)
        });
        method(m, "getAngularOffset", |lua, a| {
            get(lua, a, MOTOR, |_, d, _, _| d.angular_offset)
        });
        method(m, "setAngularOffset", |lua, a| {
            let o = a.f32(2)?;
            set(lua, a, MOTOR, |d| d.angular_offset = o)
        });
        method(m, "getCorrectionFactor", |lua, a| {
            get(lua, a, MOTOR, |_, d, _, _| d.correction_factor)
        });
        method(m, "setCorrectionFactor", |lua, a| {
            let c = a.f32(2)?;
            set(lua, a, MOTOR, |d| d.correction_factor = c)
        });
    }
}
