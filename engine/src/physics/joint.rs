//! Joints: Box2D's joint types built from rapier's generic impulse joint (locked, limited,
//! motorised and coupled axes). The ones rapier lacks (mouse, friction, motor, pulley, gear)
//! are Box2D's velocity constraints, applied here as impulses before each step.

use super::world::World;
use super::{PhysicsError, Result};
use rapier2d::math::{Pose, Rotation, Vector};
use rapier2d::prelude::{
    GenericJoint, ImpulseJointHandle, JointAxesMask, JointAxis, MotorModel, RigidBodyHandle,
};

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum JointKind {
    Distance,
    Revolute,
    Prismatic,
    Weld,
    Rope,
    Mouse,
    Wheel,
    Friction,
    Motor,
    Pulley,
    Gear,
}

impl JointKind {
    pub fn name(self) -> &'static str {
        match self {
            JointKind::Distance => "distance",
            JointKind::Revolute => "revolute",
            JointKind::Prismatic => "prismatic",
            JointKind::Weld => "weld",
            JointKind::Rope => "rope",
            JointKind::Mouse => "mouse",
            JointKind::Friction => "friction",
            JointKind::Pulley => "pulley",
            JointKind::Gear => "gear",
            JointKind::Motor => "motor",
            JointKind::Wheel => "wheel",
        }
    }

    /// LÖVE's type name of the Joint object.
    pub fn type_name(self) -> &'static str {
        match self {
            JointKind::Distance => "DistanceJoint",
            JointKind::Revolute => "RevoluteJoint",
            JointKind::Prismatic => "PrismaticJoint",
            JointKind::Weld => "WeldJoint",
            JointKind::Rope => "RopeJoint",
            JointKind::Mouse => "MouseJoint",
            JointKind::Friction => "FrictionJoint",
            JointKind::Pulley => "PulleyJoint",
            JointKind::Gear => "GearJoint",
            JointKind::Motor => "MotorJoint",
            JointKind::Wheel => "WheelJoint",
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JointId(pub u64);

/// Box2D's joint parameters, in meters, radians and newtons.
#[derive(Clone, Debug)]
pub struct JointData {
    pub kind: JointKind,
    pub body_a: Option<RigidBodyHandle>,
    pub body_b: RigidBodyHandle,
    pub handle: Option<ImpulseJointHandle>,
    pub collide_connected: bool,
    pub local_a: Vector,
    pub local_b: Vector,
    /// Prismatic/wheel axis in A's frame (unit).
    pub local_axis: Vector,
    pub reference_angle: f32,
    pub length: f32,
    pub frequency: f32,
    pub damping_ratio: f32,
    pub limits_enabled: bool,
    pub lower: f32,
    pub upper: f32,
    pub motor_enabled: bool,
    pub motor_speed: f32,
    /// Max motor torque (revolute, wheel) or force (prismatic); mouse: max force.
    pub max_motor: f32,
    /// Mouse joint target (world).
    pub target: Vector,
    /// Friction and motor joints: max torque (N·m); max force is `max_motor`.
    pub max_torque: f32,
    /// Motor joint: B's position in A's frame and B's angle relative to A, to reach.
    pub linear_offset: Vector,
    pub angular_offset: f32,
    pub correction_factor: f32,
    /// Pulley joint: ground anchors (world), ratio and max lengths (stored, not simulated);
    /// its constant (lengthA + ratio * lengthB) is `length`.
    pub ground_a: Vector,
    pub ground_b: Vector,
    pub ratio: f32,
    pub max_lengths: (f32, f32),
    /// Gear joint: the two revolute/prismatic joints it couples (constant in `length`).
    pub gear: Option<(JointId, JointId)>,
}

/// A velocity motor as Box2D has one: reach the speed, with at most the given torque/force.
const MOTOR_DAMPING: f32 = 1000.0;

impl World {
    pub(super) fn new_joint_data(
        kind: JointKind,
        a: Option<RigidBodyHandle>,
        b: RigidBodyHandle,
        collide: bool,
    ) -> JointData {
        JointData {
            kind,
            body_a: a,
            body_b: b,
            handle: None,
            collide_connected: collide,
            local_a: Vector::ZERO,
            local_b: Vector::ZERO,
            local_axis: Vector::X,
            reference_angle: 0.0,
            length: 0.0,
            frequency: 0.0,
            damping_ratio: 0.0,
            limits_enabled: false,
            lower: 0.0,
            upper: 0.0,
            motor_enabled: false,
            motor_speed: 0.0,
            max_motor: 0.0,
            max_torque: 0.0,
            linear_offset: Vector::ZERO,
            angular_offset: 0.0,
            correction_factor: 0.3,
            ground_a: Vector::ZERO,
            ground_b: Vector::ZERO,
            ratio: 1.0,
            max_lengths: (0.0, 0.0),
            gear: None,
            target: Vector::ZERO,
        }
    }

    /// Creates a joint between two bodies from world-space anchors (Box2D's Initialize).
    #[allow(clippy::too_many_arguments)]
    pub fn create_joint(
        &mut self,
        kind: JointKind,
        a: RigidBodyHandle,
        b: RigidBodyHandle,
        anchor_a: Vector,
        anchor_b: Vector,
        axis: Vector,
        collide: bool,
    ) -> Result<JointId> {
        self.check_unlocked()?;
        if a == b {
            return Err(PhysicsError::assertion("bodyA != bodyB"));
        }
        let (pa, pb) = (self.pose(a), self.pose(b));
        let mut d = Self::new_joint_data(kind, Some(a), b, collide);
        d.local_a = pa.inverse_transform_point(anchor_a);
        d.local_b = pb.inverse_transform_point(anchor_b);
        d.reference_angle = self.angle(b) - self.angle(a);
        let axis = axis.try_normalize().unwrap_or(Vector::X);
        d.local_axis = pa.rotation.inverse_transform_vector(axis);
        d.length = (anchor_b - anchor_a).length();
        match kind {
            JointKind::Wheel => {
                d.frequency = 2.0;
                d.damping_ratio = 0.7;
            }
            JointKind::Motor => {
                // b2MotorJointDef::Initialize, with Box2D's default limits of 1 N and 1 N·m.
                d.linear_offset = pa.inverse_transform_point(pb.translation);
                d.angular_offset = d.reference_angle;
                d.max_motor = 1.0;
                d.max_torque = 1.0;
            }
            _ => {}
        }
        let id = self.insert_joint(d);
        Ok(id)
    }

    /// Box2D's mouse joint: pulls `body`'s point under `target` toward the target.
    pub fn create_mouse_joint(&mut self, body: RigidBodyHandle, target: Vector) -> Result<JointId> {
        self.check_unlocked()?;
        let mut d = Self::new_joint_data(JointKind::Mouse, None, body, false);
        d.local_b = self.pose(body).inverse_transform_point(target);
        d.target = target;
        d.frequency = 5.0;
        d.damping_ratio = 0.7;
        // LOVE: MouseJoint's default max force is 1000 * body mass (N).
        d.max_motor = 1000.0 * self.mass_data(body).mass;
        let id = self.insert_joint(d);
        Ok(id)
    }

    pub(super) fn insert_joint(&mut self, mut d: JointData) -> JointId {
        let id = JointId(self.next_joint);
        self.next_joint += 1;
        if let Some(a) = d.body_a {
            let g = build_generic(&d);
            d.handle = Some(self.impulse_joints.insert(a, d.body_b, g, true));
        }
        self.joints.insert(id, d);
        id
    }

    pub fn joint(&self, id: JointId) -> Option<&JointData> {
        self.joints.get(&id)
    }

    pub fn joint_exists(&self, id: JointId) -> bool {
        self.joints.contains_key(&id)
    }

    /// Changes a joint's parameters and rebuilds its rapier constraint.
    pub fn update_joint(&mut self, id: JointId, f: impl FnOnce(&mut JointData)) {
        let Some(d) = self.joints.get_mut(&id) else {
            return;
        };
        f(d);
        let d = d.clone();
        if let Some(h) = d.handle
            && let Some(j) = self.impulse_joints.get_mut(h, true)
        {
            j.data = build_generic(&d);
        }
        if let Some(rb) = self.bodies.get_mut(d.body_b) {
            rb.wake_up(true);
        }
    }

    pub fn destroy_joint(&mut self, id: JointId) {
        if let Some(d) = self.joints.remove(&id)
            && let Some(h) = d.handle
        {
            self.impulse_joints.remove(h, true);
        }
    }

    pub fn joints_of_body(&self, b: RigidBodyHandle) -> Vec<JointId> {
        self.joints
            .iter()
            .filter(|(_, d)| d.body_b == b || d.body_a == Some(b))
            .map(|(id, _)| *id)
            .collect()
    }

    pub fn joint_list(&self) -> Vec<JointId> {
        self.joints.keys().rev().copied().collect()
    }

    /// World anchors (A's is the mouse target for a mouse joint).
    pub fn joint_anchors(&self, id: JointId) -> (Vector, Vector) {
        let Some(d) = self.joints.get(&id) else {
            return (Vector::ZERO, Vector::ZERO);
        };
        let b = self.pose(d.body_b).transform_point(d.local_b);
        let a = match d.body_a {
            Some(a) => self.pose(a).transform_point(d.local_a),
            None => d.target,
        };
        (a, b)
    }

    /// Box2D's GetJointAngle (revolute) / relative rotation.
    pub fn joint_angle(&self, id: JointId) -> f32 {
        match self.joints.get(&id) {
            Some(d) => {
                let a = d.body_a.map(|a| self.angle(a)).unwrap_or(0.0);
                self.angle(d.body_b) - a - d.reference_angle
            }
            None => 0.0,
        }
    }

    pub fn joint_angular_speed(&self, id: JointId) -> f32 {
        match self.joints.get(&id) {
            Some(d) => {
                let a = d.body_a.map(|a| self.angular_velocity(a)).unwrap_or(0.0);
                self.angular_velocity(d.body_b) - a
            }
            None => 0.0,
        }
    }

    /// Prismatic/wheel translation along the axis and its speed.
    pub fn joint_translation(&self, id: JointId) -> (f32, f32) {
        let Some(d) = self.joints.get(&id) else {
            return (0.0, 0.0);
        };
        let Some(a) = d.body_a else {
            return (0.0, 0.0);
        };
        let (pa_pose, pb_pose) = (self.pose(a), self.pose(d.body_b));
        let pa = pa_pose.transform_point(d.local_a);
        let pb = pb_pose.transform_point(d.local_b);
        let axis = pa_pose.rotation.transform_vector(d.local_axis);
        let dp = pb - pa;
        let translation = dp.dot(axis);
        let (ca, cb) = (self.world_center(a), self.world_center(d.body_b));
        let (va, vb) = (self.linear_velocity(a), self.linear_velocity(d.body_b));
        let (wa, wb) = (self.angular_velocity(a), self.angular_velocity(d.body_b));
        let perp = |w: f32, r: Vector| Vector::new(-w * r.y, w * r.x);
        let speed =
            dp.dot(perp(wa, axis)) + axis.dot(vb + perp(wb, pb - cb) - va - perp(wa, pa - ca));
        (translation, speed)
    }

    /// The constraint force on body B (N) and torque (N·m), from rapier's last impulses.
    pub fn joint_reaction(&self, id: JointId, inv_dt: f32) -> (Vector, f32) {
        let Some(d) = self.joints.get(&id) else {
            return (Vector::ZERO, 0.0);
        };
        match d.handle.and_then(|h| self.impulse_joints.get(h)) {
            Some(j) => {
                let imp = j.impulses;
                let frame = self.pose(d.body_a.unwrap_or(d.body_b)) * j.data.local_frame1;
                let lin = frame.rotation.transform_vector(Vector::new(imp[0], imp[1]));
                (lin * inv_dt, imp[2] * inv_dt)
            }
            None => (Vector::ZERO, 0.0),
        }
    }
}

/// The rapier constraint for a Box2D joint.
fn build_generic(d: &JointData) -> GenericJoint {
    let ref_rot = Rotation::new(-d.reference_angle);
    let axis_rot = Rotation::from_rotation_arc(Vector::X, d.local_axis);
    let (locked, frame1, frame2) = match d.kind {
        JointKind::Revolute | JointKind::Weld => (
            if d.kind == JointKind::Weld {
                JointAxesMask::LOCKED_FIXED_AXES
            } else {
                JointAxesMask::LOCKED_REVOLUTE_AXES
            },
            Pose::from_translation(d.local_a),
            Pose::from_parts(d.local_b, ref_rot),
        ),
        JointKind::Prismatic => (
            JointAxesMask::LOCKED_PRISMATIC_AXES,
            Pose::from_parts(d.local_a, axis_rot),
            Pose::from_parts(d.local_b, ref_rot * axis_rot),
        ),
        JointKind::Wheel => (
            JointAxesMask::LOCKED_PIN_SLOT_AXES,
            Pose::from_parts(d.local_a, axis_rot),
            Pose::from_parts(d.local_b, ref_rot * axis_rot),
        ),
        _ => (
            JointAxesMask::empty(),
            Pose::from_translation(d.local_a),
            Pose::from_translation(d.local_b),
        ),
    };
    let mut g = GenericJoint::new(locked);
    g.local_frame1 = frame1;
    g.local_frame2 = frame2;
    g.contacts_enabled = d.collide_connected;
    match d.kind {
        JointKind::Revolute => {
            if d.limits_enabled {
                g.set_limits(JointAxis::AngX, [d.lower, d.upper]);
            }
            if d.motor_enabled {
                g.set_motor_velocity(JointAxis::AngX, d.motor_speed, MOTOR_DAMPING);
                g.set_motor_max_force(JointAxis::AngX, d.max_motor);
            }
        }
        JointKind::Prismatic => {
            if d.limits_enabled {
                g.set_limits(JointAxis::LinX, [d.lower, d.upper]);
            }
            if d.motor_enabled {
                g.set_motor_velocity(JointAxis::LinX, d.motor_speed, MOTOR_DAMPING);
                g.set_motor_max_force(JointAxis::LinX, d.max_motor);
            }
        }
        JointKind::Wheel => {
            if d.frequency > 0.0 {
                let omega = 2.0 * std::f32::consts::PI * d.frequency;
                g.set_motor_model(JointAxis::LinX, MotorModel::AccelerationBased);
                g.set_motor_position(
                    JointAxis::LinX,
                    0.0,
                    omega * omega,
                    2.0 * d.damping_ratio * omega,
                );
            } else {
                g.lock_axes(JointAxesMask::LIN_X);
            }
            if d.motor_enabled {
                g.set_motor_velocity(JointAxis::AngX, d.motor_speed, MOTOR_DAMPING);
                g.set_motor_max_force(JointAxis::AngX, d.max_motor);
            }
        }
        JointKind::Rope => {
            g.coupled_axes = JointAxesMask::LIN_AXES;
            g.set_limits(JointAxis::LinX, [0.0, d.length]);
        }
        JointKind::Distance => {
            g.coupled_axes = JointAxesMask::LIN_AXES;
            if d.frequency > 0.0 {
                let omega = 2.0 * std::f32::consts::PI * d.frequency;
                g.set_motor_model(JointAxis::LinX, MotorModel::AccelerationBased);
                g.set_motor_position(
                    JointAxis::LinX,
                    d.length,
                    omega * omega,
                    2.0 * d.damping_ratio * omega,
                );
            } else {
                g.set_limits(JointAxis::LinX, [d.length, d.length]);
            }
        }
        // Friction and motor joints are applied by hand (apply_hand_joints); the free rapier
        // joint only carries collideConnected.
        JointKind::Weld
        | JointKind::Mouse
        | JointKind::Friction
        | JointKind::Motor
        | JointKind::Pulley
        | JointKind::Gear => {}
    }
    g
}
