//! Drawing bindings: draw (textures, quads, Transform objects, sprite batches, meshes)
//! and the shapes (rectangle, circle, ellipse, arc, polygon, line, points).

use super::batches::{MeshUd, SpriteBatchUd};
use super::fast::{Fast, FastArgs, Kind};
use super::graphics;
use super::objects::{QuadUd, TextureUd, TransformUd, placement};
use crate::graphics::shapes::ArcMode;
use crate::graphics::{DrawMode, Graphics};
use crate::runtime::args::{Args, lua_error};
use glam::{Affine2, Vec2};
use mlua::{AnyUserData, Lua, MultiValue, Table, Value};

// LOVE lists the options in this order in its error message.
const DRAW_MODES: &[(&str, DrawMode)] = &[("line", DrawMode::Line), ("fill", DrawMode::Fill)];

/// LÖVE 11.5's wording (11.4 said "Cannot render a Canvas to itself!").
pub const SELF_RENDER: &str = "Cannot render a Texture to itself.";

/// The placement of a draw: a Transform object at `at`, or x, y, r, sx, sy, ox, oy, kx, ky.
fn local(args: &Args, lua: &Lua, at: usize) -> mlua::Result<Affine2> {
    if let Value::UserData(u) = args.get(at)
        && let Ok(t) = u.borrow::<TransformUd>()
    {
        return Ok(t.get(lua)?.affine());
    }
    placement(args, at)
}

fn is_target(g: &Graphics, id: u32) -> bool {
    g.state.canvases.iter().any(|c| c.id == id)
}

fn draw_userdata(lua: &Lua, args: &Args, u: &AnyUserData) -> mlua::Result<()> {
    if let Ok(t) = u.borrow::<TextureUd>() {
        let tex = t.get(lua)?;
        // draw(texture, quad, ...) or draw(texture, ...)
        let quad = match args.get(2) {
            Value::UserData(q) => match q.borrow::<QuadUd>() {
                Ok(q) => Some(q.get(lua)?),
                Err(_) => None,
            },
            _ => None,
        };
        let at = if quad.is_some() { 3 } else { 2 };
        let l = local(args, lua, at)?;
        super::canvas_formats::check_drawable(lua, tex)?;
        super::layers::check_drawable(lua, tex)?;
        let mut g = graphics(lua)?;
        if tex.canvas && is_target(&g, tex.id) {
            return Err(lua_error(lua, SELF_RENDER));
        }
        if tex.kind != crate::graphics::layered::TexKind::D2 {
            drop(g);
            return super::layers::draw_array(lua, tex, quad.as_ref(), &l);
        }
        g.draw_texture(tex, quad.as_ref(), &l);
        return Ok(());
    }
    if let Ok(sbu) = u.borrow::<SpriteBatchUd>() {
        let l = local(args, lua, 2)?;
        if !sbu.1.is_empty() {
            {
                let sb = sbu.get(lua)?;
                super::layers::check_attached_batch(lua, &sb)?;
            }
            drop(sbu);
            return super::attach::draw_sprite_batch(lua, u, l);
        }
        let sb = sbu.get(lua)?;
        super::canvas_formats::check_sampled(lua, &sb.texture)?;
        super::layers::check_drawable(lua, &sb.texture)?;
        let mut g = graphics(lua)?;
        if is_target(&g, sb.texture.id) {
            return Err(lua_error(lua, SELF_RENDER));
        }
        g.draw_sprite_batch(&sb, &l);
        return Ok(());
    }
    if u.is::<MeshUd>() {
        let l = local(args, lua, 2)?;
        return super::attach::draw_mesh(lua, u, l, 1);
    }
    if let Ok(t) = u.borrow::<super::text_object::TextUd>() {
        let text =
            t.0.as_ref()
                .ok_or_else(|| lua_error(lua, "Cannot use object after it has been released."))?;
        let l = local(args, lua, 2)?;
        return super::text_object::draw_text(lua, text, l);
    }
    if u.is::<super::particles::ParticleSystemUd>() {
        let l = local(args, lua, 2)?;
        return super::particles::draw(lua, u, &l);
    }
    // Other modules' drawables (Video) draw themselves through a
    // `__draw` method taking the placement.
    Err(args.type_error(1, "Drawable"))
}

