//! Bodies: Box2D's b2Body operations over rapier's `RigidBody`, in meters.

use super::shape::MassData;
use super::world::World;
use super::{PhysicsError, Result, wrap_angle};
use rapier2d::math::{Pose, Rotation, Vector};
use rapier2d::prelude::{
    ColliderHandle, MassProperties, RigidBodyActivation, RigidBodyBuilder, RigidBodyHandle,
    RigidBodyType,
};

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BodyType {
    Static,
    Dynamic,
    Kinematic,
}

impl BodyType {
    pub fn name(self) -> &'static str {
        match self {
            BodyType::Static => "static",
            BodyType::Dynamic => "dynamic",
            BodyType::Kinematic => "kinematic",
        }
    }

    fn rapier(self) -> RigidBodyType {
        match self {
            BodyType::Static => RigidBodyType::Fixed,
            BodyType::Dynamic => RigidBodyType::Dynamic,
            BodyType::Kinematic => RigidBodyType::KinematicVelocityBased,
        }
    }
}

/// What Box2D keeps on a body that rapier does not.
#[derive(Clone, Debug)]
pub struct BodyData {
    pub kind: BodyType,
    /// Fixtures in creation order (Box2D lists the newest first; the binding reverses).
    pub fixtures: Vec<ColliderHandle>,
    pub sleeping_allowed: bool,
    /// Set by setMassData/setMass/setInertia until resetMassData or a new fixture.
    pub mass_override: Option<MassData>,
    pub bullet: bool,
}

impl World {
    pub fn create_body(&mut self, pos: Vector, kind: BodyType) -> Result<RigidBodyHandle> {
        self.check_unlocked()?;
        let rb = RigidBodyBuilder::new(kind.rapier())
            .translation(pos)
            .can_sleep(self.sleeping_allowed)
            .build();
        let h = self.bodies.insert(rb);
        self.body_order.push(h);
        self.set_stored_angle(h, 0.0);
        self.body_data.insert(
            h,
            BodyData {
                kind,
                fixtures: Vec::new(),
                sleeping_allowed: true,
                mass_override: None,
                bullet: false,
            },
        );
        self.refresh_mass(h);
        self.dirty = true;
        Ok(h)
    }

    pub fn body_exists(&self, h: RigidBodyHandle) -> bool {
        self.body_data.contains_key(&h)
    }

    pub fn body_data(&self, h: RigidBodyHandle) -> Option<&BodyData> {
        self.body_data.get(&h)
    }

    /// Bodies, newest first (Box2D's body list order).
    pub fn body_list(&self) -> Vec<RigidBodyHandle> {
        self.body_order.iter().rev().copied().collect()
    }

    /// Destroys a body, its fixtures and its joints. Returns the touching pairs that ended.
    pub fn destroy_body(&mut self, h: RigidBodyHandle) -> Vec<super::PairKey> {
        let Some(data) = self.body_data.get(&h).cloned() else {
            return Vec::new();
        };
        let mut ended = Vec::new();
        for f in data.fixtures.iter().rev() {
            ended.extend(self.destroy_fixture_inner(*f, false));
        }
        for j in self.joints_of_body(h) {
            self.destroy_joint(j);
        }
        self.bodies.remove(
            h,
            &mut self.islands,
            &mut self.colliders,
            &mut self.impulse_joints,
            &mut self.multibody_joints,
            &mut self.soft_bodies,
            true,
        );
        self.body_data.remove(&h);
        self.body_order.retain(|b| *b != h);
        self.dirty = true;
        ended
    }

    pub fn position(&self, h: RigidBodyHandle) -> Vector {
        self.bodies
            .get(h)
            .map(|b| b.translation())
            .unwrap_or_default()
    }

    /// Box2D's angle is not wrapped: it keeps counting turns.
    pub fn angle(&self, h: RigidBodyHandle) -> f32 {
        self.angles
            .get(h.into_raw_parts().0 as usize)
            .copied()
            .unwrap_or(0.0)
    }

