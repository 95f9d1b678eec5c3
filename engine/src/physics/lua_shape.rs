//! Shape objects (CircleShape, PolygonShape, EdgeShape, ChainShape) and their constructors.
//! A shape is either free-standing or the shape of a fixture (Fixture:getShape), in which
//! case changing it changes the fixture, as in Box2D.

use super::lua::{Ret, WorldRef, meter, method, object_methods, perr, released_error, v2};
use super::{Shape, ShapeKind};
use crate::runtime::args::{Args, lua_error};
use mlua::{IntoLuaMulti, Lua, MultiValue, Table, UserData, UserDataMethods, Value};
use rapier2d::math::{Pose, Vector};
use rapier2d::prelude::ColliderHandle;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

#[derive(Clone)]
pub(crate) enum ShapeSrc {
    Own(Rc<RefCell<Shape>>),
    Fixture(WorldRef, ColliderHandle),
}

pub struct LShape {
    kind: ShapeKind,
    src: ShapeSrc,
    released: Cell<bool>,
}

impl LShape {
    pub(crate) fn new(kind: ShapeKind, src: ShapeSrc) -> Self {
        LShape {
            kind,
            src,
            released: Cell::new(false),
        }
    }

    fn own(shape: Shape) -> Self {
        LShape::new(shape.kind(), ShapeSrc::Own(Rc::new(RefCell::new(shape))))
    }
}

fn names(s: &LShape) -> &'static [&'static str] {
    match s.kind {
        ShapeKind::Circle => &["CircleShape", "Shape", "Object"],
        ShapeKind::Polygon => &["PolygonShape", "Shape", "Object"],
        ShapeKind::Edge => &["EdgeShape", "Shape", "Object"],
        ShapeKind::Chain => &["ChainShape", "Shape", "Object"],
    }
}

/// The shape value (meters) at argument n, of any kind.
pub(crate) fn shape_arg(lua: &Lua, a: &Args, n: usize) -> mlua::Result<Shape> {
    let src = shape_src(lua, a, n, None)?;
    read(lua, &src)
}

fn shape_src(lua: &Lua, a: &Args, n: usize, kind: Option<ShapeKind>) -> mlua::Result<ShapeSrc> {
    if let Value::UserData(ud) = a.get(n)
        && let Ok(s) = ud.borrow::<LShape>()
        && kind.is_none_or(|k| k == s.kind)
    {
        if s.released.get() {
            return Err(released_error(lua));
        }
        return Ok(s.src.clone());
    }
    let expected = match kind {
        None => "Shape",
        Some(ShapeKind::Circle) => "CircleShape",
        Some(ShapeKind::Polygon) => "PolygonShape",
        Some(ShapeKind::Edge) => "EdgeShape",
        Some(ShapeKind::Chain) => "ChainShape",
    };
    Err(a.type_error(n, expected))
}

fn read(lua: &Lua, src: &ShapeSrc) -> mlua::Result<Shape> {
    match src {
        ShapeSrc::Own(s) => Ok(s.borrow().clone()),
        ShapeSrc::Fixture(w, h) => w
            .core
            .borrow()
            .fixture(*h)
            .map(|d| d.shape.clone())
            .ok_or_else(|| lua_error(lua, "Attempt to use destroyed fixture.")),
    }
}

fn write(src: &ShapeSrc, shape: Shape) {
    match src {
        ShapeSrc::Own(s) => *s.borrow_mut() = shape,
        ShapeSrc::Fixture(w, h) => w.core.borrow_mut().set_fixture_shape(*h, shape),
    }
}

/// Self (argument 1) of the given kind, and its current value.
fn this(lua: &Lua, a: &Args, kind: Option<ShapeKind>) -> mlua::Result<(ShapeSrc, Shape)> {
    let src = shape_src(lua, a, 1, kind)?;
    let s = read(lua, &src)?;
    Ok((src, s))
}

