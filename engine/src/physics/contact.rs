//! Contacts with Box2D's meaning: one per touching fixture pair, fixture A chosen as Box2D
//! chooses it, normal from A to B; the overrides preSolve may set; the physics hooks.

use super::fixture::Filter;
use super::world::World;
use rapier2d::math::Vector;
use rapier2d::prelude::{
    ActiveHooks, ColliderHandle, ContactModificationContext, ContactPair, PairFilterContext,
    PhysicsHooks, SolverFlags,
};
use std::cmp::Ordering;
use std::collections::HashMap;

/// Manifold points closer than this (m) count as touching: rapier's prediction distance, so
/// every contact the solver may act on (rapier's are speculative) has had its beginContact
/// and preSolve. Box2D makes points within its 0.01 m polygon skin.
const TOUCH_DISTANCE: f32 = 0.02;

/// A fixture pair in Box2D's order: `a` is fixture A.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct PairKey {
    pub a: ColliderHandle,
    pub b: ColliderHandle,
}

impl PartialOrd for PairKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PairKey {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.a.0, self.b.0).cmp(&(other.a.0, other.b.0))
    }
}

/// What preSolve (or a Contact method) changed for one pair.
#[derive(Copy, Clone, Debug, Default)]
pub struct ContactOverride {
    /// Box2D re-enables every contact each step: reset after each step.
    pub disabled: bool,
    pub friction: Option<f32>,
    pub restitution: Option<f32>,
}

/// A contact as LÖVE's Contact methods see it (meters).
#[derive(Clone, Debug, Default)]
pub struct ContactInfo {
    pub key: Option<PairKey>,
    pub touching: bool,
    pub enabled: bool,
    pub sensor: bool,
    /// From A to B.
    pub normal: Vector,
    pub points: Vec<Vector>,
    /// Normal and tangent impulses per point (N·s), as postSolve reports them.
    pub impulses: Vec<(f32, f32)>,
    pub friction: f32,
    pub restitution: f32,
    pub child_a: usize,
    pub child_b: usize,
}

/// Filtering (Box2D's group rule) and preSolve's overrides, applied inside rapier's step.
pub struct Hooks<'a> {
    pub overrides: &'a HashMap<PairKey, ContactOverride>,
}

impl PhysicsHooks for Hooks<'_> {
    fn filter_contact_pair(&self, ctx: &PairFilterContext) -> Option<SolverFlags> {
        let f1 = Filter::unpack(ctx.colliders.get(ctx.collider1)?.user_data);
        let f2 = Filter::unpack(ctx.colliders.get(ctx.collider2)?.user_data);
        f1.should_collide(&f2)
            .then_some(SolverFlags::COMPUTE_RIGID_IMPULSES)
    }

    fn filter_intersection_pair(&self, ctx: &PairFilterContext) -> bool {
        match (
            ctx.colliders.get(ctx.collider1),
            ctx.colliders.get(ctx.collider2),
        ) {
            (Some(c1), Some(c2)) => {
                Filter::unpack(c1.user_data).should_collide(&Filter::unpack(c2.user_data))
            }
            _ => false,
        }
    }

    fn modify_solver_contacts(&self, ctx: &mut ContactModificationContext) {
        let k1 = PairKey {
            a: ctx.collider1,
            b: ctx.collider2,
        };
        let k2 = PairKey {
            a: ctx.collider2,
            b: ctx.collider1,
        };
        let Some(o) = self.overrides.get(&k1).or_else(|| self.overrides.get(&k2)) else {
            return;
        };
        let Some(m) = ctx.rigid_mut() else {
            return;
        };
        if o.disabled {
            m.solver_contacts.clear();
        }
        if let Some(f) = o.friction {
            *m.friction = f;
        }
        if let Some(r) = o.restitution {
            *m.restitution = r;
        }
    }
}

fn pair_touching(pair: &ContactPair) -> bool {
    pair.manifolds()
        .iter()
        .any(|m| m.points.iter().any(|p| p.dist < TOUCH_DISTANCE))
}

impl World {
    /// Orders a pair as Box2D would: the higher-ranked shape type is A; same types keep the
    /// older fixture first.
    pub fn pair_key(&self, c1: ColliderHandle, c2: ColliderHandle) -> PairKey {
        // PERF: the shape rank is kept in the collider's user data (see apply_filter).
        let rank = |c: ColliderHandle| {
            self.colliders
                .get(c)
                .map(|co| (co.user_data >> 48) & 0xFF)
                .unwrap_or(0)
        };
        let (r1, r2) = (rank(c1), rank(c2));
        if r1 > r2 || (r1 == r2 && c1.0 <= c2.0) {
            PairKey { a: c1, b: c2 }
        } else {
            PairKey { a: c2, b: c1 }
        }
    }

    /// Every touching pair (contacts and sensor overlaps), sorted.
    pub(crate) fn compute_touching(&self) -> Vec<PairKey> {
        let mut now: Vec<PairKey> = self
            .narrow_phase
            .contact_pairs()
            .filter(|p| pair_touching(p))
            .map(|p| self.pair_key(p.collider1, p.collider2))
            .collect();
        now.extend(
            self.narrow_phase
                .intersection_pairs()
                .filter(|(_, _, hit)| *hit)
                .map(|(c1, c2, _)| self.pair_key(c1, c2)),
        );
        now.retain(|k| self.colliders.contains(k.a) && self.colliders.contains(k.b));
        now.sort();
        now.dedup();
        now
    }

