//! Drawing: every particle as a textured quad (two triangles) in one batch.

use super::super::Graphics;
use super::super::batch::{Vertex, pack_color};
use super::super::draw::mul_color;
use super::{NIL, ParticleSystem};
use glam::{Affine2, Vec2};

impl ParticleSystem {
    /// Writes the particles, in draw order, as two triangles each (screen space under
    /// `t`, colours times `base`): `out` holds `6 * count()` vertices.
    pub fn write_vertices(&self, out: &mut [Vertex], t: &Affine2, base: [f32; 4]) {
        let (tw, th) = self.texture.dimensions();
        let whole = (tw, th, [0.0, 0.0, 1.0, 1.0]);
        let quads: Vec<(f32, f32, [f32; 4])> =
            self.quads.iter().map(|q| (q.w, q.h, q.uv())).collect();
        let (ox, oy) = (self.offset.x, self.offset.y);
        let mut i = self.head;
        let mut chunks = out.chunks_exact_mut(6);
        while i != NIL {
            let p = &self.pool[i as usize];
            i = p.next;
            let Some(dst) = chunks.next() else { break };
            let (w, h, uv) = if quads.is_empty() {
                whole
            } else {
                quads[(p.quad_index as usize).min(quads.len() - 1)]
            };
            // The particle's own placement (position, angle, size, offset), then `t`.
            let (s, c) = p.angle.sin_cos();
            let (a, b, cc, d) = (c * p.size, s * p.size, -s * p.size, c * p.size);
            let tx = p.position.x - ox * a - oy * cc;
            let ty = p.position.y - ox * b - oy * d;
            let color = mul_color(pack_color(p.color), base);
            let corner = |x: f32, y: f32, u: f32, v: f32| {
                let local = Vec2::new(a * x + cc * y + tx, b * x + d * y + ty);
                let q = t.transform_point2(local);
                Vertex {
                    pos: [q.x, q.y],
                    uv: [u, v],
                    color,
                }
            };
            let v0 = corner(0.0, 0.0, uv[0], uv[1]);
            let v1 = corner(w, 0.0, uv[2], uv[1]);
            let v2 = corner(w, h, uv[2], uv[3]);
            let v3 = corner(0.0, h, uv[0], uv[3]);
            dst.copy_from_slice(&[v0, v1, v2, v0, v2, v3]);
        }
    }
}

impl Graphics {
    /// `draw(particlesystem, x, y, r, sx, sy, ox, oy, kx, ky)`: every particle in one
    /// batch (one draw call unless the state changes around it).
    pub fn draw_particles(&mut self, ps: &ParticleSystem, local: &Affine2) {
        let t = self.transform * *local;
        let base = self.state.color;
        let n = ps.count() as usize;
        let key = self.key(ps.texture.id);
        if let Some(out) = self.batch.reserve(key, n * 6) {
            ps.write_vertices(out, &t, base);
        }
    }
}
