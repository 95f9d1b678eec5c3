//! Vertex builders for shapes: filled polygons and fans, and thick polylines.
//!
//! Shapes are built in the game's local coordinates, then transformed, so a scale also
//! scales line widths (as in LÖVE). Each builder appends a triangle list to `out`.

use super::batch::Vertex;
use bytemuck::Zeroable;
use glam::{Affine2, Vec2};

fn vertex(t: &Affine2, p: Vec2, color: [u8; 4]) -> Vertex {
    vertex_at(t.transform_point2(p), color)
}

/// An untextured vertex at `q`, already in screen pixels.
fn vertex_at(q: Vec2, color: [u8; 4]) -> Vertex {
    Vertex {
        pos: [q.x, q.y],
        uv: [0.0, 0.0],
        color,
    }
}

/// Writes a (textured) rectangle as two triangles into `out` (six vertices).
/// `uv` is (u0, v0, u1, v1); untextured shapes pass zeros (the white texture).
#[allow(clippy::too_many_arguments)]
#[inline]
pub fn write_rect(
    out: &mut [Vertex],
    t: &Affine2,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    uv: [f32; 4],
    c: [u8; 4],
) {
    // PERF: corners from the transform's columns: two multiplies instead of four points.
    let m = t.matrix2;
    let o = t.transform_point2(Vec2::new(x, y));
    let dx = m.x_axis * w;
    let dy = m.y_axis * h;
    let p = [o, o + dx, o + dx + dy, o + dy];
    let uvs = [
        [uv[0], uv[1]],
        [uv[2], uv[1]],
        [uv[2], uv[3]],
        [uv[0], uv[3]],
    ];
    for (slot, i) in out.iter_mut().zip([0usize, 1, 2, 0, 2, 3]) {
        *slot = Vertex {
            pos: [p[i].x, p[i].y],
            uv: uvs[i],
            color: c,
        };
    }
}

