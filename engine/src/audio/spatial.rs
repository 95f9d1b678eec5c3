//! 3D sound maths after OpenAL: distance models, Doppler, small vector helpers.

use super::source::{DistanceModel, Listener, Settings};

pub fn doppler(l: &Listener, s: &Settings, rel: [f32; 3], dist: f32) -> f32 {
    const SPEED_OF_SOUND: f32 = 343.3;
    if l.doppler <= 0.0 || dist <= 1e-6 {
        return 1.0;
    }
    // Unit vector from listener to source, in world space when not relative.
    let dir = if s.relative {
        [rel[0] / dist, rel[1] / dist, -rel[2] / dist]
    } else {
        let d = sub(s.position, l.position);
        let n = len(d);
        [d[0] / n, d[1] / n, d[2] / n]
    };
    let max = SPEED_OF_SOUND / l.doppler;
    let vls = dot(if s.relative { [0.0; 3] } else { l.velocity }, dir).min(max);
    let vss = dot(s.velocity, dir).min(max);
    let f = (SPEED_OF_SOUND + l.doppler * vls) / (SPEED_OF_SOUND + l.doppler * vss);
    if f.is_finite() && f > 0.0 { f } else { 1.0 }
}

/// OpenAL's distance models.
pub fn attenuation(model: DistanceModel, d: f32, rd: f32, md: f32, rolloff: f32) -> f32 {
    use DistanceModel::*;
    let clamped = matches!(model, InverseClamped | LinearClamped | ExponentClamped);
    let d = if clamped { d.max(rd).min(md) } else { d };
    let g = match model {
        None => 1.0,
        Inverse | InverseClamped => {
            let den = rd + rolloff * (d - rd);
            if den > 0.0 { rd / den } else { 1.0 }
        }
        Linear | LinearClamped => {
            if md > rd {
                1.0 - rolloff * (d.min(md) - rd) / (md - rd)
            } else {
                1.0
            }
        }
        Exponent | ExponentClamped => {
            if d > 0.0 && rd > 0.0 {
                (d / rd).powf(-rolloff)
            } else {
                1.0
            }
        }
    };
    if g.is_finite() { g.max(0.0) } else { 1.0 }
}

pub fn sub(a: [f32; 3], b: [f32; 3]) -> [f32; 3] {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}
pub fn dot(a: [f32; 3], b: [f32; 3]) -> f32 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}
pub fn cross(a: [f32; 3], b: [f32; 3]) -> [f32; 3] {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}
pub fn len(a: [f32; 3]) -> f32 {
    dot(a, a).sqrt()
}
pub fn normalize(a: [f32; 3]) -> [f32; 3] {
    let n = len(a);
    if n > 0.0 {
        [a[0] / n, a[1] / n, a[2] / n]
    } else {
        a
    }
}
