//! `love.math.noise`: simplex noise in 1 and 2 dimensions and classic Perlin noise in
//! 3 and 4 (Stefan Gustavson's formulations, which LÖVE uses), in single precision as
//! LÖVE computes them; results are in [-1, 1] and the caller maps them to [0, 1].

/// Ken Perlin's reference permutation, repeated so indices up to 511 need no wrap.
const P: [u8; 256] = [
    151, 160, 137, 91, 90, 15, 131, 13, 201, 95, 96, 53, 194, 233, 7, 225, 140, 36, 103, 30, 69,
    142, 8, 99, 37, 240, 21, 10, 23, 190, 6, 148, 247, 120, 234, 75, 0, 26, 197, 62, 94, 252, 219,
    203, 117, 35, 11, 32, 57, 177, 33, 88, 237, 149, 56, 87, 174, 20, 125, 136, 171, 168, 68, 175,
    74, 165, 71, 134, 139, 48, 27, 166, 77, 146, 158, 231, 83, 111, 229, 122, 60, 211, 133, 230,
    220, 105, 92, 41, 55, 46, 245, 40, 244, 102, 143, 54, 65, 25, 63, 161, 1, 216, 80, 73, 209, 76,
    132, 187, 208, 89, 18, 169, 200, 196, 135, 130, 116, 188, 159, 86, 164, 100, 109, 198, 173,
    186, 3, 64, 52, 217, 226, 250, 124, 123, 5, 202, 38, 147, 118, 126, 255, 82, 85, 212, 207, 206,
    59, 227, 47, 16, 58, 17, 182, 189, 28, 42, 223, 183, 170, 213, 119, 248, 152, 2, 44, 154, 163,
    70, 221, 153, 101, 155, 167, 43, 172, 9, 129, 22, 39, 253, 19, 98, 108, 110, 79, 113, 224, 232,
    178, 185, 112, 104, 218, 246, 97, 228, 251, 34, 242, 193, 238, 210, 144, 12, 191, 179, 162,
    241, 81, 51, 145, 235, 249, 14, 239, 107, 49, 192, 214, 31, 181, 199, 106, 157, 184, 84, 204,
    176, 115, 121, 50, 45, 127, 4, 150, 254, 138, 236, 205, 93, 222, 114, 67, 29, 24, 72, 243, 141,
    128, 195, 78, 66, 215, 61, 156, 180,
];

fn perm(i: i64) -> usize {
    P[(i & 255) as usize] as usize
}

fn floor(x: f32) -> i64 {
    x.floor() as i64
}

fn grad1(hash: usize, x: f32) -> f32 {
    let h = hash & 15;
    let g = 1.0 + (h & 7) as f32;
    if h & 8 != 0 { -g * x } else { g * x }
}

fn grad2(hash: usize, x: f32, y: f32) -> f32 {
    let h = hash & 7;
    let (u, v) = if h < 4 { (x, y) } else { (y, x) };
    (if h & 1 != 0 { -u } else { u }) + (if h & 2 != 0 { -2.0 * v } else { 2.0 * v })
}

fn grad3(hash: usize, x: f32, y: f32, z: f32) -> f32 {
    let h = hash & 15;
    let u = if h < 8 { x } else { y };
    let v = if h < 4 {
        y
    } else if h == 12 || h == 14 {
        x
    } else {
        z
    };
    (if h & 1 != 0 { -u } else { u }) + (if h & 2 != 0 { -v } else { v })
}

fn grad4(hash: usize, x: f32, y: f32, z: f32, t: f32) -> f32 {
    let h = hash & 31;
    let u = if h < 24 { x } else { y };
    let v = if h < 16 { y } else { z };
    let w = if h < 8 { z } else { t };
    (if h & 1 != 0 { -u } else { u })
        + (if h & 2 != 0 { -v } else { v })
        + (if h & 4 != 0 { -w } else { w })
}

pub fn noise1(x: f32) -> f32 {
    let i0 = floor(x);
    let x0 = x - i0 as f32;
    let x1 = x0 - 1.0;
    let mut t0 = 1.0 - x0 * x0;
    t0 *= t0;
    let n0 = t0 * t0 * grad1(perm(i0), x0);
    let mut t1 = 1.0 - x1 * x1;
    t1 *= t1;
    let n1 = t1 * t1 * grad1(perm(i0 + 1), x1);
    0.395 * (n0 + n1)
}

