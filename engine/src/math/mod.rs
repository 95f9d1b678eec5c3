//! `love.math` core: LÖVE's random generator (xorshift64* with a hashed seed, so the
//! same seed gives the same numbers as LÖVE), simplex noise, polygon triangulation and
//! convexity, gamma conversion, and Bézier curves. Knows nothing of Lua.

pub mod bezier;
pub mod lua;
pub mod noise;

/// LÖVE's RandomGenerator.
#[derive(Clone, Debug)]
pub struct RandomGenerator {
    seed: u64,
    state: u64,
    last_normal: Option<f64>,
}

fn wang_hash64(mut key: u64) -> u64 {
    key = (!key).wrapping_add(key << 21);
    key ^= key >> 24;
    key = key.wrapping_add(key << 3).wrapping_add(key << 8);
    key ^= key >> 14;
    key = key.wrapping_add(key << 2).wrapping_add(key << 4);
    key ^= key >> 28;
    key.wrapping_add(key << 31)
}

impl RandomGenerator {
    pub fn new(seed: u64) -> RandomGenerator {
        let mut r = RandomGenerator {
            seed: 0,
            state: 0,
            last_normal: None,
        };
        r.set_seed(seed);
        r
    }

    pub fn set_seed(&mut self, seed: u64) {
        self.seed = seed;
        // xorshift needs a non-zero state and spreads similar seeds badly: hash first.
        let mut s = seed;
        loop {
            s = wang_hash64(s);
            if s != 0 {
                break;
            }
        }
        self.state = s;
        self.last_normal = None;
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The raw 64-bit output (LÖVE's `rand()`; ParticleSystem's random insert uses it).
    pub fn rand(&mut self) -> u64 {
        self.next()
    }

    fn next(&mut self) -> u64 {
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(2685821657736338717)
    }

    /// A number in [0, 1).
    pub fn random(&mut self) -> f64 {
        let bits = (0x3FFu64 << 52) | (self.next() >> 12);
        f64::from_bits(bits) - 1.0
    }

    /// An integer in [lo, hi], from a uniform number as LÖVE computes it.
    pub fn random_range(&mut self, lo: f64, hi: f64) -> f64 {
        (self.random() * (hi - lo + 1.0)).floor() + lo
    }

    /// Normally distributed (Box–Muller; the second value is kept for the next call).
    pub fn random_normal(&mut self, stddev: f64, mean: f64) -> f64 {
        if let Some(r) = self.last_normal.take() {
            return r * stddev + mean;
        }
        let r = (-2.0 * (1.0 - self.random()).ln()).sqrt();
        let phi = 2.0 * std::f64::consts::PI * (1.0 - self.random());
        self.last_normal = Some(r * phi.cos());
        r * phi.sin() * stddev + mean
    }

    /// `0x%016x` of the internal state, as LÖVE's getState.
    pub fn state(&self) -> String {
        format!("0x{:016x}", self.state)
    }

    pub fn set_state(&mut self, s: &str) -> Result<(), String> {
        let hex = s
            .strip_prefix("0x")
            .ok_or("Invalid random state: ".to_string() + s)?;
        let v = u64::from_str_radix(hex, 16).map_err(|_| format!("Invalid random state: {s}"))?;
        self.state = v;
        self.last_normal = None;
        Ok(())
    }
}

/// sRGB → linear for one component (LÖVE's gammaToLinear, in single precision as LÖVE).
pub fn gamma_to_linear(c: f64) -> f64 {
    let c = c as f32;
    (if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }) as f64
}

pub fn linear_to_gamma(c: f64) -> f64 {
    let c = c as f32;
    (if c <= 0.0031308 {
        c * 12.92
    } else {
        1.055 * c.powf(1.0 / 2.4) - 0.055
    }) as f64
}

/// Whether a polygon (x, y pairs) is convex, in either winding.
pub fn is_convex(p: &[(f64, f64)]) -> bool {
    let n = p.len();
    if n < 3 {
        return false;
    }
    let mut sign = 0.0;
    for i in 0..n {
        let (a, b, c) = (p[i], p[(i + 1) % n], p[(i + 2) % n]);
        let cross = (b.0 - a.0) * (c.1 - b.1) - (b.1 - a.1) * (c.0 - b.0);
        if cross != 0.0 {
            if sign == 0.0 {
                sign = cross.signum();
            } else if cross.signum() != sign {
                return false;
            }
        }
    }
    true
}

fn point_in_triangle(p: (f64, f64), a: (f64, f64), b: (f64, f64), c: (f64, f64)) -> bool {
    let cross = |o: (f64, f64), u: (f64, f64), v: (f64, f64)| {
        (u.0 - o.0) * (v.1 - o.1) - (u.1 - o.1) * (v.0 - o.0)
    };
    let (d1, d2, d3) = (cross(a, b, p), cross(b, c, p), cross(c, a, p));
    let neg = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
    let pos = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
    !(neg && pos)
}

