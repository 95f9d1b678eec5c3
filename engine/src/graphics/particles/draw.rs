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
            // The particle's own placement (position, angle, size, offset; LÖVE's
            // setTransformation without shear), then `t`.
            let (s, c) = p.angle.sin_cos();
            let (a, b, cc, d) = (c * p.size, s * p.size, -s * p.size, c * p.size);
            let tx = p.position.x - ox * a - oy * cc;
            let ty = p.position.y - ox * b - oy * d;
            // PERF: one combined matrix per particle; the corners are then three adds.
            let m = *t * Affine2::from_cols(Vec2::new(a, b), Vec2::new(cc, d), Vec2::new(tx, ty));
            let (dx, dy) = (m.matrix2.x_axis * w, m.matrix2.y_axis * h);
            let p0 = m.translation;
            let (p1, p3) = (p0 + dx, p0 + dy);
            let p2 = p1 + dy;
            let color = mul_color(pack_color(p.color), base);
            let vertex = |q: Vec2, u: f32, v: f32| Vertex {
                pos: [q.x, q.y],
                uv: [u, v],
                color,
            };
            let v0 = vertex(p0, uv[0], uv[1]);
            let v1 = vertex(p1, uv[2], uv[1]);
            let v2 = vertex(p2, uv[2], uv[3]);
            let v3 = vertex(p3, uv[0], uv[3]);
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
