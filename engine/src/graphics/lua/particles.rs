//! ParticleSystem binding: `love.graphics.newParticleSystem` and the object's methods.
//! Argument checks and messages follow LÖVE 11.5's `wrap_ParticleSystem.cpp`.

use super::graphics;
use super::objects::{LoveObject, QuadUd, RELEASED, add_object_methods, texture_arg};
use crate::graphics::particles::{
    Distribution, EmissionArea, InsertMode, MAX_PARTICLES, MAX_STOPS, ParticleSystem, Range,
};
use crate::math::RandomGenerator;
use crate::runtime::args::{Args, lua_error};
use mlua::{AnyUserData, Lua, MultiValue, Table, UserData, UserDataMethods, Value};

/// The generator every ParticleSystem draws from.
// LOVE: one generator shared by all particle systems, seeded once with RandomGenerator's
// fixed default seed (love.math.setRandomSeed does not touch it), so particles come out
// the same on every run.
pub struct ParticleRng(pub RandomGenerator);

const DEFAULT_SEED: u64 = 0x0139_408D_CBBF_7A44;

pub struct ParticleSystemUd {
    ps: Option<ParticleSystem>,
    /// The Quad objects given to setQuads, so getQuads returns the same objects.
    quads: Vec<AnyUserData>,
}

impl LoveObject for ParticleSystemUd {
    fn types(&self) -> &'static [&'static str] {
        &["ParticleSystem", "Drawable", "Object"]
    }
    fn release(&mut self) -> bool {
        self.quads.clear();
        self.ps.take().is_some()
    }
}

impl ParticleSystemUd {
    fn get(&self, lua: &Lua) -> mlua::Result<&ParticleSystem> {
        self.ps.as_ref().ok_or_else(|| lua_error(lua, RELEASED))
    }
    fn get_mut(&mut self, lua: &Lua) -> mlua::Result<&mut ParticleSystem> {
        self.ps.as_mut().ok_or_else(|| lua_error(lua, RELEASED))
    }
}

const DISTRIBUTIONS: &[(&str, Distribution)] = &[
    ("none", Distribution::None),
    ("uniform", Distribution::Uniform),
    ("normal", Distribution::Normal),
    ("ellipse", Distribution::Ellipse),
    ("borderellipse", Distribution::BorderEllipse),
    ("borderrectangle", Distribution::BorderRectangle),
];

const INSERT_MODES: &[(&str, InsertMode)] = &[
    ("top", InsertMode::Top),
    ("bottom", InsertMode::Bottom),
    ("random", InsertMode::Random),
];

