//! SpriteBatch and Mesh data: vertices kept in the object's local space, turned into
//! screen-space triangles each time the object is drawn (so they batch like any draw).

use super::batch::{Vertex, pack_color};
use super::draw::mul_color;
use super::texture::{Quad, TextureRef};
use glam::{Affine2, Vec2};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Plain 2D meshes with at least this many vertices are drawn from their own GPU buffer.
pub const GPU_MESH_VERTICES: usize = 1024;

static NEXT_MESH: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// Meshes dropped since the renderer last looked: their GPU buffers can go.
    static RETIRED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// Ids of meshes dropped since the last call.
pub fn take_retired() -> Vec<u64> {
    RETIRED.with(|r| {
        r.try_borrow_mut()
            .map(|mut v| std::mem::take(&mut *v))
            .unwrap_or_default()
    })
}

/// A mesh's vertices as one GPU draw reads them: shared with the mesh until the mesh
/// changes (copy on write), so a draw keeps the data it was queued with.
#[derive(Clone)]
pub struct VertexSource {
    pub id: u64,
    pub version: u64,
    pub data: Rc<Vec<f32>>,
    pub format: Rc<Vec<Attribute>>,
    /// Floats per vertex.
    pub stride: usize,
    /// `attachAttribute(..., "perinstance")`: advances once per instance.
    pub per_instance: bool,
    /// Only these attributes are read from this source (attached meshes): (name in the
    /// source's format, name the shader sees). Empty: every attribute under its own name.
    pub only: Vec<(String, String)>,
    /// The drawn mesh's `setAttributeEnabled(name, false)` names: they read constants.
    pub disabled: Vec<String>,
}

impl VertexSource {
    pub fn vertex_count(&self) -> usize {
        self.data.len().checked_div(self.stride).unwrap_or(0)
    }

    /// LOVE reads past the end of a too-short attached mesh (GL gives zeros or garbage);
    /// wgpu refuses, so such a source is padded with zeros for this draw (id 0: not cached).
    pub fn pad_to(&mut self, vertices: usize) {
        if self.vertex_count() < vertices {
            let mut d = (*self.data).clone();
            d.resize(vertices * self.stride, 0.0);
            self.data = Rc::new(d);
            self.id = 0;
        }
    }
}

/// One sprite: four corners (top-left, top-right, bottom-right, bottom-left) in the
/// batch's local space, with texture coordinates and colour.
pub type Sprite = [Vertex; 4];

pub struct SpriteBatch {
    pub texture: TextureRef,
    /// Identify its GPU vertex buffer when drawn with attached attributes (see Mesh).
    pub id: u64,
    pub version: u64,
    pub sprites: Vec<Sprite>,
    /// `getBufferSize`: grows (doubling) when full, as LÖVE 11 does.
    pub capacity: usize,
    pub color: Option<[f32; 4]>,
    /// `setDrawRange`: (first sprite, count), 0-based.
    pub draw_range: Option<(usize, usize)>,
    /// Array textures: each sprite's layer (0-based; missing entries are layer 0).
    pub layers: Vec<u32>,
}

impl SpriteBatch {
    pub fn new(texture: TextureRef, capacity: usize) -> SpriteBatch {
        SpriteBatch {
            texture,
            id: NEXT_MESH.fetch_add(1, Ordering::Relaxed),
            version: 0,
            sprites: Vec::with_capacity(capacity.min(1 << 20)),
            capacity: capacity.max(1),
            color: None,
            draw_range: None,
            layers: Vec::new(),
        }
    }

    /// The sprite's corners for a placement and an optional quad.
    pub fn make(&self, quad: Option<&Quad>, t: &Affine2) -> Sprite {
        let (w, h, uv) = match quad {
            Some(q) => (q.w, q.h, q.uv()),
            None => {
                let (w, h) = self.texture.dimensions();
                (w, h, [0.0, 0.0, 1.0, 1.0])
            }
        };
        let c = pack_color(self.color.unwrap_or([1.0; 4]));
        let corner = |x: f32, y: f32, u: f32, v: f32| {
            let p = t.transform_point2(Vec2::new(x, y));
            Vertex {
                pos: [p.x, p.y],
                uv: [u, v],
                color: c,
            }
        };
        [
            corner(0.0, 0.0, uv[0], uv[1]),
            corner(w, 0.0, uv[2], uv[1]),
            corner(w, h, uv[2], uv[3]),
            corner(0.0, h, uv[0], uv[3]),
        ]
    }

