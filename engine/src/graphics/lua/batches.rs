//! SpriteBatch and Mesh bindings.

use super::graphics;
use super::objects::{LoveObject, QuadUd, RELEASED, add_object_methods, placement, texture_arg};
use crate::graphics::mesh::{AttrType, Attribute, Mesh, MeshMode, SpriteBatch, default_format};
use crate::runtime::args::{Args, lua_error};
use mlua::{Lua, MultiValue, Table, UserData, UserDataMethods, Value};

/// The batch is `Shared` so that the FFI fast path of `add` (jit_paths.rs) can reach it.
pub struct SpriteBatchUd(
    pub Option<super::Shared<SpriteBatch>>,
    pub Vec<super::attach::Attachment>,
);

impl LoveObject for SpriteBatchUd {
    fn types(&self) -> &'static [&'static str] {
        &["SpriteBatch", "Drawable", "Object"]
    }
    fn release(&mut self) -> bool {
        self.0.take().is_some()
    }
}

impl SpriteBatchUd {
    pub fn get(&self, lua: &Lua) -> mlua::Result<super::Guard<SpriteBatch>> {
        let sb = self.0.as_ref().ok_or_else(|| lua_error(lua, RELEASED))?;
        sb.try_borrow().ok_or_else(|| {
            lua_error(
                lua,
                "SpriteBatch is in use (called again from inside itself)",
            )
        })
    }
    fn get_mut(&mut self, lua: &Lua) -> mlua::Result<super::Guard<SpriteBatch>> {
        self.get(lua)
    }
}

/// `[quad,] x, y, r, sx, sy, ox, oy, kx, ky` from argument `at`.
pub(super) fn sprite_args(
    lua: &Lua,
    args: &Args,
    sb: &SpriteBatch,
    at: usize,
) -> mlua::Result<crate::graphics::mesh::Sprite> {
    let quad = match args.get(at) {
        Value::UserData(u) => match u.borrow::<QuadUd>() {
            Ok(q) => Some(q.get(lua)?),
            Err(_) => None,
        },
        _ => None,
    };
    let from = if quad.is_some() { at + 1 } else { at };
    let t = placement(args, from)?;
    Ok(sb.make(quad.as_ref(), &t))
}

fn fast_placement(f: &super::fast::Fast) -> Option<glam::Affine2> {
    let sx = f.opt(4, 1.0)?;
    Some(crate::graphics::transform::from_params(
        f.opt(1, 0.0)?,
        f.opt(2, 0.0)?,
        f.opt(3, 0.0)?,
        sx,
        f.opt(5, sx)?,
        f.opt(6, 0.0)?,
        f.opt(7, 0.0)?,
        f.opt(8, 0.0)?,
        f.opt(9, 0.0)?,
    ))
}

impl UserData for SpriteBatchUd {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        m.add_method_mut("add", |lua, this, a: super::fast::FastArgs| {
            // PERF: add(x, y, r, sx, sy, ox, oy, kx, ky) with plain numbers skips MultiValue.
            if let super::fast::FastArgs::Fast(f) = &a
                && f.first.is_none()
                && f.n <= 9
                && let Some(t) = fast_placement(f)
            {
                let mut sb = this.get_mut(lua)?;
                let s = sb.make(None, &t);
                return Ok(sb.add(s));
            }
            let args = Args::new(lua, a.into_multi(lua)?, "add");
            let mut sb = this.get_mut(lua)?;
            let s = sprite_args(lua, &args, &sb, 1)?;
            let id = sb.add(s);
            // LOVE: an array texture's sprite is on its quad's layer.
            sb.set_layer(id, super::layers::quad_layer(lua, &args, 1)?);
            Ok(id)
        });
        m.add_method_mut("set", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "set");
            let index = args.integer(1)?;
            let mut sb = this.get_mut(lua)?;
            let s = sprite_args(lua, &args, &sb, 2)?;
            // LOVE: index 0 is accepted and ignored; past the end is an error.
            if index == 0 {
                return Ok(());
            }
            if index < 0 || !sb.set(index as usize, s) {
                return Err(lua_error(lua, format!("Invalid sprite index: {index}")));
            }
            sb.set_layer(index as usize, super::layers::quad_layer(lua, &args, 2)?);
            Ok(())
        });
        super::layers::add_sprite_layer_methods(m);
        m.add_method_mut("clear", |lua, this, ()| {
            let mut sb = this.get_mut(lua)?;
            sb.sprites.clear();
            sb.layers.clear();
            sb.version += 1;
            Ok(())
        });
        m.add_method("flush", |lua, this, ()| this.get(lua).map(|_| ()));
        m.add_method("getCount", |lua, this, ()| Ok(this.get(lua)?.sprites.len()));
        m.add_method("getBufferSize", |lua, this, ()| Ok(this.get(lua)?.capacity));
        m.add_method_mut("setColor", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "setColor");
            let mut sb = this.get_mut(lua)?;
            sb.color = if args.is_empty() {
                None
            } else {
                Some(super::state::color_args(&args, 1)?)
            };
            Ok(())
        });
        // LOVE: no values while no colour is set (new batch, or after setColor()).
        m.add_method("getColor", |lua, this, ()| {
            Ok(match this.get(lua)?.color {
                Some(c) => MultiValue::from_iter(c.map(|v| Value::Number(v as f64))),
                None => MultiValue::new(),
            })
        });
        m.add_method_mut("setDrawRange", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "setDrawRange");
            let mut sb = this.get_mut(lua)?;
            if args.is_empty() {
                sb.draw_range = None;
                return Ok(());
            }
            let (start, count) = (args.integer(1)?, args.integer(2)?);
            if start <= 0 || count <= 0 {
                return Err(lua_error(lua, "Invalid draw range."));
            }
            sb.draw_range = Some((start as usize - 1, count as usize));
            Ok(())
        });
        // LOVE: the range as set (not clamped to the sprites added), nothing when unset.
        m.add_method("getDrawRange", |lua, this, ()| {
            Ok(match this.get(lua)?.draw_range {
                Some((s, c)) => {
                    MultiValue::from_iter([Value::Integer(s as i64 + 1), Value::Integer(c as i64)])
                }
                None => MultiValue::new(),
            })
        });
        m.add_method_mut("setTexture", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "setTexture");
            let t = texture_arg(&args, lua, 1)?;
            this.get_mut(lua)?.texture = t;
            Ok(())
        });
        m.add_method("getTexture", |lua, this, ()| {
            let t = this.get(lua)?.texture.clone();
            super::objects::texture_object(lua, t)
        });
        super::attach::add_sprite_batch_methods(m);
    }
}

