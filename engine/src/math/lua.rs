//! `love.math` bindings: the global random generator, RandomGenerator and BezierCurve
//! objects, noise, triangulation, gamma and colour-byte helpers.

use super::bezier::BezierCurve;
use super::{RandomGenerator, noise};
use crate::graphics::lua::objects::{LoveObject, add_object_methods};
use crate::runtime::args::{Args, lua_error};
use mlua::{Lua, MultiValue, Table, UserData, UserDataMethods, Value};

/// The generator behind love.math.random.
pub struct GlobalRandom(pub RandomGenerator);

/// LOVE: RandomGenerator() without a seed starts from this fixed seed.
const DEFAULT_SEED: u64 = 0x0139_408D_CBBF_7A44;

struct RandomObject(Option<RandomGenerator>);
struct BezierObject(Option<BezierCurve>);

const RELEASED: &str = "Cannot use object after it has been released.";

/// A Lua object wrapping a value that `release()` can drop.
trait Releasable: 'static {
    type Inner;
    const NAME: &'static str;
    fn inner(&mut self) -> Option<&mut Self::Inner>;
}

impl Releasable for RandomObject {
    type Inner = RandomGenerator;
    const NAME: &'static str = "RandomGenerator";
    fn inner(&mut self) -> Option<&mut RandomGenerator> {
        self.0.as_mut()
    }
}

impl Releasable for BezierObject {
    type Inner = BezierCurve;
    const NAME: &'static str = "BezierCurve";
    fn inner(&mut self) -> Option<&mut BezierCurve> {
        self.0.as_mut()
    }
}

/// Borrows the object at argument 1 (self), with LÖVE's errors for a wrong type or a
/// released object.
fn with_self<T: Releasable, R>(
    args: &Args,
    lua: &Lua,
    f: impl FnOnce(&mut T::Inner) -> mlua::Result<R>,
) -> mlua::Result<R> {
    let Value::UserData(ud) = args.get(1) else {
        return Err(args.type_error(1, T::NAME));
    };
    let mut obj = ud
        .borrow_mut::<T>()
        .map_err(|_| args.type_error(1, T::NAME))?;
    match obj.inner() {
        Some(inner) => f(inner),
        None => Err(lua_error(lua, RELEASED)),
    }
}

impl LoveObject for RandomObject {
    fn types(&self) -> &'static [&'static str] {
        &["RandomGenerator", "Object"]
    }
    fn release(&mut self) -> bool {
        self.0.take().is_some()
    }
}

impl LoveObject for BezierObject {
    fn types(&self) -> &'static [&'static str] {
        &["BezierCurve", "Object"]
    }
    fn release(&mut self) -> bool {
        self.0.take().is_some()
    }
}

fn seed_args(args: &Args, at: usize) -> mlua::Result<u64> {
    if !args.is_none_or_nil(at + 1) {
        let low = args.number(at)? as u64 & 0xFFFF_FFFF;
        let high = args.number(at + 1)? as u64 & 0xFFFF_FFFF;
        return Ok(high << 32 | low);
    }
    let n = args.number(at)?;
    if !n.is_finite() {
        return Err(args.error(at, "invalid random seed"));
    }
    Ok(n as i64 as u64)
}

/// random([[min,] max]) on a generator; `at` is the first number's argument position.
fn random_call(rng: &mut RandomGenerator, args: &Args, at: usize) -> mlua::Result<f64> {
    let n = args.len().saturating_sub(at - 1);
    if n == 0 || args.is_none_or_nil(at) {
        return Ok(rng.random());
    }
    let (lo, hi) = if n >= 2 && !args.is_none_or_nil(at + 1) {
        (args.number(at)?, args.number(at + 1)?)
    } else {
        (1.0, args.number(at)?)
    };
    Ok(rng.random_range(lo, hi))
}

fn normal_call(rng: &mut RandomGenerator, args: &Args, at: usize) -> mlua::Result<f64> {
    let stddev = args.opt_number(at, 1.0)?;
    let mean = args.opt_number(at + 1, 0.0)?;
    Ok(rng.random_normal(stddev, mean))
}

