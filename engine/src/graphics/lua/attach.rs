//! Attached vertex attributes: `Mesh:attachAttribute`/`detachAttribute`,
//! `setAttributeEnabled`/`isAttributeEnabled`, `SpriteBatch:attachAttribute`,
//! `love.graphics.drawInstanced`, and drawing meshes and sprite batches that use them
//! (from their own GPU buffers, see graphics/mesh_gpu.rs). Messages checked with LÖVE 11.4.

use super::batches::{MeshUd, SpriteBatchUd};
use super::graphics;
use super::objects::{TransformUd, placement};
use crate::graphics::Graphics;
use crate::graphics::mesh::VertexSource;
use crate::runtime::args::{Args, lua_error};
use glam::Affine2;
use mlua::{AnyUserData, Lua, MultiValue, Table, UserDataMethods, Value};

/// `attachAttribute(name, mesh, step, attachname)`: the shader's `name` reads the other
/// mesh's `attr`, per vertex or per instance.
pub struct Attachment {
    pub name: String,
    pub from: AnyUserData,
    pub attr: String,
    pub per_instance: bool,
}

/// The most vertices a too-short attached mesh is padded to.
const MAX_PADDED: usize = 1 << 20;

const STEPS: &[(&str, bool)] = &[("pervertex", false), ("perinstance", true)];
const SELF_RENDER: &str = super::drawing::SELF_RENDER;

fn no_attribute(lua: &Lua, name: &str) -> mlua::Error {
    lua_error(
        lua,
        format!("The specified mesh does not have a vertex attribute named '{name}'"),
    )
}

/// The Mesh at argument `n`, checked to have attribute `attr`.
fn source_mesh(lua: &Lua, args: &Args, n: usize, attr: &str) -> mlua::Result<AnyUserData> {
    let Value::UserData(u) = args.get(n) else {
        return Err(args.type_error(n, "Mesh"));
    };
    let m = u
        .borrow::<MeshUd>()
        .map_err(|_| args.type_error(n, "Mesh"))?;
    if !m.get(lua)?.format.iter().any(|a| a.name == attr) {
        return Err(no_attribute(lua, attr));
    }
    Ok(u.clone())
}

pub fn add_mesh_methods<M: UserDataMethods<MeshUd>>(m: &mut M) {
    m.add_function(
        "attachAttribute",
        |lua, (this, a): (AnyUserData, MultiValue)| {
            let args = Args::new(lua, a, "attachAttribute");
            let name = args.string(1)?;
            let per_instance = if args.is_none_or_nil(3) {
                false
            } else {
                args.enumeration(3, "vertex attribute step", STEPS)?
            };
            let attr = args.opt_string(4)?.unwrap_or_else(|| name.clone());
            let from = source_mesh(lua, &args, 2, &attr)?;
            let mut me = this.borrow_mut::<MeshUd>()?;
            me.get(lua)?;
            me.1.retain(|x| x.name != name);
            me.1.push(Attachment {
                name,
                from,
                attr,
                per_instance,
            });
            Ok(())
        },
    );
    m.add_function(
        "detachAttribute",
        |lua, (this, a): (AnyUserData, MultiValue)| {
            let name = Args::new(lua, a, "detachAttribute").string(1)?;
            let mut me = this.borrow_mut::<MeshUd>()?;
            me.get(lua)?;
            // LOVE: detaching the mesh's own attribute (attached from itself) returns false.
            let Some(i) = me.1.iter().position(|x| x.name == name) else {
                return Ok(false);
            };
            if me.1[i].from == this {
                return Ok(false);
            }
            me.1.remove(i);
            Ok(true)
        },
    );
    m.add_method_mut("setAttributeEnabled", |lua, this, a: MultiValue| {
        let args = Args::new(lua, a, "setAttributeEnabled");
        let name = args.string(1)?;
        let on = args.boolean(2)?;
        let known = this.1.iter().any(|x| x.name == name);
        let mesh = this.get_mut(lua)?;
        if !known && !mesh.format.iter().any(|f| f.name == name) {
            return Err(lua_error(
                lua,
                format!("Mesh does not have an attached vertex attribute named '{name}'"),
            ));
        }
        mesh.disabled.retain(|d| *d != name);
        if !on {
            mesh.disabled.push(name);
        }
        Ok(())
    });
    m.add_method("isAttributeEnabled", |lua, this, a: MultiValue| {
        let name = Args::new(lua, a, "isAttributeEnabled").string(1)?;
        let mesh = this.get(lua)?;
        if !this.1.iter().any(|x| x.name == name) && !mesh.format.iter().any(|f| f.name == name) {
            return Err(lua_error(
                lua,
                format!("Mesh does not have an attached vertex attribute named '{name}'"),
            ));
        }
        Ok(!mesh.disabled.contains(&name))
    });
}

