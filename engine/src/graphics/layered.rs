//! Array, cube and volume textures (LÖVE's `TextureType`): creation from per-layer pixels,
//! per-layer uploads and readback, and drawing array textures (`drawLayer`, SpriteBatches
//! with layers).
//!
//! A draw of an array texture is batched like any draw (its key is the texture's), and
//! also writes each vertex's layer into [`Batcher::layers`] at the vertex's index; the
//! renderer reads that as a second vertex buffer with a pipeline variant that samples a
//! `texture_2d_array` (LÖVE passes the layer as the third texture coordinate). The 2D
//! path is untouched: `layers` stays empty in frames without array draws.

use super::batch::{BatchKey, Batcher, TargetSub, Vertex};
use super::draw::mul_color;
use super::mesh::SpriteBatch;
use super::texture::{
    MipMode, Quad, TextureInner, TextureRef, TextureSpec, mip_levels, new_texture_ref,
};
use super::{Graphics, batch::pack_color, shapes};
use glam::{Affine2, Vec2};
use std::rc::Rc;

/// LÖVE's texture types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TexKind {
    D2,
    Array,
    Cube,
    Volume,
}

impl TexKind {
    pub fn love_name(self) -> &'static str {
        match self {
            TexKind::D2 => "2d",
            TexKind::Array => "array",
            TexKind::Cube => "cube",
            TexKind::Volume => "volume",
        }
    }
}

impl Batcher {
    /// [`Batcher::reserve`] for a draw of an array texture: also returns the vertices'
    /// layer slots (the layer list is padded up to the first new vertex).
    pub fn reserve_layered(
        &mut self,
        key: BatchKey,
        n: usize,
    ) -> Option<(&mut [Vertex], &mut [f32])> {
        let first = self.vertices.len();
        self.reserve(key, n)?;
        // Padded up to this draw: only frames with array draws pay for the list.
        self.layers.resize(first + n, 0.0);
        Some((&mut self.vertices[first..], &mut self.layers[first..]))
    }
}

impl SpriteBatch {
    /// Puts sprite `id` (1-based) on `layer` (0-based) of its array texture.
    pub fn set_layer(&mut self, id: usize, layer: u32) {
        let Some(i) = id.checked_sub(1) else { return };
        // Missing entries are layer 0: nothing to store for a 2D batch.
        if i >= self.layers.len() {
            if layer == 0 {
                return;
            }
            self.layers.resize(i + 1, 0);
        }
        self.layers[i] = layer;
    }
}

/// LÖVE's slice count check for `replacePixels` / `setCanvas` of a layered texture.
pub fn slices(t: &TextureInner) -> u32 {
    t.layers.max(1)
}

impl Batcher {
    /// The layers and mipmap levels of a target's canvases.
    pub fn sub_of(&self, t: &super::batch::Target) -> TargetSub {
        match (t.sub as usize).checked_sub(1) {
            Some(i) => self.target_subs.get(i).copied().unwrap_or_default(),
            None => TargetSub::default(),
        }
    }
}

impl Graphics {
    /// The type of the active shader's MainTex: array for a game shader declaring
    /// `uniform ArrayImage MainTex;`, else 2D.
    pub fn main_texture_kind(&self) -> TexKind {
        match &self.state.shader {
            Some(s) if s.try_borrow().is_ok_and(|s| s.program.main_array) => TexKind::Array,
            _ => TexKind::D2,
        }
    }

    /// Sets the (layer, mipmap level) of each active canvas (`setCanvas`), interning the
    /// choice for [`Target::sub`](super::batch::Target).
    pub fn set_canvas_sub(&mut self, list: &[(u16, u8)]) {
        let mut sub = TargetSub::default();
        for (i, &(layer, mip)) in list.iter().enumerate().take(sub.layers.len()) {
            sub.layers[i] = layer;
            sub.mips[i] = mip;
        }
        let index = if sub == TargetSub::default() {
            0
        } else {
            let subs = &mut self.batch.target_subs;
            match subs.iter().position(|s| *s == sub) {
                Some(i) => i + 1,
                None if subs.len() < u16::MAX as usize => {
                    subs.push(sub);
                    subs.len()
                }
                // Out of indices (65,535 distinct layer choices): the first layer.
                None => 0,
            }
        };
        self.state.canvas_sub = (sub, index as u16);
    }

