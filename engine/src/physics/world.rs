//! The world: rapier's sets and pipeline, the Box2D bookkeeping beside them, the step split
//! into the phases Box2D's callbacks need, and the world queries (ray cast, AABB query).

use super::body::BodyData;
use super::contact::{ContactOverride, Hooks, PairKey};
use super::fixture::FixtureData;
use super::joint::{JointData, JointId};
use rapier2d::math::Vector;
use rapier2d::parry::bounding_volume::{Aabb, BoundingVolume};
use rapier2d::parry::query::Ray;
use rapier2d::prelude::{
    BroadPhaseBvh, CCDSolver, ColliderHandle, ColliderSet, ImpulseJointSet, IntegrationParameters,
    IslandManager, MultibodyJointSet, NarrowPhase, PhysicsPipeline, QueryFilter, RigidBodyHandle,
    RigidBodySet, SoftBodySet,
};
use std::collections::{BTreeMap, HashMap};

/// A change in the touching set found by collision detection.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum TouchEvent {
    Begin(PairKey),
    End(PairKey),
}

pub struct World {
    pub(crate) pipeline: PhysicsPipeline,
    pub(crate) params: IntegrationParameters,
    pub(crate) islands: IslandManager,
    pub(crate) broad_phase: BroadPhaseBvh,
    pub(crate) narrow_phase: NarrowPhase,
    pub(crate) bodies: RigidBodySet,
    pub(crate) colliders: ColliderSet,
    pub(crate) impulse_joints: ImpulseJointSet,
    pub(crate) multibody_joints: MultibodyJointSet,
    pub(crate) soft_bodies: SoftBodySet,
    pub(crate) ccd: CCDSolver,
    pub(crate) gravity: Vector,
    pub(crate) sleeping_allowed: bool,
    pub(crate) body_order: Vec<RigidBodyHandle>,
    pub(crate) body_data: HashMap<RigidBodyHandle, BodyData>,
    /// Unwrapped body angles, indexed by the body handle's arena index.
    pub(crate) angles: Vec<f32>,
    pub(crate) fixture_data: HashMap<ColliderHandle, FixtureData>,
    pub(crate) joints: BTreeMap<JointId, JointData>,
    pub(crate) next_joint: u64,
    /// Sorted touching pairs after the last collision detection.
    pub(crate) touching: Vec<PairKey>,
    pub(crate) overrides: HashMap<PairKey, ContactOverride>,
    /// Inside World:update (Box2D's IsLocked): no creation, destruction is deferred.
    pub locked: bool,
    /// Colliders were added, moved or refiltered since the last collision detection.
    pub(crate) dirty: bool,
    /// Touch changes found by a query's flush, reported at the next update.
    pub(crate) pending: Vec<TouchEvent>,
    /// Callbacks are set: diff the touching set after every detection.
    pub(crate) track_touch: bool,
    /// `touching` matches the last detection.
    pub(crate) touch_fresh: bool,
}

impl World {
    pub fn new(gravity: Vector, sleeping_allowed: bool) -> World {
        let params = IntegrationParameters {
            // Recycled pairs keep stale contact distances; touching is computed from them.
            contact_recycling: false,
            ..IntegrationParameters::default()
        };
        let mut w = World {
            pipeline: PhysicsPipeline::new(),
            params,
            islands: IslandManager::new(),
            broad_phase: BroadPhaseBvh::new(),
            narrow_phase: NarrowPhase::new(),
            bodies: RigidBodySet::new(),
            colliders: ColliderSet::new(),
            impulse_joints: ImpulseJointSet::new(),
            multibody_joints: MultibodyJointSet::new(),
            soft_bodies: SoftBodySet::new(),
            ccd: CCDSolver::new(),
            gravity,
            sleeping_allowed,
            body_order: Vec::new(),
            body_data: HashMap::new(),
            angles: Vec::new(),
            fixture_data: HashMap::new(),
            joints: BTreeMap::new(),
            next_joint: 1,
            touching: Vec::new(),
            overrides: HashMap::new(),
            locked: false,
            dirty: false,
            pending: Vec::new(),
            track_touch: false,
            touch_fresh: true,
        };
        // LOVE: World:update's default of 8 velocity iterations.
        w.set_iterations(8);
        w
    }