/// An axis-aligned rectangle as two triangles.
pub fn fill_rect(out: &mut Vec<Vertex>, t: &Affine2, x: f32, y: f32, w: f32, h: f32, c: [u8; 4]) {
    let start = out.len();
    out.resize(start + 6, Vertex::zeroed());
    write_rect(&mut out[start..], t, x, y, w, h, [0.0; 4], c);
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

/// Any simple polygon (concave included), triangulated by ear clipping.
pub fn fill_polygon(out: &mut Vec<Vertex>, t: &Affine2, pts: &[Vec2], c: [u8; 4]) {
    for [a, b, d] in triangulate(pts) {
        out.push(vertex(t, pts[a], c));
        out.push(vertex(t, pts[b], c));
        out.push(vertex(t, pts[d], c));
    }
}

fn cross(o: Vec2, a: Vec2, b: Vec2) -> f32 {
    (a - o).perp_dot(b - o)
}

/// Ear clipping: triangles (as point indices) covering a simple polygon.
pub fn triangulate(pts: &[Vec2]) -> Vec<[usize; 3]> {
    let n = pts.len();
    let mut out = Vec::with_capacity(n.saturating_sub(2));
    if n < 3 {
        return out;
    }
    let area: f32 = (0..n).map(|i| pts[i].perp_dot(pts[(i + 1) % n])).sum();
    let sign = if area >= 0.0 { 1.0 } else { -1.0 };
    let mut idx: Vec<usize> = (0..n).collect();
    let mut guard = 0;
    while idx.len() > 3 && guard < n * n {
        guard += 1;
        let m = idx.len();
        let mut clipped = false;
        for i in 0..m {
            let (a, b, d) = (idx[(i + m - 1) % m], idx[i], idx[(i + 1) % m]);
            if cross(pts[a], pts[b], pts[d]) * sign <= 0.0 {
                continue; // reflex or degenerate corner
            }
            let inside = idx.iter().any(|&k| {
                k != a && k != b && k != d && {
                    let p = pts[k];
                    let s1 = cross(pts[a], pts[b], p) * sign;
                    let s2 = cross(pts[b], pts[d], p) * sign;
                    let s3 = cross(pts[d], pts[a], p) * sign;
                    s1 >= 0.0 && s2 >= 0.0 && s3 >= 0.0
                }
            });
            if !inside {
                out.push([a, b, d]);
                idx.remove(i);
                clipped = true;
                break;
            }
        }
        if !clipped {
            // Not simple (self-intersecting): fall back to a fan of what is left.
            break;
        }
    }
    for k in 1..idx.len().saturating_sub(1) {
        out.push([idx[0], idx[k], idx[k + 1]]);
    }
    out
}

/// How lines are drawn: width, join, and the smooth style's feather (in local units).
#[derive(Clone, Copy, Debug)]
pub struct LineOpts {
    pub width: f32,
    pub join: super::LineJoin,
    /// Width of the antialiasing fringe (`setLineStyle("smooth")`), 0 for rough.
    pub feather: f32,
}

/// A polyline with LÖVE's joins (miter, bevel, none); `closed` joins the last point to
/// the first. The smooth style adds a fringe fading to transparent on both sides, as
/// LÖVE's overdraw does.
pub fn polyline(
    out: &mut Vec<Vertex>,
    t: &Affine2,
    pts: &[Vec2],
    closed: bool,
    opts: LineOpts,
    c: [u8; 4],
) {
    let mut pts: Vec<Vec2> = pts.to_vec();
    pts.dedup_by(|a, b| (*a - *b).length_squared() < 1e-12);
    // LOVE: a line whose ends meet is drawn as a loop (joined at its start too).
    let mut closed = closed;
    if pts.len() > 2 && (pts[0] - pts[pts.len() - 1]).length_squared() < 1e-12 {
        pts.pop();
        closed = true;
    }
    let n = pts.len();
    if n < 2 {
        return;
    }
    // LOVE: the smooth fringe eats 0.3 px of the line's own half width.
    let hw = (opts.width * 0.5 - opts.feather * 0.3).max(0.0);
    let dir = |a: Vec2, b: Vec2| (b - a).try_normalize().unwrap_or(Vec2::X);
    let perp = |d: Vec2| Vec2::new(-d.y, d.x);
    let segs = if closed { n } else { n - 1 };
    let strip = |out: &mut Vec<Vertex>, p: Vec2, q: Vec2, op: Vec2, oq: Vec2| {
        strip_quads(out, t, p, q, op, oq, c, opts.feather)
    };
    match opts.join {
        super::LineJoin::Miter => {
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
            for i in 0..segs {
                let j = (i + 1) % n;
                strip(out, pts[i], pts[j], offsets[i], offsets[j]);
            }
        }
        super::LineJoin::None | super::LineJoin::Bevel => {
            for i in 0..segs {
                let j = (i + 1) % n;
                let off = perp(dir(pts[i], pts[j])) * hw;
                strip(out, pts[i], pts[j], off, off);
            }
            if opts.join == super::LineJoin::Bevel {
                // Fill the outer gap at each join with a triangle.
                let joins: Vec<usize> = if closed {
                    (0..n).collect()
                } else {
                    (1..n - 1).collect()
                };
                for i in joins {
                    let prev = pts[(i + n - 1) % n];
                    let next = pts[(i + 1) % n];
                    let n0 = perp(dir(prev, pts[i])) * hw;
                    let n1 = perp(dir(pts[i], next)) * hw;
                    let turn = (pts[i] - prev).perp_dot(next - pts[i]);
                    let (a, b) = if turn > 0.0 { (-n0, -n1) } else { (n0, n1) };
                    out.extend_from_slice(&[
                        vertex(t, pts[i], c),
                        vertex(t, pts[i] + a, c),
                        vertex(t, pts[i] + b, c),
                    ]);
                }
            }
        }
    }
}

/// One line segment p→q with edge offsets op (at p) and oq (at q), and its smooth fringe.
#[allow(clippy::too_many_arguments)]
fn strip_quads(
    out: &mut Vec<Vertex>,
    t: &Affine2,
    p: Vec2,
    q: Vec2,
    op: Vec2,
    oq: Vec2,
    c: [u8; 4],
    feather: f32,
) {
    let clear = [c[0], c[1], c[2], 0];
    // a0-b0 is one edge of the strip (colour ca), a1-b1 the other (colour cb).
    let mut quad = |a0: Vec2, a1: Vec2, b0: Vec2, b1: Vec2, ca: [u8; 4], cb: [u8; 4]| {
        out.extend_from_slice(&[
            vertex(t, a0, ca),
            vertex(t, a1, cb),
            vertex(t, b0, ca),
            vertex(t, a1, cb),
            vertex(t, b1, cb),
            vertex(t, b0, ca),
        ]);
    };
    quad(p + op, p - op, q + oq, q - oq, c, c);
    if feather > 0.0 {
        let out_of =
            |x: Vec2, off: Vec2| x + off + off.try_normalize().unwrap_or(Vec2::ZERO) * feather;
        quad(p + op, out_of(p, op), q + oq, out_of(q, oq), c, clear);
        quad(p - op, out_of(p, -op), q - oq, out_of(q, -oq), c, clear);
    }
}

/// LÖVE's segment count for an ellipse of radii rx, ry (`calculateEllipsePoints`);
/// `scale` is the pixel scale of the current transform.
pub fn ellipse_points(rx: f32, ry: f32, scale: f32) -> usize {
    let points = (((rx + ry) / 2.0) * 20.0 * scale).max(0.0).sqrt() as usize;
    points.max(8)
}

/// Outline of an ellipse: `points` points, counter-clockwise from angle 0.
pub fn ellipse_outline(x: f32, y: f32, rx: f32, ry: f32, points: usize) -> Vec<Vec2> {
    let step = std::f32::consts::TAU / points.max(1) as f32;
    (0..points.max(1))
        .map(|i| {
            let phi = step * i as f32;
            Vec2::new(x + rx * phi.cos(), y + ry * phi.sin())
        })
        .collect()
}

/// A filled ellipse of `n` points as a triangle fan from its first point, written into
/// `out` (3 * (n - 2) vertices), the same triangles as `fill_convex(ellipse_outline(..))`.
#[allow(clippy::too_many_arguments)]
pub fn write_ellipse_fan(
    out: &mut [Vertex],
    t: &Affine2,
    x: f32,
    y: f32,
    rx: f32,
    ry: f32,
    n: usize,
    c: [u8; 4],
) {
    // PERF: one sin/cos for the step, then each point rotates the previous one (in f64,
    // so the drift over a few hundred points stays far below a pixel's 1/1000), instead
    // of a sin/cos per point; the centre and both axes are transformed once.
    let (ss, cs) = step_sin_cos(n);
    let centre = t.transform_point2(Vec2::new(x, y));
    let ax = t.matrix2 * Vec2::new(rx, 0.0);
    let ay = t.matrix2 * Vec2::new(0.0, ry);
    let (mut co, mut si) = (1.0f64, 0.0f64);
    let mut advance = || {
        let v = vertex_at(centre + ax * co as f32 + ay * si as f32, c);
        (co, si) = (co * cs - si * ss, si * cs + co * ss);
        v
    };
    let first = advance();
    let mut prev = advance();
    for tri in out.chunks_exact_mut(3) {
        let next = advance();
        tri[0] = first;
        tri[1] = prev;
        tri[2] = next;
        prev = next;
    }
}

/// `sin_cos(TAU / n)`, from a table for the point counts circles use.
// PERF: an f64 sin_cos is a third of a small filled circle's cost.
fn step_sin_cos(n: usize) -> (f64, f64) {
    const TABLE: usize = 1024;
    static STEPS: std::sync::OnceLock<Box<[(f64, f64)]>> = std::sync::OnceLock::new();
    let f = |n: usize| (std::f64::consts::TAU / n.max(1) as f64).sin_cos();
    if n >= TABLE {
        return f(n);
    }
    STEPS.get_or_init(|| (0..TABLE).map(f).collect())[n]
}

/// LÖVE's arc kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArcMode {
    Pie,
    Open,
    Closed,
}