    /// `getSystemLimits`' volumetexturesize and texturelayers.
    pub fn layer_limits(&self) -> (u32, u32) {
        self.gpu.as_ref().map_or((256, 256), |g| {
            let l = g.device.limits();
            (l.max_texture_dimension_3d, l.max_texture_array_layers)
        })
    }

    /// Makes an array, cube or volume Image (`pixels`: every layer's RGBA8 pixels one
    /// after the other) or Canvas (`pixels` None).
    pub fn new_layered_texture(
        &mut self,
        spec: TextureSpec,
        kind: TexKind,
        layers: u32,
        pixels: Option<&[u8]>,
    ) -> Result<TextureRef, String> {
        let TextureSpec {
            width,
            height,
            format,
            dpi_scale,
            mut mip_mode,
            ..
        } = spec;
        let (gpu, r) = match (self.gpu.as_ref(), self.renderer.as_mut()) {
            (Some(g), Some(r)) => (g, r),
            _ => return Err("love.graphics is not active (no window or GPU)".into()),
        };
        let limits = gpu.device.limits();
        let (max, max_layers) = match kind {
            TexKind::Volume => (
                limits.max_texture_dimension_3d,
                limits.max_texture_dimension_3d,
            ),
            _ => (
                limits.max_texture_dimension_2d,
                limits.max_texture_array_layers,
            ),
        };
        if width > max || height > max {
            return Err(format!(
                "Cannot create texture: width/height of {width}x{height} exceeds the maximum \
                 texture size of {max}."
            ));
        }
        if layers > max_layers {
            return Err(format!(
                "Cannot create texture: layer count of {layers} exceeds the maximum of {max_layers}."
            ));
        }
        if kind == TexKind::Volume {
            mip_mode = MipMode::None;
        }
        let sampler = super::texture::new_texture_sampler(self.state.default_filter, mip_mode);
        let canvas = pixels.is_none();
        let id = r.create_layered(
            gpu,
            super::renderer::NewTexture {
                width,
                height,
                format,
                canvas,
                mip_levels: mip_levels(mip_mode, width, height),
                auto_mips: canvas && mip_mode == MipMode::Auto,
                samples: 1,
                readable: true,
            },
            kind,
            layers,
            sampler,
            pixels,
        );
        let mut t = new_texture_ref(
            id,
            width,
            height,
            canvas,
            format,
            dpi_scale,
            sampler,
            mip_mode,
            &self.retired,
        );
        if let Some(inner) = Rc::get_mut(&mut t) {
            inner.kind = kind;
            inner.layers = layers;
        }
        self.live.push(Rc::downgrade(&t));
        Ok(t)
    }

    /// `replacePixels(data, slice)` of a layered Image, ordered before later draws.
    #[allow(clippy::too_many_arguments)]
    pub fn replace_layer_pixels(
        &mut self,
        t: &TextureInner,
        layer: u32,
        x: u32,
        y: u32,
        w: u32,
        h: u32,
        px: &[u8],
    ) {
        if self.batch.uses_texture(t.id) {
            self.flush();
        }
        if let (Some(gpu), Some(r)) = (self.gpu.as_ref(), self.renderer.as_mut()) {
            r.update_layer(gpu, t.id, layer, x, y, w, h, px);
        }
    }

    /// Reads layer `layer` at level `mip` (0-based) of a canvas back (RGBA8), after
    /// drawing what is queued.
    pub fn read_canvas_layer(
        &mut self,
        t: &TextureInner,
        layer: u32,
        mip: u32,
    ) -> Result<(u32, u32, Vec<u8>), String> {
        if self.batch.uses_texture(t.id) {
            self.flush();
        }
        match (self.gpu.as_ref(), self.renderer.as_ref()) {
            (Some(g), Some(r)) => r.read_layer(g, t.id, layer, mip),
            _ => Err("love.graphics is not active".into()),
        }
    }