    pub fn gravity(&self) -> Vector {
        self.gravity
    }

    pub fn set_gravity(&mut self, g: Vector) {
        self.gravity = g;
        for (_, rb) in self.bodies.iter_mut() {
            if rb.is_dynamic() {
                rb.wake_up(true);
            }
        }
    }

    pub fn sleeping_allowed(&self) -> bool {
        self.sleeping_allowed
    }

    pub fn set_sleeping_allowed(&mut self, allowed: bool) {
        self.sleeping_allowed = allowed;
        for h in self.body_order.clone() {
            self.apply_sleep_settings(h);
        }
    }

    pub fn body_count(&self) -> usize {
        self.body_order.len()
    }

    pub fn joint_count(&self) -> usize {
        self.joints.len()
    }

    /// Box2D's iteration counts. Rapier normally splits a step into 4 substeps; one substep
    /// with Box2D's velocity iterations integrates exactly as Box2D does (a falling body is
    /// where LÖVE puts it) and stacks still hold.
    pub fn set_iterations(&mut self, velocity: i64) {
        self.params.num_solver_iterations = 1;
        self.params.num_internal_pgs_iterations = velocity.clamp(1, 64) as usize;
    }

    /// Collision detection only, at the current positions (Box2D's Collide).
    pub fn detect(&mut self) -> Vec<TouchEvent> {
        self.run_pipeline(0.0);
        self.after_detection()
    }

    /// One full step: detection at the current positions, then the solver.
    pub fn step(&mut self, dt: f32) -> Vec<TouchEvent> {
        self.apply_hand_joints(dt);
        self.run_pipeline(dt);
        self.unwrap_angles();
        // LOVE: Box2D re-enables each contact before its next preSolve.
        self.overrides.retain(|_, o| {
            o.disabled = false;
            o.friction.is_some() || o.restitution.is_some()
        });
        self.after_detection()
    }

    // PERF: without callbacks nobody needs begin/end events, so the touching set is only
    // recomputed when asked for (getContacts, isTouching, ...).
    fn after_detection(&mut self) -> Vec<TouchEvent> {
        if self.track_touch {
            self.diff_touching()
        } else {
            self.touch_fresh = false;
            Vec::new()
        }
    }

    /// Turns begin/end event tracking on (world callbacks set) or off.
    pub fn set_track_touch(&mut self, on: bool) {
        if on && !self.track_touch {
            // Start from the current state: no begin events for contacts that already touch.
            self.refresh_touching();
            self.pending.clear();
        }
        self.track_touch = on;
    }

    /// Brings the touching set up to date (when events are not tracked).
    pub fn refresh_touching(&mut self) {
        if !self.touch_fresh {
            self.touching = self.compute_touching();
            let touching = &self.touching;
            self.overrides
                .retain(|k, _| touching.binary_search(k).is_ok());
            self.touch_fresh = true;
        }
    }

    /// The touching pairs, brought up to date first.
    pub fn touching_now(&mut self) -> &[PairKey] {
        self.refresh_touching();
        &self.touching
    }

    fn run_pipeline(&mut self, dt: f32) {
        self.params.dt = dt;
        let hooks = Hooks {
            overrides: &self.overrides,
        };
        self.pipeline.step(
            self.gravity,
            &self.params,
            &mut self.islands,
            &mut self.broad_phase,
            &mut self.narrow_phase,
            &mut self.bodies,
            &mut self.colliders,
            &mut self.impulse_joints,
            &mut self.multibody_joints,
            &mut self.soft_bodies,
            &mut self.ccd,
            &hooks,
            &(),
        );
        self.dirty = false;
    }

    /// Makes queries see colliders created or moved since the last step (Box2D updates its
    /// broad-phase at once; rapier at the next step).
    pub fn flush(&mut self) {
        if self.dirty && !self.locked {
            let events = self.detect();
            // Touch changes found here are reported by the next update, as Box2D would.
            self.pending.extend(events);
        }
    }