    fn set_stored_angle(&mut self, h: RigidBodyHandle, a: f32) {
        let i = h.into_raw_parts().0 as usize;
        if self.angles.len() <= i {
            self.angles.resize(i + 1, 0.0);
        }
        self.angles[i] = a;
    }

    pub fn pose(&self, h: RigidBodyHandle) -> Pose {
        self.bodies
            .get(h)
            .map(|b| *b.position())
            .unwrap_or(Pose::IDENTITY)
    }

    pub fn set_transform(&mut self, h: RigidBodyHandle, pos: Option<Vector>, angle: Option<f32>) {
        if let Some(rb) = self.bodies.get_mut(h) {
            if let Some(p) = pos {
                rb.set_translation(p, true);
            }
            if let Some(a) = angle {
                rb.set_rotation(Rotation::new(a), true);
            }
        }
        if let Some(a) = angle {
            self.set_stored_angle(h, a);
        }
        self.dirty = true;
    }

    pub fn linear_velocity(&self, h: RigidBodyHandle) -> Vector {
        self.bodies.get(h).map(|b| b.linvel()).unwrap_or_default()
    }

    pub fn set_linear_velocity(&mut self, h: RigidBodyHandle, v: Vector) {
        if let Some(rb) = self.bodies.get_mut(h)
            && !rb.is_fixed()
        {
            rb.set_linvel(v, v.length_squared() > 0.0);
        }
    }

    pub fn angular_velocity(&self, h: RigidBodyHandle) -> f32 {
        self.bodies.get(h).map(|b| b.angvel()).unwrap_or(0.0)
    }

    pub fn set_angular_velocity(&mut self, h: RigidBodyHandle, w: f32) {
        if let Some(rb) = self.bodies.get_mut(h)
            && !rb.is_fixed()
        {
            rb.set_angvel(w, w != 0.0);
        }
    }

    /// The world position of the center of mass.
    pub fn world_center(&self, h: RigidBodyHandle) -> Vector {
        self.bodies
            .get(h)
            .map(|b| b.center_of_mass())
            .unwrap_or_default()
    }

    pub fn local_center(&self, h: RigidBodyHandle) -> Vector {
        self.bodies
            .get(h)
            .map(|b| b.local_center_of_mass())
            .unwrap_or_default()
    }

    /// Box2D forces only act on dynamic bodies and wake them.
    pub fn apply_force(
        &mut self,
        h: RigidBodyHandle,
        f: Vector,
        point: Option<Vector>,
        wake: bool,
    ) {
        if let Some(rb) = self.bodies.get_mut(h)
            && rb.is_dynamic()
        {
            match point {
                Some(p) => rb.add_force_at_point(f, p, wake),
                None => rb.add_force(f, wake),
            }
        }
    }

    pub fn apply_torque(&mut self, h: RigidBodyHandle, t: f32, wake: bool) {
        if let Some(rb) = self.bodies.get_mut(h)
            && rb.is_dynamic()
        {
            rb.add_torque(t, wake);
        }
    }

    pub fn apply_impulse(
        &mut self,
        h: RigidBodyHandle,
        i: Vector,
        point: Option<Vector>,
        wake: bool,
    ) {
        if let Some(rb) = self.bodies.get_mut(h)
            && rb.is_dynamic()
        {
            match point {
                Some(p) => rb.apply_impulse_at_point(i, p, wake),
                None => rb.apply_impulse(i, wake),
            }
        }
    }

    pub fn apply_angular_impulse(&mut self, h: RigidBodyHandle, i: f32, wake: bool) {
        if let Some(rb) = self.bodies.get_mut(h)
            && rb.is_dynamic()
        {
            rb.apply_torque_impulse(i, wake);
        }
    }

    pub fn damping(&self, h: RigidBodyHandle) -> (f32, f32) {
        self.bodies
            .get(h)
            .map(|b| (b.linear_damping(), b.angular_damping()))
            .unwrap_or_default()
    }