pub struct MeshUd(pub Option<Mesh>, pub Vec<super::attach::Attachment>);

impl LoveObject for MeshUd {
    fn types(&self) -> &'static [&'static str] {
        &["Mesh", "Drawable", "Object"]
    }
    fn release(&mut self) -> bool {
        self.0.take().is_some()
    }
}

impl MeshUd {
    pub fn get(&self, lua: &Lua) -> mlua::Result<&Mesh> {
        self.0.as_ref().ok_or_else(|| lua_error(lua, RELEASED))
    }
    pub(super) fn get_mut(&mut self, lua: &Lua) -> mlua::Result<&mut Mesh> {
        self.0.as_mut().ok_or_else(|| lua_error(lua, RELEASED))
    }
}

const MESH_MODES: &[(&str, MeshMode)] = &[
    ("triangles", MeshMode::Triangles),
    ("strip", MeshMode::Strip),
    ("fan", MeshMode::Fan),
    ("points", MeshMode::Points),
];

fn mode_name(m: MeshMode) -> &'static str {
    MESH_MODES
        .iter()
        .find(|(_, x)| *x == m)
        .map(|(n, _)| *n)
        .unwrap_or("fan")
}

fn vertex_index(lua: &Lua, m: &Mesh, i: i64) -> mlua::Result<usize> {
    if i < 1 || i as usize > m.vertex_count() {
        return Err(lua_error(lua, format!("Invalid vertex index: {i}")));
    }
    Ok(i as usize - 1)
}

/// Sets vertex `i` from a table of components, or from values at `at` in `args`.
fn fill_vertex(m: &mut Mesh, i: usize, values: &[Option<f32>]) {
    let stride = m.stride;
    let defaults: Vec<f32> = m
        .format
        .iter()
        .flat_map(|a| {
            let d = if a.name == "VertexColor" { 1.0 } else { 0.0 };
            std::iter::repeat_n(d, a.components)
        })
        .collect();
    let v = m.vertex_mut(i);
    for k in 0..stride {
        v[k] = values.get(k).copied().flatten().unwrap_or(defaults[k]);
    }
    m.quantize_bytes(i);
}

fn table_values(t: &Table) -> mlua::Result<Vec<Option<f32>>> {
    let n = t.raw_len();
    (1..=n).map(|k| t.raw_get::<Option<f32>>(k)).collect()
}