/// The points of LÖVE's arc (`Graphics::arc`), already adjusted for the draw mode; the
/// bool says whether the outline is a closed loop. None when nothing is drawn.
#[allow(clippy::too_many_arguments)]
pub fn arc_points(
    fill: bool,
    mut mode: ArcMode,
    x: f32,
    y: f32,
    r: f32,
    a1: f32,
    a2: f32,
    points: usize,
) -> Option<Vec<Vec2>> {
    if points == 0 || a1 == a2 {
        return None;
    }
    let shift = (a2 - a1) / points as f32;
    if shift == 0.0 {
        return None;
    }
    // LOVE: no connecting line for tiny closed arcs; filled open arcs are closed.
    if !fill && mode == ArcMode::Closed && (a1 - a2).abs() < 4f32.to_radians() {
        mode = ArcMode::Open;
    }
    if fill && mode == ArcMode::Open {
        mode = ArcMode::Closed;
    }
    let arc = (0..=points).map(|i| {
        let phi = a1 + shift * i as f32;
        Vec2::new(x + r * phi.cos(), y + r * phi.sin())
    });
    let mut out: Vec<Vec2> = Vec::with_capacity(points + 3);
    match mode {
        ArcMode::Pie => {
            out.push(Vec2::new(x, y));
            out.extend(arc);
            out.push(Vec2::new(x, y));
        }
        ArcMode::Open => out.extend(arc),
        ArcMode::Closed => {
            out.extend(arc);
            out.push(out[0]);
        }
    }
    Some(out)
}

/// Points as squares of `size` screen pixels centred on each transformed point.
pub fn points(out: &mut Vec<Vertex>, t: &Affine2, pts: &[(Vec2, [u8; 4])], size: f32) {
    let h = size * 0.5;
    for &(p, c) in pts {
        let q = t.transform_point2(p);
        let start = out.len();
        out.resize(start + 6, Vertex::zeroed());
        write_rect(
            &mut out[start..],
            &Affine2::IDENTITY,
            q.x - h,
            q.y - h,
            size,
            size,
            [0.0; 4],
            c,
        );
    }
}