fn points_out(points: &[Vector], s: f32) -> MultiValue {
    MultiValue::from_vec(
        points
            .iter()
            .flat_map(|p| {
                [
                    Value::Number((p.x * s) as f64),
                    Value::Number((p.y * s) as f64),
                ]
            })
            .collect(),
    )
}

/// Coordinates from varargs starting at `from`, or from one table there.
fn coords(a: &Args, from: usize) -> mlua::Result<Vec<f64>> {
    if let Value::Table(t) = a.get(from) {
        let mut v = Vec::new();
        for x in t.sequence_values::<f64>() {
            v.push(x?);
        }
        return Ok(v);
    }
    (from..=a.len()).map(|i| a.number(i)).collect()
}

fn to_points(lua: &Lua, c: &[f64], s: f32) -> mlua::Result<Vec<Vector>> {
    if !c.len().is_multiple_of(2) {
        return Err(lua_error(
            lua,
            "Number of vertex components must be a multiple of two.",
        ));
    }
    Ok(c.chunks(2).map(|p| v2(p[0], p[1], s)).collect())
}

fn opt_vertex(v: Option<Vector>, s: f32) -> MultiValue {
    match v {
        Some(p) => MultiValue::from_vec(vec![
            Value::Number((p.x * s) as f64),
            Value::Number((p.y * s) as f64),
        ]),
        None => MultiValue::new(),
    }
}

fn transform_arg(a: &Args, at: usize, s: f32) -> mlua::Result<Pose> {
    Ok(Pose::new(
        v2(a.number(at)?, a.number(at + 1)?, s),
        a.f32(at + 2)?,
    ))
}

fn set_vertex(lua: &Lua, a: &Args, kind: ShapeKind, next: bool) -> Ret {
    let (src, mut shape) = this(lua, a, Some(kind))?;
    let s = meter(lua);
    let v = if a.is_none_or_nil(2) {
        None
    } else {
        Some(v2(a.number(2)?, a.number(3)?, s))
    };
    match &mut shape {
        Shape::Edge { prev, next: nx, .. } | Shape::Chain { prev, next: nx, .. } => {
            if next {
                *nx = v;
            } else {
                *prev = v;
            }
        }
        _ => {}
    }
    write(&src, shape);
    Ok(MultiValue::new())
}

fn get_vertex(lua: &Lua, a: &Args, kind: ShapeKind, next: bool) -> Ret {
    let (_, shape) = this(lua, a, Some(kind))?;
    let s = meter(lua);
    Ok(match shape {
        Shape::Edge { prev, next: nx, .. } | Shape::Chain { prev, next: nx, .. } => {
            opt_vertex(if next { nx } else { prev }, s)
        }
        _ => MultiValue::new(),
    })
}

