//! ParticleSystem: LÖVE 11's particle emitter and simulation, drawn as one batch of quads.
//!
//! The maths, the order of random draws and the particle bookkeeping follow LÖVE 11.5's
//! `ParticleSystem.cpp`, so a scene gives the same particles as in LÖVE: particles live
//! in a pool whose first `count` slots are in use and are chained in draw order by a
//! doubly linked list (`prev`/`next` indices); a dead particle's slot is refilled with
//! the last slot, as LÖVE does, which keeps draw order and random insertion identical.
//! Random numbers come from a generator the caller passes in (LÖVE shares one between
//! all particle systems). Knows nothing of Lua; `lua/particles.rs` is the binding.

mod draw;
mod simulate;

use super::texture::{Quad, TextureRef};
use glam::Vec2;

/// LÖVE's `MAX_PARTICLES` (INT32_MAX / 4).
pub const MAX_PARTICLES: u32 = i32::MAX as u32 / 4;

/// At most this many sizes and colours (`setSizes`, `setColors`).
pub const MAX_STOPS: usize = 8;

const NIL: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Distribution {
    None,
    Uniform,
    Normal,
    Ellipse,
    BorderEllipse,
    BorderRectangle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InsertMode {
    Top,
    Bottom,
    Random,
}

/// `setEmissionArea`'s parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EmissionArea {
    pub distribution: Distribution,
    pub dx: f32,
    pub dy: f32,
    pub angle: f32,
    pub relative_direction: bool,
}

#[derive(Clone, Copy, Debug, Default)]
struct Particle {
    prev: u32,
    next: u32,
    life: f32,
    lifetime: f32,
    position: Vec2,
    origin: Vec2,
    velocity: Vec2,
    linear_acceleration: Vec2,
    radial_acceleration: f32,
    tangential_acceleration: f32,
    linear_damping: f32,
    size_offset: f32,
    size_interval: f32,
    size: f32,
    rotation: f32,
    angle: f32,
    spin_start: f32,
    spin_end: f32,
    color: [f32; 4],
    quad_index: u32,
}

/// A (min, max) pair: LÖVE draws uniformly between them.
pub type Range = (f32, f32);

#[derive(Clone)]
pub struct ParticleSystem {
    pub texture: TextureRef,
    pool: Vec<Particle>,
    head: u32,
    tail: u32,
    max: u32,
    active: bool,
    pub insert_mode: InsertMode,
    emission_rate: f32,
    emit_counter: f32,
    position: Vec2,
    prev_position: Vec2,
    pub area: EmissionArea,
    /// Emitter lifetime (-1: forever) and what is left of it.
    lifetime: f32,
    life: f32,
    particle_life: Range,
    pub direction: f32,
    pub spread: f32,
    pub speed: Range,
    /// xmin, ymin, xmax, ymax.
    pub linear_acceleration: [f32; 4],
    pub radial_acceleration: Range,
    pub tangential_acceleration: Range,
    pub linear_damping: Range,
    sizes: Vec<f32>,
    pub size_variation: f32,
    pub rotation: Range,
    pub spin: Range,
    pub spin_variation: f32,
    offset: Vec2,
    default_offset: bool,
    colors: Vec<[f32; 4]>,
    quads: Vec<Quad>,
    pub relative_rotation: bool,
}

