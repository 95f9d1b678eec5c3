//! Emission and simulation: new particles (LÖVE's order of random draws), their place in
//! draw order (insert modes), removal, and `update`.

use super::{Distribution, InsertMode, NIL, Particle, ParticleSystem};
use crate::math::RandomGenerator;
use glam::Vec2;

/// `rng.random(min, max)` as LÖVE computes it: in double precision, then to float.
fn rand_range(rng: &mut RandomGenerator, min: f64, max: f64) -> f32 {
    (rng.random() * (max - min) + min) as f32
}

/// LÖVE's `calculate_variation` (spin variation).
fn variation(rng: &mut RandomGenerator, inner: f32, outer: f32, var: f32) -> f32 {
    let low = inner - (outer / 2.0) * var;
    let high = inner + (outer / 2.0) * var;
    let r = rng.random() as f32;
    low * (1.0 - r) + high * r
}

impl ParticleSystem {
    /// Emits `num` particles at once at the current position (nothing while inactive).
    pub fn emit(&mut self, num: u32, rng: &mut RandomGenerator) {
        if !self.active {
            return;
        }
        let num = num.min(self.max - self.count());
        for _ in 0..num {
            self.add_particle(1.0, rng);
        }
    }

    fn add_particle(&mut self, t: f32, rng: &mut RandomGenerator) {
        if self.count() >= self.max {
            return;
        }
        let p = self.init_particle(t, rng);
        let idx = self.pool.len() as u32;
        self.pool.push(p);
        match self.insert_mode {
            InsertMode::Top => self.insert_top(idx),
            InsertMode::Bottom => self.insert_bottom(idx),
            InsertMode::Random => self.insert_random(idx, rng),
        }
    }

    /// A new particle; `t` in [0, 1] places it between the previous and the current
    /// emitter position. The random draws come in LÖVE's order.
    fn init_particle(&self, t: f32, rng: &mut RandomGenerator) -> Particle {
        let pos = self.prev_position + (self.position - self.prev_position) * t;
        let mut p = Particle {
            prev: NIL,
            next: NIL,
            ..Default::default()
        };
        let (min, max) = self.particle_life;
        p.life = if min == max {
            min
        } else {
            rand_range(rng, min as f64, max as f64)
        };
        p.lifetime = p.life;
        p.position = pos;

        let lo = self.direction - self.spread / 2.0;
        let hi = self.direction + self.spread / 2.0;
        let mut dir = rand_range(rng, lo as f64, hi as f64);

        let a = &self.area;
        let offset = match a.distribution {
            Distribution::None => None,
            Distribution::Uniform => {
                let x = rand_range(rng, -a.dx as f64, a.dx as f64);
                let y = rand_range(rng, -a.dy as f64, a.dy as f64);
                Some((x, y))
            }
            Distribution::Normal => {
                let x = rng.random_normal(a.dx as f64, 0.0) as f32;
                let y = rng.random_normal(a.dy as f64, 0.0) as f32;
                Some((x, y))
            }
            Distribution::Ellipse => {
                let rx = rand_range(rng, -1.0, 1.0);
                let ry = rand_range(rng, -1.0, 1.0);
                let (rx64, ry64) = (rx as f64, ry as f64);
                let x = (a.dx as f64 * (rx64 * (1.0 - 0.5 * ry64 * ry64).sqrt())) as f32;
                let y = (a.dy as f64 * (ry64 * (1.0 - 0.5 * rx64 * rx64).sqrt())) as f32;
                Some((x, y))
            }
            Distribution::BorderEllipse => {
                let r = rand_range(rng, 0.0, std::f64::consts::PI * 2.0);
                Some((r.cos() * a.dx, r.sin() * a.dy))
            }
            Distribution::BorderRectangle => {
                let half = (a.dx + a.dy) * 2.0;
                let r = rand_range(rng, -half as f64, half as f64);
                let h2 = a.dy * 2.0;
                // Walks the perimeter: top edge, left, right, bottom.
                Some(if r < -h2 {
                    (r + h2 + a.dx, -a.dy)
                } else if r < 0.0 {
                    (-a.dx, r + a.dy)
                } else if r < h2 {
                    (a.dx, r - a.dy)
                } else {
                    (r - h2 - a.dx, a.dy)
                })
            }
        };
        if let Some((x, y)) = offset {
            let (s, c) = (a.angle.sin(), a.angle.cos());
            p.position.x += c * x - s * y;
            p.position.y += s * x + c * y;
        }
        if a.relative_direction {
            // LOVE: double-precision atan2 here (atan2f elsewhere).
            let d = ((p.position.y - pos.y) as f64).atan2((p.position.x - pos.x) as f64);
            dir = (dir as f64 + d) as f32;
        }
        p.origin = pos;

        let speed = rand_range(rng, self.speed.0 as f64, self.speed.1 as f64);
        p.velocity = Vec2::new(dir.cos(), dir.sin()) * speed;

        let la = self.linear_acceleration;
        p.linear_acceleration.x = rand_range(rng, la[0] as f64, la[2] as f64);
        p.linear_acceleration.y = rand_range(rng, la[1] as f64, la[3] as f64);
        let r = self.radial_acceleration;
        p.radial_acceleration = rand_range(rng, r.0 as f64, r.1 as f64);
        let t = self.tangential_acceleration;
        p.tangential_acceleration = rand_range(rng, t.0 as f64, t.1 as f64);
        let d = self.linear_damping;
        p.linear_damping = rand_range(rng, d.0 as f64, d.1 as f64);

        let sv = self.size_variation as f64;
        p.size_offset = (rng.random() * sv) as f32;
        p.size_interval = (1.0 - (rng.random() * sv) as f32) - p.size_offset;
        // LOVE: the index expression always comes out 0.
        p.size = self.sizes.first().copied().unwrap_or(1.0);

        p.spin_start = variation(rng, self.spin.0, self.spin.1, self.spin_variation);
        p.spin_end = variation(rng, self.spin.1, self.spin.0, self.spin_variation);
        p.rotation = rand_range(rng, self.rotation.0 as f64, self.rotation.1 as f64);
        p.angle = p.rotation;
        if self.relative_rotation {
            p.angle += p.velocity.y.atan2(p.velocity.x);
        }
        p.color = self.colors.first().copied().unwrap_or([1.0; 4]);
        p.quad_index = 0;
        p
    }