impl UserData for MeshUd {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        m.add_method("getVertexCount", |lua, this, ()| {
            Ok(this.get(lua)?.vertex_count())
        });
        m.add_method("getDrawMode", |lua, this, ()| {
            Ok(mode_name(this.get(lua)?.mode))
        });
        m.add_method_mut("setDrawMode", |lua, this, a: MultiValue| {
            let mode =
                Args::new(lua, a, "setDrawMode").enumeration(1, "mesh draw mode", MESH_MODES)?;
            this.get_mut(lua)?.mode = mode;
            Ok(())
        });
        m.add_method("getVertex", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "getVertex");
            let mesh = this.get(lua)?;
            let i = vertex_index(lua, mesh, args.integer(1)?)?;
            Ok(MultiValue::from_iter(
                mesh.vertex(i).iter().map(|v| Value::Number(*v as f64)),
            ))
        });
        m.add_method_mut("setVertex", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "setVertex");
            let idx = args.integer(1)?;
            let mesh = this.get_mut(lua)?;
            let i = vertex_index(lua, mesh, idx)?;
            let values = match args.get(2) {
                Value::Table(t) => table_values(t)?,
                _ => (2..=args.len())
                    .map(|k| args.f32(k).map(Some))
                    .collect::<mlua::Result<_>>()?,
            };
            fill_vertex(mesh, i, &values);
            Ok(())
        });
        m.add_method("getVertexAttribute", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "getVertexAttribute");
            let mesh = this.get(lua)?;
            let i = vertex_index(lua, mesh, args.integer(1)?)?;
            let ai = args.integer(2)?;
            let Some(attr) = mesh
                .format
                .get((ai - 1).max(0) as usize)
                .filter(|_| ai >= 1)
            else {
                return Err(lua_error(
                    lua,
                    format!("Invalid vertex attribute index: {ai}"),
                ));
            };
            let off: usize = mesh.format[..(ai - 1) as usize]
                .iter()
                .map(|a| a.components)
                .sum();
            let v = &mesh.vertex(i)[off..off + attr.components];
            Ok(MultiValue::from_iter(
                v.iter().map(|x| Value::Number(*x as f64)),
            ))
        });
        m.add_method_mut("setVertexAttribute", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "setVertexAttribute");
            let (vi, ai) = (args.integer(1)?, args.integer(2)?);
            let mesh = this.get_mut(lua)?;
            let i = vertex_index(lua, mesh, vi)?;
            if ai < 1 || ai as usize > mesh.format.len() {
                return Err(lua_error(
                    lua,
                    format!("Invalid vertex attribute index: {ai}"),
                ));
            }
            let off: usize = mesh.format[..(ai - 1) as usize]
                .iter()
                .map(|a| a.components)
                .sum();
            let n = mesh.format[(ai - 1) as usize].components;
            for k in 0..n {
                let v = args.opt_f32(3 + k, 0.0)?;
                mesh.vertex_mut(i)[off + k] = v;
            }
            mesh.quantize_bytes(i);
            Ok(())
        });
        m.add_method_mut("setVertices", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "setVertices");
            let t = args.table(1)?;
            let start = args.opt_integer(2, 1)?;
            let mesh = this.get_mut(lua)?;
            let first = vertex_index(lua, mesh, start)?;
            for (k, v) in t.sequence_values::<Table>().enumerate() {
                let i = first + k;
                if i >= mesh.vertex_count() {
                    return Err(lua_error(lua, "Too many vertices for this Mesh."));
                }
                fill_vertex(mesh, i, &table_values(&v?)?);
            }
            Ok(())
        });
        m.add_method("getVertexFormat", |lua, this, ()| {
            let mesh = this.get(lua)?;
            let out = lua.create_table()?;
            for a in mesh.format.iter() {
                let kind = match a.kind {
                    AttrType::Float => "float",
                    AttrType::Byte => "byte",
                };
                out.raw_push(lua.create_sequence_from([
                    Value::String(lua.create_string(&a.name)?),
                    Value::String(lua.create_string(kind)?),
                    Value::Integer(a.components as i64),
                ])?)?;
            }
            Ok(out)
        });
        m.add_method_mut("setVertexMap", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "setVertexMap");
            let mesh = this.get_mut(lua)?;
            if args.is_empty() || args.is_none_or_nil(1) {
                mesh.map = None;
                return Ok(());
            }
            let vals: Vec<i64> = match args.get(1) {
                Value::Table(t) => t.sequence_values::<i64>().collect::<mlua::Result<_>>()?,
                _ => (1..=args.len())
                    .map(|k| args.integer(k))
                    .collect::<mlua::Result<_>>()?,
            };
            let n = mesh.vertex_count() as i64;
            let mut map = Vec::with_capacity(vals.len());
            for v in vals {
                if v < 1 || v > n {
                    return Err(lua_error(lua, format!("Invalid vertex map value: {v}")));
                }
                map.push((v - 1) as u32);
            }
            mesh.map = Some(map);
            Ok(())
        });
        m.add_method("getVertexMap", |lua, this, ()| match &this.get(lua)?.map {
            Some(map) => Ok(Value::Table(
                lua.create_sequence_from(map.iter().map(|i| i + 1))?,
            )),
            None => Ok(Value::Nil),
        });
        m.add_method_mut("setDrawRange", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "setDrawRange");
            let mesh = this.get_mut(lua)?;
            if args.is_empty() {
                mesh.draw_range = None;
                return Ok(());
            }
            let (start, count) = (args.integer(1)?, args.integer(2)?);
            if start <= 0 || count <= 0 {
                return Err(lua_error(lua, "Invalid draw range."));
            }
            mesh.draw_range = Some((start as usize - 1, count as usize));
            Ok(())
        });
        m.add_method("getDrawRange", |lua, this, ()| {
            Ok(match this.get(lua)?.draw_range {
                Some((s, c)) => {
                    MultiValue::from_iter([Value::Integer(s as i64 + 1), Value::Integer(c as i64)])
                }
                None => MultiValue::new(),
            })
        });
        m.add_method_mut("setTexture", |lua, this, a: MultiValue| {
            let args = Args::new(lua, a, "setTexture");
            let t = if args.is_empty() || args.is_none_or_nil(1) {
                None
            } else {
                Some(texture_arg(&args, lua, 1)?)
            };
            this.get_mut(lua)?.texture = t;
            Ok(())
        });
        m.add_method("getTexture", |lua, this, ()| {
            let t = this.get(lua)?.texture.clone();
            t.map(|t| super::objects::texture_object(lua, t))
                .transpose()
        });
        m.add_method("flush", |lua, this, ()| this.get(lua).map(|_| ()));
        super::attach::add_mesh_methods(m);
    }
}

