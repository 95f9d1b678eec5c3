//! Shapes as Box2D has them (circle, convex polygon, edge, chain), in meters, and the geometry
//! queries LÖVE exposes on them (mass, point test, ray cast, bounding box).

use super::{LINEAR_SLOP, MAX_POLYGON_VERTICES, POLYGON_RADIUS, PhysicsError, Result};
use rapier2d::math::{Pose, Vector};
use rapier2d::parry::query::Ray;
use rapier2d::prelude::SharedShape;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ShapeKind {
    Circle,
    Polygon,
    Edge,
    Chain,
}

impl ShapeKind {
    pub fn name(self) -> &'static str {
        match self {
            ShapeKind::Circle => "circle",
            ShapeKind::Polygon => "polygon",
            ShapeKind::Edge => "edge",
            ShapeKind::Chain => "chain",
        }
    }

    /// Box2D creates a contact with the "bigger" shape type as fixture A
    /// (b2Contact's registry: polygon-circle, edge-*, chain-*).
    pub(crate) fn contact_rank(self) -> u8 {
        match self {
            ShapeKind::Circle => 0,
            ShapeKind::Polygon => 1,
            ShapeKind::Edge => 2,
            ShapeKind::Chain => 3,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Circle {
        center: Vector,
        radius: f32,
    },
    /// Convex, counter-clockwise (y up), in Box2D's hull order.
    Polygon {
        points: Vec<Vector>,
    },
    Edge {
        a: Vector,
        b: Vector,
        prev: Option<Vector>,
        next: Option<Vector>,
    },
    Chain {
        points: Vec<Vector>,
        looped: bool,
        prev: Option<Vector>,
        next: Option<Vector>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShapeError(pub String);

/// Mass, center and rotational inertia about the shape origin (Box2D's b2MassData).
#[derive(Copy, Clone, Debug, Default, PartialEq)]
pub struct MassData {
    pub center: Vector,
    pub mass: f32,
    pub inertia: f32,
}

fn cross(a: Vector, b: Vector) -> f32 {
    a.x * b.y - a.y * b.x
}

impl Shape {
    pub fn circle(center: Vector, radius: f32) -> Shape {
        Shape::Circle { center, radius }
    }

    /// Box2D's b2PolygonShape::Set: welds close points and keeps their convex hull (gift
    /// wrapping from the rightmost point), so concave input gives its hull, as in LÖVE.
    pub fn polygon(input: &[Vector]) -> Result<Shape> {
        if input.len() < 3 {
            return Err(PhysicsError::new(format!(
                "Expected a minimum of 3 vertices, got {}.",
                input.len()
            )));
        }
        if input.len() > MAX_POLYGON_VERTICES {
            return Err(PhysicsError::new(format!(
                "Expected a maximum of {MAX_POLYGON_VERTICES} vertices, got {}.",
                input.len()
            )));
        }
        let weld = (0.5 * LINEAR_SLOP) * (0.5 * LINEAR_SLOP);
        let mut ps: Vec<Vector> = Vec::with_capacity(input.len());
        for v in input {
            if ps.iter().all(|p| p.distance_squared(*v) >= weld) {
                ps.push(*v);
            }
        }
        if ps.len() < 3 {
            return Err(PhysicsError::assertion("false"));
        }
        // Rightmost point (lowest y on ties) starts the hull.
        let mut i0 = 0;
        for (i, p) in ps.iter().enumerate().skip(1) {
            let best = ps[i0];
            if p.x > best.x || (p.x == best.x && p.y < best.y) {
                i0 = i;
            }
        }
        let mut hull: Vec<usize> = Vec::new();
        let mut ih = i0;
        loop {
            if hull.len() > ps.len() {
                return Err(PhysicsError::assertion("false"));
            }
            hull.push(ih);
            let mut ie = 0;
            for j in 1..ps.len() {
                if ie == ih {
                    ie = j;
                    continue;
                }
                let r = ps[ie] - ps[ih];
                let v = ps[j] - ps[ih];
                let c = cross(r, v);
                if c < 0.0 || (c == 0.0 && v.length_squared() > r.length_squared()) {
                    ie = j;
                }
            }
            ih = ie;
            if ie == i0 {
                break;
            }
        }
        if hull.len() < 3 {
            return Err(PhysicsError::assertion("false"));
        }
        let points: Vec<Vector> = hull.iter().map(|&i| ps[i]).collect();
        // Box2D also asserts a positive area (collinear points).
        let area: f32 = (0..points.len())
            .map(|i| cross(points[i], points[(i + 1) % points.len()]))
            .sum();
        if area <= f32::EPSILON {
            return Err(PhysicsError::assertion("area > b2_epsilon"));
        }
        Ok(Shape::Polygon { points })
    }

    /// b2PolygonShape::SetAsBox(hw, hh, center, angle): LÖVE's newRectangleShape.
    pub fn rectangle(center: Vector, w: f32, h: f32, angle: f32) -> Shape {
        let (hw, hh) = (w / 2.0, h / 2.0);
        let pose = Pose::new(center, angle);
        let points = [
            Vector::new(-hw, -hh),
            Vector::new(hw, -hh),
            Vector::new(hw, hh),
            Vector::new(-hw, hh),
        ]
        .iter()
        .map(|p| pose.transform_point(*p))
        .collect();
        Shape::Polygon { points }
    }

    pub fn edge(a: Vector, b: Vector) -> Shape {
        Shape::Edge {
            a,
            b,
            prev: None,
            next: None,
        }
    }

    pub fn chain(looped: bool, points: Vec<Vector>) -> Result<Shape> {
        let min = if looped { 3 } else { 2 };
        if points.len() < min {
            return Err(PhysicsError::assertion(&format!("count >= {min}")));
        }
        for w in points.windows(2) {
            if w[0].distance_squared(w[1]) <= LINEAR_SLOP * LINEAR_SLOP {
                return Err(PhysicsError::assertion(
                    "b2DistanceSquared(v1, v2) > b2_linearSlop * b2_linearSlop",
                ));
            }
        }
        Ok(Shape::Chain {
            points,
            looped,
            prev: None,
            next: None,
        })
    }

    pub fn kind(&self) -> ShapeKind {
        match self {
            Shape::Circle { .. } => ShapeKind::Circle,
            Shape::Polygon { .. } => ShapeKind::Polygon,
            Shape::Edge { .. } => ShapeKind::Edge,
            Shape::Chain { .. } => ShapeKind::Chain,
        }
    }

    /// Box2D's m_radius: the circle's radius, the skin radius for the others.
    pub fn radius(&self) -> f32 {
        match self {
            Shape::Circle { radius, .. } => *radius,
            _ => POLYGON_RADIUS,
        }
    }

    pub fn child_count(&self) -> usize {
        match self {
            Shape::Chain { points, looped, .. } => {
                if *looped {
                    points.len()
                } else {
                    points.len() - 1
                }
            }
            _ => 1,
        }
    }

    /// The chain's vertices, with the first repeated at the end for a loop (as Box2D stores it).
    pub fn chain_vertices(&self) -> Vec<Vector> {
        match self {
            Shape::Chain { points, looped, .. } => {
                let mut v = points.clone();
                if *looped {
                    v.push(points[0]);
                }
                v
            }
            _ => Vec::new(),
        }
    }

    /// The edge of a chain (0-based child index).
    pub fn chain_edge(&self, index: usize) -> Option<(Vector, Vector)> {
        let v = self.chain_vertices();
        if index + 1 < v.len() {
            Some((v[index], v[index + 1]))
        } else {
            None
        }
    }

    /// The parry shape, and the offset of its origin within the body (circles are centred).
    pub fn to_shared(&self) -> (SharedShape, Vector) {
        match self {
            Shape::Circle { center, radius } => (SharedShape::ball(radius.max(0.0)), *center),
            Shape::Polygon { points } => {
                let s = SharedShape::convex_polyline(points.clone())
                    .unwrap_or_else(|| SharedShape::ball(0.0));
                (s, Vector::ZERO)
            }
            Shape::Edge { a, b, .. } => (SharedShape::segment(*a, *b), Vector::ZERO),
            Shape::Chain { points, looped, .. } => {
                let n = points.len() as u32;
                let indices = if *looped {
                    Some((0..n).map(|i| [i, (i + 1) % n]).collect())
                } else {
                    None
                };
                (SharedShape::polyline(points.clone(), indices), Vector::ZERO)
            }
        }
    }

    /// b2Shape::ComputeMass: edges and chains have no mass; the inertia is about the origin.
    pub fn mass(&self, density: f32) -> MassData {
        match self {
            Shape::Circle { center, radius } => {
                let mass = density * std::f32::consts::PI * radius * radius;
                MassData {
                    center: *center,
                    mass,
                    inertia: mass * (0.5 * radius * radius + center.length_squared()),
                }
            }
            Shape::Polygon { points } => polygon_mass(points, density),
            _ => MassData::default(),
        }
    }

    /// b2Shape::TestPoint (edges and chains contain no point).
    pub fn test_point(&self, pose: &Pose, p: Vector) -> bool {
        match self {
            Shape::Circle { .. } | Shape::Polygon { .. } => {
                let (s, off) = self.to_shared();
                let pose = *pose * Pose::from_translation(off);
                s.contains_point(&pose, p)
            }
            _ => false,
        }
    }

    /// b2Shape::RayCast for one child: the normal and fraction of the first hit along
    /// p1→p2 within max_fraction. A ray that starts inside a shape does not hit it (Box2D).
    pub fn ray_cast(
        &self,
        pose: &Pose,
        p1: Vector,
        p2: Vector,
        max_fraction: f32,
        child: usize,
    ) -> Option<(Vector, f32)> {
        let shape = match self {
            Shape::Chain { .. } => {
                let (a, b) = self.chain_edge(child)?;
                Shape::edge(a, b)
            }
            _ => self.clone(),
        };
        let (s, off) = shape.to_shared();
        let pose = *pose * Pose::from_translation(off);
        let ray = Ray::new(p1, p2 - p1);
        let hit = s.cast_ray_and_get_normal(&pose, &ray, max_fraction, true)?;
        if hit.time_of_impact <= 0.0 {
            return None;
        }
        Some((hit.normal, hit.time_of_impact))
    }

    /// b2Shape::ComputeAABB for one child, as (min, max); polygons include their skin.
    pub fn aabb(&self, pose: &Pose, child: usize) -> (Vector, Vector) {
        let pts: Vec<Vector> = match self {
            Shape::Circle { center, radius } => {
                let c = pose.transform_point(*center);
                let r = Vector::splat(*radius);
                return (c - r, c + r);
            }
            Shape::Polygon { points } => points.iter().map(|p| pose.transform_point(*p)).collect(),
            Shape::Edge { a, b, .. } => vec![pose.transform_point(*a), pose.transform_point(*b)],
            Shape::Chain { .. } => match self.chain_edge(child) {
                Some((a, b)) => vec![pose.transform_point(a), pose.transform_point(b)],
                None => vec![pose.translation],
            },
        };
        let mut lo = pts[0];
        let mut hi = pts[0];
        for p in &pts[1..] {
            lo = lo.min(*p);
            hi = hi.max(*p);
        }
        let r = Vector::splat(POLYGON_RADIUS);
        (lo - r, hi + r)
    }
}

/// b2PolygonShape::ComputeMass (triangle fan around the centroid of the vertices).
fn polygon_mass(points: &[Vector], density: f32) -> MassData {
    let n = points.len() as f32;
    let s = points.iter().copied().sum::<Vector>() / n;
    let mut area = 0.0;
    let mut center = Vector::ZERO;
    let mut inertia = 0.0;
    const INV3: f32 = 1.0 / 3.0;
    for i in 0..points.len() {
        let e1 = points[i] - s;
        let e2 = points[(i + 1) % points.len()] - s;
        let d = cross(e1, e2);
        let tri = 0.5 * d;
        area += tri;
        center += tri * INV3 * (e1 + e2);
        let intx2 = e1.x * e1.x + e2.x * e1.x + e2.x * e2.x;
        let inty2 = e1.y * e1.y + e2.y * e1.y + e2.y * e2.y;
        inertia += (0.25 * INV3 * d) * (intx2 + inty2);
    }
    let mass = density * area;
    if area <= 0.0 {
        return MassData::default();
    }
    let c = center / area;
    let world_c = c + s;
    let mut i = density * inertia;
    // Shift to the center of mass, then to the shape origin.
    i += mass * (world_c.dot(world_c) - c.dot(c));
    MassData {
        center: world_c,
        mass,
        inertia: i,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(x: f32, y: f32) -> Vector {
        Vector::new(x, y)
    }

    #[test]
    fn physics_shape_polygon_hull_order_like_box2d() {
        let s = Shape::polygon(&[v(0.0, 0.0), v(10.0, 0.0), v(0.0, 10.0)]).expect("triangle");
        let Shape::Polygon { points } = s else {
            panic!("not a polygon")
        };
        assert_eq!(points, vec![v(10.0, 0.0), v(0.0, 10.0), v(0.0, 0.0)]);
    }

    #[test]
    fn physics_shape_polygon_errors() {
        assert_eq!(
            Shape::polygon(&[v(0.0, 0.0), v(1.0, 0.0)])
                .expect_err("too few")
                .0,
            "Expected a minimum of 3 vertices, got 2."
        );
        let nine: Vec<Vector> = (0..9).map(|i| v(i as f32, (i * i) as f32)).collect();
        assert_eq!(
            Shape::polygon(&nine).expect_err("too many").0,
            "Expected a maximum of 8 vertices, got 9."
        );
        assert!(Shape::polygon(&[v(0.0, 0.0), v(1.0, 0.0), v(2.0, 0.0)]).is_err());
    }

    #[test]
    fn physics_shape_mass_matches_box2d() {
        let c = Shape::circle(Vector::ZERO, 0.5).mass(2.0);
        assert!((c.mass - std::f32::consts::FRAC_PI_2).abs() < 1e-4);
        assert!((c.inertia - 0.196_35).abs() < 1e-4);
        let b = Shape::rectangle(Vector::ZERO, 2.0, 1.0, 0.0).mass(1.0);
        assert!((b.mass - 2.0).abs() < 1e-5);
        // m (w² + h²) / 12
        assert!((b.inertia - 2.0 * 5.0 / 12.0).abs() < 1e-4);
    }

    #[test]
    fn physics_shape_ray_cast_fraction() {
        let s = Shape::rectangle(Vector::ZERO, 2.0, 2.0, 0.0);
        let pose = Pose::from_translation(v(5.0, 0.0));
        let (n, f) = s
            .ray_cast(&pose, v(0.0, 0.0), v(10.0, 0.0), 1.0, 0)
            .expect("hit");
        assert!((f - 0.4).abs() < 1e-5);
        assert!((n.x + 1.0).abs() < 1e-5);
        assert!(
            s.ray_cast(&pose, v(5.0, 0.0), v(10.0, 0.0), 1.0, 0)
                .is_none()
        );
    }
}