    fn insert_top(&mut self, i: u32) {
        if self.head == NIL {
            self.head = i;
            self.pool[i as usize].prev = NIL;
        } else {
            let tail = self.tail;
            self.pool[tail as usize].next = i;
            self.pool[i as usize].prev = tail;
        }
        self.pool[i as usize].next = NIL;
        self.tail = i;
    }

    fn insert_bottom(&mut self, i: u32) {
        if self.tail == NIL {
            self.tail = i;
            self.pool[i as usize].next = NIL;
        } else {
            let head = self.head;
            self.pool[head as usize].prev = i;
            self.pool[i as usize].next = head;
        }
        self.pool[i as usize].prev = NIL;
        self.head = i;
    }

    /// After a random slot of the pool, or first (LÖVE's non-uniform pick, kept).
    fn insert_random(&mut self, i: u32, rng: &mut RandomGenerator) {
        let active = i as u64;
        let pos = rng.rand() % (active + 1);
        if pos == active {
            let a = self.head;
            if a != NIL {
                self.pool[a as usize].prev = i;
            }
            let p = &mut self.pool[i as usize];
            p.prev = NIL;
            p.next = a;
            self.head = i;
            return;
        }
        let a = pos as u32;
        let b = self.pool[a as usize].next;
        self.pool[a as usize].next = i;
        if b != NIL {
            self.pool[b as usize].prev = i;
        } else {
            self.tail = i;
        }
        let p = &mut self.pool[i as usize];
        p.prev = a;
        p.next = b;
    }