fn name_of<T: PartialEq + Copy>(table: &[(&'static str, T)], v: T) -> &'static str {
    table
        .iter()
        .find(|(_, x)| *x == v)
        .map(|(n, _)| *n)
        .unwrap_or("none")
}

fn rng(lua: &Lua) -> mlua::Result<mlua::AppDataRefMut<'_, ParticleRng>> {
    lua.app_data_mut::<ParticleRng>()
        .ok_or_else(|| mlua::Error::RuntimeError("love.graphics is not initialised".into()))
}

/// `min [, max]` (max defaults to min), as the range setters take them.
fn range_args(args: &Args) -> mlua::Result<Range> {
    let min = args.f32(1)?;
    Ok((min, args.opt_f32(2, min)?))
}

fn area_args(args: &Args, lua: &Lua) -> mlua::Result<EmissionArea> {
    let distribution = if args.is_none_or_nil(1) {
        Distribution::None
    } else {
        args.enumeration(1, "particle distribution", DISTRIBUTIONS)?
    };
    let mut area = EmissionArea {
        distribution,
        dx: 0.0,
        dy: 0.0,
        angle: 0.0,
        relative_direction: false,
    };
    if distribution != Distribution::None {
        area.dx = args.f32(2)?;
        area.dy = args.f32(3)?;
        if area.dx < 0.0 || area.dy < 0.0 {
            return Err(lua_error(
                lua,
                "Invalid area spread parameters (must be >= 0)",
            ));
        }
        area.angle = args.opt_f32(4, 0.0)?;
        area.relative_direction = args.opt_bool(5, false);
    }
    Ok(area)
}

fn colors_args(args: &Args, lua: &Lua) -> mlua::Result<Vec<[f32; 4]>> {
    let many = || lua_error(lua, "At most eight (8) colors may be used.");
    if let Value::Table(_) = args.get(1) {
        let n = args.len();
        if n > MAX_STOPS {
            return Err(many());
        }
        let mut out = Vec::with_capacity(n);
        for i in 1..=n {
            let t = args.table(i)?;
            if t.raw_len() < 3 {
                return Err(args.error(i, "expected 4 color components"));
            }
            let mut c = [1.0f32; 4];
            for (j, slot) in c.iter_mut().enumerate() {
                let v = t.raw_get::<Value>(j + 1)?;
                *slot = match v {
                    Value::Number(x) => x as f32,
                    Value::Integer(x) => x as f32,
                    Value::Nil if j == 3 => 1.0,
                    other => {
                        // LOVE: luaL_checknumber(L, -4 + j) after pushing the four
                        // components; LuaJIT turns that into this absolute position.
                        let at = (n + 2 + j) as i64;
                        let got = crate::runtime::args::type_name(&other);
                        return Err(args.error_at(at, format!("number expected, got {got}")));
                    }
                };
            }
            out.push(c);
        }
        return Ok(out);
    }
    let n = args.len();
    if n != 3 && (!n.is_multiple_of(4) || n == 0) {
        return Err(lua_error(
            lua,
            format!(
                "Expected red, green, blue, and alpha. Only got {} of 4 components.",
                n % 4
            ),
        ));
    }
    let count = n.div_ceil(4);
    if count > MAX_STOPS {
        return Err(many());
    }
    (0..count)
        .map(|i| {
            let k = i * 4;
            Ok([
                args.f32(k + 1)?,
                args.f32(k + 2)?,
                args.f32(k + 3)?,
                args.f32(k + 4)?,
            ])
        })
        .collect()
}

fn quad_of(lua: &Lua, u: &AnyUserData) -> Option<mlua::Result<crate::graphics::texture::Quad>> {
    u.borrow::<QuadUd>().ok().map(|q| q.get(lua))
}

/// `setQuads(q1, q2, ...)` or `setQuads({q1, q2, ...})`.
fn quads_args(
    args: &Args,
    lua: &Lua,
) -> mlua::Result<(Vec<AnyUserData>, Vec<crate::graphics::texture::Quad>)> {
    let mut uds = Vec::new();
    let mut quads = Vec::new();
    let mut push = |v: Value, n: i64| -> mlua::Result<()> {
        if let Value::UserData(u) = &v
            && let Some(q) = quad_of(lua, u)
        {
            quads.push(q?);
            uds.push(u.clone());
            return Ok(());
        }
        let got = crate::runtime::args::type_name(&v);
        Err(args.error_at(n, format!("Quad expected, got {got}")))
    };
    if let Value::Table(t) = args.get(1) {
        // LOVE: each element is checked at the top of the stack (reported as this index).
        let at = args.len() as i64 + 2;
        for i in 1..=t.raw_len() {
            push(t.raw_get::<Value>(i)?, at)?;
        }
    } else {
        for i in 1..=args.len() {
            push(args.get(i).clone(), i as i64)?;
        }
    }
    Ok((uds, quads))
}

/// Adds `get<name>` / `set<name>` for a (min [, max]) setting.
fn range_methods<M: UserDataMethods<ParticleSystemUd>>(
    m: &mut M,
    get: &'static str,
    set: &'static str,
    field: fn(&mut ParticleSystem) -> &mut Range,
) {
    m.add_method_mut(set, move |lua, this, a: MultiValue| {
        let r = range_args(&Args::new(lua, a, set))?;
        *field(this.get_mut(lua)?) = r;
        Ok(())
    });
    m.add_method_mut(get, move |lua, this, ()| {
        let (a, b) = *field(this.get_mut(lua)?);
        Ok((a as f64, b as f64))
    });
}

/// Adds `get<name>` / `set<name>` for a plain number setting.
fn number_methods<M: UserDataMethods<ParticleSystemUd>>(
    m: &mut M,
    get: &'static str,
    set: &'static str,
    field: fn(&mut ParticleSystem) -> &mut f32,
) {
    m.add_method_mut(set, move |lua, this, a: MultiValue| {
        let v = Args::new(lua, a, set).f32(1)?;
        *field(this.get_mut(lua)?) = v;
        Ok(())
    });
    m.add_method_mut(get, move |lua, this, ()| {
        Ok(*field(this.get_mut(lua)?) as f64)
    });
}

fn add_setting_methods<M: UserDataMethods<ParticleSystemUd>>(m: &mut M) {
    range_methods(m, "getSpeed", "setSpeed", |p| &mut p.speed);
    range_methods(m, "getRadialAcceleration", "setRadialAcceleration", |p| {
        &mut p.radial_acceleration
    });
    range_methods(
        m,
        "getTangentialAcceleration",
        "setTangentialAcceleration",
        |p| &mut p.tangential_acceleration,
    );
    range_methods(m, "getLinearDamping", "setLinearDamping", |p| {
        &mut p.linear_damping
    });
    range_methods(m, "getRotation", "setRotation", |p| &mut p.rotation);
    range_methods(m, "getSpin", "setSpin", |p| &mut p.spin);
    number_methods(m, "getDirection", "setDirection", |p| &mut p.direction);
    number_methods(m, "getSpread", "setSpread", |p| &mut p.spread);
    number_methods(m, "getSpinVariation", "setSpinVariation", |p| {
        &mut p.spin_variation
    });
    m.add_method_mut("setSizeVariation", |lua, this, a: MultiValue| {
        let v = Args::new(lua, a, "setSizeVariation").f32(1)?;
        if !(0.0..=1.0).contains(&v) {
            return Err(lua_error(
                lua,
                "Size variation has to be between 0 and 1, inclusive.",
            ));
        }
        this.get_mut(lua)?.size_variation = v;
        Ok(())
    });
    m.add_method("getSizeVariation", |lua, this, ()| {
        Ok(this.get(lua)?.size_variation as f64)
    });
    m.add_method_mut("setLinearAcceleration", |lua, this, a: MultiValue| {
        let args = Args::new(lua, a, "setLinearAcceleration");
        let (xmin, ymin) = (args.f32(1)?, args.f32(2)?);
        let (xmax, ymax) = (args.opt_f32(3, xmin)?, args.opt_f32(4, ymin)?);
        this.get_mut(lua)?.linear_acceleration = [xmin, ymin, xmax, ymax];
        Ok(())
    });
    m.add_method("getLinearAcceleration", |lua, this, ()| {
        let a = this.get(lua)?.linear_acceleration;
        Ok((a[0] as f64, a[1] as f64, a[2] as f64, a[3] as f64))
    });
    m.add_method_mut("setEmissionRate", |lua, this, a: MultiValue| {
        let v = Args::new(lua, a, "setEmissionRate").f32(1)?;
        this.get_mut(lua)?
            .set_emission_rate(v)
            .map_err(|e| lua_error(lua, e))
    });
    m.add_method("getEmissionRate", |lua, this, ()| {
        Ok(this.get(lua)?.emission_rate() as f64)
    });
    m.add_method_mut("setEmitterLifetime", |lua, this, a: MultiValue| {
        let v = Args::new(lua, a, "setEmitterLifetime").f32(1)?;
        this.get_mut(lua)?.set_emitter_lifetime(v);
        Ok(())
    });
    m.add_method("getEmitterLifetime", |lua, this, ()| {
        Ok(this.get(lua)?.emitter_lifetime() as f64)
    });
    m.add_method_mut("setParticleLifetime", |lua, this, a: MultiValue| {
        let (min, max) = range_args(&Args::new(lua, a, "setParticleLifetime"))?;
        if min < 0.0 || max < 0.0 {
            return Err(lua_error(lua, "Invalid particle lifetime (must be >= 0)"));
        }
        this.get_mut(lua)?.set_particle_lifetime(min, max);
        Ok(())
    });
    m.add_method("getParticleLifetime", |lua, this, ()| {
        let (a, b) = this.get(lua)?.particle_lifetime();
        Ok((a as f64, b as f64))
    });
    m.add_method_mut("setEmissionArea", |lua, this, a: MultiValue| {
        let area = area_args(&Args::new(lua, a, "setEmissionArea"), lua)?;
        this.get_mut(lua)?.area = area;
        Ok(())
    });
    m.add_method("getEmissionArea", |lua, this, ()| {
        let a = this.get(lua)?.area;
        Ok((
            name_of(DISTRIBUTIONS, a.distribution),
            a.dx as f64,
            a.dy as f64,
            a.angle as f64,
            a.relative_direction,
        ))
    });
    // Deprecated in 11.0, still present in 11.5.
    m.add_method_mut("setAreaSpread", |lua, this, a: MultiValue| {
        let args = Args::new(lua, a, "setAreaSpread");
        let mut area = area_args(&args, lua)?;
        area.angle = 0.0;
        area.relative_direction = false;
        this.get_mut(lua)?.area = area;
        Ok(())
    });
    m.add_method("getAreaSpread", |lua, this, ()| {
        let a = this.get(lua)?.area;
        Ok((
            name_of(DISTRIBUTIONS, a.distribution),
            a.dx as f64,
            a.dy as f64,
        ))
    });
    m.add_method_mut("setSizes", |lua, this, a: MultiValue| {
        let args = Args::new(lua, a, "setSizes");
        if args.len() > MAX_STOPS {
            return Err(lua_error(lua, "At most eight (8) sizes may be used."));
        }
        let n = args.len().max(1);
        let sizes = (1..=n).map(|k| args.f32(k)).collect::<mlua::Result<_>>()?;
        this.get_mut(lua)?.set_sizes(sizes);
        Ok(())
    });
    m.add_method("getSizes", |lua, this, ()| {
        let s = this.get(lua)?.sizes();
        Ok(MultiValue::from_iter(
            s.iter().map(|x| Value::Number(*x as f64)),
        ))
    });
    m.add_method_mut("setColors", |lua, this, a: MultiValue| {
        let colors = colors_args(&Args::new(lua, a, "setColors"), lua)?;
        this.get_mut(lua)?.set_colors(colors);
        Ok(())
    });
    m.add_method("getColors", |lua, this, ()| {
        let mut out = MultiValue::new();
        for c in this.get(lua)?.colors() {
            let t = lua.create_sequence_from(c.iter().map(|x| *x as f64))?;
            out.push_back(Value::Table(t));
        }
        Ok(out)
    });
    m.add_method_mut("setOffset", |lua, this, a: MultiValue| {
        let args = Args::new(lua, a, "setOffset");
        let (x, y) = (args.f32(1)?, args.f32(2)?);
        this.get_mut(lua)?.set_offset(x, y);
        Ok(())
    });
    m.add_method("getOffset", |lua, this, ()| {
        let (x, y) = this.get(lua)?.offset();
        Ok((x as f64, y as f64))
    });
    m.add_method_mut("setRelativeRotation", |lua, this, a: MultiValue| {
        let v = Args::new(lua, a, "setRelativeRotation").boolean(1)?;
        this.get_mut(lua)?.relative_rotation = v;
        Ok(())
    });
    m.add_method("hasRelativeRotation", |lua, this, ()| {
        Ok(this.get(lua)?.relative_rotation)
    });
    m.add_method_mut("setInsertMode", |lua, this, a: MultiValue| {
        let mode =
            Args::new(lua, a, "setInsertMode").enumeration(1, "insert mode", INSERT_MODES)?;
        this.get_mut(lua)?.insert_mode = mode;
        Ok(())
    });
    m.add_method("getInsertMode", |lua, this, ()| {
        Ok(name_of(INSERT_MODES, this.get(lua)?.insert_mode))
    });
}

fn add_state_methods<M: UserDataMethods<ParticleSystemUd>>(m: &mut M) {
    m.add_method_mut("setPosition", |lua, this, a: MultiValue| {
        let args = Args::new(lua, a, "setPosition");
        let (x, y) = (args.f32(1)?, args.f32(2)?);
        this.get_mut(lua)?.set_position(x, y);
        Ok(())
    });
    m.add_method("getPosition", |lua, this, ()| {
        let (x, y) = this.get(lua)?.position();
        Ok((x as f64, y as f64))
    });
    m.add_method_mut("moveTo", |lua, this, a: MultiValue| {
        let args = Args::new(lua, a, "moveTo");
        let (x, y) = (args.f32(1)?, args.f32(2)?);
        this.get_mut(lua)?.move_to(x, y);
        Ok(())
    });
    m.add_method_mut("setBufferSize", |lua, this, a: MultiValue| {
        let n = Args::new(lua, a, "setBufferSize").number(1)?;
        if !(1.0..=MAX_PARTICLES as f64).contains(&n) {
            return Err(lua_error(lua, "Invalid buffer size"));
        }
        this.get_mut(lua)?
            .set_buffer_size(n as u32)
            .map_err(|e| lua_error(lua, e))
    });
    m.add_method("getBufferSize", |lua, this, ()| {
        Ok(this.get(lua)?.buffer_size())
    });
    m.add_method("getCount", |lua, this, ()| Ok(this.get(lua)?.count()));
    m.add_method_mut("emit", |lua, this, a: MultiValue| {
        // LOVE: the count goes through an int into an unsigned: -1 emits a full buffer.
        let n = Args::new(lua, a, "emit").integer(1)? as i32 as u32;
        let ps = this.get_mut(lua)?;
        ps.emit(n, &mut rng(lua)?.0);
        Ok(())
    });
    m.add_method_mut("update", |lua, this, a: MultiValue| {
        let dt = Args::new(lua, a, "update").f32(1)?;
        let ps = this.get_mut(lua)?;
        ps.update(dt, &mut rng(lua)?.0);
        Ok(())
    });
    m.add_method_mut("start", |lua, this, ()| {
        this.get_mut(lua)?.start();
        Ok(())
    });
    m.add_method_mut("stop", |lua, this, ()| {
        this.get_mut(lua)?.stop();
        Ok(())
    });
    m.add_method_mut("pause", |lua, this, ()| {
        this.get_mut(lua)?.pause();
        Ok(())
    });
    m.add_method_mut("reset", |lua, this, ()| {
        this.get_mut(lua)?.reset();
        Ok(())
    });
    m.add_method("isActive", |lua, this, ()| Ok(this.get(lua)?.is_active()));
    m.add_method("isPaused", |lua, this, ()| Ok(this.get(lua)?.is_paused()));
    m.add_method("isStopped", |lua, this, ()| Ok(this.get(lua)?.is_stopped()));
    m.add_method_mut("setTexture", |lua, this, a: MultiValue| {
        let t = texture_arg(&Args::new(lua, a, "setTexture"), lua, 1)?;
        super::layers::check_particle_texture(lua, &t)?;
        this.get_mut(lua)?.set_texture(t);
        Ok(())
    });
    m.add_method("getTexture", |lua, this, ()| {
        // The object the game passed in (texture_object keeps identity).
        super::objects::texture_object(lua, this.get(lua)?.texture.clone())
    });
    m.add_method_mut("setQuads", |lua, this, a: MultiValue| {
        let (uds, quads) = quads_args(&Args::new(lua, a, "setQuads"), lua)?;
        this.get_mut(lua)?.set_quads(quads);
        this.quads = uds;
        Ok(())
    });
    m.add_method("getQuads", |lua, this, ()| {
        this.get(lua)?;
        lua.create_sequence_from(this.quads.iter().cloned())
    });
    m.add_method("clone", |lua, this, ()| {
        Ok(ParticleSystemUd {
            ps: Some(
                this.get(lua)?
                    .clone_settings()
                    .map_err(|e| lua_error(lua, e))?,
            ),
            quads: this.quads.clone(),
        })
    });
}

impl UserData for ParticleSystemUd {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        add_setting_methods(m);
        add_state_methods(m);
    }
}

/// `love.graphics.draw(particlesystem, ...)`; `local` is the placement.
pub fn draw(lua: &Lua, u: &AnyUserData, local: &glam::Affine2) -> mlua::Result<()> {
    let mut this = u.borrow_mut::<ParticleSystemUd>()?;
    let ParticleSystemUd { ps, quads } = &mut *this;
    let ps = ps.as_mut().ok_or_else(|| lua_error(lua, RELEASED))?;
    // A Quad can change after setQuads (LÖVE keeps a reference to it).
    for (i, q) in quads.iter().enumerate() {
        if let Some(Ok(q)) = quad_of(lua, q) {
            ps.update_quad(i, q);
        }
    }
    super::canvas_formats::check_sampled(lua, &ps.texture)?;
    let mut g = graphics(lua)?;
    if g.state.canvases.iter().any(|c| c.id == ps.texture.id) {
        return Err(lua_error(lua, super::drawing::SELF_RENDER));
    }
    g.draw_particles(ps, local);
    Ok(())
}

fn new_particle_system(lua: &Lua, a: MultiValue) -> mlua::Result<ParticleSystemUd> {
    let args = Args::new(lua, a, "newParticleSystem");
    let texture = texture_arg(&args, lua, 1)?;
    super::layers::check_particle_texture(lua, &texture)?;
    let size = args.opt_number(2, 1000.0)?;
    if size.is_nan() {
        // LOVE: NaN passes the binding's check and fails in the constructor.
        return Err(lua_error(lua, "Invalid ParticleSystem size."));
    }
    if !(1.0..=MAX_PARTICLES as f64).contains(&size) {
        return Err(lua_error(lua, "Invalid ParticleSystem size"));
    }
    let ps = ParticleSystem::new(texture, size as u32).map_err(|e| lua_error(lua, e))?;
    Ok(ParticleSystemUd {
        ps: Some(ps),
        quads: Vec::new(),
    })
}

pub fn register(lua: &Lua, g: &Table) -> mlua::Result<()> {
    lua.set_app_data(ParticleRng(RandomGenerator::new(DEFAULT_SEED)));
    g.set(
        "newParticleSystem",
        lua.create_function(new_particle_system)?,
    )
}