fn parse_format(lua: &Lua, t: &Table) -> mlua::Result<Vec<Attribute>> {
    let mut out = Vec::new();
    for e in t.sequence_values::<Table>() {
        let e = e?;
        let name: String = e.raw_get(1)?;
        let kind: String = e.raw_get(2)?;
        let components: usize = e.raw_get(3)?;
        let kind = match kind.as_str() {
            "float" => AttrType::Float,
            "byte" => AttrType::Byte,
            other => {
                return Err(crate::runtime::args::enum_error(
                    lua,
                    "vertex attribute data type",
                    other,
                    &["float", "byte"],
                ));
            }
        };
        if !(1..=4).contains(&components) {
            return Err(lua_error(
                lua,
                "Vertex attributes must have between 1 and 4 components.",
            ));
        }
        out.push(Attribute {
            name,
            kind,
            components,
        });
    }
    Ok(out)
}

fn new_mesh(lua: &Lua, a: MultiValue) -> mlua::Result<MeshUd> {
    let args = Args::new(lua, a, "newMesh");
    // newMesh(format, vertices|count, mode, usage) when the first table holds tables of
    // {name, type, components}.
    let (format, at) = match args.get(1) {
        Value::Table(t) => match t.raw_get::<Value>(1)? {
            Value::Table(first) if matches!(first.raw_get::<Value>(1)?, Value::String(_)) => {
                (parse_format(lua, t)?, 2)
            }
            _ => (default_format(), 1),
        },
        _ => (default_format(), 1),
    };
    let mode = if args.is_none_or_nil(at + 1) {
        MeshMode::Fan
    } else {
        args.enumeration(at + 1, "mesh draw mode", MESH_MODES)?
    };
    match args.get(at) {
        Value::Table(t) => {
            // PERF/robustness: one vertex table at a time (holding every table's handle at
            // once overflowed mlua's reference stack for meshes of ~60k vertices).
            let n = t.raw_len();
            if n == 0 {
                return Err(lua_error(
                    lua,
                    "Data size is too small for specified vertex attribute formats.",
                ));
            }
            let mut mesh = Mesh::new(format, n, mode);
            for i in 0..n {
                let v: Table = t.raw_get(i + 1)?;
                fill_vertex(&mut mesh, i, &table_values(&v)?);
            }
            Ok(MeshUd(Some(mesh), Vec::new()))
        }
        Value::Number(_) | Value::Integer(_) => {
            let n = args.integer(at)?;
            if n <= 0 {
                return Err(lua_error(lua, "Invalid number of vertices."));
            }
            Ok(MeshUd(
                Some(Mesh::new(format, n as usize, mode)),
                Vec::new(),
            ))
        }
        _ => Err(args.error(at, "table or number expected")),
    }
}

pub fn register(lua: &Lua, g: &Table) -> mlua::Result<()> {
    g.set(
        "newSpriteBatch",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "newSpriteBatch");
            let t = texture_arg(&args, lua, 1)?;
            let size = args.opt_integer(2, 1000)?;
            if size <= 0 {
                return Err(lua_error(lua, "Invalid SpriteBatch size."));
            }
            Ok(SpriteBatchUd(
                Some(super::Shared::new(SpriteBatch::new(t, size as usize))),
                Vec::new(),
            ))
        })?,
    )?;
    g.set("newMesh", lua.create_function(new_mesh)?)?;
    let _ = graphics;
    Ok(())
}
