//! The CPU batcher: every draw appends vertices; draws that share a [`BatchKey`] become
//! one GPU draw call.
//!
//! Vertices are already transformed to screen pixels (LÖVE batches the same way), so a
//! change of transform or colour never splits a batch. Anything that changes how the GPU
//! must draw — texture, blend mode, colour mask, scissor, stencil, render target — is in
//! the key and starts a new draw. Every primitive (fans, strips, points, lines) is
//! expanded to a triangle list on the CPU, so the topology never splits a batch.
//! `clear` is a command of its own, ordered with the draws.

use super::shader::{Program, Snapshot};
use bytemuck::{Pod, Zeroable};

/// One vertex as the GPU reads it: 20 bytes.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Pod, Zeroable)]
pub struct Vertex {
    pub pos: [f32; 2],
    pub uv: [f32; 2],
    pub color: [u8; 4],
}

/// Index of a texture known to the renderer. 0 is a 1x1 white texture (untextured shapes).
pub type TextureId = u32;
pub const WHITE_TEXTURE: TextureId = 0;

/// LÖVE's blend modes (`setBlendMode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlendMode {
    Alpha,
    Add,
    Subtract,
    Multiply,
    Lighten,
    Darken,
    Screen,
    Replace,
    None,
}

/// A blend mode with its alpha mode: `premultiplied` is false for LÖVE's "alphamultiply".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Blend {
    pub mode: BlendMode,
    pub premultiplied: bool,
}

impl Default for Blend {
    fn default() -> Self {
        Blend {
            mode: BlendMode::Alpha,
            premultiplied: false,
        }
    }
}

/// LÖVE's compare modes for `setStencilTest`: the draw passes where `value <op> stencil`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Compare {
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Never,
    Always,
}

/// LÖVE's stencil actions for `stencil(fn, action, value)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StencilAction {
    Replace,
    Increment,
    Decrement,
    IncrementWrap,
    DecrementWrap,
    Invert,
}

/// `setDepthMode(compare, write)`: LÖVE's depth test ("always", false: off).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DepthMode {
    pub compare: Compare,
    pub write: bool,
}

impl Default for DepthMode {
    fn default() -> Self {
        DepthMode {
            compare: Compare::Always,
            write: false,
        }
    }
}

/// `setMeshCullMode`: which faces of a Mesh's triangles are not drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Cull {
    #[default]
    None,
    Back,
    Front,
}

/// A Mesh drawn from its own vertex buffer with its own vertex format (see
/// [`super::mesh::VertexSource`]), under the transform LÖVE passes to shaders.
#[derive(Clone)]
pub struct MeshCommand {
    pub key: BatchKey,
    /// The mesh first, then attached meshes.
    pub sources: Vec<super::mesh::VertexSource>,
    /// `Ok((first, count))`: vertices; `Err((first, count))`: a range of [`Batcher::indices`].
    pub range: Result<(u32, u32), (u32, u32)>,
    pub points: bool,
    pub instances: u32,
    /// Column-major local-to-pixel transform (TransformMatrix).
    pub transform: [[f32; 4]; 4],
    /// The current colour (ConstantColor).
    pub color: [f32; 4],
    pub cull: Cull,
    /// `setFrontFaceWinding("ccw")`.
    pub ccw: bool,
}

/// What draws do with the stencil buffer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Stencil {
    #[default]
    Off,
    /// Inside `love.graphics.stencil`: write `value` with `action`, no colour.
    Write(StencilAction, u8),
    /// `setStencilTest(compare, value)`.
    Test(Compare, u8),
}

/// Where draws go: the screen, or up to [`MAX_CANVASES`] canvases at once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Target {
    pub canvases: [TextureId; MAX_CANVASES],
    /// 0 = the screen.
    pub count: u8,
    /// A depth/stencil canvas drawn with instead of the built-in depth-stencil buffer
    /// (`setCanvas{..., depthstencil = canvas}`), and its format.
    pub depth: Option<(TextureId, super::formats::Format)>,
    /// 0: every canvas is drawn into at its first layer and level; else 1 + the index in
    /// [`Batcher::target_subs`] of each canvas's layer and mipmap level (layered.rs).
    // PERF: an index, so the key (compared on every draw) stays as small as before.
    pub sub: u16,
}

pub const MAX_CANVASES: usize = 4;

impl Target {
    pub const SCREEN: Target = Target {
        canvases: [0; MAX_CANVASES],
        count: 0,
        depth: None,
        sub: 0,
    };

    pub fn is_screen(&self) -> bool {
        self.count == 0 && self.depth.is_none()
    }

    pub fn list(&self) -> &[TextureId] {
        &self.canvases[..self.count as usize]
    }
}

/// Scissor rectangle in target pixels: x, y, w, h.
pub type Scissor = [u32; 4];