    fn diff_touching(&mut self) -> Vec<TouchEvent> {
        let now = self.compute_touching();
        let mut events = std::mem::take(&mut self.pending);
        let (mut i, mut j) = (0, 0);
        let prev = &self.touching;
        while i < prev.len() || j < now.len() {
            match (prev.get(i), now.get(j)) {
                (Some(p), Some(n)) if p == n => {
                    i += 1;
                    j += 1;
                }
                (Some(p), Some(n)) if p < n => {
                    events.push(TouchEvent::End(*p));
                    i += 1;
                }
                (Some(_), Some(n)) => {
                    events.push(TouchEvent::Begin(*n));
                    j += 1;
                }
                (Some(p), None) => {
                    events.push(TouchEvent::End(*p));
                    i += 1;
                }
                (None, Some(n)) => {
                    events.push(TouchEvent::Begin(*n));
                    j += 1;
                }
                (None, None) => break,
            }
        }
        // Friction/restitution overrides last as long as the contact.
        for e in &events {
            if let TouchEvent::End(k) = e {
                self.overrides.remove(k);
            }
        }
        self.touching = now;
        self.touch_fresh = true;
        events
    }

    /// Pairs to preSolve/postSolve: touching, not sensors, with an awake dynamic body.
    pub fn solvable_pairs(&self) -> Vec<PairKey> {
        self.touching
            .iter()
            // PERF: rapier's arenas, not the fixture map: this runs for every pair every step.
            .filter(|k| {
                let (Some(a), Some(b)) = (self.colliders.get(k.a), self.colliders.get(k.b)) else {
                    return false;
                };
                if a.is_sensor() || b.is_sensor() {
                    return false;
                }
                let awake = |p: Option<RigidBodyHandle>| {
                    p.and_then(|h| self.bodies.get(h))
                        .map(|rb| !rb.is_fixed() && !rb.is_sleeping())
                        .unwrap_or(false)
                };
                awake(a.parent()) || awake(b.parent())
            })
            .copied()
            .collect()
    }

    /// Every fixture hit by the segment p1→p2, as (fixture, point, normal, fraction), in the
    /// broad-phase's order. World:rayCast applies Box2D's callback protocol over these.
    pub fn ray_cast_all(
        &mut self,
        p1: Vector,
        p2: Vector,
    ) -> Vec<(ColliderHandle, Vector, Vector, f32)> {
        self.flush();
        let dir = p2 - p1;
        if dir.length_squared() <= 0.0 {
            return Vec::new();
        }
        let ray = Ray::new(p1, dir);
        let qp = self.broad_phase.as_query_pipeline(
            self.narrow_phase.query_dispatcher(),
            &self.bodies,
            &self.colliders,
            QueryFilter::default(),
        );
        let mut hits: Vec<(ColliderHandle, Vector, Vector, f32)> = qp
            .intersect_ray(ray, 1.0, true)
            .filter(|(h, _, hit)| hit.time_of_impact > 0.0 && self.fixture_data.contains_key(h))
            .map(|(h, _, hit)| {
                (
                    h,
                    p1 + dir * hit.time_of_impact,
                    hit.normal,
                    hit.time_of_impact,
                )
            })
            .collect();
        hits.sort_by_key(|h| h.0.0);
        hits
    }

    /// Fixtures whose bounding box overlaps the box (Box2D's QueryAABB), oldest first.
    pub fn query_aabb(&mut self, lo: Vector, hi: Vector) -> Vec<ColliderHandle> {
        self.flush();
        let aabb = Aabb::new(lo, hi);
        let qp = self.broad_phase.as_query_pipeline(
            self.narrow_phase.query_dispatcher(),
            &self.bodies,
            &self.colliders,
            QueryFilter::default(),
        );
        let mut found: Vec<ColliderHandle> = qp
            .intersect_aabb_conservative(aabb)
            .filter(|(h, co)| {
                self.fixture_data.contains_key(h) && co.compute_aabb().intersects(&aabb)
            })
            .map(|(h, _)| h)
            .collect();
        found.sort_by_key(|h| h.0);
        found.dedup();
        found
    }