    pub fn set_damping(&mut self, h: RigidBodyHandle, linear: Option<f32>, angular: Option<f32>) {
        if let Some(rb) = self.bodies.get_mut(h) {
            if let Some(l) = linear {
                rb.set_linear_damping(l);
            }
            if let Some(a) = angular {
                rb.set_angular_damping(a);
            }
        }
    }

    pub fn gravity_scale(&self, h: RigidBodyHandle) -> f32 {
        self.bodies.get(h).map(|b| b.gravity_scale()).unwrap_or(1.0)
    }

    pub fn set_gravity_scale(&mut self, h: RigidBodyHandle, s: f32) {
        if let Some(rb) = self.bodies.get_mut(h) {
            rb.set_gravity_scale(s, true);
        }
    }

    pub fn body_type(&self, h: RigidBodyHandle) -> BodyType {
        self.body_data
            .get(&h)
            .map(|d| d.kind)
            .unwrap_or(BodyType::Static)
    }

    pub fn set_body_type(&mut self, h: RigidBodyHandle, kind: BodyType) -> Result<()> {
        self.check_unlocked()?;
        if let Some(rb) = self.bodies.get_mut(h) {
            rb.set_body_type(kind.rapier(), true);
            if kind == BodyType::Static {
                rb.set_linvel(Vector::ZERO, false);
                rb.set_angvel(0.0, false);
            }
        }
        if let Some(d) = self.body_data.get_mut(&h) {
            d.kind = kind;
        }
        self.refresh_mass(h);
        self.dirty = true;
        Ok(())
    }

    /// Mass, center (local) and inertia about the body origin, as b2Body::GetMassData.
    pub fn mass_data(&self, h: RigidBodyHandle) -> MassData {
        let Some(rb) = self.bodies.get(h) else {
            return MassData::default();
        };
        if self.body_type(h) != BodyType::Dynamic {
            return MassData::default();
        }
        let mp = rb.mass_properties().local_mprops;
        let mass = mp.mass();
        let center = mp.local_com;
        let inertia_com = if rb.is_rotation_locked() {
            0.0
        } else {
            mp.principal_inertia()
        };
        let inertia = if inertia_com > 0.0 {
            inertia_com + mass * center.length_squared()
        } else {
            0.0
        };
        MassData {
            center,
            mass,
            inertia,
        }
    }

    /// b2Body::SetMassData: overrides the fixtures' mass until resetMassData or a new fixture.
    pub fn set_mass_data(&mut self, h: RigidBodyHandle, md: MassData) {
        if let Some(d) = self.body_data.get_mut(&h) {
            let mass = if md.mass <= 0.0 { 1.0 } else { md.mass };
            d.mass_override = Some(MassData { mass, ..md });
        }
        self.refresh_mass(h);
    }

    pub fn reset_mass_data(&mut self, h: RigidBodyHandle) {
        if let Some(d) = self.body_data.get_mut(&h) {
            d.mass_override = None;
        }
        self.refresh_mass(h);
    }

    /// Recomputes a body's mass from its fixtures (or its override), with Box2D's rule that a
    /// dynamic body always has a mass: 1 kg when its fixtures have none.
    pub(crate) fn refresh_mass(&mut self, h: RigidBodyHandle) {
        let Some(data) = self.body_data.get(&h) else {
            return;
        };
        let dynamic = data.kind == BodyType::Dynamic;
        let override_md = data.mass_override;
        let fixtures = data.fixtures.clone();
        let mut total = 0.0;
        for f in &fixtures {
            let density = self.fixture_data.get(f).map(|d| d.density).unwrap_or(0.0);
            let mass = self
                .fixture_data
                .get(f)
                .map(|d| d.shape.mass(d.density).mass)
                .unwrap_or(0.0);
            total += mass;
            if let Some(co) = self.colliders.get_mut(*f) {
                let effective = if override_md.is_some() { 0.0 } else { density };
                co.set_density(effective);
            }
        }
        let extra = match override_md {
            Some(md) if dynamic => {
                let i_com = (md.inertia - md.mass * md.center.length_squared()).max(0.0);
                MassProperties::new(md.center, md.mass, i_com)
            }
            None if dynamic && total <= 0.0 => MassProperties::new(Vector::ZERO, 1.0, 0.0),
            _ => MassProperties::default(),
        };
        if let Some(rb) = self.bodies.get_mut(h) {
            rb.set_additional_mass_properties(extra, false);
            rb.recompute_mass_properties_from_colliders(&self.colliders);
        }
    }