    /// Unlinks particle `i` and moves the pool's last particle into its slot; returns
    /// the index of the particle that followed `i` in draw order.
    fn remove_particle(&mut self, i: u32) -> u32 {
        let Particle { prev, next, .. } = self.pool[i as usize];
        if prev != NIL {
            self.pool[prev as usize].next = next;
        } else {
            self.head = next;
        }
        let mut next_out = NIL;
        if next != NIL {
            self.pool[next as usize].prev = prev;
            next_out = next;
        } else {
            self.tail = prev;
        }
        let last = self.pool.len() as u32 - 1;
        if i != last {
            let moved = self.pool[last as usize];
            self.pool[i as usize] = moved;
            if next_out == last {
                next_out = i;
            }
            if moved.prev != NIL {
                self.pool[moved.prev as usize].next = i;
            } else {
                self.head = i;
            }
            if moved.next != NIL {
                self.pool[moved.next as usize].prev = i;
            } else {
                self.tail = i;
            }
        }
        self.pool.pop();
        next_out
    }

    // ---- simulation ----

    /// Advances every particle by `dt` seconds, then emits (while active).
    pub fn update(&mut self, dt: f32, rng: &mut RandomGenerator) {
        if dt == 0.0 {
            return;
        }
        let nsizes = self.sizes.len().max(1);
        let ncolors = self.colors.len().max(1);
        let nquads = self.quads.len();
        let mut i = self.head;
        while i != NIL {
            let p = &mut self.pool[i as usize];
            p.life -= dt;
            if p.life <= 0.0 {
                i = self.remove_particle(i);
                continue;
            }
            let mut radial = p.position - p.origin;
            let len = (radial.x * radial.x + radial.y * radial.y).sqrt();
            if len > 0.0 {
                radial *= 1.0 / len;
            }
            let mut tangential = Vec2::new(-radial.y, radial.x);
            radial *= p.radial_acceleration;
            tangential *= p.tangential_acceleration;
            p.velocity += (radial + tangential + p.linear_acceleration) * dt;
            p.velocity *= 1.0 / (1.0 + p.linear_damping * dt);
            p.position += p.velocity * dt;

            let t = 1.0 - p.life / p.lifetime;
            p.rotation += (p.spin_start * (1.0 - t) + p.spin_end * t) * dt;
            p.angle = p.rotation;
            if self.relative_rotation {
                p.angle += p.velocity.y.atan2(p.velocity.x);
            }

            // Sizes and colours are evenly spaced over the particle's life.
            let mut s = p.size_offset + t * p.size_interval;
            s *= (nsizes - 1) as f32;
            let k = (s as usize).min(nsizes - 1);
            let k2 = if k == nsizes - 1 { k } else { k + 1 };
            s -= k as f32;
            let size = |j: usize| self.sizes.get(j).copied().unwrap_or(1.0);
            p.size = size(k) * (1.0 - s) + size(k2) * s;

            let mut s = t * (ncolors - 1) as f32;
            let k = (s as usize).min(ncolors - 1);
            let k2 = if k == ncolors - 1 { k } else { k + 1 };
            s -= k as f32;
            let color = |j: usize| self.colors.get(j).copied().unwrap_or([1.0; 4]);
            let (a, b) = (color(k), color(k2));
            for c in 0..4 {
                p.color[c] = a[c] * (1.0 - s) + b[c] * s;
            }

            if nquads > 0 {
                let s = t * nquads as f32;
                let q = if s > 0.0 { s as usize } else { 0 };
                p.quad_index = q.min(nquads - 1) as u32;
            }
            i = p.next;
        }

        if self.active {
            let rate = 1.0 / self.emission_rate;
            self.emit_counter += dt;
            let total = self.emit_counter - rate;
            while self.emit_counter > rate {
                if self.count() >= self.max {
                    let periods = (self.emit_counter - rate) / rate;
                    if periods.is_nan() || periods >= 65536.0 {
                        // LOVE: subtracts one period at a time, forever for an infinite
                        // dt. A full pool takes nothing more: skip to the remainder.
                        self.emit_counter = if self.emit_counter.is_finite() {
                            self.emit_counter % rate
                        } else {
                            0.0
                        };
                        break;
                    }
                }
                self.add_particle(1.0 - (self.emit_counter - rate) / total, rng);
                self.emit_counter -= rate;
            }
            self.life -= dt;
            if self.lifetime != -1.0 && self.life < 0.0 {
                self.stop();
            }
        }
        self.prev_position = self.position;
    }
}
