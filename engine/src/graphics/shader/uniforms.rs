//! Uniform reflection and storage: where each uniform lives in the per-stage uniform
//! blocks (offsets and strides from naga's layout of the translated source), whether the
//! shader uses it, and writing values into the blocks' bytes.

use naga::{Expression, Module, Statement, TypeInner};
use std::collections::HashSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    Float,
    Int,
    Uint,
    Bool,
}

/// A uniform the game can `send` numbers to.
#[derive(Clone, Debug)]
pub struct Uniform {
    pub name: String,
    pub base: Base,
    /// Components per column (the vector size; 1 for scalars).
    pub rows: u32,
    /// Columns (1 unless a matrix).
    pub cols: u32,
    /// Array length (1 when not an array).
    pub count: u32,
    /// Byte offset in the vertex block and in the pixel block.
    pub offset: [Option<u32>; 2],
    pub stride: u32,
    pub col_stride: u32,
    pub used: bool,
}

impl Uniform {
    pub fn is_matrix(&self) -> bool {
        self.cols > 1
    }
    /// Components of one element (a whole matrix for matrices).
    pub fn components(&self) -> u32 {
        self.rows * self.cols
    }
}

/// Scalar kind and (rows, cols) of a naga type that is a scalar, vector or matrix.
fn shape(inner: &TypeInner) -> Option<(Base, u32, u32, u32)> {
    let kind = |s: &naga::Scalar| match s.kind {
        naga::ScalarKind::Sint => Some(Base::Int),
        naga::ScalarKind::Uint => Some(Base::Uint),
        naga::ScalarKind::Float if s.width == 4 => Some(Base::Float),
        naga::ScalarKind::Bool => Some(Base::Bool),
        _ => None,
    };
    match inner {
        TypeInner::Scalar(s) => Some((kind(s)?, 1, 1, 0)),
        TypeInner::Vector { size, scalar } => Some((kind(scalar)?, *size as u32, 1, 0)),
        TypeInner::Matrix {
            columns,
            rows,
            scalar,
        } => {
            let col_stride = if *rows as u32 == 2 { 8 } else { 16 };
            Some((kind(scalar)?, *rows as u32, *columns as u32, col_stride))
        }
        _ => None,
    }
}

/// A block member as the module lays it out.
pub struct Member {
    pub name: String,
    pub index: u32,
    pub offset: u32,
    pub base: Base,
    pub rows: u32,
    pub cols: u32,
    pub count: u32,
    pub stride: u32,
    pub col_stride: u32,
}

/// The uniform block at `@group(2) @binding(binding)`: its global and its size.
pub fn block(module: &Module, binding: u32) -> Option<(naga::Handle<naga::GlobalVariable>, u32)> {
    module.global_variables.iter().find_map(|(h, g)| {
        let b = g.binding.as_ref()?;
        if g.space != naga::AddressSpace::Uniform || b.group != 2 || b.binding != binding {
            return None;
        }
        let size = module.types[g.ty].inner.size(module.to_ctx());
        Some((h, size))
    })
}

/// Members of the uniform block at `@group(2) @binding(binding)`.
pub fn members(module: &Module, binding: u32) -> Vec<Member> {
    let Some((h, _)) = block(module, binding) else {
        return Vec::new();
    };
    let TypeInner::Struct { members, .. } = &module.types[module.global_variables[h].ty].inner
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (index, m) in members.iter().enumerate() {
        let Some(name) = m.name.clone() else { continue };
        flatten(module, &name, index as u32, m.offset, m.ty, 0, &mut out);
    }
    out
}

/// One member, or (LOVE: as GL's reflection names them) the fields of a struct
/// (`light.pos`) and of each element of an array of structs (`lights[2].pos`).
fn flatten(
    module: &Module,
    name: &str,
    index: u32,
    offset: u32,
    ty: naga::Handle<naga::Type>,
    depth: u32,
    out: &mut Vec<Member>,
) {
    if depth > 4 {
        return;
    }
    let inner = &module.types[ty].inner;
    let (base_ty, count, stride) = match inner {
        TypeInner::Array {
            base,
            size: naga::ArraySize::Constant(n),
            stride,
        } => (*base, n.get(), *stride),
        _ => (ty, 1, 0),
    };
    match &module.types[base_ty].inner {
        TypeInner::Struct { members, .. } => {
            let is_array = base_ty != ty;
            for e in 0..count {
                let prefix = if is_array {
                    format!("{name}[{e}]")
                } else {
                    name.to_string()
                };
                for f in members {
                    let Some(field) = &f.name else { continue };
                    let at = offset + e * stride + f.offset;
                    flatten(
                        module,
                        &format!("{prefix}.{field}"),
                        index,
                        at,
                        f.ty,
                        depth + 1,
                        out,
                    );
                }
            }
        }
        other => {
            let Some((base, rows, cols, col_stride)) = shape(other) else {
                return;
            };
            out.push(Member {
                name: name.to_string(),
                index,
                offset,
                base,
                rows,
                cols,
                count,
                stride,
                col_stride,
            });
        }
    }
}

