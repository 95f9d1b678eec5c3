//! The joints rapier has no constraint for — mouse, friction, motor, pulley, gear — as Box2D
//! defines them, applied as velocity impulses before each rapier step (one iteration, with
//! Baumgarte correction for the position constraints). Box2D solves them iteratively with
//! the contacts; here they are slightly softer under load.

use super::joint::{JointData, JointId, JointKind};
use super::world::World;
use super::{PhysicsError, Result};
use rapier2d::math::Vector;
use rapier2d::prelude::RigidBodyHandle;

impl World {
    /// Applies every hand-made joint for a step of `dt`. Mouse joints: Box2D's soft
    /// constraint (frequency, damping ratio, max force) at the grabbed point.
    pub(crate) fn apply_hand_joints(&mut self, dt: f32) {
        if dt <= 0.0 {
            return;
        }
        let pairs: Vec<JointData> = self
            .joints
            .values()
            .filter(|d| {
                matches!(
                    d.kind,
                    JointKind::Friction | JointKind::Motor | JointKind::Pulley | JointKind::Gear
                )
            })
            .cloned()
            .collect();
        for d in pairs {
            self.apply_pair_joint(&d, dt);
        }
        let mouse: Vec<JointData> = self
            .joints
            .values()
            .filter(|d| d.kind == JointKind::Mouse)
            .cloned()
            .collect();
        for d in mouse {
            let b = d.body_b;
            let md = self.mass_data(b);
            if md.mass <= 0.0 {
                continue;
            }
            let omega = 2.0 * std::f32::consts::PI * d.frequency;
            let k = md.mass * omega * omega;
            let c = 2.0 * md.mass * d.damping_ratio * omega;
            let denom = dt * (c + dt * k);
            let gamma = if denom != 0.0 { 1.0 / denom } else { 0.0 };
            let beta = dt * k * gamma;
            let p = self.pose(b).transform_point(d.local_b);
            let err = p - d.target;
            let r = p - self.world_center(b);
            let w = self.angular_velocity(b);
            let v = self.linear_velocity(b) + Vector::new(-w * r.y, w * r.x);
            let eff = 1.0 / md.mass + gamma;
            let mut impulse = -(v + beta * err) / eff;
            let max = d.max_motor * dt;
            if impulse.length() > max {
                impulse = impulse.normalize_or_zero() * max;
            }
            self.apply_impulse(b, impulse, Some(p), true);
        }
    }

    /// Box2D's gear joint between two revolute/prismatic joints: coordinate1 + ratio *
    /// coordinate2 stays constant.
    pub fn create_gear_joint(
        &mut self,
        j1: JointId,
        j2: JointId,
        ratio: f32,
        collide: bool,
    ) -> Result<JointId> {
        self.check_unlocked()?;
        let (Some(d1), Some(d2)) = (self.joints.get(&j1), self.joints.get(&j2)) else {
            return Err(PhysicsError::new("Attempt to use destroyed joint."));
        };
        let ok = |k: JointKind| matches!(k, JointKind::Revolute | JointKind::Prismatic);
        if !ok(d1.kind) {
            return Err(PhysicsError::assertion(
                "m_typeA == e_revoluteJoint || m_typeA == e_prismaticJoint",
            ));
        }
        if !ok(d2.kind) {
            return Err(PhysicsError::assertion(
                "m_typeB == e_revoluteJoint || m_typeB == e_prismaticJoint",
            ));
        }
        let (a, b) = (d1.body_b, d2.body_b);
        let mut d = Self::new_joint_data(JointKind::Gear, Some(a), b, collide);
        d.gear = Some((j1, j2));
        d.ratio = ratio;
        d.length = self.gear_coordinate(j1) + ratio * self.gear_coordinate(j2);
        Ok(self.insert_joint(d))
    }

    fn gear_coordinate(&self, id: JointId) -> f32 {
        match self.joints.get(&id).map(|d| d.kind) {
            Some(JointKind::Revolute) => self.joint_angle(id),
            Some(_) => self.joint_translation(id).0,
            None => 0.0,
        }
    }