pub fn add_sprite_batch_methods<M: UserDataMethods<SpriteBatchUd>>(m: &mut M) {
    m.add_function("attachAttribute", |lua, (this, a): (AnyUserData, MultiValue)| {
        let args = Args::new(lua, a, "attachAttribute");
        let name = args.string(1)?;
        let from = source_mesh(lua, &args, 2, &name)?;
        let have = from.borrow::<MeshUd>()?.get(lua)?.vertex_count();
        let mut me = this.borrow_mut::<SpriteBatchUd>()?;
        let need = me.get(lua)?.sprites.len() * 4;
        if have < need {
            return Err(lua_error(
                lua,
                format!(
                    "Mesh has too few vertices to be attached to this SpriteBatch (at least {need} vertices are required)"
                ),
            ));
        }
        me.1.retain(|x| x.name != name);
        me.1.push(Attachment {
            name: name.clone(),
            from,
            attr: name,
            per_instance: false,
        });
        Ok(())
    });
}

/// The attached sources of a draw, padded to what it reads.
fn attached_sources(
    lua: &Lua,
    list: &[Attachment],
    vertices: usize,
    instances: usize,
) -> mlua::Result<Vec<VertexSource>> {
    let mut out = Vec::with_capacity(list.len());
    for a in list {
        let m = a.from.borrow::<MeshUd>()?;
        let mut src = m.get(lua)?.source();
        src.per_instance = a.per_instance;
        src.only = vec![(a.attr.clone(), a.name.clone())];
        src.disabled.clear();
        // Instances beyond MAX_PADDED read nothing: the draw is cut to what exists.
        src.pad_to(if a.per_instance { instances } else { vertices }.min(MAX_PADDED));
        out.push(src);
    }
    Ok(out)
}

fn is_target(g: &Graphics, id: u32) -> bool {
    g.state.canvases.iter().any(|c| c.id == id)
}

/// Draws a Mesh userdata `instances` times (1: `draw`).
pub fn draw_mesh(lua: &Lua, u: &AnyUserData, l: Affine2, instances: u32) -> mlua::Result<()> {
    let ud = u.borrow::<MeshUd>()?;
    let m = ud.get(lua)?;
    let attached = attached_sources(lua, &ud.1, m.vertices_read(), instances as usize)?;
    let instances = attached
        .iter()
        .filter(|s| s.per_instance)
        .map(|s| s.vertex_count() as u32)
        .fold(instances, u32::min);
    if let Some(t) = &m.texture {
        if t.kind != crate::graphics::layered::TexKind::D2 {
            // Meshes are drawn with a 2D MainTex (game shaders can't declare another yet).
            return Err(super::layers::main_texture_error(
                lua,
                t.kind,
                crate::graphics::layered::TexKind::D2,
            ));
        }
        super::canvas_formats::check_sampled(lua, t)?;
    }
    let mut g = graphics(lua)?;
    if m.texture.as_ref().is_some_and(|t| is_target(&g, t.id)) {
        return Err(lua_error(lua, SELF_RENDER));
    }
    if attached.is_empty() && instances == 1 && m.disabled.is_empty() {
        g.draw_mesh(m, &l);
    } else {
        g.draw_mesh_gpu(m, &l, attached, instances);
    }
    Ok(())
}

/// Draws a SpriteBatch with attached attributes (from its own GPU buffer).
pub fn draw_sprite_batch(lua: &Lua, u: &AnyUserData, l: Affine2) -> mlua::Result<()> {
    let ud = u.borrow::<SpriteBatchUd>()?;
    let sb = ud.get(lua)?;
    let (src, idx) = sb.gpu_source();
    let mut sources = vec![src];
    sources.extend(attached_sources(lua, &ud.1, sb.sprites.len() * 4, 1)?);
    super::canvas_formats::check_sampled(lua, &sb.texture)?;
    let mut g = graphics(lua)?;
    if is_target(&g, sb.texture.id) {
        return Err(lua_error(lua, SELF_RENDER));
    }
    g.draw_sources_gpu(sb.texture.id, sources, Err(idx), false, 1, &l);
    Ok(())
}

pub fn register(lua: &Lua, g: &Table) -> mlua::Result<()> {
    g.set(
        "drawInstanced",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "drawInstanced");
            let u = match args.get(1) {
                Value::UserData(u) if u.is::<MeshUd>() => u.clone(),
                _ => return Err(args.type_error(1, "Mesh")),
            };
            let n = args.integer(2)?;
            let l = match args.get(3) {
                Value::UserData(t) if t.is::<TransformUd>() => {
                    t.borrow::<TransformUd>()?.get(lua)?.affine()
                }
                _ => placement(&args, 3)?,
            };
            // LOVE: a count below 1 draws nothing, without an error.
            if n < 1 {
                return Ok(());
            }
            draw_mesh(lua, &u, l, n.min(u32::MAX as i64) as u32)
        })?,
    )?;
    Ok(())
}
