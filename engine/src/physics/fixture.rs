//! Fixtures: a shape attached to a body with material and filter data (Box2D's b2Fixture),
//! kept as a rapier `Collider` plus [`FixtureData`].

use super::shape::{MassData, Shape};
use super::world::World;
use super::{PairKey, Result};
use rapier2d::math::{Pose, Vector};
use rapier2d::prelude::{
    ActiveCollisionTypes, ActiveHooks, CoefficientCombineRule, ColliderBuilder, ColliderHandle,
    Group, InteractionGroups, InteractionTestMode, RigidBodyHandle,
};

/// Box2D's b2Filter.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub category: u16,
    pub mask: u16,
    pub group: i16,
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            category: 1,
            mask: 0xFFFF,
            group: 0,
        }
    }
}

impl Filter {
    /// b2ContactFilter::ShouldCollide.
    pub fn should_collide(&self, other: &Filter) -> bool {
        if self.group == other.group && self.group != 0 {
            return self.group > 0;
        }
        (self.mask & other.category) != 0 && (self.category & other.mask) != 0
    }

    /// Packed into the collider's user data, where the physics hooks read it.
    pub(crate) fn pack(&self) -> u128 {
        self.category as u128 | (self.mask as u128) << 16 | (self.group as u16 as u128) << 32
    }

    pub(crate) fn unpack(v: u128) -> Filter {
        Filter {
            category: (v & 0xFFFF) as u16,
            mask: ((v >> 16) & 0xFFFF) as u16,
            group: ((v >> 32) & 0xFFFF) as u16 as i16,
        }
    }
}

#[derive(Clone, Debug)]
pub struct FixtureData {
    pub body: RigidBodyHandle,
    pub shape: Shape,
    pub density: f32,
    pub friction: f32,
    pub restitution: f32,
    pub sensor: bool,
    pub filter: Filter,
}

impl World {
    /// b2Body::CreateFixture (friction 0.2 as LÖVE's default), then ResetMassData.
    pub fn create_fixture(
        &mut self,
        body: RigidBodyHandle,
        shape: Shape,
        density: f32,
    ) -> Result<ColliderHandle> {
        self.check_unlocked()?;
        let data = FixtureData {
            body,
            shape,
            density,
            friction: 0.2,
            restitution: 0.0,
            sensor: false,
            filter: Filter::default(),
        };
        let (shared, offset) = data.shape.to_shared();
        let co = ColliderBuilder::new(shared)
            .position(Pose::from_translation(offset))
            .density(density)
            // Box2D mixes friction as sqrt(f1 f2) and restitution as max(r1, r2):
            // sqrt(f) combined by product gives the former.
            .friction(data.friction.sqrt())
            .friction_combine_rule(CoefficientCombineRule::Multiply)
            .restitution(0.0)
            .restitution_combine_rule(CoefficientCombineRule::Max)
            .active_collision_types(ActiveCollisionTypes::default())
            .build();
        let h = self
            .colliders
            .insert_with_parent(co, body, &mut self.bodies);
        self.fixture_data.insert(h, data);
        if let Some(bd) = self.body_data.get_mut(&body) {
            bd.fixtures.push(h);
            // LOVE: Box2D's CreateFixture resets the mass data, dropping a setMass override.
            bd.mass_override = None;
        }
        self.apply_filter(h);
        self.refresh_mass(body);
        self.dirty = true;
        Ok(h)
    }

    pub fn fixture_exists(&self, h: ColliderHandle) -> bool {
        self.fixture_data.contains_key(&h)
    }

    pub fn fixture(&self, h: ColliderHandle) -> Option<&FixtureData> {
        self.fixture_data.get(&h)
    }

    /// Destroys a fixture; returns the touching pairs that ended (for endContact).
    pub fn destroy_fixture(&mut self, h: ColliderHandle) -> Vec<PairKey> {
        self.destroy_fixture_inner(h, true)
    }

    pub(crate) fn destroy_fixture_inner(
        &mut self,
        h: ColliderHandle,
        reset_mass: bool,
    ) -> Vec<PairKey> {
        let Some(data) = self.fixture_data.remove(&h) else {
            return Vec::new();
        };
        let ended: Vec<PairKey> = self
            .touching
            .iter()
            .filter(|k| k.a == h || k.b == h)
            .copied()
            .collect();
        self.touching.retain(|k| k.a != h && k.b != h);
        self.overrides.retain(|k, _| k.a != h && k.b != h);
        self.colliders.remove(
            h,
            &mut self.islands,
            &mut self.bodies,
            &mut self.soft_bodies,
            true,
        );
        if let Some(bd) = self.body_data.get_mut(&data.body) {
            bd.fixtures.retain(|f| *f != h);
        }
        if reset_mass {
            self.refresh_mass(data.body);
        }
        self.dirty = true;
        ended
    }

