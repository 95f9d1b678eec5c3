use super::*;
use crate::graphics::batch::Vertex;
use crate::graphics::texture::{Format, MipMode, Retired, SamplerKey, new_texture_ref};
use crate::math::RandomGenerator;
use glam::Affine2;

fn texture(w: u32, h: u32) -> TextureRef {
    let retired = Retired::default();
    new_texture_ref(
        7,
        w,
        h,
        false,
        Format::Rgba8,
        1.0,
        SamplerKey::default(),
        MipMode::None,
        &retired,
    )
}

fn rng() -> RandomGenerator {
    RandomGenerator::new(0x0139_408D_CBBF_7A44)
}

/// Particle positions in draw order.
fn positions(ps: &ParticleSystem) -> Vec<Vec2> {
    let mut out = Vec::new();
    let mut i = ps.head;
    while i != NIL {
        out.push(ps.pool[i as usize].position);
        i = ps.pool[i as usize].next;
    }
    out
}

/// The draw-order list agrees with the pool in both directions.
fn check_links(ps: &ParticleSystem) {
    let mut n = 0;
    let mut prev = NIL;
    let mut i = ps.head;
    while i != NIL {
        assert_eq!(ps.pool[i as usize].prev, prev);
        prev = i;
        i = ps.pool[i as usize].next;
        n += 1;
        assert!(n <= ps.pool.len(), "cycle in the particle list");
    }
    assert_eq!(prev, ps.tail);
    assert_eq!(n, ps.pool.len());
}

#[test]
fn particles_new_defaults_match_love() {
    let ps = ParticleSystem::new(texture(8, 4), 1000).expect("new");
    assert_eq!(ps.buffer_size(), 1000);
    assert_eq!(ps.count(), 0);
    assert_eq!(ps.offset(), (4.0, 2.0));
    assert_eq!(ps.emitter_lifetime(), -1.0);
    assert_eq!(ps.sizes(), &[1.0]);
    assert_eq!(ps.colors(), &[[1.0; 4]]);
    assert!(ps.is_active() && !ps.is_paused() && !ps.is_stopped());
}

#[test]
fn particles_emit_caps_at_buffer_size() {
    let mut r = rng();
    let mut ps = ParticleSystem::new(texture(4, 4), 10).expect("new");
    ps.emit(4, &mut r);
    assert_eq!(ps.count(), 4);
    ps.emit(100, &mut r);
    assert_eq!(ps.count(), 10);
    ps.pause();
    ps.reset();
    ps.emit(3, &mut r);
    assert_eq!(ps.count(), 0, "an inactive system emits nothing");
}

#[test]
fn particles_update_emission_rate_and_lifetime() {
    let mut r = rng();
    let mut ps = ParticleSystem::new(texture(4, 4), 1000).expect("new");
    ps.set_emission_rate(10.0).expect("rate");
    ps.set_particle_lifetime(1.0, 1.0);
    for _ in 0..5 {
        ps.update(0.1, &mut r);
    }
    // 0.5 s at 10/s; float accumulation may leave the last one for the next frame.
    assert!((4..=5).contains(&ps.count()), "{}", ps.count());
    for _ in 0..20 {
        ps.update(0.1, &mut r);
    }
    // Steady state: one second of particles alive.
    assert!((9..=10).contains(&ps.count()), "{}", ps.count());
    assert!(ps.set_emission_rate(-1.0).is_err());
}

#[test]
fn particles_emitter_lifetime_stops() {
    let mut r = rng();
    let mut ps = ParticleSystem::new(texture(4, 4), 100).expect("new");
    ps.set_emitter_lifetime(0.25);
    ps.update(0.1, &mut r);
    assert!(ps.is_active());
    ps.update(0.2, &mut r);
    assert!(!ps.is_active() && ps.is_stopped() && !ps.is_paused());
    ps.start();
    ps.update(0.1, &mut r);
    ps.pause();
    assert!(ps.is_paused());
}