impl UserData for RandomObject {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        m.add_function("random", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "random");
            with_self::<RandomObject, _>(&args, lua, |r| random_call(r, &args, 2))
        });
        m.add_function("randomNormal", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "randomNormal");
            with_self::<RandomObject, _>(&args, lua, |r| normal_call(r, &args, 2))
        });
        m.add_function("setSeed", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "setSeed");
            let seed = seed_args(&args, 2)?;
            with_self::<RandomObject, _>(&args, lua, |r| {
                r.set_seed(seed);
                Ok(())
            })
        });
        m.add_function("getSeed", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getSeed");
            with_self::<RandomObject, _>(&args, lua, |r| {
                let s = r.seed();
                Ok((s & 0xFFFF_FFFF, s >> 32))
            })
        });
        m.add_function("getState", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getState");
            with_self::<RandomObject, _>(&args, lua, |r| Ok(r.state()))
        });
        m.add_function("setState", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "setState");
            let s = args.string(2)?;
            with_self::<RandomObject, _>(&args, lua, |r| {
                r.set_state(&s).map_err(|e| lua_error(lua, e))
            })
        });
    }
}

/// Points from `(x1, y1, x2, y2, ...)` or `({x1, y1, ...})` starting at argument `at`.
fn points_args(args: &Args, at: usize) -> mlua::Result<Vec<(f64, f64)>> {
    let mut nums = Vec::new();
    if let Value::Table(t) = args.get(at) {
        for v in t.sequence_values::<Value>() {
            nums.push(match v? {
                Value::Number(n) => n,
                Value::Integer(i) => i as f64,
                _ => return Err(args.type_error(at, "number")),
            });
        }
    } else {
        for i in at..=args.len() {
            nums.push(args.number(i)?);
        }
    }
    if !nums.len().is_multiple_of(2) {
        return Err(args.error(at, "number of vertex components must be a multiple of two"));
    }
    Ok(nums.chunks(2).map(|c| (c[0], c[1])).collect())
}

fn flat(lua: &Lua, pts: &[(f64, f64)]) -> mlua::Result<Table> {
    let t = lua.create_table_with_capacity(pts.len() * 2, 0)?;
    for (i, (x, y)) in pts.iter().enumerate() {
        t.raw_set(i * 2 + 1, *x)?;
        t.raw_set(i * 2 + 2, *y)?;
    }
    Ok(t)
}

/// LÖVE's control-point index: 1-based, negative from the end, wrapping around.
fn wrap_index(i: i64, n: usize) -> usize {
    let n = n as i64;
    let mut i = if i > 0 { i - 1 } else { i };
    while i < 0 {
        i += n;
    }
    while i >= n {
        i -= n;
    }
    i as usize
}