impl UserData for LShape {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        object_methods(m, names, |t| &t.released);
        method(m, "getType", |lua, a| {
            this(lua, a, None)?.1.kind().name().into_lua_multi(lua)
        });
        method(m, "getRadius", |lua, a| {
            (this(lua, a, None)?.1.radius() * meter(lua)).into_lua_multi(lua)
        });
        method(m, "getChildCount", |lua, a| {
            this(lua, a, None)?.1.child_count().into_lua_multi(lua)
        });
        method(m, "computeAABB", |lua, a| {
            let (_, shape) = this(lua, a, None)?;
            let s = meter(lua);
            let pose = transform_arg(a, 2, s)?;
            let child = (a.opt_integer(5, 1)? - 1).max(0) as usize;
            let (lo, hi) = shape.aabb(&pose, child);
            (lo.x * s, lo.y * s, hi.x * s, hi.y * s).into_lua_multi(lua)
        });
        method(m, "computeMass", |lua, a| {
            let (_, shape) = this(lua, a, None)?;
            let s = meter(lua);
            let md = shape.mass(a.f32(2)?);
            (
                md.center.x * s,
                md.center.y * s,
                md.mass,
                md.inertia * s * s,
            )
                .into_lua_multi(lua)
        });
        method(m, "testPoint", |lua, a| {
            let (_, shape) = this(lua, a, None)?;
            let s = meter(lua);
            let pose = transform_arg(a, 2, s)?;
            let p = v2(a.number(5)?, a.number(6)?, s);
            shape.test_point(&pose, p).into_lua_multi(lua)
        });
        method(m, "rayCast", |lua, a| {
            let (_, shape) = this(lua, a, None)?;
            let s = meter(lua);
            let p1 = v2(a.number(2)?, a.number(3)?, s);
            let p2 = v2(a.number(4)?, a.number(5)?, s);
            let maxf = a.f32(6)?;
            let pose = transform_arg(a, 7, s)?;
            let child = (a.opt_integer(10, 1)? - 1).max(0) as usize;
            match shape.ray_cast(&pose, p1, p2, maxf, child) {
                Some((n, f)) => (n.x, n.y, f).into_lua_multi(lua),
                None => Ok(MultiValue::new()),
            }
        });
        // CircleShape
        method(m, "getPoint", |lua, a| {
            let s = meter(lua);
            match a.get(1) {
                Value::UserData(ud)
                    if ud
                        .borrow::<LShape>()
                        .is_ok_and(|x| x.kind == ShapeKind::Chain) =>
                {
                    let (_, shape) = this(lua, a, Some(ShapeKind::Chain))?;
                    let v = shape.chain_vertices();
                    let i = a.integer(2)?;
                    match v.get((i - 1).max(0) as usize).filter(|_| i >= 1) {
                        Some(p) => (p.x * s, p.y * s).into_lua_multi(lua),
                        None => Err(lua_error(lua, "Physics error: index out of bounds")),
                    }
                }
                _ => {
                    let (_, shape) = this(lua, a, Some(ShapeKind::Circle))?;
                    match shape {
                        Shape::Circle { center, .. } => {
                            (center.x * s, center.y * s).into_lua_multi(lua)
                        }
                        _ => Ok(MultiValue::new()),
                    }
                }
            }
        });
        method(m, "setPoint", |lua, a| {
            let (src, shape) = this(lua, a, Some(ShapeKind::Circle))?;
            let c = v2(a.number(2)?, a.number(3)?, meter(lua));
            if let Shape::Circle { radius, .. } = shape {
                write(&src, Shape::circle(c, radius));
            }
            Ok(MultiValue::new())
        });
        method(m, "setRadius", |lua, a| {
            let (src, shape) = this(lua, a, Some(ShapeKind::Circle))?;
            let r = a.f32(2)? / meter(lua);
            if let Shape::Circle { center, .. } = shape {
                write(&src, Shape::circle(center, r));
            }
            Ok(MultiValue::new())
        });
        // PolygonShape, EdgeShape, ChainShape
        method(m, "getPoints", |lua, a| {
            let (_, shape) = this(lua, a, None)?;
            let s = meter(lua);
            match shape {
                Shape::Polygon { points } => Ok(points_out(&points, s)),
                Shape::Edge { a: p, b: q, .. } => Ok(points_out(&[p, q], s)),
                Shape::Chain { .. } => Ok(points_out(&shape.chain_vertices(), s)),
                Shape::Circle { .. } => Err(a.type_error(1, "PolygonShape")),
            }
        });
        method(m, "getNextVertex", |lua, a| {
            let k = kind_of(a).unwrap_or(ShapeKind::Edge);
            get_vertex(
                lua,
                a,
                if k == ShapeKind::Chain {
                    k
                } else {
                    ShapeKind::Edge
                },
                true,
            )
        });
        method(m, "getPreviousVertex", |lua, a| {
            let k = kind_of(a).unwrap_or(ShapeKind::Edge);
            get_vertex(
                lua,
                a,
                if k == ShapeKind::Chain {
                    k
                } else {
                    ShapeKind::Edge
                },
                false,
            )
        });
        method(m, "setNextVertex", |lua, a| {
            let k = kind_of(a).unwrap_or(ShapeKind::Edge);
            set_vertex(
                lua,
                a,
                if k == ShapeKind::Chain {
                    k
                } else {
                    ShapeKind::Edge
                },
                true,
            )
        });
        method(m, "setPreviousVertex", |lua, a| {
            let k = kind_of(a).unwrap_or(ShapeKind::Edge);
            set_vertex(
                lua,
                a,
                if k == ShapeKind::Chain {
                    k
                } else {
                    ShapeKind::Edge
                },
                false,
            )
        });
        method(m, "getVertexCount", |lua, a| {
            let (_, shape) = this(lua, a, Some(ShapeKind::Chain))?;
            shape.chain_vertices().len().into_lua_multi(lua)
        });
        method(m, "getChildEdge", |lua, a| {
            let (_, shape) = this(lua, a, Some(ShapeKind::Chain))?;
            let i = a.integer(2)?;
            match shape.chain_edge((i - 1).max(0) as usize).filter(|_| i >= 1) {
                Some((p, q)) => LShape::own(Shape::edge(p, q)).into_lua_multi(lua),
                None => Err(lua_error(
                    lua,
                    "Box2D assertion failed: 0 <= index && index < m_count - 1",
                )),
            }
        });
    }
}