pub fn noise2(x: f32, y: f32) -> f32 {
    // LOVE: Gustavson's constants as written in his source (rounded by f32 anyway).
    #[allow(clippy::excessive_precision)]
    let (f2, g2) = (0.366025403f32, 0.211324865f32);
    let s = (x + y) * f2;
    let (i, j) = (floor(x + s), floor(y + s));
    let t = (i + j) as f32 * g2;
    let (x0, y0) = (x - (i as f32 - t), y - (j as f32 - t));
    let (i1, j1) = if x0 > y0 { (1, 0) } else { (0, 1) };
    let (x1, y1) = (x0 - i1 as f32 + g2, y0 - j1 as f32 + g2);
    let (x2, y2) = (x0 - 1.0 + 2.0 * g2, y0 - 1.0 + 2.0 * g2);
    let corner = |tx: f32, ty: f32, h: usize| {
        let t = 0.5 - tx * tx - ty * ty;
        if t < 0.0 {
            0.0
        } else {
            t * t * t * t * grad2(h, tx, ty)
        }
    };
    let n0 = corner(x0, y0, perm(i + perm(j) as i64));
    let n1 = corner(x1, y1, perm(i + i1 + perm(j + j1) as i64));
    let n2 = corner(x2, y2, perm(i + 1 + perm(j + 1) as i64));
    // LOVE: the later SimplexNoise1234 scale (45.23), not the preliminary 40.
    45.23 * (n0 + n1 + n2)
}

fn fade(t: f32) -> f32 {
    t * t * t * (t * (t * 6.0 - 15.0) + 10.0)
}

fn lerp(t: f32, a: f32, b: f32) -> f32 {
    a + t * (b - a)
}

/// Classic Perlin noise in 3D (LÖVE uses it instead of simplex for 3D and 4D).
pub fn noise3(x: f32, y: f32, z: f32) -> f32 {
    let (ix, iy, iz) = (floor(x), floor(y), floor(z));
    let (fx0, fy0, fz0) = (x - ix as f32, y - iy as f32, z - iz as f32);
    let (fx1, fy1, fz1) = (fx0 - 1.0, fy0 - 1.0, fz0 - 1.0);
    let (s, t, r) = (fade(fx0), fade(fy0), fade(fz0));
    let g = |a: i64, b: i64, c: i64, px: f32, py: f32, pz: f32| {
        grad3(
            perm(ix + a + perm(iy + b + perm(iz + c) as i64) as i64),
            px,
            py,
            pz,
        )
    };
    let n0 = lerp(
        t,
        lerp(r, g(0, 0, 0, fx0, fy0, fz0), g(0, 0, 1, fx0, fy0, fz1)),
        lerp(r, g(0, 1, 0, fx0, fy1, fz0), g(0, 1, 1, fx0, fy1, fz1)),
    );
    let n1 = lerp(
        t,
        lerp(r, g(1, 0, 0, fx1, fy0, fz0), g(1, 0, 1, fx1, fy0, fz1)),
        lerp(r, g(1, 1, 0, fx1, fy1, fz0), g(1, 1, 1, fx1, fy1, fz1)),
    );
    0.936 * lerp(s, n0, n1)
}

/// Classic Perlin noise in 4D.
pub fn noise4(x: f32, y: f32, z: f32, w: f32) -> f32 {
    let i = [floor(x), floor(y), floor(z), floor(w)];
    let f0 = [
        x - i[0] as f32,
        y - i[1] as f32,
        z - i[2] as f32,
        w - i[3] as f32,
    ];
    let fades = [fade(f0[0]), fade(f0[1]), fade(f0[2]), fade(f0[3])];
    // Corner values, interpolated along w, then z, then y, then x.
    let corner = |c: [i64; 4]| {
        let p = |k: usize| f0[k] - c[k] as f32;
        let h = perm(
            i[0] + c[0]
                + perm(i[1] + c[1] + perm(i[2] + c[2] + perm(i[3] + c[3]) as i64) as i64) as i64,
        );
        grad4(h, p(0), p(1), p(2), p(3))
    };
    let mut by_x = [0.0f32; 2];
    for (a, slot_x) in by_x.iter_mut().enumerate() {
        let mut by_y = [0.0f32; 2];
        for (b, slot_y) in by_y.iter_mut().enumerate() {
            let mut by_z = [0.0f32; 2];
            for (c, slot_z) in by_z.iter_mut().enumerate() {
                let (a, b, c) = (a as i64, b as i64, c as i64);
                *slot_z = lerp(fades[3], corner([a, b, c, 0]), corner([a, b, c, 1]));
            }
            *slot_y = lerp(fades[2], by_z[0], by_z[1]);
        }
        *slot_x = lerp(fades[1], by_y[0], by_y[1]);
    }
    0.87 * lerp(fades[0], by_x[0], by_x[1])
}
