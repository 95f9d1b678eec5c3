//! The CPU batcher: every draw appends vertices; draws that share a [`BatchKey`] become
//! one GPU draw call.
//!
//! Vertices are already transformed to screen pixels (LÖVE batches the same way), so a
//! change of transform or colour never splits a batch. Anything that changes how the GPU
//! must draw (texture, blend mode, and later shader, canvas, scissor, stencil) is in the
//! key and starts a new draw. `clear` is a command of its own, ordered with the draws.

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlendMode {
    /// LÖVE's default "alpha" blend mode with "alphamultiply".
    Alpha,
}

/// Everything that must match for two draws to share one GPU draw call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BatchKey {
    pub texture: TextureId,
    pub blend: BlendMode,
}

impl Default for BatchKey {
    fn default() -> Self {
        BatchKey {
            texture: WHITE_TEXTURE,
            blend: BlendMode::Alpha,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Command {
    /// Clear the target to a colour (straight alpha, 0..1).
    Clear([f32; 4]),
    /// Draw `count` vertices (a triangle list) starting at `first`.
    Draw {
        key: BatchKey,
        first: u32,
        count: u32,
    },
}

#[derive(Default)]
pub struct Batcher {
    pub vertices: Vec<Vertex>,
    pub commands: Vec<Command>,
    /// Draws that were merged into an earlier draw call this frame.
    pub merged: u32,
}

impl Batcher {
    /// Appends a triangle list drawn with `key`.
    pub fn push(&mut self, key: BatchKey, verts: &[Vertex]) {
        if verts.is_empty() {
            return;
        }
        let n = verts.len() as u32;
        let first = self.vertices.len() as u32;
        self.vertices.extend_from_slice(verts);
        if let Some(Command::Draw {
            key: last,
            count,
            first: f,
        }) = self.commands.last_mut()
            && *last == key
            && *f + *count == first
        {
            *count += n;
            self.merged += 1;
            return;
        }
        self.commands.push(Command::Draw {
            key,
            first,
            count: n,
        });
    }

    pub fn clear(&mut self, color: [f32; 4]) {
        // A clear right after a clear replaces it: nothing was drawn in between.
        if let Some(Command::Clear(c)) = self.commands.last_mut() {
            *c = color;
        } else {
            self.commands.push(Command::Clear(color));
        }
    }

    /// GPU draw calls the current frame will issue.
    pub fn draw_calls(&self) -> u32 {
        self.commands
            .iter()
            .filter(|c| matches!(c, Command::Draw { .. }))
            .count() as u32
    }

    pub fn reset(&mut self) {
        self.vertices.clear();
        self.commands.clear();
        self.merged = 0;
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
        b.clear([0.0; 4]);
        b.clear([1.0; 4]);
        b.push(BatchKey::default(), &tri());
        assert_eq!(b.draw_calls(), 4);
        assert_eq!(
            b.commands
                .iter()
                .filter(|c| matches!(c, Command::Clear(_)))
                .count(),
            1
        );
        b.reset();
        assert_eq!(b.draw_calls(), 0);
    }

    #[test]
    fn batch_pack_color_rounds() {
        assert_eq!(pack_color([1.0, 0.5, 0.0, 2.0]), [255, 128, 0, 255]);
    }
}