/// Ear-clipping triangulation of a simple polygon; triangles as index triples into `p`.
pub fn triangulate(p: &[(f64, f64)]) -> Result<Vec<[usize; 3]>, String> {
    let n = p.len();
    if n < 3 {
        return Err("Need at least 3 vertices to triangulate".into());
    }
    if n == 3 {
        return Ok(vec![[0, 1, 2]]);
    }
    // Work counter-clockwise in math orientation (signed area > 0).
    let area: f64 = (0..n)
        .map(|i| {
            let (a, b) = (p[i], p[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum();
    let mut idx: Vec<usize> = (0..n).collect();
    if area < 0.0 {
        idx.reverse();
    }
    let convex = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| {
        (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0) > 0.0
    };
    let mut out = Vec::with_capacity(n - 2);
    let mut guard = 0;
    while idx.len() > 3 {
        let m = idx.len();
        let mut clipped = false;
        for i in 0..m {
            let (ia, ib, ic) = (idx[(i + m - 1) % m], idx[i], idx[(i + 1) % m]);
            let (a, b, c) = (p[ia], p[ib], p[ic]);
            if !convex(a, b, c) {
                continue;
            }
            let inside = idx
                .iter()
                .any(|&j| j != ia && j != ib && j != ic && point_in_triangle(p[j], a, b, c));
            if inside {
                continue;
            }
            out.push([ia, ib, ic]);
            idx.remove(i);
            clipped = true;
            break;
        }
        if !clipped {
            guard += 1;
            if guard > 1 {
                return Err("Could not triangulate polygon.".into());
            }
            // Degenerate (collinear) vertices: drop one and go on.
            idx.remove(0);
        }
    }
    out.push([idx[0], idx[1], idx[2]]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Reference values printed by LÖVE 11.4.
    #[test]
    fn math_random_matches_love() {
        let mut r = RandomGenerator::new(42);
        assert_eq!(format!("{:.17}", r.random()), "0.62370653666911746");
        assert_eq!(format!("{:.17}", r.random()), "0.82570806956551257");
        assert_eq!(r.random_range(1.0, 100.0), 22.0);
        assert_eq!(r.state(), "0x30e0781b3243a69f");
        let mut g = RandomGenerator::new(7);
        assert_eq!(format!("{:.17}", g.random()), "0.18697835341699598");
        assert_eq!(
            format!("{:.16}", g.random_normal(1.0, 0.0)),
            "-1.2221321525139131"
        );
        assert_eq!(g.state(), "0xce1fb01f07da5a7a");
    }

    #[test]
    fn math_state_roundtrip() {
        let mut r = RandomGenerator::new(3);
        let s = r.state();
        let a = r.random();
        r.set_state(&s).expect("state");
        assert_eq!(r.random(), a);
        assert!(r.set_state("zz").is_err());
    }

    #[test]
    fn math_noise_matches_love() {
        let check = |v: f32, love: f64| {
            let v = v as f64 * 0.5 + 0.5;
            assert!((v - love).abs() < 1e-7, "{v:.10} vs LÖVE {love:.10}");
        };
        check(noise::noise1(0.3), 0.8156924248);
        check(noise::noise1(10.5), 0.3437744081);
        check(noise::noise2(0.3, 1.7), 0.7090567350);
        check(noise::noise2(-3.25, 4.5), 0.8459784985);
        check(noise::noise3(0.3, 1.7, 2.2), 0.3728220463);
        check(noise::noise4(0.3, 1.7, 2.2, 5.1), 0.6723837256);
    }

    #[test]
    fn math_triangulate_concave() {
        let p = [
            (0.0, 0.0),
            (10.0, 0.0),
            (5.0, 2.0),
            (10.0, 10.0),
            (0.0, 10.0),
        ];
        let t = triangulate(&p).expect("triangulate");
        assert_eq!(t.len(), 3);
        let area: f64 = t
            .iter()
            .map(|[a, b, c]| {
                let (a, b, c) = (p[*a], p[*b], p[*c]);
                ((b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)).abs() / 2.0
            })
            .sum();
        assert!((area - 75.0).abs() < 1e-9, "{area}");
        assert!(!is_convex(&p));
        assert!(is_convex(&[
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 10.0),
            (0.0, 10.0)
        ]));
    }

    #[test]
    fn math_gamma_roundtrip() {
        assert!((gamma_to_linear(0.5) - 0.21404114365578).abs() < 1e-7);
        assert!((linear_to_gamma(0.5) - 0.73535692691803).abs() < 1e-7);
    }
}