impl UserData for BezierObject {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        macro_rules! method {
            ($name:literal, |$lua:ident, $args:ident, $c:ident| $body:expr) => {
                m.add_function($name, |$lua, a: MultiValue| {
                    let $args = Args::new($lua, a, $name);
                    with_self::<BezierObject, _>(&$args, $lua, |$c| $body)
                });
            };
        }
        method!("getDegree", |lua, args, c| Ok(c.degree()));
        method!("getControlPointCount", |lua, args, c| Ok(c.points.len()));
        method!("evaluate", |lua, args, c| {
            let t = args.number(2)?;
            c.evaluate(t).map_err(|e| lua_error(lua, e))
        });
        method!("getControlPoint", |lua, args, c| {
            let i = args.integer(2)?;
            if c.points.is_empty() {
                return Err(lua_error(lua, "Curve contains no control points."));
            }
            Ok(c.points[wrap_index(i, c.points.len())])
        });
        method!("setControlPoint", |lua, args, c| {
            let (i, x, y) = (args.integer(2)?, args.number(3)?, args.number(4)?);
            if c.points.is_empty() {
                return Err(lua_error(lua, "Curve contains no control points."));
            }
            let k = wrap_index(i, c.points.len());
            c.points[k] = (x, y);
            Ok(())
        });
        method!("insertControlPoint", |lua, args, c| {
            let (x, y) = (args.number(2)?, args.number(3)?);
            let i = args.opt_integer(4, -1)?;
            let k = if c.points.is_empty() {
                0
            } else {
                wrap_index(i, c.points.len())
            };
            c.points.insert(k, (x, y));
            Ok(())
        });
        method!("removeControlPoint", |lua, args, c| {
            let i = args.integer(2)?;
            if c.points.is_empty() {
                return Err(lua_error(lua, "No control points to remove."));
            }
            let k = wrap_index(i, c.points.len());
            c.points.remove(k);
            Ok(())
        });
        method!("translate", |lua, args, c| {
            let (dx, dy) = (args.number(2)?, args.number(3)?);
            c.points.iter_mut().for_each(|p| *p = (p.0 + dx, p.1 + dy));
            Ok(())
        });
        method!("rotate", |lua, args, c| {
            let (a, ox, oy) = (
                args.number(2)?,
                args.opt_number(3, 0.0)?,
                args.opt_number(4, 0.0)?,
            );
            let (s, co) = a.sin_cos();
            c.points.iter_mut().for_each(|p| {
                let (x, y) = (p.0 - ox, p.1 - oy);
                *p = (x * co - y * s + ox, x * s + y * co + oy);
            });
            Ok(())
        });
        method!("scale", |lua, args, c| {
            let (f, ox, oy) = (
                args.number(2)?,
                args.opt_number(3, 0.0)?,
                args.opt_number(4, 0.0)?,
            );
            c.points
                .iter_mut()
                .for_each(|p| *p = ((p.0 - ox) * f + ox, (p.1 - oy) * f + oy));
            Ok(())
        });
        method!("render", |lua, args, c| {
            let depth = args.opt_integer(2, 5)?.clamp(0, 16) as u32;
            let pts = c.render(depth).map_err(|e| lua_error(lua, e))?;
            flat(lua, &pts)
        });
        method!("renderSegment", |lua, args, c| {
            let (t1, t2) = (args.number(2)?, args.number(3)?);
            let depth = args.opt_integer(4, 5)?.clamp(0, 16) as u32;
            let pts = c.render(depth).map_err(|e| lua_error(lua, e))?;
            flat(lua, super::bezier::segment_slice(&pts, t1, t2))
        });
        method!("getDerivative", |lua, args, c| {
            let d = c.derivative().map_err(|e| lua_error(lua, e))?;
            lua.create_userdata(BezierObject(Some(d)))
        });
        method!("getSegment", |lua, args, c| {
            let (t1, t2) = (args.number(2)?, args.number(3)?);
            let s = c.segment(t1, t2).map_err(|e| lua_error(lua, e))?;
            lua.create_userdata(BezierObject(Some(s)))
        });
    }
}

fn global(lua: &Lua) -> mlua::Result<mlua::AppDataRefMut<'_, GlobalRandom>> {
    lua.app_data_mut::<GlobalRandom>()
        .ok_or_else(|| mlua::Error::RuntimeError("love.math is not initialised".into()))
}

/// Seeds love.math's generator and Lua's math.random (LÖVE seeds both at startup).
pub fn seed_all(lua: &Lua, seed: u64) -> mlua::Result<()> {
    global(lua)?.0.set_seed(seed);
    let randomseed: mlua::Function = lua.globals().get::<Table>("math")?.get("randomseed")?;
    randomseed.call::<()>((seed & 0x7FFF_FFFF) as f64)
}