/// What the entry point (and the functions it calls) reads: block members by
/// (global, member index), and globals (textures).
pub struct Usage {
    pub members: HashSet<(naga::Handle<naga::GlobalVariable>, u32)>,
    pub globals: HashSet<naga::Handle<naga::GlobalVariable>>,
}

fn calls(block: &naga::Block, out: &mut Vec<naga::Handle<naga::Function>>) {
    for s in block.iter() {
        match s {
            Statement::Call { function, .. } => out.push(*function),
            Statement::Block(b) => calls(b, out),
            Statement::If { accept, reject, .. } => {
                calls(accept, out);
                calls(reject, out);
            }
            Statement::Switch { cases, .. } => {
                for c in cases {
                    calls(&c.body, out);
                }
            }
            Statement::Loop {
                body, continuing, ..
            } => {
                calls(body, out);
                calls(continuing, out);
            }
            _ => {}
        }
    }
}

pub fn usage(module: &Module) -> Usage {
    let mut u = Usage {
        members: HashSet::new(),
        globals: HashSet::new(),
    };
    let mut scan = |f: &naga::Function| {
        for (_, e) in f.expressions.iter() {
            match e {
                Expression::GlobalVariable(g) => {
                    u.globals.insert(*g);
                }
                Expression::AccessIndex { base, index } => {
                    if let Expression::GlobalVariable(g) = f.expressions[*base] {
                        u.members.insert((g, *index));
                    }
                }
                _ => {}
            }
        }
    };
    let mut seen = HashSet::new();
    let mut todo = Vec::new();
    for ep in &module.entry_points {
        scan(&ep.function);
        calls(&ep.function.body, &mut todo);
    }
    while let Some(h) = todo.pop() {
        if !seen.insert(h) {
            continue;
        }
        let f = &module.functions[h];
        scan(f);
        calls(&f.body, &mut todo);
    }
    u
}

/// Writes `values` (column-major per element, `components()` each) into `data` for
/// elements `first..`, in the block's layout. Missing bytes are grown.
pub fn write(u: &Uniform, stage: usize, data: &mut Vec<u8>, first: u32, values: &[f32]) {
    let Some(offset) = u.offset[stage] else {
        return;
    };
    let per = u.components() as usize;
    if per == 0 {
        return;
    }
    for (e, chunk) in values.chunks(per).enumerate() {
        let element = first + e as u32;
        if element >= u.count || chunk.len() < per {
            break;
        }
        let at = offset + element * u.stride;
        for c in 0..u.cols {
            for r in 0..u.rows {
                let v = chunk[(c * u.rows + r) as usize];
                let pos = (at + c * u.col_stride + r * 4) as usize;
                let bytes = match u.base {
                    Base::Float => v.to_le_bytes(),
                    Base::Int | Base::Bool => (v as i32).to_le_bytes(),
                    Base::Uint => (v.max(0.0) as u32).to_le_bytes(),
                };
                if data.len() < pos + 4 {
                    data.resize(pos + 4, 0);
                }
                data[pos..pos + 4].copy_from_slice(&bytes);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shader_uniform_write_std140_matrix_columns() {
        let u = Uniform {
            name: "m".into(),
            base: Base::Float,
            rows: 3,
            cols: 3,
            count: 1,
            offset: [None, Some(16)],
            stride: 48,
            col_stride: 16,
            used: true,
        };
        let mut d = vec![0; 64];
        write(&u, 1, &mut d, 0, &[1., 2., 3., 4., 5., 6., 7., 8., 9.]);
        let f = |i: usize| f32::from_le_bytes([d[i], d[i + 1], d[i + 2], d[i + 3]]);
        assert_eq!((f(16), f(20), f(24)), (1.0, 2.0, 3.0));
        assert_eq!((f(32), f(48), f(56)), (4.0, 7.0, 9.0));
    }
}
