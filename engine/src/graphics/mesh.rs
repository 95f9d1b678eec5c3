//! SpriteBatch and Mesh data: vertices kept in the object's local space, turned into
//! screen-space triangles each time the object is drawn (so they batch like any draw).

use super::batch::{Vertex, pack_color};
use super::draw::mul_color;
use super::texture::{Quad, TextureRef};
use glam::{Affine2, Vec2};

/// One sprite: four corners (top-left, top-right, bottom-right, bottom-left) in the
/// batch's local space, with texture coordinates and colour.
pub type Sprite = [Vertex; 4];

pub struct SpriteBatch {
    pub texture: TextureRef,
    pub sprites: Vec<Sprite>,
    /// `getBufferSize`: grows (doubling) when full, as LÖVE 11 does.
    pub capacity: usize,
    pub color: Option<[f32; 4]>,
    /// `setDrawRange`: (first sprite, count), 0-based.
    pub draw_range: Option<(usize, usize)>,
}

impl SpriteBatch {
    pub fn new(texture: TextureRef, capacity: usize) -> SpriteBatch {
        SpriteBatch {
            texture,
            sprites: Vec::with_capacity(capacity.min(1 << 20)),
            capacity: capacity.max(1),
            color: None,
            draw_range: None,
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
        self.sprites.push(s);
        self.sprites.len()
    }

    /// Replaces sprite `index` (1-based); false when there is no such sprite.
    pub fn set(&mut self, index: usize, s: Sprite) -> bool {
        match index.checked_sub(1).and_then(|i| self.sprites.get_mut(i)) {
            Some(slot) => {
                *slot = s;
                true
            }
            None => false,
        }
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
    pub format: Vec<Attribute>,
    /// Components of every attribute, vertex after vertex (bytes stored as 0..1).
    pub data: Vec<f32>,
    pub stride: usize,
    pub mode: MeshMode,
    /// `setVertexMap`, 0-based.
    pub map: Option<Vec<u32>>,
    /// (start, count), 0-based.
    pub draw_range: Option<(usize, usize)>,
    pub texture: Option<TextureRef>,
    offsets: [Option<usize>; 3],
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
            format,
            data,
            stride,
            mode,
            map: None,
            draw_range: None,
            texture: None,
            offsets,
        }
    }

    pub fn vertex_count(&self) -> usize {
        self.data.len().checked_div(self.stride).unwrap_or(0)
    }

    pub fn vertex(&self, i: usize) -> &[f32] {
        &self.data[i * self.stride..(i + 1) * self.stride]
    }

    pub fn vertex_mut(&mut self, i: usize) -> &mut [f32] {
        &mut self.data[i * self.stride..(i + 1) * self.stride]
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

#[cfg(test)]
mod tests {
    use super::*;

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