/// Colour components from `(r, g, b [, a])` or `({r, g, b [, a]})`; missing alpha stays nil.
fn components(args: &Args) -> mlua::Result<Vec<Option<f64>>> {
    if let Value::Table(t) = args.get(1) {
        let mut out = Vec::new();
        for i in 1..=4 {
            out.push(match t.raw_get::<Value>(i)? {
                Value::Number(n) => Some(n),
                Value::Integer(n) => Some(n as f64),
                _ if i == 4 => None,
                _ => return Err(args.type_error(1, "number")),
            });
        }
        return Ok(out);
    }
    let mut out = vec![
        Some(args.number(1)?),
        Some(args.number(2)?),
        Some(args.number(3)?),
    ];
    out.push(if args.is_none_or_nil(4) {
        None
    } else {
        Some(args.number(4)?)
    });
    Ok(out)
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    lua.set_app_data(GlobalRandom(RandomGenerator::new(seed)));
    // Another module (graphics, for newTransform) may have created love.math already.
    let m: Table = match love.get::<Value>("math")? {
        Value::Table(t) => t,
        _ => lua.create_table()?,
    };

    m.set(
        "random",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "random");
            random_call(&mut global(lua)?.0, &args, 1)
        })?,
    )?;
    m.set(
        "randomNormal",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "randomNormal");
            normal_call(&mut global(lua)?.0, &args, 1)
        })?,
    )?;
    m.set(
        "setRandomSeed",
        lua.create_function(|lua, a: MultiValue| {
            let seed = seed_args(&Args::new(lua, a, "setRandomSeed"), 1)?;
            global(lua)?.0.set_seed(seed);
            Ok(())
        })?,
    )?;
    m.set(
        "getRandomSeed",
        lua.create_function(|lua, ()| {
            let s = global(lua)?.0.seed();
            Ok((s & 0xFFFF_FFFF, s >> 32))
        })?,
    )?;
    m.set(
        "getRandomState",
        lua.create_function(|lua, ()| Ok(global(lua)?.0.state()))?,
    )?;
    m.set(
        "setRandomState",
        lua.create_function(|lua, a: MultiValue| {
            let s = Args::new(lua, a, "setRandomState").string(1)?;
            let r = global(lua)?.0.set_state(&s);
            r.map_err(|e| lua_error(lua, e))
        })?,
    )?;
    m.set(
        "newRandomGenerator",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "newRandomGenerator");
            let seed = if args.is_none_or_nil(1) {
                DEFAULT_SEED
            } else {
                seed_args(&args, 1)?
            };
            lua.create_userdata(RandomObject(Some(RandomGenerator::new(seed))))
        })?,
    )?;
    m.set(
        "newBezierCurve",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "newBezierCurve");
            let points = points_args(&args, 1)?;
            lua.create_userdata(BezierObject(Some(BezierCurve { points })))
        })?,
    )?;
    m.set(
        "noise",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "noise");
            let x = args.f32(1)?;
            let v = match args.len() {
                0 | 1 => noise::noise1(x),
                2 => noise::noise2(x, args.f32(2)?),
                3 => noise::noise3(x, args.f32(2)?, args.f32(3)?),
                _ => noise::noise4(x, args.f32(2)?, args.f32(3)?, args.f32(4)?),
            };
            Ok(v as f64 * 0.5 + 0.5)
        })?,
    )?;
    m.set(
        "triangulate",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "triangulate");
            let pts = points_args(&args, 1)?;
            let tris = super::triangulate(&pts).map_err(|e| lua_error(lua, e))?;
            let out = lua.create_table_with_capacity(tris.len(), 0)?;
            for (i, [a, b, c]) in tris.iter().enumerate() {
                out.raw_set(i + 1, flat(lua, &[pts[*a], pts[*b], pts[*c]])?)?;
            }
            Ok(out)
        })?,
    )?;
    m.set(
        "isConvex",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "isConvex");
            let pts = points_args(&args, 1)?;
            Ok(super::is_convex(&pts))
        })?,
    )?;
    for (name, f) in [
        ("gammaToLinear", super::gamma_to_linear as fn(f64) -> f64),
        ("linearToGamma", super::linear_to_gamma as fn(f64) -> f64),
    ] {
        m.set(
            name,
            lua.create_function(move |lua, a: MultiValue| {
                let args = Args::new(
                    lua,
                    a,
                    if name == "gammaToLinear" {
                        "gammaToLinear"
                    } else {
                        "linearToGamma"
                    },
                );
                let mut out = MultiValue::new();
                if let Value::Table(t) = args.get(1) {
                    for (i, v) in t.sequence_values::<f64>().take(4).enumerate() {
                        let v = v?;
                        out.push_back(Value::Number(if i < 3 { f(v) } else { v }));
                    }
                    return Ok(out);
                }
                for i in 1..=args.len().max(1) {
                    let v = args.number(i)?;
                    // LOVE: alpha (a 4th value) is linear already.
                    out.push_back(Value::Number(if i <= 3 { f(v) } else { v }));
                }
                Ok(out)
            })?,
        )?;
    }
    m.set(
        "colorToBytes",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "colorToBytes");
            let c = components(&args)?;
            Ok(c.into_iter()
                .map(|v| {
                    v.map_or(Value::Nil, |x| {
                        Value::Number((x.clamp(0.0, 1.0) * 255.0 + 0.5).floor())
                    })
                })
                .collect::<MultiValue>())
        })?,
    )?;
    m.set(
        "colorFromBytes",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "colorFromBytes");
            let c = components(&args)?;
            Ok(c.into_iter()
                .map(|v| {
                    v.map_or(Value::Nil, |x| {
                        Value::Number(x.clamp(0.0, 255.0).floor() / 255.0)
                    })
                })
                .collect::<MultiValue>())
        })?,
    )?;
    love.set("math", m)
}