    pub fn is_awake(&self, h: RigidBodyHandle) -> bool {
        self.bodies
            .get(h)
            .map(|b| !b.is_sleeping())
            .unwrap_or(false)
    }

    pub fn set_awake(&mut self, h: RigidBodyHandle, awake: bool) {
        if let Some(rb) = self.bodies.get_mut(h) {
            if awake {
                rb.wake_up(true);
            } else {
                rb.sleep();
            }
        }
    }

    pub fn set_body_sleeping_allowed(&mut self, h: RigidBodyHandle, allowed: bool) {
        if let Some(d) = self.body_data.get_mut(&h) {
            d.sleeping_allowed = allowed;
        }
        self.apply_sleep_settings(h);
    }

    pub(crate) fn apply_sleep_settings(&mut self, h: RigidBodyHandle) {
        let allowed = self.sleeping_allowed
            && self
                .body_data
                .get(&h)
                .map(|d| d.sleeping_allowed)
                .unwrap_or(true);
        if let Some(rb) = self.bodies.get_mut(h) {
            let sleeping = rb.is_sleeping();
            let act = rb.activation_mut();
            let base = if allowed {
                RigidBodyActivation::active()
            } else {
                RigidBodyActivation::cannot_sleep()
            };
            act.normalized_linear_threshold = base.normalized_linear_threshold;
            act.angular_threshold = base.angular_threshold;
            if !allowed && sleeping {
                rb.wake_up(true);
            }
        }
    }

    pub fn is_active(&self, h: RigidBodyHandle) -> bool {
        self.bodies.get(h).map(|b| b.is_enabled()).unwrap_or(false)
    }

    pub fn set_active(&mut self, h: RigidBodyHandle, active: bool) -> Result<()> {
        self.check_unlocked()?;
        if let Some(rb) = self.bodies.get_mut(h) {
            rb.set_enabled(active);
        }
        self.dirty = true;
        Ok(())
    }

    pub fn set_bullet(&mut self, h: RigidBodyHandle, bullet: bool) {
        if let Some(rb) = self.bodies.get_mut(h) {
            rb.enable_ccd(bullet);
        }
        if let Some(d) = self.body_data.get_mut(&h) {
            d.bullet = bullet;
        }
    }

    pub fn is_fixed_rotation(&self, h: RigidBodyHandle) -> bool {
        self.bodies
            .get(h)
            .map(|b| b.is_rotation_locked())
            .unwrap_or(false)
    }

    pub fn set_fixed_rotation(&mut self, h: RigidBodyHandle, fixed: bool) {
        if let Some(rb) = self.bodies.get_mut(h) {
            rb.lock_rotations(fixed, true);
            if fixed {
                rb.set_angvel(0.0, false);
            }
        }
    }

    /// Box2D bodies keep an unwrapped angle; rapier's rotation wraps at ±pi.
    // PERF: only awake bodies move; angles live in a Vec indexed like rapier's arena.
    pub(crate) fn unwrap_angles(&mut self) {
        for h in self.islands.active_bodies() {
            let Some(rb) = self.bodies.get(h) else {
                continue;
            };
            let i = h.into_raw_parts().0 as usize;
            if let Some(a) = self.angles.get_mut(i) {
                *a += wrap_angle(rb.rotation().angle() - wrap_angle(*a));
            }
        }
    }

    pub(crate) fn check_unlocked(&self) -> Result<()> {
        if self.locked {
            Err(PhysicsError::assertion("IsLocked() == false"))
        } else {
            Ok(())
        }
    }
}
