//! The Transform object (`love.math.newTransform`) as userdata, and the helpers that
//! read placements (`x, y, r, sx, sy, ox, oy, kx, ky`) and Transform arguments.

use super::objects::{LoveObject, RELEASED, add_object_methods};
use crate::graphics::transform::Transform;
use crate::runtime::args::{Args, lua_error};
use mlua::{AnyUserData, Lua, MultiValue, Table, UserData, UserDataMethods, Value};

pub struct TransformUd(pub Option<Transform>);

impl LoveObject for TransformUd {
    fn types(&self) -> &'static [&'static str] {
        &["Transform", "Object"]
    }
    fn release(&mut self) -> bool {
        self.0.take().is_some()
    }
}

impl TransformUd {
    pub fn get(&self, lua: &Lua) -> mlua::Result<Transform> {
        self.0.ok_or_else(|| lua_error(lua, RELEASED))
    }
}

/// Reads `(x, y, r, sx, sy, ox, oy, kx, ky)` from argument `at`, LÖVE's defaults.
pub fn placement(args: &Args, at: usize) -> mlua::Result<glam::Affine2> {
    let x = args.opt_f32(at, 0.0)?;
    let y = args.opt_f32(at + 1, 0.0)?;
    let r = args.opt_f32(at + 2, 0.0)?;
    let sx = args.opt_f32(at + 3, 1.0)?;
    let sy = args.opt_f32(at + 4, sx)?;
    let ox = args.opt_f32(at + 5, 0.0)?;
    let oy = args.opt_f32(at + 6, 0.0)?;
    let kx = args.opt_f32(at + 7, 0.0)?;
    let ky = args.opt_f32(at + 8, 0.0)?;
    Ok(crate::graphics::transform::from_params(
        x, y, r, sx, sy, ox, oy, kx, ky,
    ))
}

/// The Transform at argument `n`, or LÖVE's error.
pub fn transform_arg(args: &Args, lua: &Lua, n: usize) -> mlua::Result<Transform> {
    match args.get(n) {
        Value::UserData(u) => match u.borrow::<TransformUd>() {
            Ok(t) => t.get(lua),
            Err(_) => Err(args.type_error(n, "Transform")),
        },
        _ => Err(args.type_error(n, "Transform")),
    }
}

fn matrix_elements(args: &Args, lua: &Lua, from: usize) -> mlua::Result<[f32; 16]> {
    let mut e = [0.0f32; 16];
    match args.get(from) {
        Value::Table(t) => {
            // {e11, e12, ...} or {{e11, e12, e13, e14}, {...}, ...}
            if let Value::Table(_) = t.raw_get::<Value>(1)? {
                for r in 0..4 {
                    let row: Table = t.raw_get(r + 1)?;
                    for c in 0..4 {
                        e[r * 4 + c] = row.raw_get::<Option<f32>>(c + 1)?.unwrap_or(0.0);
                    }
                }
            } else {
                for (i, slot) in e.iter_mut().enumerate() {
                    *slot = t.raw_get::<Option<f32>>(i + 1)?.unwrap_or(0.0);
                }
            }
        }
        _ => {
            for (i, slot) in e.iter_mut().enumerate() {
                *slot = args.f32(from + i)?;
            }
        }
    }
    let _ = lua;
    Ok(e)
}

impl UserData for TransformUd {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        fn chain(
            ud: AnyUserData,
            lua: &Lua,
            f: impl FnOnce(&mut Transform),
        ) -> mlua::Result<AnyUserData> {
            {
                let mut this = ud.borrow_mut::<TransformUd>()?;
                let mut t = this.get(lua)?;
                f(&mut t);
                this.0 = Some(t);
            }
            Ok(ud)
        }
        m.add_function("translate", |lua, (ud, a): (AnyUserData, MultiValue)| {
            let args = Args::new(lua, a, "translate");
            let (x, y) = (args.f32(1)?, args.f32(2)?);
            chain(ud, lua, |t| t.translate(x, y))
        });
        m.add_function("rotate", |lua, (ud, a): (AnyUserData, MultiValue)| {
            let r = Args::new(lua, a, "rotate").f32(1)?;
            chain(ud, lua, |t| t.rotate(r))
        });
        m.add_function("scale", |lua, (ud, a): (AnyUserData, MultiValue)| {
            let args = Args::new(lua, a, "scale");
            let sx = args.f32(1)?;
            let sy = args.opt_f32(2, sx)?;
            chain(ud, lua, |t| t.scale(sx, sy))
        });
        m.add_function("shear", |lua, (ud, a): (AnyUserData, MultiValue)| {
            let args = Args::new(lua, a, "shear");
            let (kx, ky) = (args.f32(1)?, args.f32(2)?);
            chain(ud, lua, |t| t.shear(kx, ky))
        });
        m.add_function("reset", |lua, ud: AnyUserData| {
            chain(ud, lua, |t| *t = Transform::default())
        });
        m.add_function("apply", |lua, (ud, a): (AnyUserData, MultiValue)| {
            let args = Args::new(lua, a, "apply");
            let other = transform_arg(&args, lua, 1)?;
            chain(ud, lua, |t| t.apply(&other))
        });
        m.add_function(
            "setTransformation",
            |lua, (ud, a): (AnyUserData, MultiValue)| {
                let args = Args::new(lua, a, "setTransformation");
                let p = placement(&args, 1)?;
                chain(ud, lua, |t| *t = Transform::from_affine(&p))
            },
        );
        m.add_function("setMatrix", |lua, (ud, a): (AnyUserData, MultiValue)| {
            let args = Args::new(lua, a, "setMatrix");
            let (columns, from) = if let Value::String(_) = args.get(1) {
                (
                    args.enumeration(1, "matrix layout", &[("row", false), ("column", true)])?,
                    2,
                )
            } else {
                (false, 1)
            };
            let e = matrix_elements(&args, lua, from)?;
            chain(ud, lua, |t| t.set_elements(&e, columns))
        });
        m.add_method("getMatrix", |lua, this, ()| {
            let r = this.get(lua)?.rows();
            Ok(MultiValue::from_iter(
                r.iter().map(|v| Value::Number(*v as f64)),
            ))
        });
        m.add_method("clone", |lua, this, ()| {
            Ok(TransformUd(Some(this.get(lua)?)))
        });
        m.add_method("inverse", |lua, this, ()| {
            Ok(TransformUd(Some(this.get(lua)?.inverse())))
        });
        m.add_method("transformPoint", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "transformPoint");
            Ok(this.get(lua)?.transform_point(args.f32(1)?, args.f32(2)?))
        });
        m.add_method("inverseTransformPoint", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "inverseTransformPoint");
            Ok(this
                .get(lua)?
                .inverse_transform_point(args.f32(1)?, args.f32(2)?))
        });
        m.add_method("isAffine2DTransform", |lua, this, ()| {
            Ok(this.get(lua)?.is_affine_2d())
        });
    }
}

/// `love.math.newTransform([x, y, r, sx, sy, ox, oy, kx, ky])`.
pub fn new_transform(lua: &Lua, a: MultiValue) -> mlua::Result<TransformUd> {
    let args = Args::new(lua, a, "newTransform");
    if args.is_empty() {
        return Ok(TransformUd(Some(Transform::default())));
    }
    Ok(TransformUd(Some(Transform::from_affine(&placement(
        &args, 1,
    )?))))
}
