//! Bézier curves of any degree (LÖVE's BezierCurve): evaluation by de Casteljau,
//! rendering by repeated subdivision of the control polygon.

#[derive(Clone, Debug, Default)]
pub struct BezierCurve {
    pub points: Vec<(f64, f64)>,
}

impl BezierCurve {
    pub fn degree(&self) -> usize {
        self.points.len().saturating_sub(1)
    }

    pub fn evaluate(&self, t: f64) -> Result<(f64, f64), String> {
        if !(0.0..=1.0).contains(&t) {
            return Err("Invalid evaluation parameter: must be between 0 and 1".into());
        }
        if self.points.len() < 2 {
            return Err("Invalid Bezier curve: Not enough control points.".into());
        }
        let mut p = self.points.clone();
        for step in 1..p.len() {
            for i in 0..p.len() - step {
                p[i] = (
                    p[i].0 * (1.0 - t) + p[i + 1].0 * t,
                    p[i].1 * (1.0 - t) + p[i + 1].1 * t,
                );
            }
        }
        Ok(p[0])
    }

    pub fn derivative(&self) -> Result<BezierCurve, String> {
        if self.points.len() < 2 {
            return Err("Cannot derive a curve of degree < 1.".into());
        }
        let d = self.degree() as f64;
        let points = self
            .points
            .windows(2)
            .map(|w| ((w[1].0 - w[0].0) * d, (w[1].1 - w[0].1) * d))
            .collect();
        Ok(BezierCurve { points })
    }

    /// The sub-curve between parameters t1 and t2.
    pub fn segment(&self, t1: f64, t2: f64) -> Result<BezierCurve, String> {
        if !(0.0..=1.0).contains(&t1) || !(0.0..=1.0).contains(&t2) {
            return Err("Invalid segment parameters: must be between 0 and 1".into());
        }
        if t2 <= t1 {
            return Err("Invalid segment parameters: t1 must be smaller than t2".into());
        }
        // Split at t2, keep the left part; split that at t1/t2, keep the right part.
        let left = split(&self.points, t2).0;
        let right = split(&left, t1 / t2).1;
        Ok(BezierCurve { points: right })
    }

    /// The control polygon after `depth` subdivisions: (n-1)·2^depth + 1 points.
    pub fn render(&self, depth: u32) -> Result<Vec<(f64, f64)>, String> {
        if self.points.len() < 2 {
            return Err("Invalid Bezier curve: Not enough control points.".into());
        }
        let mut pts = self.points.clone();
        for _ in 0..depth.min(16) {
            let deg = pts.len();
            let n = self.points.len();
            let mut next = Vec::with_capacity(pts.len() * 2);
            for chunk_start in (0..deg - 1).step_by(n - 1) {
                let piece = &pts[chunk_start..chunk_start + n];
                let (l, r) = split(piece, 0.5);
                if next.is_empty() {
                    next.extend_from_slice(&l);
                } else {
                    next.extend_from_slice(&l[1..]);
                }
                next.extend_from_slice(&r[1..]);
            }
            pts = next;
        }
        Ok(pts)
    }
}

/// LOVE: renderSegment renders the whole curve and keeps the points whose index lies
/// between start and end (as fractions of the point count), not an exact sub-curve.
pub fn segment_slice(pts: &[(f64, f64)], start: f64, end: f64) -> &[(f64, f64)] {
    if start >= end {
        return &[];
    }
    let n = pts.len() as f64;
    let a = ((start * n) as usize).min(pts.len());
    let b = ((end * n + 0.5) as usize).clamp(a, pts.len());
    &pts[a..b]
}

/// De Casteljau split at t: the left and right control polygons.
type Polygon = Vec<(f64, f64)>;

fn split(p: &[(f64, f64)], t: f64) -> (Polygon, Polygon) {
    let mut work = p.to_vec();
    let n = p.len();
    let mut left = Vec::with_capacity(n);
    let mut right = Vec::with_capacity(n);
    left.push(work[0]);
    right.push(work[n - 1]);
    for step in 1..n {
        for i in 0..n - step {
            work[i] = (
                work[i].0 * (1.0 - t) + work[i + 1].0 * t,
                work[i].1 * (1.0 - t) + work[i + 1].1 * t,
            );
        }
        left.push(work[0]);
        right.push(work[n - 1 - step]);
    }
    right.reverse();
    (left, right)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curve() -> BezierCurve {
        BezierCurve {
            points: vec![(0.0, 0.0), (50.0, 100.0), (100.0, 0.0)],
        }
    }

    #[test]
    fn bezier_evaluate_and_render_counts_match_love() {
        let c = curve();
        assert_eq!(c.evaluate(0.5), Ok((50.0, 50.0)));
        assert_eq!(c.render(5).map(|p| p.len()), Ok(65));
        assert_eq!(c.render(2).map(|p| p.len()), Ok(9));
        assert!(c.evaluate(2.0).is_err());
        let d = c.derivative().expect("derivative");
        assert_eq!(d.points, vec![(100.0, 200.0), (100.0, -200.0)]);
    }

    #[test]
    fn bezier_segment_endpoints() {
        let c = curve();
        let s = c.segment(0.25, 0.75).expect("segment");
        let a = c.evaluate(0.25).expect("eval");
        let b = c.evaluate(0.75).expect("eval");
        let (sa, sb) = (s.points[0], s.points[s.points.len() - 1]);
        assert!((sa.0 - a.0).abs() < 1e-9 && (sa.1 - a.1).abs() < 1e-9);
        assert!((sb.0 - b.0).abs() < 1e-9 && (sb.1 - b.1).abs() < 1e-9);
        let rendered = c.render(3).expect("render");
        assert_eq!(rendered[0], (0.0, 0.0));
        assert_eq!(rendered[rendered.len() - 1], (100.0, 0.0));
    }
}