fn kind_of(a: &Args) -> Option<ShapeKind> {
    match a.get(1) {
        Value::UserData(ud) => ud.borrow::<LShape>().ok().map(|s| s.kind),
        _ => None,
    }
}

pub(crate) fn register(lua: &Lua, t: &Table) -> mlua::Result<()> {
    let add = |name: &'static str, f: fn(&Lua, &Args) -> Ret| -> mlua::Result<()> {
        t.set(
            name,
            lua.create_function(move |lua, mv: MultiValue| f(lua, &Args::new(lua, mv, name)))?,
        )
    };
    add("newCircleShape", |lua, a| {
        let s = meter(lua);
        let shape = if a.len() >= 3 {
            Shape::circle(v2(a.number(1)?, a.number(2)?, s), a.f32(3)? / s)
        } else {
            Shape::circle(Vector::ZERO, a.f32(1)? / s)
        };
        LShape::own(shape).into_lua_multi(lua)
    })?;
    add("newRectangleShape", |lua, a| {
        let s = meter(lua);
        let shape = if a.len() >= 3 {
            Shape::rectangle(
                v2(a.number(1)?, a.number(2)?, s),
                a.f32(3)? / s,
                a.f32(4)? / s,
                a.opt_f32(5, 0.0)?,
            )
        } else {
            Shape::rectangle(Vector::ZERO, a.f32(1)? / s, a.f32(2)? / s, 0.0)
        };
        LShape::own(shape).into_lua_multi(lua)
    })?;
    add("newPolygonShape", |lua, a| {
        let s = meter(lua);
        let c = coords(a, 1)?;
        let pts = to_points(lua, &c, s)?;
        let shape = Shape::polygon(&pts).map_err(|e| perr(lua, e))?;
        LShape::own(shape).into_lua_multi(lua)
    })?;
    add("newEdgeShape", |lua, a| {
        let s = meter(lua);
        let p = v2(a.number(1)?, a.number(2)?, s);
        let q = v2(a.number(3)?, a.number(4)?, s);
        LShape::own(Shape::edge(p, q)).into_lua_multi(lua)
    })?;
    add("newChainShape", |lua, a| {
        let s = meter(lua);
        let looped = a.opt_bool(1, false);
        let c = coords(a, 2)?;
        let pts = to_points(lua, &c, s)?;
        let shape = Shape::chain(looped, pts).map_err(|e| perr(lua, e))?;
        LShape::own(shape).into_lua_multi(lua)
    })?;
    Ok(())
}