    /// Adds a sprite; returns its 1-based index.
    pub fn add(&mut self, s: Sprite) -> usize {
        if self.sprites.len() >= self.capacity {
            self.capacity *= 2;
        }
        self.version += 1;
        self.sprites.push(s);
        self.sprites.len()
    }

    /// Replaces sprite `index` (1-based); false when there is no such sprite.
    pub fn set(&mut self, index: usize, s: Sprite) -> bool {
        self.version += 1;
        match index.checked_sub(1).and_then(|i| self.sprites.get_mut(i)) {
            Some(slot) => {
                *slot = s;
                true
            }
            None => false,
        }
    }

    /// The sprites as a GPU vertex source in LÖVE's vertex order (per sprite: top-left,
    /// bottom-left, top-right, bottom-right, so attached meshes line up as in LÖVE), with
    /// the default Mesh format, and the index list of the sprites in the draw range.
    pub fn gpu_source(&self) -> (VertexSource, Vec<u32>) {
        let mut data = Vec::with_capacity(self.sprites.len() * 32);
        for s in &self.sprites {
            for k in [0, 3, 1, 2] {
                let v = &s[k];
                data.extend_from_slice(&v.pos);
                data.extend_from_slice(&v.uv);
                data.extend(v.color.iter().map(|&c| c as f32 / 255.0));
            }
        }
        let (start, end) = self.range();
        let mut idx = Vec::with_capacity((end - start) * 6);
        for i in start as u32..end as u32 {
            let b = i * 4;
            idx.extend_from_slice(&[b, b + 1, b + 2, b + 2, b + 1, b + 3]);
        }
        let src = VertexSource {
            id: self.id,
            version: self.version,
            data: Rc::new(data),
            format: Rc::new(default_format()),
            stride: 8,
            per_instance: false,
            only: Vec::new(),
            disabled: Vec::new(),
        };
        (src, idx)
    }

