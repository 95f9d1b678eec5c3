//! love.physics: LÖVE 11.5's Box2D-shaped physics API, simulated by rapier2d.
//!
//! The core (this folder minus the `lua*.rs` files) is plain Rust and knows nothing of Lua.
//! It speaks Box2D 2.3's model in **meters**: a [`World`] owns rapier's sets and pipeline plus
//! the Box2D-side bookkeeping rapier has no notion of (fixture filter data, per-body fixture
//! order, accumulated angles, mass overrides, joint kinds, which contacts touch). LÖVE's
//! pixels-per-meter scaling (`setMeter`, default 30) is applied by the binding, never here.
//!
//! What maps how (see docs/physics.md for the full list and the known differences):
//! - Body → `RigidBody`, Fixture → `Collider` (+ [`FixtureData`]), Shape → [`Shape`] (a value
//!   turned into a parry `SharedShape` when a fixture is made), Joint → `ImpulseJoint`; the
//!   joints rapier lacks (mouse, friction, motor, pulley, gear) are Box2D's constraints applied
//!   as impulses before each step.
//! - Contacts are rapier's contact pairs; Box2D's "touching" is computed from the manifold
//!   points, and begin/end events come from diffing the touching set after collision detection,
//!   so a contact disabled in preSolve stays touching, as in Box2D.
//! - Filtering (category/mask/group) and preSolve's overrides (enabled, friction, restitution)
//!   are applied by rapier physics hooks ([`contact::Hooks`]).
//!
//! The binding (`lua.rs` and the other `lua_*.rs` files) is the only code that uses mlua.

pub mod body;
pub mod contact;
pub mod fixture;
pub mod joint;
mod joint_manual;
pub mod shape;
pub mod world;

pub mod lua;
mod lua_body;
mod lua_contact;
mod lua_fixture;
mod lua_joint;
mod lua_joint_new;
mod lua_shape;
mod lua_update;

pub use body::{BodyData, BodyType};
pub use contact::{ContactInfo, PairKey};
pub use fixture::{Filter, FixtureData};
pub use joint::{JointData, JointId, JointKind};
pub use shape::{Shape, ShapeError, ShapeKind};
pub use world::{TouchEvent, World};

pub use rapier2d::prelude::{ColliderHandle, RigidBodyHandle};

/// Box2D's `b2_linearSlop` (m): welding distance for polygon vertices.
pub const LINEAR_SLOP: f32 = 0.005;
/// Box2D's `b2_polygonRadius` (m): what `getRadius` reports for polygons, edges and chains.
pub const POLYGON_RADIUS: f32 = 2.0 * LINEAR_SLOP;
/// Box2D's `b2_maxPolygonVertices`.
pub const MAX_POLYGON_VERTICES: usize = 8;

/// An error from the core, worded as LÖVE words it (the binding adds the caller position).
#[derive(Debug, Clone, PartialEq)]
pub struct PhysicsError(pub String);

impl std::fmt::Display for PhysicsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PhysicsError {
    pub fn new(msg: impl Into<String>) -> Self {
        PhysicsError(msg.into())
    }

    /// What LÖVE raises when a Box2D assertion fails (LÖVE turns them into Lua errors).
    pub fn assertion(what: &str) -> Self {
        PhysicsError(format!("Box2D assertion failed: {what}"))
    }
}

pub type Result<T> = std::result::Result<T, PhysicsError>;

/// Wraps an angle difference into [-pi, pi).
pub(crate) fn wrap_angle(a: f32) -> f32 {
    use std::f32::consts::PI;
    (a + PI).rem_euclid(2.0 * PI) - PI
}