    /// Both fixtures still exist.
    pub fn pair_alive(&self, key: &PairKey) -> bool {
        self.colliders.contains(key.a) && self.colliders.contains(key.b)
    }

    pub fn is_touching_pair(&self, key: &PairKey) -> bool {
        self.touching.binary_search(key).is_ok()
    }

    /// The touching pairs (Box2D's contact list; LÖVE's getContacts).
    pub fn touching_pairs(&self) -> &[PairKey] {
        &self.touching
    }

    /// The pair's overrides; its colliders get the contact-modification hook.
    pub fn contact_override(&mut self, key: PairKey) -> &mut ContactOverride {
        for h in [key.a, key.b] {
            if let Some(co) = self.colliders.get_mut(h) {
                let hooks = co.active_hooks();
                if !hooks.contains(ActiveHooks::MODIFY_SOLVER_CONTACTS) {
                    co.set_active_hooks(hooks | ActiveHooks::MODIFY_SOLVER_CONTACTS);
                }
            }
        }
        self.overrides.entry(key).or_default()
    }

    /// The mixed friction and restitution Box2D would use for the pair.
    pub fn mixed_material(&self, key: &PairKey) -> (f32, f32) {
        let fa = self.fixture_data.get(&key.a);
        let fb = self.fixture_data.get(&key.b);
        match (fa, fb) {
            (Some(a), Some(b)) => (
                (a.friction * b.friction).max(0.0).sqrt(),
                a.restitution.max(b.restitution),
            ),
            _ => (0.0, 0.0),
        }
    }

    /// postSolve's data: whether the contact is enabled, and the normal and tangent impulses
    /// (N·s) of its touching points.
    pub fn contact_impulses(&self, key: &PairKey) -> (bool, [(f32, f32); 2], usize) {
        let enabled = self.overrides.is_empty()
            || !self.overrides.get(key).map(|o| o.disabled).unwrap_or(false);
        let mut out = [(0.0, 0.0); 2];
        let mut n = 0;
        if let Some(pair) = self.narrow_phase.contact_pair(key.a, key.b)
            && let Some(m) = pair.manifolds().iter().find(|m| !m.points.is_empty())
        {
            let solver = pair.solver_manifolds();
            let src = solver.first().unwrap_or(m);
            for (i, p) in m.points.iter().enumerate() {
                if p.dist >= TOUCH_DISTANCE || n == 2 {
                    continue;
                }
                out[n] = src
                    .points
                    .get(i)
                    .map(|q| (q.data.impulse, q.data.tangent_impulse.x))
                    .unwrap_or((0.0, 0.0));
                n += 1;
            }
        }
        (enabled, out, n)
    }

    /// The current state of a pair, from rapier's manifolds.
    pub fn contact_info(&self, key: &PairKey) -> ContactInfo {
        let (mut friction, mut restitution) = self.mixed_material(key);
        let o = self.overrides.get(key).copied().unwrap_or_default();
        if let Some(f) = o.friction {
            friction = f;
        }
        if let Some(r) = o.restitution {
            restitution = r;
        }
        let sensor = self
            .fixture_data
            .get(&key.a)
            .map(|d| d.sensor)
            .unwrap_or(false)
            || self
                .fixture_data
                .get(&key.b)
                .map(|d| d.sensor)
                .unwrap_or(false);
        let mut info = ContactInfo {
            key: Some(*key),
            touching: self.is_touching_pair(key),
            enabled: !o.disabled,
            sensor,
            friction,
            restitution,
            ..ContactInfo::default()
        };
        let Some(pair) = self.narrow_phase.contact_pair(key.a, key.b) else {
            return info;
        };
        let flip = pair.collider1 != key.a;
        let (Some(co1), Some(co2)) = (
            self.colliders.get(pair.collider1),
            self.colliders.get(pair.collider2),
        ) else {
            return info;
        };
        let Some(m) = pair.manifolds().iter().find(|m| !m.points.is_empty()) else {
            return info;
        };
        let solver = pair.solver_manifolds();
        let impulses_src = solver.first().unwrap_or(m);
        info.normal = if flip { -m.data.normal } else { m.data.normal };
        let (sub1, sub2) = match &m.subshape_poses {
            Some(sp) => (sp.pos1, sp.pos2),
            None => (None, None),
        };
        for (i, p) in m.points.iter().enumerate() {
            // Box2D's manifold only has the points that touch.
            if p.dist >= TOUCH_DISTANCE {
                continue;
            }
            let l1 = sub1
                .map(|s| s.transform_point(p.local_p1))
                .unwrap_or(p.local_p1);
            let l2 = sub2
                .map(|s| s.transform_point(p.local_p2))
                .unwrap_or(p.local_p2);
            let w1 = co1.position().transform_point(l1);
            let w2 = co2.position().transform_point(l2);
            info.points.push((w1 + w2) * 0.5);
            let imp = impulses_src
                .points
                .get(i)
                .map(|q| (q.data.impulse, q.data.tangent_impulse.x))
                .unwrap_or((0.0, 0.0));
            info.impulses.push(imp);
        }
        let (c1, c2) = (m.subshape1 as usize, m.subshape2 as usize);
        (info.child_a, info.child_b) = if flip { (c2, c1) } else { (c1, c2) };
        info
    }
}