    pub fn set_density(&mut self, h: ColliderHandle, density: f32) {
        if let Some(d) = self.fixture_data.get_mut(&h) {
            // LOVE: like Box2D, the body's mass changes only at resetMassData.
            d.density = density;
        }
    }

    pub fn set_friction(&mut self, h: ColliderHandle, friction: f32) {
        if let Some(d) = self.fixture_data.get_mut(&h) {
            d.friction = friction;
        }
        if let Some(co) = self.colliders.get_mut(h) {
            co.set_friction(friction.max(0.0).sqrt());
        }
    }

    pub fn set_restitution(&mut self, h: ColliderHandle, restitution: f32) {
        if let Some(d) = self.fixture_data.get_mut(&h) {
            d.restitution = restitution;
        }
        if let Some(co) = self.colliders.get_mut(h) {
            co.set_restitution(restitution);
        }
    }

    pub fn set_sensor(&mut self, h: ColliderHandle, sensor: bool) {
        if let Some(d) = self.fixture_data.get_mut(&h) {
            d.sensor = sensor;
        }
        if let Some(co) = self.colliders.get_mut(h) {
            co.set_sensor(sensor);
        }
        self.dirty = true;
    }

    pub fn set_filter(&mut self, h: ColliderHandle, filter: Filter) {
        if let Some(d) = self.fixture_data.get_mut(&h) {
            d.filter = filter;
        }
        self.apply_filter(h);
    }

    /// Category and mask go to rapier's interaction groups, which pre-filter pairs cheaply.
    /// A group index can override them (positive: always collide), so a fixture with a group
    /// passes everything to the filter hook, which applies Box2D's whole rule.
    fn apply_filter(&mut self, h: ColliderHandle) {
        let Some(d) = self.fixture_data.get(&h) else {
            return;
        };
        let f = d.filter;
        if let Some(co) = self.colliders.get_mut(h) {
            co.user_data = f.pack() | (d.shape.kind().contact_rank() as u128) << 48;
            let mut hooks = co.active_hooks();
            let groups = if f.group != 0 {
                hooks |= ActiveHooks::FILTER_CONTACT_PAIRS | ActiveHooks::FILTER_INTERSECTION_PAIR;
                InteractionGroups::all()
            } else {
                hooks -= ActiveHooks::FILTER_CONTACT_PAIRS | ActiveHooks::FILTER_INTERSECTION_PAIR;
                InteractionGroups::new(
                    Group::from_bits_truncate(f.category as u32),
                    Group::from_bits_truncate(f.mask as u32),
                    InteractionTestMode::And,
                )
            };
            co.set_active_hooks(hooks);
            co.set_collision_groups(groups);
        }
        // Pairs that were filtered out must be looked at again.
        self.dirty = true;
    }

    /// Replaces a fixture's shape (CircleShape:setRadius on a fixture's shape, ...).
    pub fn set_fixture_shape(&mut self, h: ColliderHandle, shape: Shape) {
        let (shared, offset) = shape.to_shared();
        if let Some(co) = self.colliders.get_mut(h) {
            co.set_shape(shared);
            co.set_position_wrt_parent(Pose::from_translation(offset));
        }
        if let Some(d) = self.fixture_data.get_mut(&h) {
            d.shape = shape;
        }
        self.dirty = true;
    }

    pub fn fixture_mass(&self, h: ColliderHandle) -> MassData {
        self.fixture_data
            .get(&h)
            .map(|d| d.shape.mass(d.density))
            .unwrap_or_default()
    }

    pub fn fixture_test_point(&self, h: ColliderHandle, p: Vector) -> bool {
        match self.fixture_data.get(&h) {
            Some(d) => d.shape.test_point(&self.pose(d.body), p),
            None => false,
        }
    }

    pub fn fixture_aabb(&self, h: ColliderHandle, child: usize) -> (Vector, Vector) {
        match self.fixture_data.get(&h) {
            Some(d) => d.shape.aabb(&self.pose(d.body), child),
            None => (Vector::ZERO, Vector::ZERO),
        }
    }

    pub fn fixture_ray_cast(
        &self,
        h: ColliderHandle,
        p1: Vector,
        p2: Vector,
        max_fraction: f32,
        child: usize,
    ) -> Option<(Vector, f32)> {
        let d = self.fixture_data.get(&h)?;
        d.shape
            .ray_cast(&self.pose(d.body), p1, p2, max_fraction, child)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn physics_filter_rules_like_box2d() {
        let a = Filter::default();
        let mut b = Filter::default();
        assert!(a.should_collide(&b));
        b.mask = !1;
        assert!(!a.should_collide(&b));
        let mut c = Filter {
            group: 3,
            ..Filter::default()
        };
        let mut d = c;
        d.mask = 0;
        assert!(c.should_collide(&d), "same positive group always collides");
        c.group = -3;
        d.group = -3;
        d.mask = 0xFFFF;
        assert!(!c.should_collide(&d), "same negative group never collides");
        assert_eq!(Filter::unpack(c.pack()), c);
    }
}