impl ParticleSystem {
    /// A system for `texture` holding at most `size` particles (1..=MAX_PARTICLES; the
    /// binding checks), with LÖVE's defaults; fails ("Out of memory") as LÖVE does when
    /// the pool cannot be allocated.
    pub fn new(texture: TextureRef, size: u32) -> Result<ParticleSystem, &'static str> {
        let (w, h) = texture.dimensions();
        let mut ps = ParticleSystem {
            texture,
            pool: Vec::new(),
            head: NIL,
            tail: NIL,
            max: 0,
            active: true,
            insert_mode: InsertMode::Top,
            emission_rate: 0.0,
            emit_counter: 0.0,
            position: Vec2::ZERO,
            prev_position: Vec2::ZERO,
            area: EmissionArea {
                distribution: Distribution::None,
                dx: 0.0,
                dy: 0.0,
                angle: 0.0,
                relative_direction: false,
            },
            lifetime: -1.0,
            life: 0.0,
            particle_life: (0.0, 0.0),
            direction: 0.0,
            spread: 0.0,
            speed: (0.0, 0.0),
            linear_acceleration: [0.0; 4],
            radial_acceleration: (0.0, 0.0),
            tangential_acceleration: (0.0, 0.0),
            linear_damping: (0.0, 0.0),
            sizes: vec![1.0],
            size_variation: 0.0,
            rotation: (0.0, 0.0),
            spin: (0.0, 0.0),
            spin_variation: 0.0,
            offset: Vec2::new(w * 0.5, h * 0.5),
            default_offset: true,
            colors: vec![[1.0; 4]],
            quads: Vec::new(),
            relative_rotation: false,
        };
        ps.set_buffer_size(size)?;
        Ok(ps)
    }

    /// LÖVE's copy constructor: same settings, no particles, emitter life restarted.
    pub fn clone_settings(&self) -> Result<ParticleSystem, &'static str> {
        let mut c = self.clone();
        c.emit_counter = 0.0;
        c.life = c.lifetime;
        c.set_buffer_size(self.max)?;
        Ok(c)
    }

    // ---- buffer and counts ----

    /// Resizes the pool; drops every particle (LÖVE resets).
    pub fn set_buffer_size(&mut self, size: u32) -> Result<(), &'static str> {
        let max = size.clamp(1, MAX_PARTICLES);
        // LOVE: the whole pool is allocated up front (pages are only touched as used),
        // so an impossible size is an error now rather than an abort later.
        let mut pool = Vec::new();
        pool.try_reserve_exact(max as usize)
            .map_err(|_| "Out of memory")?;
        self.pool = pool;
        self.max = max;
        self.reset();
        Ok(())
    }

    pub fn buffer_size(&self) -> u32 {
        self.max
    }

    pub fn count(&self) -> u32 {
        self.pool.len() as u32
    }

    // ---- emitter state ----

    pub fn start(&mut self) {
        self.active = true;
    }

    pub fn stop(&mut self) {
        self.active = false;
        self.life = self.lifetime;
        self.emit_counter = 0.0;
    }

    pub fn pause(&mut self) {
        self.active = false;
    }

    pub fn reset(&mut self) {
        self.pool.clear();
        self.head = NIL;
        self.tail = NIL;
        self.life = self.lifetime;
        self.emit_counter = 0.0;
    }

    pub fn is_active(&self) -> bool {
        self.active
    }

    pub fn is_paused(&self) -> bool {
        !self.active && self.life < self.lifetime
    }

    pub fn is_stopped(&self) -> bool {
        !self.active && self.life >= self.lifetime
    }

    // ---- settings with side effects ----

    /// Fails (LÖVE: "Invalid emission rate") for a negative rate.
    pub fn set_emission_rate(&mut self, rate: f32) -> Result<(), &'static str> {
        if rate < 0.0 {
            return Err("Invalid emission rate");
        }
        self.emission_rate = rate;
        // LOVE: caps the counter so raising the rate doesn't emit a burst.
        self.emit_counter = self.emit_counter.min(1.0 / rate);
        Ok(())
    }

    pub fn emission_rate(&self) -> f32 {
        self.emission_rate
    }

    pub fn set_emitter_lifetime(&mut self, life: f32) {
        self.lifetime = life;
        self.life = life;
    }

    pub fn emitter_lifetime(&self) -> f32 {
        self.lifetime
    }

    pub fn set_particle_lifetime(&mut self, min: f32, max: f32) {
        // LOVE: a max of 0 means "same as min".
        self.particle_life = (min, if max == 0.0 { min } else { max });
    }

    pub fn particle_lifetime(&self) -> Range {
        self.particle_life
    }

    /// Moves the emitter without interpolation.
    pub fn set_position(&mut self, x: f32, y: f32) {
        self.position = Vec2::new(x, y);
        self.prev_position = self.position;
    }

    /// Moves the emitter; particles emitted by the next update are spread along the way.
    pub fn move_to(&mut self, x: f32, y: f32) {
        self.position = Vec2::new(x, y);
    }

    pub fn position(&self) -> (f32, f32) {
        (self.position.x, self.position.y)
    }

    pub fn set_sizes(&mut self, sizes: Vec<f32>) {
        self.sizes = sizes;
    }

    pub fn sizes(&self) -> &[f32] {
        &self.sizes
    }

    /// Colours over life; LÖVE clamps them to [0, 1].
    pub fn set_colors(&mut self, colors: Vec<[f32; 4]>) {
        self.colors = colors
            .into_iter()
            .map(|c| c.map(|x| x.clamp(0.0, 1.0)))
            .collect();
    }

    pub fn colors(&self) -> &[[f32; 4]] {
        &self.colors
    }

    pub fn set_quads(&mut self, quads: Vec<Quad>) {
        self.quads = quads;
        if self.default_offset {
            self.reset_offset();
        }
    }

    /// Refreshes quad viewports (a Quad object can change after `setQuads`).
    pub fn update_quad(&mut self, i: usize, q: Quad) {
        if let Some(slot) = self.quads.get_mut(i) {
            *slot = q;
        }
    }

    pub fn quad_count(&self) -> usize {
        self.quads.len()
    }

    pub fn set_texture(&mut self, texture: TextureRef) {
        self.texture = texture;
        if self.default_offset {
            self.reset_offset();
        }
    }

    pub fn set_offset(&mut self, x: f32, y: f32) {
        self.offset = Vec2::new(x, y);
        self.default_offset = false;
    }

    pub fn offset(&self) -> (f32, f32) {
        (self.offset.x, self.offset.y)
    }

    fn reset_offset(&mut self) {
        self.offset = match self.quads.first() {
            Some(q) => Vec2::new(q.w * 0.5, q.h * 0.5),
            None => {
                let (w, h) = self.texture.dimensions();
                Vec2::new(w * 0.5, h * 0.5)
            }
        };
    }
}

#[cfg(test)]
mod tests;