#[allow(clippy::too_many_arguments)]
/// Outline of a rectangle with rounded corners, clockwise from the top-left arc.
pub fn rounded_rect_points(
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    rx: f32,
    ry: f32,
    segments: Option<usize>,
    scale: f32,
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
    let points = segments.unwrap_or_else(|| ellipse_points(rx, ry, scale));
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
    fn shapes_ellipse_fan_points_stay_on_the_ellipse() {
        let n = 300;
        let mut out = vec![Vertex::default(); 3 * (n - 2)];
        let t = Affine2::from_angle(0.4) * Affine2::from_translation(Vec2::new(3.0, 4.0));
        write_ellipse_fan(&mut out, &t, 10.0, 20.0, 1000.0, 600.0, n, [255; 4]);
        // Triangle k is (p0, p(k+1), p(k+2)): the last point is p(n-1).
        let last = out[out.len() - 1].pos;
        let phi = std::f32::consts::TAU * (n - 1) as f32 / n as f32;
        let want = t.transform_point2(Vec2::new(
            10.0 + 1000.0 * phi.cos(),
            20.0 + 600.0 * phi.sin(),
        ));
        assert!(
            (Vec2::from(last) - want).length() < 1e-3,
            "{last:?} vs {want:?}"
        );
    }

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
        let opts = LineOpts {
            width: 2.0,
            join: crate::graphics::LineJoin::Miter,
            feather: 0.0,
        };
        polyline(&mut v, &Affine2::IDENTITY, &sq, true, opts, [255; 4]);
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
        assert_eq!(ellipse_points(1.0, 1.0, 1.0), 8);
        assert_eq!(ellipse_points(100.0, 100.0, 1.0), 44);
    }

    #[test]
    fn shapes_ellipse_fan_matches_fill_convex() {
        let t = Affine2::from_translation(Vec2::new(3.0, 4.0));
        let mut a = Vec::new();
        fill_convex(&mut a, &t, &ellipse_outline(1.0, 2.0, 5.0, 3.0, 12), [9; 4]);
        let mut b = vec![Vertex::zeroed(); 30];
        write_ellipse_fan(&mut b, &t, 1.0, 2.0, 5.0, 3.0, 12, [9; 4]);
        for (p, q) in a.iter().zip(&b) {
            assert!((p.pos[0] - q.pos[0]).abs() < 1e-4 && (p.pos[1] - q.pos[1]).abs() < 1e-4);
        }
        assert_eq!(a.len(), b.len());
    }

    #[test]
    fn shapes_triangulate_concave_polygon() {
        // An L shape: 6 points, 4 triangles, total area 3.
        let l = [
            Vec2::new(0.0, 0.0),
            Vec2::new(2.0, 0.0),
            Vec2::new(2.0, 1.0),
            Vec2::new(1.0, 1.0),
            Vec2::new(1.0, 2.0),
            Vec2::new(0.0, 2.0),
        ];
        let tris = triangulate(&l);
        assert_eq!(tris.len(), 4);
        let area: f32 = tris
            .iter()
            .map(|[a, b, c]| cross(l[*a], l[*b], l[*c]).abs() / 2.0)
            .sum();
        assert!((area - 3.0).abs() < 1e-5, "{area}");
    }

    #[test]
    fn shapes_arc_points_match_love() {
        let pie = arc_points(true, ArcMode::Pie, 0.0, 0.0, 10.0, 0.0, 1.0, 5).expect("pie");
        assert_eq!(pie.len(), 5 + 3);
        let open = arc_points(false, ArcMode::Open, 0.0, 0.0, 10.0, 0.0, 1.0, 5).expect("open");
        assert_eq!(open.len(), 6);
        // A filled open arc is drawn closed.
        let filled = arc_points(true, ArcMode::Open, 0.0, 0.0, 10.0, 0.0, 1.0, 5).expect("f");
        assert_eq!(filled.len(), 7);
        assert!(arc_points(true, ArcMode::Pie, 0.0, 0.0, 10.0, 1.0, 1.0, 5).is_none());
    }

    #[test]
    fn shapes_rounded_rect_has_arc_points() {
        let p = rounded_rect_points(0.0, 0.0, 100.0, 50.0, 10.0, 10.0, Some(16), 1.0);
        assert_eq!(p.len(), (4 + 2) * 4);
        assert!(
            p.iter()
                .all(|q| q.x >= -1e-3 && q.x <= 100.001 && q.y >= -1e-3 && q.y <= 50.001)
        );
    }
}