/// `draw(texture, x, y, r, sx, sy, ox, oy, kx, ky)` with plain numbers, without
/// building a `MultiValue`; None when the call needs the general path.
fn draw_fast(lua: &Lua, f: &Fast) -> Option<mlua::Result<()>> {
    let Some(Value::UserData(u)) = &f.first else {
        return None;
    };
    let t = u.borrow::<TextureUd>().ok()?;
    let tex = t.tex.as_ref()?;
    // Textures that can't be drawn here: the general path raises LÖVE's error.
    if (tex.canvas && (!tex.readable || tex.format.is_depth_stencil()))
        || tex.kind != crate::graphics::layered::TexKind::D2
    {
        return None;
    }
    let l = crate::graphics::transform::from_params(
        f.opt(2, 0.0)?,
        f.opt(3, 0.0)?,
        f.opt(4, 0.0)?,
        f.opt(5, 1.0)?,
        f.opt(6, f.opt(5, 1.0)?)?,
        f.opt(7, 0.0)?,
        f.opt(8, 0.0)?,
        f.opt(9, 0.0)?,
        f.opt(10, 0.0)?,
    );
    if f.n > 10 {
        return None;
    }
    let mut g = match graphics(lua) {
        Ok(g) => g,
        Err(e) => return Some(Err(e)),
    };
    if (tex.canvas && is_target(&g, tex.id))
        || g.main_texture_kind() != crate::graphics::layered::TexKind::D2
    {
        return None;
    }
    g.draw_texture(tex, None, &l);
    // The raw entry point finds this image by its address from now on.
    super::fast_draw::remember(u.to_pointer() as usize, &t);
    Some(Ok(()))
}

fn draw(lua: &Lua, a: FastArgs) -> mlua::Result<()> {
    if let FastArgs::Fast(f) = &a
        && let Some(r) = draw_fast(lua, f)
    {
        return r;
    }
    let args = Args::new(lua, a.into_multi(lua)?, "draw");
    match args.get(1) {
        Value::UserData(u) => {
            let u = u.clone();
            draw_userdata(lua, &args, &u)
        }
        _ => Err(args.type_error(1, "Drawable")),
    }
}

fn segments(args: &Args, n: usize) -> mlua::Result<Option<usize>> {
    if args.is_none_or_nil(n) {
        Ok(None)
    } else {
        Ok(Some(args.integer(n)?.max(0) as usize))
    }
}

/// Coordinates from `x1, y1, x2, y2, ...` at `from`, or one table of them.
fn coords(args: &Args, from: usize) -> mlua::Result<(Vec<f32>, bool)> {
    if let Value::Table(t) = args.get(from) {
        let mut v = Vec::with_capacity(t.raw_len());
        for x in t.sequence_values::<Value>() {
            v.push(match x? {
                Value::Number(n) => n as f32,
                Value::Integer(i) => i as f32,
                other => {
                    return Err(args.error(
                        from,
                        format!(
                            "number expected, got {}",
                            crate::runtime::args::type_name(&other)
                        ),
                    ));
                }
            });
        }
        return Ok((v, true));
    }
    let mut v = Vec::with_capacity(args.len());
    for i in from..=args.len() {
        v.push(args.f32(i)?);
    }
    Ok((v, false))
}

fn to_points(v: &[f32]) -> Vec<Vec2> {
    v.chunks_exact(2).map(|c| Vec2::new(c[0], c[1])).collect()
}