    /// Sprites to draw: [start, end).
    pub fn range(&self) -> (usize, usize) {
        let n = self.sprites.len();
        match self.draw_range {
            Some((s, c)) => (s.min(n), (s + c).min(n)),
            None => (0, n),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeshMode {
    Fan,
    Strip,
    Triangles,
    Points,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrType {
    Float,
    Byte,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    pub name: String,
    pub kind: AttrType,
    pub components: usize,
}

pub fn default_format() -> Vec<Attribute> {
    vec![
        Attribute {
            name: "VertexPosition".into(),
            kind: AttrType::Float,
            components: 2,
        },
        Attribute {
            name: "VertexTexCoord".into(),
            kind: AttrType::Float,
            components: 2,
        },
        Attribute {
            name: "VertexColor".into(),
            kind: AttrType::Byte,
            components: 4,
        },
    ]
}

pub struct Mesh {
    pub format: Rc<Vec<Attribute>>,
    /// Components of every attribute, vertex after vertex (bytes stored as 0..1).
    /// Shared with queued GPU draws; changed through [`Mesh::vertex_mut`].
    pub data: Rc<Vec<f32>>,
    /// Identifies the mesh's GPU buffer; `version` changes with every edit, so the
    /// buffer is uploaded again only after the vertices changed.
    pub id: u64,
    pub version: u64,
    pub stride: usize,
    pub mode: MeshMode,
    /// `setVertexMap`, 0-based.
    pub map: Option<Vec<u32>>,
    /// (start, count), 0-based.
    pub draw_range: Option<(usize, usize)>,
    pub texture: Option<TextureRef>,
    offsets: [Option<usize>; 3],
    /// `setAttributeEnabled(name, false)`.
    pub disabled: Vec<String>,
}

impl Mesh {
    pub fn new(format: Vec<Attribute>, count: usize, mode: MeshMode) -> Mesh {
        let stride = format.iter().map(|a| a.components).sum();
        let mut offsets = [None; 3];
        let mut off = 0;
        for a in &format {
            let slot = match a.name.as_str() {
                "VertexPosition" => Some(0),
                "VertexTexCoord" => Some(1),
                "VertexColor" => Some(2),
                _ => None,
            };
            if let Some(s) = slot {
                offsets[s] = Some(off);
            }
            off += a.components;
        }
        let mut data = vec![0.0; stride * count];
        // LOVE: colours default to white.
        if let Some(o) = offsets[2] {
            let n = format
                .iter()
                .find(|a| a.name == "VertexColor")
                .map(|a| a.components)
                .unwrap_or(4);
            for v in 0..count {
                for k in 0..n {
                    data[v * stride + o + k] = 1.0;
                }
            }
        }
        Mesh {
            format: Rc::new(format),
            data: Rc::new(data),
            id: NEXT_MESH.fetch_add(1, Ordering::Relaxed),
            version: 0,
            stride,
            mode,
            map: None,
            draw_range: None,
            texture: None,
            offsets,
            disabled: Vec::new(),
        }
    }

    pub fn vertex_count(&self) -> usize {
        self.data.len().checked_div(self.stride).unwrap_or(0)
    }

    pub fn vertex(&self, i: usize) -> &[f32] {
        &self.data[i * self.stride..(i + 1) * self.stride]
    }

    pub fn vertex_mut(&mut self, i: usize) -> &mut [f32] {
        self.version += 1;
        let stride = self.stride;
        &mut Rc::make_mut(&mut self.data)[i * stride..(i + 1) * stride]
    }

    /// LOVE: "byte" attributes are stored as unorm8: values are clamped to 0..1 and
    /// rounded to 1/255 steps (getVertex reads them back so).
    pub fn quantize_bytes(&mut self, i: usize) {
        let format = self.format.clone();
        let v = self.vertex_mut(i);
        let mut off = 0;
        for a in format.iter() {
            if a.kind == AttrType::Byte {
                for x in &mut v[off..off + a.components] {
                    *x = (x.clamp(0.0, 1.0) * 255.0).round() / 255.0;
                }
            }
            off += a.components;
        }
    }

    /// Whether the batcher's fixed 2D vertex format can draw this mesh (CPU path):
    /// only VertexPosition (2 components), VertexTexCoord and VertexColor.
    pub fn is_plain_2d(&self) -> bool {
        self.format.iter().all(|a| match a.name.as_str() {
            "VertexPosition" => a.components <= 2,
            "VertexTexCoord" | "VertexColor" => true,
            _ => false,
        })
    }

    /// This mesh's vertices for a GPU draw.
    pub fn source(&self) -> VertexSource {
        VertexSource {
            id: self.id,
            version: self.version,
            data: self.data.clone(),
            format: self.format.clone(),
            stride: self.stride,
            per_instance: false,
            only: Vec::new(),
            disabled: self.disabled.clone(),
        }
    }

    /// Vertices a draw reads: the highest vertex index it uses, plus one.
    pub fn vertices_read(&self) -> usize {
        match &self.map {
            Some(m) => m.iter().map(|&i| i as usize + 1).max().unwrap_or(0),
            None => match self.draw_range {
                Some((s, c)) => (s + c).min(self.vertex_count()),
                None => self.vertex_count(),
            },
        }
    }

    /// The GPU draw's primitive list: `Ok(range)` draws vertices `range` as they are
    /// (triangles or points without a vertex map); `Err(indices)` draws these indices
    /// as a triangle list (fans and strips are turned into lists: wgpu has no fans).
    pub fn gpu_indices(&self) -> Result<(u32, u32), Vec<u32>> {
        let n = self.vertex_count() as u32;
        if self.map.is_none() && matches!(self.mode, MeshMode::Triangles | MeshMode::Points) {
            let (s, c) = self.draw_range.unwrap_or((0, n as usize));
            let s = (s as u32).min(n);
            let e = (s + c as u32).min(n);
            let e = if self.mode == MeshMode::Triangles {
                s + (e - s) / 3 * 3
            } else {
                e
            };
            return Ok((s, e - s));
        }
        let idx: Vec<u32> = self.indices().into_iter().filter(|&i| i < n).collect();
        let mut out = Vec::with_capacity(idx.len() * 3);
        match self.mode {
            MeshMode::Triangles | MeshMode::Points => {
                let k = if self.mode == MeshMode::Triangles {
                    idx.len() / 3 * 3
                } else {
                    idx.len()
                };
                out.extend_from_slice(&idx[..k]);
            }
            MeshMode::Fan => {
                for k in 1..idx.len().saturating_sub(1) {
                    out.extend_from_slice(&[idx[0], idx[k], idx[k + 1]]);
                }
            }
            MeshMode::Strip => {
                for k in 0..idx.len().saturating_sub(2) {
                    if k % 2 == 0 {
                        out.extend_from_slice(&[idx[k], idx[k + 1], idx[k + 2]]);
                    } else {
                        out.extend_from_slice(&[idx[k + 1], idx[k], idx[k + 2]]);
                    }
                }
            }
        }
        Err(out)
    }

    fn screen_vertex(&self, i: usize, t: &Affine2, base: [f32; 4]) -> Vertex {
        let v = self.vertex(i);
        let get2 = |o: Option<usize>| o.map(|o| [v[o], v.get(o + 1).copied().unwrap_or(0.0)]);
        let p = get2(self.offsets[0]).unwrap_or([0.0, 0.0]);
        let uv = get2(self.offsets[1]).unwrap_or([0.0, 0.0]);
        let c = match self.offsets[2] {
            Some(o) => [
                v[o],
                v.get(o + 1).copied().unwrap_or(1.0),
                v.get(o + 2).copied().unwrap_or(1.0),
                v.get(o + 3).copied().unwrap_or(1.0),
            ],
            None => [1.0; 4],
        };
        let q = t.transform_point2(Vec2::from(p));
        Vertex {
            pos: [q.x, q.y],
            uv,
            color: mul_color(pack_color(c), base),
        }
    }

    /// The vertex indices drawn, after the vertex map and draw range.
    pub fn indices(&self) -> Vec<u32> {
        let all: Vec<u32> = match &self.map {
            Some(m) => m.clone(),
            None => (0..self.vertex_count() as u32).collect(),
        };
        match self.draw_range {
            Some((s, c)) => all.into_iter().skip(s).take(c).collect(),
            None => all,
        }
    }

    /// Appends the mesh as a screen-space triangle list (fans, strips and points are
    /// expanded here; points become squares of `point_size` pixels).
    pub fn triangles(&self, out: &mut Vec<Vertex>, t: &Affine2, base: [f32; 4], point_size: f32) {
        let idx = self.indices();
        let n = self.vertex_count() as u32;
        let idx: Vec<usize> = idx
            .into_iter()
            .filter(|&i| i < n)
            .map(|i| i as usize)
            .collect();
        let mut tri = |a: usize, b: usize, c: usize| {
            out.push(self.screen_vertex(a, t, base));
            out.push(self.screen_vertex(b, t, base));
            out.push(self.screen_vertex(c, t, base));
        };
        match self.mode {
            MeshMode::Triangles => {
                for c in idx.chunks_exact(3) {
                    tri(c[0], c[1], c[2]);
                }
            }
            MeshMode::Fan => {
                for k in 1..idx.len().saturating_sub(1) {
                    tri(idx[0], idx[k], idx[k + 1]);
                }
            }
            MeshMode::Strip => {
                for k in 0..idx.len().saturating_sub(2) {
                    if k % 2 == 0 {
                        tri(idx[k], idx[k + 1], idx[k + 2]);
                    } else {
                        tri(idx[k + 1], idx[k], idx[k + 2]);
                    }
                }
            }
            MeshMode::Points => {
                let pts: Vec<(Vec2, [u8; 4])> = idx
                    .iter()
                    .map(|&i| {
                        let v = self.screen_vertex(i, &Affine2::IDENTITY, base);
                        (Vec2::from(v.pos), v.color)
                    })
                    .collect();
                // Positions were left untransformed above; points() transforms them.
                super::shapes::points(out, t, &pts, point_size);
            }
        }
    }
}

impl super::Graphics {
    /// Queues `mesh` (with `attached` sources) drawn from its own GPU buffer,
    /// `instances` times, under the transform stack times `local`.
    pub fn draw_mesh_gpu(
        &mut self,
        mesh: &Mesh,
        local: &Affine2,
        attached: Vec<VertexSource>,
        instances: u32,
    ) {
        let texture = mesh
            .texture
            .as_ref()
            .map(|t| t.id)
            .unwrap_or(super::batch::WHITE_TEXTURE);
        let mut sources = vec![mesh.source()];
        sources.extend(attached);
        let points = mesh.mode == MeshMode::Points;
        self.draw_sources_gpu(
            texture,
            sources,
            mesh.gpu_indices(),
            points,
            instances,
            local,
        );
    }

    /// Queues vertex sources (the drawn one first) as one GPU draw: `range` is a vertex
    /// range, or an index list (see [`Mesh::gpu_indices`]).
    pub fn draw_sources_gpu(
        &mut self,
        texture: super::batch::TextureId,
        sources: Vec<VertexSource>,
        range: Result<(u32, u32), Vec<u32>>,
        points: bool,
        instances: u32,
        local: &Affine2,
    ) {
        if instances == 0 {
            return;
        }
        let t = self.transform * *local;
        let m = glam::Mat4::from_cols(
            glam::Vec4::new(t.matrix2.x_axis.x, t.matrix2.x_axis.y, 0.0, 0.0),
            glam::Vec4::new(t.matrix2.y_axis.x, t.matrix2.y_axis.y, 0.0, 0.0),
            glam::Vec4::Z,
            glam::Vec4::new(t.translation.x, t.translation.y, 0.0, 1.0),
        );
        let (range, indices) = match range {
            Ok(r) => (Ok(r), None),
            Err(idx) => (Err((0, 0)), Some(idx)),
        };
        let cmd = super::batch::MeshCommand {
            key: self.key(texture),
            sources,
            range,
            points,
            instances,
            transform: m.to_cols_array_2d(),
            color: self.state.color,
            cull: self.state.cull,
            ccw: self.state.ccw,
        };
        self.batch.push_mesh(cmd, indices.as_deref());
    }
}

impl Drop for SpriteBatch {
    fn drop(&mut self) {
        let id = self.id;
        let _ = RETIRED.try_with(|r| {
            if let Ok(mut v) = r.try_borrow_mut() {
                v.push(id);
            }
        });
    }
}

impl Drop for Mesh {
    fn drop(&mut self) {
        let id = self.id;
        let _ = RETIRED.try_with(|r| {
            if let Ok(mut v) = r.try_borrow_mut() {
                v.push(id);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mesh_gpu_indices_fan_strip_and_ranges() {
        let mut m = Mesh::new(default_format(), 5, MeshMode::Fan);
        assert_eq!(m.gpu_indices(), Err(vec![0, 1, 2, 0, 2, 3, 0, 3, 4]));
        m.mode = MeshMode::Strip;
        assert_eq!(m.gpu_indices(), Err(vec![0, 1, 2, 2, 1, 3, 2, 3, 4]));
        m.mode = MeshMode::Triangles;
        assert_eq!(m.gpu_indices(), Ok((0, 3)));
        m.draw_range = Some((1, 10));
        assert_eq!(m.gpu_indices(), Ok((1, 3)));
        m.map = Some(vec![4, 3, 2, 1]);
        m.draw_range = None;
        assert_eq!(m.gpu_indices(), Err(vec![4, 3, 2]));
        let v = m.version;
        m.vertex_mut(0)[0] = 1.0;
        assert!(m.version > v, "edits bump the version");
    }

    #[test]
    fn mesh_fan_and_strip_expand_to_triangles() {
        let mut m = Mesh::new(default_format(), 5, MeshMode::Fan);
        let mut out = Vec::new();
        m.triangles(&mut out, &Affine2::IDENTITY, [1.0; 4], 1.0);
        assert_eq!(out.len(), 3 * 3);
        m.mode = MeshMode::Strip;
        out.clear();
        m.triangles(&mut out, &Affine2::IDENTITY, [1.0; 4], 1.0);
        assert_eq!(out.len(), 3 * 3);
        m.mode = MeshMode::Triangles;
        m.draw_range = Some((0, 3));
        out.clear();
        m.triangles(&mut out, &Affine2::IDENTITY, [1.0; 4], 1.0);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].color, [255; 4], "colours default to white");
    }
}
