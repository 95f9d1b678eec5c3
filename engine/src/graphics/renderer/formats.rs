//! Renderer side of canvas formats: depth/stencil canvases (`newCanvas` with a depth
//! format, used as `setCanvas{..., depthstencil = canvas}`) and the depth-stencil
//! attachment a target draws with.

use super::{Renderer, TextureEntry};
use crate::graphics::batch::{TextureId, WHITE_TEXTURE};
use crate::graphics::gpu::Gpu;
use crate::graphics::texture::{Filter, SamplerKey};

/// Depth canvases are sampled without filtering (wgpu can't filter depth as a colour).
const NEAREST: SamplerKey = SamplerKey {
    min: Filter::Nearest,
    mag: Filter::Nearest,
    anisotropy: 1,
    wrap_s: crate::graphics::texture::Wrap::Clamp,
    wrap_t: crate::graphics::texture::Wrap::Clamp,
    mipmap: None,
};

/// The bind group layout a depth canvas is drawn with (an unfilterable float texture
/// and a non-filtering sampler, in place of the colour textures' group 1) and the default
/// shader's pipeline layout with it.
pub(super) fn depth_layouts(
    device: &wgpu::Device,
    globals: &wgpu::BindGroupLayout,
) -> (wgpu::BindGroupLayout, wgpu::PipelineLayout) {
    let group = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
        label: Some("depth texture"),
        entries: &[
            wgpu::BindGroupLayoutEntry {
                binding: 0,
                visibility: wgpu::ShaderStages::FRAGMENT,
                ty: wgpu::BindingType::Texture {
                    sample_type: wgpu::TextureSampleType::Float { filterable: false },
                    view_dimension: wgpu::TextureViewDimension::D2,
                    multisampled: false,
                },
                count: None,
            },
            wgpu::BindGroupLayoutEntry {
                binding: 1,
                visibility: wgpu::ShaderStages::FRAGMENT,
                ty: wgpu::BindingType::Sampler(wgpu::SamplerBindingType::NonFiltering),
                count: None,
            },
        ],
    });
    let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
        label: Some("depth texture"),
        bind_group_layouts: &[Some(globals), Some(&group)],
        immediate_size: 0,
    });
    (group, layout)
}

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
        // Sampled (drawn) as its depth: an unfilterable float texture, nearest filtering.
        let sampler = self.sampler(&gpu.device, NEAREST);
        let bind_group = if samples == 1 && format.has_depth_aspect() {
            let depth_view = texture.create_view(&wgpu::TextureViewDescriptor {
                aspect: wgpu::TextureAspect::DepthOnly,
                ..Default::default()
            });
            gpu.device.create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some("depth canvas"),
                layout: &self.depth_texture_layout,
                entries: &[
                    wgpu::BindGroupEntry {
                        binding: 0,
                        resource: wgpu::BindingResource::TextureView(&depth_view),
                    },
                    wgpu::BindGroupEntry {
                        binding: 1,
                        resource: wgpu::BindingResource::Sampler(&sampler),
                    },
                ],
            })
        } else {
            // Never drawn (Lua refuses non-readable and stencil8 canvases): the depth
            // layout's shape with the white texture keeps a stray draw valid.
            self.white_depth_bind_group(gpu, &sampler)
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

    /// The white texture in the depth layout's shape.
    fn white_depth_bind_group(&self, gpu: &Gpu, sampler: &wgpu::Sampler) -> wgpu::BindGroup {
        let white = match self.textures.get(WHITE_TEXTURE as usize) {
            Some(Some(w)) => w.view.clone(),
            _ => {
                // Unreachable in practice (the white texture is made first); any view of
                // the right shape does.
                gpu.device
                    .create_texture(&wgpu::TextureDescriptor {
                        label: None,
                        size: wgpu::Extent3d::default(),
                        mip_level_count: 1,
                        sample_count: 1,
                        dimension: wgpu::TextureDimension::D2,
                        format: wgpu::TextureFormat::Rgba8Unorm,
                        usage: wgpu::TextureUsages::TEXTURE_BINDING,
                        view_formats: &[],
                    })
                    .create_view(&Default::default())
            }
        };
        gpu.device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("depth canvas (not drawable)"),
            layout: &self.depth_texture_layout,
            entries: &[
                wgpu::BindGroupEntry {
                    binding: 0,
                    resource: wgpu::BindingResource::TextureView(&white),
                },
                wgpu::BindGroupEntry {
                    binding: 1,
                    resource: wgpu::BindingResource::Sampler(sampler),
                },
            ],
        })
    }

    /// Whether draws with `id` sample a depth canvas (pipelines with the depth layout).
    pub(in crate::graphics) fn is_depth_texture(&self, id: TextureId) -> bool {
        matches!(self.textures.get(id as usize), Some(Some(t)) if t.format.is_depth_stencil_format())
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
