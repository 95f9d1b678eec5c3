//! Depth and face state: setDepthMode/getDepthMode, setMeshCullMode/getMeshCullMode,
//! setFrontFaceWinding/getFrontFaceWinding.

use super::graphics;
use super::targets::COMPARES;
use crate::graphics::batch::{Compare, Cull, DepthMode};
use crate::runtime::args::Args;
use mlua::{Lua, MultiValue, Table};

const CULLS: &[(&str, Cull)] = &[
    ("none", Cull::None),
    ("back", Cull::Back),
    ("front", Cull::Front),
];
const WINDINGS: &[(&str, bool)] = &[("cw", false), ("ccw", true)];

fn name_of<T: PartialEq + Copy>(list: &[(&'static str, T)], v: T) -> &'static str {
    list.iter().find(|(_, x)| *x == v).map_or("", |(n, _)| *n)
}

pub fn register(lua: &Lua, g: &Table) -> mlua::Result<()> {
    g.set(
        "setDepthMode",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "setDepthMode");
            // LOVE: no arguments turn the test off; otherwise both are required.
            let mode = if args.is_none_or_nil(1) && args.is_none_or_nil(2) {
                DepthMode::default()
            } else {
                let compare = args.enumeration(1, "compare mode", COMPARES)?;
                DepthMode {
                    compare,
                    write: args.boolean(2)?,
                }
            };
            graphics(lua)?.state.depth = mode;
            Ok(())
        })?,
    )?;
    g.set(
        "getDepthMode",
        lua.create_function(|lua, ()| {
            let d = graphics(lua)?.state.depth;
            Ok((name_of::<Compare>(COMPARES, d.compare), d.write))
        })?,
    )?;
    g.set(
        "setMeshCullMode",
        lua.create_function(|lua, a: MultiValue| {
            let c = Args::new(lua, a, "setMeshCullMode").enumeration(1, "cull mode", CULLS)?;
            graphics(lua)?.state.cull = c;
            Ok(())
        })?,
    )?;
    g.set(
        "getMeshCullMode",
        lua.create_function(|lua, ()| Ok(name_of(CULLS, graphics(lua)?.state.cull)))?,
    )?;
    g.set(
        "setFrontFaceWinding",
        lua.create_function(|lua, a: MultiValue| {
            let w = Args::new(lua, a, "setFrontFaceWinding").enumeration(
                1,
                "vertex winding",
                WINDINGS,
            )?;
            graphics(lua)?.state.ccw = w;
            Ok(())
        })?,
    )?;
    g.set(
        "getFrontFaceWinding",
        lua.create_function(|lua, ()| Ok(name_of(WINDINGS, graphics(lua)?.state.ccw)))?,
    )?;
    Ok(())
}
