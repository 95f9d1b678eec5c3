//! Renderer side of canvas formats: depth/stencil canvases (`newCanvas` with a depth
//! format, used as `setCanvas{..., depthstencil = canvas}`) and the depth-stencil
//! attachment a target draws with.

use super::{Renderer, TextureEntry};
use crate::graphics::batch::{TextureId, WHITE_TEXTURE};
use crate::graphics::gpu::Gpu;

impl Renderer {
    /// A depth/stencil canvas: drawn into as a target's depth-stencil attachment (with the
    /// target's sample count: LÖVE forbids readable MSAA depth canvases). Its colour bind
    /// group is the white texture's: the Lua side never lets one be drawn.
    pub(super) fn depth_entry(
        &mut self,
        gpu: &Gpu,
        width: u32,
        height: u32,
        samples: u32,
        format: wgpu::TextureFormat,
    ) -> TextureEntry {
        let samples = samples.max(1);
        let mut usage = wgpu::TextureUsages::RENDER_ATTACHMENT;
        if samples == 1 {
            usage |= wgpu::TextureUsages::TEXTURE_BINDING;
        }
        let texture = gpu.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("depth canvas"),
            size: wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: samples,
            dimension: wgpu::TextureDimension::D2,
            format,
            usage,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let (bind_group, sampler) = match self.textures.get(WHITE_TEXTURE as usize) {
            Some(Some(w)) => (w.bind_group.clone(), w.sampler.clone()),
            _ => {
                let s = self.sampler(&gpu.device, Default::default());
                let bg = self.bind_group(&gpu.device, &view, Default::default());
                (bg, s)
            }
        };
        TextureEntry {
            texture,
            target_view: view.clone(),
            view,
            auto_mips: false,
            bind_group,
            sampler,
            width,
            height,
            format,
            stencil: None,
            msaa_view: None,
            samples,
        }
    }

    /// Stores a texture in the first free slot; returns its id.
    pub(super) fn insert_texture(&mut self, entry: TextureEntry) -> TextureId {
        match self.textures.iter().position(|t| t.is_none()) {
            Some(i) => {
                self.textures[i] = Some(entry);
                i as TextureId
            }
            None => {
                self.textures.push(Some(entry));
                (self.textures.len() - 1) as TextureId
            }
        }
    }

    /// The view of a depth/stencil canvas to draw with, and its format.
    pub(super) fn depth_canvas(
        &self,
        id: TextureId,
    ) -> Option<(&wgpu::TextureView, wgpu::TextureFormat)> {
        let t = self.textures.get(id as usize)?.as_ref()?;
        t.format
            .is_depth_stencil_format()
            .then_some((&t.target_view, t.format))
    }
}

/// Load/store operations for the aspects `format` has (wgpu refuses operations on an
/// aspect the attachment lacks).
pub(super) fn depth_stencil_ops(
    format: wgpu::TextureFormat,
    depth: wgpu::LoadOp<f32>,
    stencil: wgpu::LoadOp<u32>,
) -> (Option<wgpu::Operations<f32>>, Option<wgpu::Operations<u32>>) {
    let has_depth = format.has_depth_aspect();
    let has_stencil = format.has_stencil_aspect();
    (
        has_depth.then_some(wgpu::Operations {
            load: depth,
            store: wgpu::StoreOp::Store,
        }),
        has_stencil.then_some(wgpu::Operations {
            load: stencil,
            store: wgpu::StoreOp::Store,
        }),
    )
}

/// Fills a new rgb565 canvas (stored as rgba8) with opaque black: its alpha reads 1.
pub(super) fn opaque_black(gpu: &Gpu, texture: &wgpu::Texture, w: u32, h: u32) {
    let px: Vec<u8> = [0, 0, 0, 255].repeat((w * h) as usize);
    super::textures::write_texture(gpu, texture, 0, 0, w, h, 4, &px);
}