    /// Box2D's ShiftOrigin: every body moves by -origin.
    pub fn translate_origin(&mut self, origin: Vector) {
        for (_, rb) in self.bodies.iter_mut() {
            let t = rb.translation();
            rb.set_translation(t - origin, false);
        }
        for d in self.joints.values_mut() {
            d.target -= origin;
        }
        self.dirty = true;
    }

    /// Box2D's b2Distance between two fixtures: (distance, point on A, point on B).
    pub fn fixture_distance(
        &self,
        a: ColliderHandle,
        b: ColliderHandle,
    ) -> Option<(f32, Vector, Vector)> {
        let (ca, cb) = (self.colliders.get(a)?, self.colliders.get(b)?);
        let c = rapier2d::parry::query::closest_points(
            ca.position(),
            ca.shape(),
            cb.position(),
            cb.shape(),
            f32::MAX,
        )
        .ok()?;
        use rapier2d::parry::query::ClosestPoints;
        match c {
            ClosestPoints::Intersecting => {
                let p = ca.position().translation;
                Some((0.0, p, p))
            }
            ClosestPoints::WithinMargin(p1, p2) => Some(((p2 - p1).length(), p1, p2)),
            ClosestPoints::Disjoint => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::physics::{BodyType, Shape};

    fn scene() -> (World, RigidBodyHandle, ColliderHandle, ColliderHandle) {
        let mut w = World::new(Vector::new(0.0, 9.81), true);
        let g = w
            .create_body(Vector::new(0.0, 10.0), BodyType::Static)
            .expect("ground");
        let gf = w
            .create_fixture(g, Shape::rectangle(Vector::ZERO, 10.0, 1.0, 0.0), 1.0)
            .expect("ground fixture");
        let b = w
            .create_body(Vector::new(0.0, 5.0), BodyType::Dynamic)
            .expect("ball");
        let bf = w
            .create_fixture(b, Shape::circle(Vector::ZERO, 0.5), 1.0)
            .expect("ball fixture");
        (w, b, gf, bf)
    }

    #[test]
    fn physics_world_step_freefall_like_box2d() {
        let (mut w, b, _, _) = scene();
        for _ in 0..30 {
            w.step(1.0 / 60.0);
        }
        // Box2D's symplectic Euler: y += g dt² n(n+1)/2.
        let expected = 5.0 + 9.81 / 3600.0 * 30.0 * 31.0 / 2.0;
        assert!(
            (w.position(b).y - expected).abs() < 1e-3,
            "{}",
            w.position(b).y
        );
    }

    #[test]
    fn physics_world_touch_events_begin_then_end() {
        let (mut w, b, gf, bf) = scene();
        w.set_track_touch(true);
        let mut begins = Vec::new();
        for _ in 0..120 {
            for e in w.step(1.0 / 60.0) {
                if let TouchEvent::Begin(k) = e {
                    begins.push(k);
                }
            }
        }
        assert_eq!(begins.len(), 1);
        assert_eq!(
            (begins[0].a, begins[0].b),
            (gf, bf),
            "the polygon is fixture A"
        );
        assert!((w.position(b).y - 9.0).abs() < 0.02);
        let info = w.contact_info(&begins[0]);
        assert!(info.touching && info.normal.y < -0.99, "{info:?}");
        let ended = w.destroy_body(b);
        assert_eq!(ended, begins);
        assert!(w.touching_pairs().is_empty());
    }

    #[test]
    fn physics_world_ray_cast_and_query() {
        let (mut w, _, gf, bf) = scene();
        let hits = w.ray_cast_all(Vector::new(0.0, 0.0), Vector::new(0.0, 20.0));
        let fr: Vec<(ColliderHandle, f32)> = hits.iter().map(|h| (h.0, h.3)).collect();
        assert_eq!(fr.len(), 2);
        assert!(fr.iter().any(|(h, f)| *h == bf && (f - 0.225).abs() < 1e-4));
        assert!(fr.iter().any(|(h, f)| *h == gf && (f - 0.475).abs() < 1e-4));
        let found = w.query_aabb(Vector::new(-1.0, 4.0), Vector::new(1.0, 6.0));
        assert_eq!(found, vec![bf]);
    }
}