pub fn register(lua: &Lua, g: &Table) -> mlua::Result<()> {
    g.set("draw", lua.create_function(draw)?)?;
    g.set(
        "rectangle",
        lua.create_function(|lua, a: FastArgs| {
            // PERF: the common rectangle("fill"|"line", x, y, w, h) skips MultiValue.
            if let FastArgs::Fast(f) = &a
                && f.n == 5
                && f.first.is_none()
                && let (Some(x), Some(y), Some(w), Some(h)) =
                    (f.num(2), f.num(3), f.num(4), f.num(5))
            {
                let mode = match f.str() {
                    b"fill" if f.kind(1) == Kind::Str => Some(DrawMode::Fill),
                    b"line" if f.kind(1) == Kind::Str => Some(DrawMode::Line),
                    _ => None,
                };
                if let Some(mode) = mode {
                    graphics(lua)?.rectangle(mode, x, y, w, h, 0.0, 0.0, None);
                    return Ok(());
                }
            }
            let args = Args::new(lua, a.into_multi(lua)?, "rectangle");
            let mode = args.enumeration(1, "draw mode", DRAW_MODES)?;
            let (x, y, w, h) = (args.f32(2)?, args.f32(3)?, args.f32(4)?, args.f32(5)?);
            let rx = args.opt_f32(6, 0.0)?;
            let ry = args.opt_f32(7, rx)?;
            let seg = segments(&args, 8)?;
            graphics(lua)?.rectangle(mode, x, y, w, h, rx, ry, seg);
            Ok(())
        })?,
    )?;
    g.set(
        "circle",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "circle");
            let mode = args.enumeration(1, "draw mode", DRAW_MODES)?;
            let (x, y, r) = (args.f32(2)?, args.f32(3)?, args.f32(4)?);
            let seg = segments(&args, 5)?;
            graphics(lua)?.ellipse(mode, x, y, r, r, seg);
            Ok(())
        })?,
    )?;
    g.set(
        "ellipse",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "ellipse");
            let mode = args.enumeration(1, "draw mode", DRAW_MODES)?;
            let (x, y, rx, ry) = (args.f32(2)?, args.f32(3)?, args.f32(4)?, args.f32(5)?);
            let seg = segments(&args, 6)?;
            graphics(lua)?.ellipse(mode, x, y, rx, ry, seg);
            Ok(())
        })?,
    )?;
    g.set(
        "arc",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "arc");
            let mode = args.enumeration(1, "draw mode", DRAW_MODES)?;
            // arc(mode, [arctype,] x, y, radius, angle1, angle2, [segments])
            let (arc, at) = if let Value::String(_) = args.get(2) {
                let m = args.enumeration(
                    2,
                    "arc mode",
                    &[
                        ("open", ArcMode::Open),
                        ("closed", ArcMode::Closed),
                        ("pie", ArcMode::Pie),
                    ],
                )?;
                (m, 3)
            } else {
                (ArcMode::Pie, 2)
            };
            let x = args.f32(at)?;
            let y = args.f32(at + 1)?;
            let r = args.f32(at + 2)?;
            let a1 = args.f32(at + 3)?;
            let a2 = args.f32(at + 4)?;
            let seg = segments(&args, at + 5)?;
            graphics(lua)?.arc(mode, arc, x, y, r, a1, a2, seg);
            Ok(())
        })?,
    )?;
    g.set(
        "polygon",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "polygon");
            let mode = args.enumeration(1, "draw mode", DRAW_MODES)?;
            let (v, _) = coords(&args, 2)?;
            if v.len() % 2 != 0 {
                return Err(lua_error(
                    lua,
                    "Number of vertex components must be a multiple of two",
                ));
            }
            if v.len() < 6 {
                return Err(lua_error(
                    lua,
                    "Need at least three vertices to draw a polygon",
                ));
            }
            graphics(lua)?.polygon_points(mode, &to_points(&v), true);
            Ok(())
        })?,
    )?;
    g.set(
        "line",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "line");
            let (v, _) = coords(&args, 1)?;
            if v.len() % 2 != 0 {
                return Err(lua_error(
                    lua,
                    "Number of vertex components must be a multiple of two.",
                ));
            }
            if v.len() < 4 {
                return Err(lua_error(lua, "Need at least two vertices to draw a line."));
            }
            graphics(lua)?.line(&to_points(&v));
            Ok(())
        })?,
    )?;
    g.set(
        "points",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "points");
            // points({{x, y, r, g, b, a}, ...}) gives each point its colour.
            if let Value::Table(t) = args.get(1)
                && let Value::Table(_) = t.raw_get::<Value>(1)?
            {
                let mut pts = Vec::new();
                for p in t.sequence_values::<Table>() {
                    let p = p?;
                    let n = |i: usize, d: f32| -> mlua::Result<f32> {
                        Ok(p.raw_get::<Option<f32>>(i)?.unwrap_or(d))
                    };
                    let c = if p.raw_len() > 2 {
                        Some([n(3, 1.0)?, n(4, 1.0)?, n(5, 1.0)?, n(6, 1.0)?])
                    } else {
                        None
                    };
                    pts.push((Vec2::new(n(1, 0.0)?, n(2, 0.0)?), c));
                }
                let mut g = graphics(lua)?;
                // LOVE: per-point colours are multiplied by the current colour.
                let base = g.state.color;
                let pts: Vec<_> = pts
                    .into_iter()
                    .map(|(p, c)| {
                        (
                            p,
                            c.map(|c| {
                                [
                                    c[0] * base[0],
                                    c[1] * base[1],
                                    c[2] * base[2],
                                    c[3] * base[3],
                                ]
                            }),
                        )
                    })
                    .collect();
                g.points(&pts);
                return Ok(());
            }
            let (v, _) = coords(&args, 1)?;
            if v.len() % 2 != 0 {
                return Err(lua_error(
                    lua,
                    "Number of vertex components must be a multiple of two",
                ));
            }
            let pts: Vec<_> = to_points(&v).into_iter().map(|p| (p, None)).collect();
            graphics(lua)?.points(&pts);
            Ok(())
        })?,
    )?;
    Ok(())
}