/// Everything that must match for two draws to share one GPU draw call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BatchKey {
    pub texture: TextureId,
    pub blend: Blend,
    /// r, g, b, a write bits (1, 2, 4, 8).
    pub color_mask: u8,
    pub scissor: Option<Scissor>,
    pub stencil: Stencil,
    pub target: Target,
    /// 1 + index of the shader snapshot in [`Batcher::shaders`]; 0 is the default shader.
    pub shader: u32,
    /// `setWireframe(true)`: triangles are drawn as their edges.
    pub wireframe: bool,
    pub depth: DepthMode,
}

impl Default for BatchKey {
    fn default() -> Self {
        BatchKey {
            texture: WHITE_TEXTURE,
            blend: Blend::default(),
            color_mask: 0xf,
            scissor: None,
            stencil: Stencil::Off,
            target: Target::SCREEN,
            shader: 0,
            wireframe: false,
            depth: DepthMode::default(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Command {
    /// Clear a target's colour (straight alpha, 0..1) and/or stencil.
    Clear {
        target: Target,
        color: Option<[f32; 4]>,
        stencil: Option<u8>,
        /// The depth value (LÖVE's `clear(..., stencil, depth)`).
        depth: Option<f32>,
    },
    /// Draw `count` vertices (a triangle list) starting at `first`.
    Draw {
        key: BatchKey,
        first: u32,
        count: u32,
    },
    /// Draw [`Batcher::meshes`]`[i]`.
    Mesh(u32),
}

#[derive(Default)]
pub struct Batcher {
    pub vertices: Vec<Vertex>,
    pub commands: Vec<Command>,
    /// Draws that were merged into an earlier draw call this frame.
    pub merged: u32,
    /// Game shaders and the uniform values draws use, as they were when drawn.
    pub shaders: Vec<Snapshot>,
    /// Meshes drawn from their own buffers, and the index lists they use.
    pub meshes: Vec<MeshCommand>,
    pub indices: Vec<u32>,
    /// The array layer of each vertex drawn with an array texture (`drawLayer`), at the
    /// same index as in `vertices`; empty while the frame has no such draw (see
    /// `layered.rs`).
    pub layers: Vec<f32>,
    /// Layer/face/slice and mipmap level of each canvas of a [`Target::sub`]; interned
    /// once per distinct choice and kept across frames (state holds indices into it).
    pub target_subs: Vec<TargetSub>,
}

/// The (layer, mipmap level) of each canvas of a target, 0-based.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TargetSub {
    pub layers: [u16; MAX_CANVASES],
    pub mips: [u8; MAX_CANVASES],
}

impl Batcher {
    /// Makes room for `n` vertices drawn with `key` and returns them to fill in place.
    // PERF: lets hot draws (sprites, rectangles) write vertices without a scratch copy.
    pub fn reserve(&mut self, key: BatchKey, n: usize) -> Option<&mut [Vertex]> {
        if n == 0 {
            return None;
        }
        self.open(key, n);
        let start = self.vertices.len();
        self.vertices.resize(start + n, Vertex::zeroed());
        Some(&mut self.vertices[start..])
    }

    /// Appends a triangle list drawn with `key`.
    // PERF: one copy, no zero-filling first as `reserve` does (sprites and rectangles
    // build their six vertices on the stack).
    pub fn push(&mut self, key: BatchKey, v: &[Vertex]) {
        if v.is_empty() {
            return;
        }
        self.open(key, v.len());
        self.vertices.extend_from_slice(v);
    }

    /// Counts `n` vertices about to be appended into the last draw command when it has
    /// the same key (and ends where they start), or starts a new command.
    fn open(&mut self, key: BatchKey, n: usize) {
        let first = self.vertices.len() as u32;
        if let Some(Command::Draw {
            key: last,
            count,
            first: f,
        }) = self.commands.last_mut()
            && *f + *count == first
            && *last == key
        {
            *count += n as u32;
            self.merged += 1;
            return;
        }
        self.commands.push(Command::Draw {
            key,
            first,
            count: n as u32,
        });
    }

    /// Queues a mesh drawn from its own buffers; `indices` (when given) are copied into
    /// the frame's index list.
    pub fn push_mesh(&mut self, mut cmd: MeshCommand, indices: Option<&[u32]>) {
        if let Some(idx) = indices {
            let first = self.indices.len() as u32;
            self.indices.extend_from_slice(idx);
            cmd.range = Err((first, idx.len() as u32));
        }
        self.commands.push(Command::Mesh(self.meshes.len() as u32));
        self.meshes.push(cmd);
    }

    /// The key of a draw command (None for clears).
    pub fn key_of(&self, c: &Command) -> Option<BatchKey> {
        match c {
            Command::Draw { key, .. } => Some(*key),
            Command::Mesh(i) => self.meshes.get(*i as usize).map(|m| m.key),
            Command::Clear { .. } => None,
        }
    }

    /// Clears colour and/or stencil; depth (to 1) with the stencil.
    pub fn clear(&mut self, target: Target, color: Option<[f32; 4]>, stencil: Option<u8>) {
        self.clear_depth(target, color, stencil, stencil.map(|_| 1.0));
    }

    /// Clears colour, stencil and/or depth.
    pub fn clear_depth(
        &mut self,
        target: Target,
        color: Option<[f32; 4]>,
        stencil: Option<u8>,
        depth: Option<f32>,
    ) {
        // A clear right after a clear of the same target merges with it.
        if let Some(Command::Clear {
            target: t,
            color: c,
            stencil: s,
            depth: d,
        }) = self.commands.last_mut()
            && *t == target
        {
            if color.is_some() {
                *c = color;
            }
            if stencil.is_some() {
                *s = stencil;
            }
            if depth.is_some() {
                *d = depth;
            }
            return;
        }
        self.commands.push(Command::Clear {
            target,
            color,
            stencil,
            depth,
        });
    }

    /// GPU draw calls the current frame will issue.
    pub fn draw_calls(&self) -> u32 {
        self.commands
            .iter()
            .filter(|c| matches!(c, Command::Draw { .. } | Command::Mesh(_)))
            .count() as u32
    }

    /// The program of a key's `shader` (None: the default shader).
    pub fn program(&self, shader: u32) -> Option<&Program> {
        let i = (shader as usize).checked_sub(1)?;
        self.shaders.get(i).map(|s| &*s.program)
    }

    /// Adds a shader snapshot (or reuses the last one when equal); returns its key value.
    pub fn shader(&mut self, snap: Snapshot) -> u32 {
        if let Some(last) = self.shaders.last()
            && last.same(&snap)
        {
            return self.shaders.len() as u32;
        }
        self.shaders.push(snap);
        self.shaders.len() as u32
    }

    /// Whether any queued command uses `texture` (as source or target).
    pub fn uses_texture(&self, texture: TextureId) -> bool {
        if self.shaders.iter().any(|s| s.textures.contains(&texture)) {
            return true;
        }
        self.commands.iter().any(|c| match c {
            Command::Draw { key, .. } => {
                key.texture == texture || key.target.list().contains(&texture)
            }
            Command::Mesh(i) => self.meshes.get(*i as usize).is_some_and(|m| {
                m.key.texture == texture || m.key.target.list().contains(&texture)
            }),
            Command::Clear { target, .. } => target.list().contains(&texture),
        })
    }

    pub fn reset(&mut self) {
        self.vertices.clear();
        self.commands.clear();
        self.merged = 0;
        self.shaders.clear();
        self.meshes.clear();
        self.indices.clear();
        self.layers.clear();
    }
}

/// A colour as the vertex stores it (unorm8, as LÖVE's vertex colours).
pub fn pack_color(c: [f32; 4]) -> [u8; 4] {
    let f = |x: f32| (x.clamp(0.0, 1.0) * 255.0 + 0.5) as u8;
    [f(c[0]), f(c[1]), f(c[2]), f(c[3])]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tri() -> [Vertex; 3] {
        [Vertex::zeroed(); 3]
    }

    #[test]
    fn batch_same_key_merges() {
        let mut b = Batcher::default();
        for _ in 0..1000 {
            b.push(BatchKey::default(), &tri());
        }
        assert_eq!(b.draw_calls(), 1);
        assert_eq!(b.merged, 999);
        assert_eq!(b.vertices.len(), 3000);
    }

    #[test]
    fn batch_key_change_and_clear_split() {
        let mut b = Batcher::default();
        let other = BatchKey {
            texture: 7,
            ..BatchKey::default()
        };
        b.push(BatchKey::default(), &tri());
        b.push(other, &tri());
        b.push(BatchKey::default(), &tri());
        assert_eq!(b.draw_calls(), 3);
        b.clear(Target::SCREEN, Some([0.0; 4]), None);
        b.clear(Target::SCREEN, Some([1.0; 4]), Some(0));
        b.push(BatchKey::default(), &tri());
        assert_eq!(b.draw_calls(), 4);
        assert_eq!(
            b.commands
                .iter()
                .filter(|c| matches!(c, Command::Clear { .. }))
                .count(),
            1
        );
        b.reset();
        assert_eq!(b.draw_calls(), 0);
    }

    #[test]
    fn batch_every_state_in_key_splits() {
        let base = BatchKey::default();
        let variants = [
            BatchKey {
                blend: Blend {
                    mode: BlendMode::Add,
                    premultiplied: false,
                },
                ..base
            },
            BatchKey {
                scissor: Some([0, 0, 1, 1]),
                ..base
            },
            BatchKey {
                stencil: Stencil::Test(Compare::Equal, 1),
                ..base
            },
            BatchKey {
                color_mask: 1,
                ..base
            },
            BatchKey { shader: 1, ..base },
            BatchKey {
                target: Target {
                    canvases: [3, 0, 0, 0],
                    count: 1,
                    ..Target::SCREEN
                },
                ..base
            },
        ];
        for v in variants {
            let mut b = Batcher::default();
            b.push(base, &tri());
            b.push(v, &tri());
            b.push(v, &tri());
            assert_eq!(b.draw_calls(), 2, "{v:?}");
        }
    }

    #[test]
    fn batch_pack_color_rounds() {
        assert_eq!(pack_color([1.0, 0.5, 0.0, 2.0]), [255, 128, 0, 255]);
    }
}