#[test]
fn particles_move_to_interpolates_emission_positions() {
    let mut r = rng();
    let mut ps = ParticleSystem::new(texture(4, 4), 100).expect("new");
    ps.set_emission_rate(100.0).expect("rate");
    ps.set_particle_lifetime(10.0, 10.0);
    ps.set_position(0.0, 0.0);
    ps.move_to(100.0, 0.0);
    ps.update(0.1, &mut r);
    let xs: Vec<f32> = positions(&ps).iter().map(|p| p.x).collect();
    assert!(xs.len() >= 9);
    // Spread from the old position towards the new one, in emission order.
    assert!(xs[0] < 1.0, "{xs:?}");
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
    assert!(*xs.last().expect("last") > 80.0, "{xs:?}");
}

#[test]
fn particles_linear_acceleration_and_damping() {
    let mut r = rng();
    let mut ps = ParticleSystem::new(texture(4, 4), 10).expect("new");
    ps.set_particle_lifetime(10.0, 10.0);
    ps.linear_acceleration = [0.0, 100.0, 0.0, 100.0];
    ps.emit(1, &mut r);
    ps.update(0.5, &mut r);
    // Semi-implicit Euler: v = 50, y = 25.
    assert!((positions(&ps)[0].y - 25.0).abs() < 1e-4);
    ps.reset();
    ps.speed = (10.0, 10.0);
    ps.linear_acceleration = [0.0; 4];
    ps.linear_damping = (1.0, 1.0);
    ps.emit(1, &mut r);
    ps.update(1.0, &mut r);
    // v = 10 / (1 + 1 * 1), x = 5.
    assert!((positions(&ps)[0].x - 5.0).abs() < 1e-4);
}

#[test]
fn particles_insert_modes_keep_the_list_consistent() {
    for mode in [InsertMode::Top, InsertMode::Bottom, InsertMode::Random] {
        let mut r = rng();
        let mut ps = ParticleSystem::new(texture(4, 4), 500).expect("new");
        ps.insert_mode = mode;
        ps.set_emission_rate(400.0).expect("rate");
        ps.set_particle_lifetime(0.1, 0.9);
        ps.speed = (10.0, 50.0);
        ps.spread = 6.0;
        for _ in 0..60 {
            ps.update(1.0 / 60.0, &mut r);
            check_links(&ps);
        }
        assert!(ps.count() > 50);
    }
}

#[test]
fn particles_insert_bottom_draws_newest_first() {
    let mut r = rng();
    let mut ps = ParticleSystem::new(texture(4, 4), 10).expect("new");
    ps.insert_mode = InsertMode::Bottom;
    ps.set_position(1.0, 0.0);
    ps.emit(1, &mut r);
    ps.set_position(2.0, 0.0);
    ps.emit(1, &mut r);
    let xs: Vec<f32> = positions(&ps).iter().map(|p| p.x).collect();
    assert_eq!(xs, vec![2.0, 1.0]);
}

#[test]
fn particles_sizes_and_colors_interpolate_over_life() {
    let mut r = rng();
    let mut ps = ParticleSystem::new(texture(4, 4), 10).expect("new");
    ps.set_particle_lifetime(1.0, 1.0);
    ps.set_sizes(vec![1.0, 3.0]);
    ps.set_colors(vec![[1.0, 0.0, 0.0, 1.0], [0.0, 0.0, 2.0, 0.0]]);
    ps.emit(1, &mut r);
    ps.update(0.5, &mut r);
    let p = ps.pool[0];
    assert!((p.size - 2.0).abs() < 1e-5);
    // Colours were clamped to [0, 1] when set.
    assert!((p.color[0] - 0.5).abs() < 1e-5 && (p.color[2] - 0.5).abs() < 1e-5);
    ps.update(0.6, &mut r);
    assert_eq!(ps.count(), 0, "dead after its lifetime");
}