    fn gear_speed(&self, id: JointId) -> f32 {
        match self.joints.get(&id).map(|d| d.kind) {
            Some(JointKind::Revolute) => self.joint_angular_speed(id),
            Some(_) => self.joint_translation(id).1,
            None => 0.0,
        }
    }

    fn apply_gear(&mut self, d: &JointData, dt: f32) {
        let Some((j1, j2)) = d.gear else { return };
        let (Some(d1), Some(d2)) = (self.joints.get(&j1).cloned(), self.joints.get(&j2).cloned())
        else {
            return;
        };
        let inv = |m: f32| if m > 0.0 { 1.0 / m } else { 0.0 };
        let inv_mass = |w: &World, h: Option<RigidBodyHandle>, angular: bool| match h {
            Some(h) if w.body_type(h) == super::BodyType::Dynamic => {
                let md = w.mass_data(h);
                if angular {
                    let c = w.local_center(h);
                    inv(md.inertia - md.mass * c.length_squared())
                } else {
                    inv(md.mass)
                }
            }
            _ => 0.0,
        };
        let term = |w: &World, dj: &JointData, c: f32| {
            let ang = dj.kind == JointKind::Revolute;
            c * c * (inv_mass(w, dj.body_a, ang) + inv_mass(w, Some(dj.body_b), ang))
        };
        let k = term(self, &d1, 1.0) + term(self, &d2, d.ratio);
        if k <= 0.0 {
            return;
        }
        let c = self.gear_coordinate(j1) + d.ratio * self.gear_coordinate(j2) - d.length;
        let cdot = self.gear_speed(j1) + d.ratio * self.gear_speed(j2);
        let lambda = -(cdot + 0.2 * c / dt) / k;
        if lambda.abs() < 1e-9 {
            return;
        }
        for (dj, coef) in [(d1, 1.0), (d2, d.ratio)] {
            let imp = coef * lambda;
            if dj.kind == JointKind::Revolute {
                self.apply_angular_impulse(dj.body_b, imp, true);
                if let Some(a) = dj.body_a {
                    self.apply_angular_impulse(a, -imp, true);
                }
            } else {
                let rot = dj.body_a.map(|a| self.pose(a).rotation).unwrap_or_default();
                let axis = rot.transform_vector(dj.local_axis);
                self.apply_impulse(dj.body_b, axis * imp, None, true);
                if let Some(a) = dj.body_a {
                    self.apply_impulse(a, -axis * imp, None, true);
                }
            }
        }
    }

    /// Pulley joint lengths: (lengthA, lengthB), anchors to ground anchors.
    pub fn pulley_lengths(&self, d: &JointData) -> (f32, f32) {
        let pa = d
            .body_a
            .map(|a| self.pose(a).transform_point(d.local_a))
            .unwrap_or_default();
        let pb = self.pose(d.body_b).transform_point(d.local_b);
        ((pa - d.ground_a).length(), (pb - d.ground_b).length())
    }

    /// Box2D's pulley: lengthA + ratio * lengthB stays the constant; one velocity impulse per
    /// step with Baumgarte correction (Box2D also has a position pass).
    fn apply_pulley(&mut self, d: &JointData, dt: f32) {
        let Some(a) = d.body_a else { return };
        let b = d.body_b;
        let inv = |m: f32| if m > 0.0 { 1.0 / m } else { 0.0 };
        let dyn_inv = |w: &World, h: RigidBodyHandle| {
            if w.body_type(h) == super::BodyType::Dynamic {
                let md = w.mass_data(h);
                let c = w.local_center(h);
                (inv(md.mass), inv(md.inertia - md.mass * c.length_squared()))
            } else {
                (0.0, 0.0)
            }
        };
        let (ma, ia) = dyn_inv(self, a);
        let (mb, ib) = dyn_inv(self, b);
        let pa = self.pose(a).transform_point(d.local_a);
        let pb = self.pose(b).transform_point(d.local_b);
        let (da, db) = (pa - d.ground_a, pb - d.ground_b);
        let (la, lb) = (da.length(), db.length());
        if la < 1e-4 || lb < 1e-4 {
            return;
        }
        let (ua, ub) = (da / la, db / lb);
        let (ra, rb) = (pa - self.world_center(a), pb - self.world_center(b));
        let cross = |r: Vector, u: Vector| r.x * u.y - r.y * u.x;
        let perp = |w: f32, r: Vector| Vector::new(-w * r.y, w * r.x);
        let (ca, cb) = (cross(ra, ua), cross(rb, ub));
        let k = ma + ia * ca * ca + d.ratio * d.ratio * (mb + ib * cb * cb);
        if k <= 0.0 {
            return;
        }
        let vpa = self.linear_velocity(a) + perp(self.angular_velocity(a), ra);
        let vpb = self.linear_velocity(b) + perp(self.angular_velocity(b), rb);
        let cdot = -ua.dot(vpa) - d.ratio * ub.dot(vpb);
        let c = d.length - la - d.ratio * lb;
        let impulse = -(cdot + 0.2 * c / dt) / k;
        let (ja, jb) = (-impulse * ua, -d.ratio * impulse * ub);
        let wake = impulse.abs() > 1e-9;
        self.apply_impulse(a, ja, Some(pa), wake);
        self.apply_impulse(b, jb, Some(pb), wake);
    }

