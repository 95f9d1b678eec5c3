//! Vertex builders for shapes: filled polygons and fans, and thick polylines.
//!
//! Shapes are built in the game's local coordinates, then transformed, so a scale also
//! scales line widths (as in LÖVE). Each builder appends a triangle list to `out`.

use super::batch::Vertex;
use glam::{Affine2, Vec2};

fn vertex(t: &Affine2, p: Vec2, color: [u8; 4]) -> Vertex {
    let q = t.transform_point2(p);
    Vertex {
        pos: [q.x, q.y],
        uv: [0.0, 0.0],
        color,
    }
}

/// An axis-aligned rectangle as two triangles.
pub fn fill_rect(out: &mut Vec<Vertex>, t: &Affine2, x: f32, y: f32, w: f32, h: f32, c: [u8; 4]) {
    let a = vertex(t, Vec2::new(x, y), c);
    let b = vertex(t, Vec2::new(x + w, y), c);
    let d = vertex(t, Vec2::new(x + w, y + h), c);
    let e = vertex(t, Vec2::new(x, y + h), c);
    out.extend_from_slice(&[a, b, d, a, d, e]);
}

/// A convex polygon as a triangle fan around its first point.
pub fn fill_convex(out: &mut Vec<Vertex>, t: &Affine2, pts: &[Vec2], c: [u8; 4]) {
    if pts.len() < 3 {
        return;
    }
    let first = vertex(t, pts[0], c);
    for w in pts[1..].windows(2) {
        out.push(first);
        out.push(vertex(t, w[0], c));
        out.push(vertex(t, w[1], c));
    }
}

/// A polyline of `width` with miter joins; `closed` joins the last point to the first.
pub fn polyline(
    out: &mut Vec<Vertex>,
    t: &Affine2,
    pts: &[Vec2],
    closed: bool,
    width: f32,
    c: [u8; 4],
) {
    let n = pts.len();
    if n < 2 {
        return;
    }
    let hw = width * 0.5;
    let dir = |a: Vec2, b: Vec2| (b - a).try_normalize().unwrap_or(Vec2::X);
    let perp = |d: Vec2| Vec2::new(-d.y, d.x);
    // For each point, the offset to its left edge (the right edge is the negation).
    let offsets: Vec<Vec2> = (0..n)
        .map(|i| {
            let has_prev = closed || i > 0;
            let has_next = closed || i + 1 < n;
            let prev = pts[(i + n - 1) % n];
            let next = pts[(i + 1) % n];
            match (has_prev, has_next) {
                (true, true) => {
                    let n0 = perp(dir(prev, pts[i]));
                    let n1 = perp(dir(pts[i], next));
                    let m = (n0 + n1).try_normalize().unwrap_or(n0);
                    let cos = m.dot(n0);
                    if cos.abs() < 1e-3 {
                        n0 * hw
                    } else {
                        m * (hw / cos)
                    }
                }
                (false, _) => perp(dir(pts[i], next)) * hw,
                (_, false) => perp(dir(prev, pts[i])) * hw,
            }
        })
        .collect();
    let segs = if closed { n } else { n - 1 };
    for i in 0..segs {
        let j = (i + 1) % n;
        let a0 = vertex(t, pts[i] + offsets[i], c);
        let a1 = vertex(t, pts[i] - offsets[i], c);
        let b0 = vertex(t, pts[j] + offsets[j], c);
        let b1 = vertex(t, pts[j] - offsets[j], c);
        out.extend_from_slice(&[a0, a1, b0, a1, b1, b0]);
    }
}

/// LÖVE's segment count for an ellipse of radii rx, ry (`calculateEllipsePoints`).
pub fn ellipse_points(rx: f32, ry: f32) -> usize {
    let points = (((rx + ry) / 2.0) * 20.0).max(0.0).sqrt() as usize;
    points.max(8)
}

/// Outline of a rectangle with rounded corners, clockwise from the top-left arc.
pub fn rounded_rect_points(
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    rx: f32,
    ry: f32,
    segments: Option<usize>,
) -> Vec<Vec2> {
    // LOVE: radii over half the size are clamped just below it.
    let rx = if w >= 0.02 {
        rx.min(w / 2.0 - 0.01)
    } else {
        rx
    };
    let ry = if h >= 0.02 {
        ry.min(h / 2.0 - 0.01)
    } else {
        ry
    };
    let points = segments.unwrap_or_else(|| ellipse_points(rx, ry));
    let per_corner = (points / 4).max(1);
    let half_pi = std::f32::consts::FRAC_PI_2;
    let step = half_pi / (per_corner as f32 + 1.0);
    let corners = [
        (x + rx, y + ry, 2.0 * half_pi),
        (x + w - rx, y + ry, 3.0 * half_pi),
        (x + w - rx, y + h - ry, 0.0),
        (x + rx, y + h - ry, half_pi),
    ];
    let mut out = Vec::with_capacity((per_corner + 2) * 4);
    for (cx, cy, start) in corners {
        for k in 0..=per_corner + 1 {
            let a = start + step * k as f32;
            out.push(Vec2::new(cx + rx * a.cos(), cy + ry * a.sin()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_fill_rect_is_two_triangles() {
        let mut v = Vec::new();
        fill_rect(
            &mut v,
            &Affine2::from_translation(Vec2::new(10.0, 0.0)),
            0.0,
            0.0,
            2.0,
            3.0,
            [255; 4],
        );
        assert_eq!(v.len(), 6);
        assert_eq!(v[0].pos, [10.0, 0.0]);
        assert_eq!(v[2].pos, [12.0, 3.0]);
    }

    #[test]
    fn shapes_polyline_closed_square_miters() {
        let mut v = Vec::new();
        let sq = [
            Vec2::new(0.0, 0.0),
            Vec2::new(10.0, 0.0),
            Vec2::new(10.0, 10.0),
            Vec2::new(0.0, 10.0),
        ];
        polyline(&mut v, &Affine2::IDENTITY, &sq, true, 2.0, [255; 4]);
        assert_eq!(v.len(), 4 * 6);
        // The miter at a right angle reaches the outer corner exactly.
        let xs: Vec<f32> = v.iter().map(|p| p.pos[0]).collect();
        let min = xs.iter().cloned().fold(f32::MAX, f32::min);
        let max = xs.iter().cloned().fold(f32::MIN, f32::max);
        assert!(
            (min + 1.0).abs() < 1e-4 && (max - 11.0).abs() < 1e-4,
            "{min} {max}"
        );
    }

    #[test]
    fn shapes_ellipse_points_match_love() {
        assert_eq!(ellipse_points(1.0, 1.0), 8);
        assert_eq!(ellipse_points(100.0, 100.0), 44);
    }

    #[test]
    fn shapes_rounded_rect_has_arc_points() {
        let p = rounded_rect_points(0.0, 0.0, 100.0, 50.0, 10.0, 10.0, Some(16));
        assert_eq!(p.len(), (4 + 2) * 4);
        assert!(
            p.iter()
                .all(|q| q.x >= -1e-3 && q.x <= 100.001 && q.y >= -1e-3 && q.y <= 50.001)
        );
    }
}