#[test]
fn particles_quads_animate_and_reset_offset() {
    let mut r = rng();
    let mut ps = ParticleSystem::new(texture(8, 8), 10).expect("new");
    let q = |x: f32| Quad {
        x,
        y: 0.0,
        w: 2.0,
        h: 4.0,
        sw: 8.0,
        sh: 8.0,
        layer: 0,
    };
    ps.set_quads(vec![q(0.0), q(2.0), q(4.0), q(6.0)]);
    assert_eq!(ps.offset(), (1.0, 2.0));
    ps.set_particle_lifetime(1.0, 1.0);
    ps.emit(1, &mut r);
    ps.update(0.6, &mut r);
    assert_eq!(ps.pool[0].quad_index, 2);
    ps.set_offset(0.0, 0.0);
    ps.set_quads(vec![q(0.0)]);
    assert_eq!(ps.offset(), (0.0, 0.0), "an offset set by the game stays");
}

#[test]
fn particles_write_vertices_places_quads() {
    let mut r = rng();
    let mut ps = ParticleSystem::new(texture(4, 2), 10).expect("new");
    ps.set_position(10.0, 20.0);
    ps.emit(2, &mut r);
    let mut out = vec![Vertex::default(); 12];
    ps.write_vertices(&mut out, &Affine2::IDENTITY, [1.0; 4]);
    // Centred on the emitter (default offset: half the texture).
    assert_eq!(out[0].pos, [8.0, 19.0]);
    assert_eq!(out[2].pos, [12.0, 21.0]);
    assert_eq!(out[2].uv, [1.0, 1.0]);
    assert_eq!(out[0].color, [255; 4]);
}

#[test]
fn particles_clone_settings_has_no_particles() {
    let mut r = rng();
    let mut ps = ParticleSystem::new(texture(4, 4), 10).expect("new");
    ps.direction = 1.5;
    ps.emit(5, &mut r);
    let c = ps.clone_settings().expect("clone");
    assert_eq!(c.count(), 0);
    assert_eq!(c.buffer_size(), 10);
    assert_eq!(c.direction, 1.5);
}

#[test]
fn particles_same_seed_same_particles() {
    let run = || {
        let mut r = rng();
        let mut ps = ParticleSystem::new(texture(4, 4), 300).expect("new");
        ps.set_emission_rate(200.0).expect("rate");
        ps.set_particle_lifetime(0.5, 1.0);
        ps.area.distribution = Distribution::Normal;
        ps.area.dx = 5.0;
        ps.area.dy = 3.0;
        ps.speed = (20.0, 60.0);
        ps.spread = 3.0;
        for _ in 0..30 {
            ps.update(1.0 / 30.0, &mut r);
        }
        positions(&ps)
    };
    assert_eq!(run(), run());
}

#[test]
fn particles_update_infinite_dt_terminates() {
    let mut r = rng();
    let mut ps = ParticleSystem::new(texture(4, 4), 50).expect("new");
    ps.set_emission_rate(1000.0).expect("rate");
    ps.set_particle_lifetime(1.0, 1.0);
    // LÖVE loops forever here; the engine fills the pool and goes on.
    ps.update(f32::INFINITY, &mut r);
    assert_eq!(ps.count(), 50);
    ps.set_emission_rate(1e9).expect("rate");
    ps.update(10.0, &mut r);
    assert_eq!(ps.count(), 50);
    ps.update(f32::NAN, &mut r);
}

#[test]
fn particles_set_buffer_size_out_of_memory() {
    let mut ps = ParticleSystem::new(texture(4, 4), 10).expect("new");
    // Far beyond any machine's memory; LÖVE says "Out of memory" too.
    if ps.set_buffer_size(MAX_PARTICLES).is_ok() {
        assert_eq!(ps.buffer_size(), MAX_PARTICLES);
    }
    ps.set_buffer_size(5).expect("small");
    assert_eq!(ps.buffer_size(), 5);
}