    /// Box2D's friction joint (resist relative motion with at most max force/torque) and motor
    /// joint (drive B to A's offset, Baumgarte-corrected, with at most max force/torque), as
    /// one velocity impulse per step. The effective masses leave out the lever-arm terms.
    fn apply_pair_joint(&mut self, d: &JointData, dt: f32) {
        if d.kind == JointKind::Pulley {
            self.apply_pulley(d, dt);
            return;
        }
        if d.kind == JointKind::Gear {
            self.apply_gear(d, dt);
            return;
        }
        let Some(a) = d.body_a else { return };
        let b = d.body_b;
        let inv = |m: f32| if m > 0.0 { 1.0 / m } else { 0.0 };
        let dyn_inv = |w: &World, h: RigidBodyHandle| {
            if w.body_type(h) == super::BodyType::Dynamic {
                let md = w.mass_data(h);
                let c = w.local_center(h);
                (inv(md.mass), inv(md.inertia - md.mass * c.length_squared()))
            } else {
                (0.0, 0.0)
            }
        };
        let (ma, ia) = dyn_inv(self, a);
        let (mb, ib) = dyn_inv(self, b);
        let inv_h = 1.0 / dt;
        let (pose_a, pose_b) = (self.pose(a), self.pose(b));
        let (pa, pb) = match d.kind {
            JointKind::Motor => (pose_a.translation, pose_b.translation),
            _ => (
                pose_a.transform_point(d.local_a),
                pose_b.transform_point(d.local_b),
            ),
        };
        let (ra, rb) = (pa - self.world_center(a), pb - self.world_center(b));
        let (wa, wb) = (self.angular_velocity(a), self.angular_velocity(b));
        let cross = |w: f32, r: Vector| Vector::new(-w * r.y, w * r.x);
        // Angular part.
        let ang_mass = inv(ia + ib);
        let mut cdot = wb - wa;
        if d.kind == JointKind::Motor {
            let err = self.angle(b) - self.angle(a) - d.angular_offset;
            cdot += inv_h * d.correction_factor * err;
        }
        let max_t = d.max_torque * dt;
        let ang = (-ang_mass * cdot).clamp(-max_t, max_t);
        // Linear part.
        let lin_mass = inv(ma + mb);
        let mut vdot =
            self.linear_velocity(b) + cross(wb, rb) - self.linear_velocity(a) - cross(wa, ra);
        if d.kind == JointKind::Motor {
            let err = pb - pa - pose_a.rotation.transform_vector(d.linear_offset);
            vdot += inv_h * d.correction_factor * err;
        }
        let mut imp = -lin_mass * vdot;
        let max_f = d.max_motor * dt;
        if imp.length() > max_f {
            imp = imp.normalize_or_zero() * max_f;
        }
        // Zero impulses must not keep the bodies awake.
        let (wl, wt) = (imp.length_squared() > 1e-12, ang.abs() > 1e-9);
        self.apply_impulse(a, -imp, Some(pa), wl);
        self.apply_impulse(b, imp, Some(pb), wl);
        self.apply_angular_impulse(a, -ang, wt);
        self.apply_angular_impulse(b, ang, wt);
    }
}