    /// `drawLayer(texture, layer, [quad,] ...)`: `layer` is 0-based and already checked.
    pub fn draw_layer(
        &mut self,
        tex: &TextureInner,
        layer: u32,
        quad: Option<&Quad>,
        local: &Affine2,
    ) {
        let t = self.transform * *local;
        let c = pack_color(self.state.color);
        let (w, h, uv) = match quad {
            Some(q) => (q.w, q.h, q.uv()),
            None => {
                let (w, h) = tex.dimensions();
                (w, h, [0.0, 0.0, 1.0, 1.0])
            }
        };
        let key = self.key(tex.id);
        if let Some((v, l)) = self.batch.reserve_layered(key, 6) {
            shapes::write_rect(v, &t, 0.0, 0.0, w, h, uv, c);
            l.fill(layer as f32);
        }
    }

    /// Draws a SpriteBatch of an array texture: each sprite on its layer.
    pub fn draw_sprite_batch_layers(&mut self, sb: &SpriteBatch, local: &Affine2) {
        let t = self.transform * *local;
        let base = self.state.color;
        let (start, end) = sb.range();
        let n = end.saturating_sub(start);
        let key = self.key(sb.texture.id);
        let Some((out, layers)) = self.batch.reserve_layered(key, n * 6) else {
            return;
        };
        for (i, (dst, ldst)) in out
            .chunks_exact_mut(6)
            .zip(layers.chunks_exact_mut(6))
            .enumerate()
        {
            let k = start + i;
            let Some(sprite) = sb.sprites.get(k) else {
                break;
            };
            let mut corners = [Vertex::default(); 4];
            for (c, s) in corners.iter_mut().zip(sprite.iter()) {
                let p = t.transform_point2(Vec2::from(s.pos));
                *c = Vertex {
                    pos: [p.x, p.y],
                    uv: s.uv,
                    color: mul_color(s.color, base),
                };
            }
            for (slot, i) in dst.iter_mut().zip([0usize, 1, 2, 0, 2, 3]) {
                *slot = corners[i];
            }
            ldst.fill(sb.layers.get(k).copied().unwrap_or(0) as f32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphics::batch::{MAX_CANVASES, Target};

    #[test]
    fn layered_reserve_pads_layers_and_merges() {
        let mut b = Batcher::default();
        let key = BatchKey {
            texture: 3,
            ..BatchKey::default()
        };
        b.push(BatchKey::default(), &[Vertex::default(); 3]);
        assert!(b.layers.is_empty(), "2D draws write no layers");
        if let Some((v, l)) = b.reserve_layered(key, 6) {
            assert_eq!(v.len(), 6);
            l.fill(2.0);
        }
        if let Some((_, l)) = b.reserve_layered(key, 6) {
            l.fill(1.0);
        }
        assert_eq!(b.draw_calls(), 2, "consecutive layered draws merge");
        assert_eq!(b.layers.len(), b.vertices.len());
        assert_eq!(&b.layers[..3], &[0.0; 3]);
        assert_eq!(b.layers[3], 2.0);
        assert_eq!(b.layers[14], 1.0);
        b.reset();
        assert!(b.layers.is_empty());
    }

    #[test]
    fn layered_target_sub_is_interned() {
        let mut b = Batcher::default();
        let sub = TargetSub {
            layers: [2, 0, 0, 0],
            mips: [1, 0, 0, 0],
        };
        b.target_subs.push(sub);
        let t = Target {
            canvases: [5; MAX_CANVASES],
            count: 1,
            sub: 1,
            depth: None,
        };
        assert_eq!(b.sub_of(&t), sub);
        assert_eq!(b.sub_of(&Target { sub: 0, ..t }), TargetSub::default());
        assert_eq!(b.sub_of(&Target { sub: 9, ..t }), TargetSub::default());
        b.reset();
        assert_eq!(b.target_subs.len(), 1, "kept across frames");
    }

    #[test]
    fn layered_sprite_batch_layers() {
        let retired = Default::default();
        let t = new_texture_ref(
            1,
            4,
            4,
            false,
            super::super::texture::Format::Rgba8,
            1.0,
            super::super::texture::SamplerKey::default(),
            MipMode::None,
            &retired,
        );
        let mut sb = SpriteBatch::new(t, 4);
        let s = sb.make(None, &Affine2::IDENTITY);
        let a = sb.add(s);
        sb.set_layer(a, 0);
        assert!(sb.layers.is_empty(), "layer 0 needs no entry");
        let b = sb.add(s);
        sb.set_layer(b, 2);
        assert_eq!(sb.layers, vec![0, 2]);
        sb.set_layer(b, 0);
        assert_eq!(sb.layers, vec![0, 0]);
    }
}
