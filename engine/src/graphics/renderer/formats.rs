//! Renderer side of canvas formats: depth/stencil canvases (`newCanvas` with a depth
//! format, used as `setCanvas{..., depthstencil = canvas}`), the depth-stencil
//! attachment a target draws with, and the colour copies readable ones are sampled from.

use super::{Renderer, TextureEntry};
use crate::graphics::batch::{Target, TextureId, WHITE_TEXTURE};
use crate::graphics::gpu::Gpu;
use crate::graphics::pipelines::STENCIL_FORMAT;
use crate::graphics::texture::SamplerKey;
use std::collections::HashMap;

/// Copies the depth of readable depth canvases into colour textures ("mirrors") at the end
/// of every pass that draws into one: draws, SpriteBatches, Meshes and game shaders sample
/// the mirror like any colour texture, getting (depth, 0, 0, 1) as GL gives LÖVE, with the
/// canvas's filter. (wgpu can't bind a depth texture where a filterable colour texture
/// is expected.)
pub(super) struct DepthMirror {
    module: wgpu::ShaderModule,
    layout: wgpu::BindGroupLayout,
    pipeline_layout: wgpu::PipelineLayout,
    pipelines: HashMap<wgpu::TextureFormat, wgpu::RenderPipeline>,
}

const MIRROR_WGSL: &str = "
@group(0) @binding(0) var depth: texture_depth_2d;
@vertex fn vs(@builtin(vertex_index) i: u32) -> @builtin(position) vec4<f32> {
    let x = f32((i << 1u) & 2u);
    let y = f32(i & 2u);
    return vec4<f32>(x * 2.0 - 1.0, 1.0 - y * 2.0, 0.0, 1.0);
}
@fragment fn fs(@builtin(position) p: vec4<f32>) -> @location(0) vec4<f32> {
    return vec4<f32>(textureLoad(depth, vec2<i32>(p.xy), 0), 0.0, 0.0, 1.0);
}
";

impl DepthMirror {
    pub(super) fn new(device: &wgpu::Device) -> DepthMirror {
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("depth mirror"),
            source: wgpu::ShaderSource::Wgsl(MIRROR_WGSL.into()),
        });
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("depth mirror"),
            entries: &[wgpu::BindGroupLayoutEntry {
                binding: 0,
                visibility: wgpu::ShaderStages::FRAGMENT,
                ty: wgpu::BindingType::Texture {
                    sample_type: wgpu::TextureSampleType::Depth,
                    view_dimension: wgpu::TextureViewDimension::D2,
                    multisampled: false,
                },
                count: None,
            }],
        });
        let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("depth mirror"),
            bind_group_layouts: &[Some(&layout)],
            immediate_size: 0,
        });
        DepthMirror {
            module,
            layout,
            pipeline_layout,
            pipelines: HashMap::new(),
        }
    }

    fn pipeline(
        &mut self,
        device: &wgpu::Device,
        format: wgpu::TextureFormat,
    ) -> &wgpu::RenderPipeline {
        let (module, layout) = (&self.module, &self.pipeline_layout);
        self.pipelines.entry(format).or_insert_with(|| {
            device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
                label: Some("depth mirror"),
                layout: Some(layout),
                vertex: wgpu::VertexState {
                    module,
                    entry_point: Some("vs"),
                    compilation_options: Default::default(),
                    buffers: &[],
                },
                fragment: Some(wgpu::FragmentState {
                    module,
                    entry_point: Some("fs"),
                    compilation_options: Default::default(),
                    targets: &[Some(format.into())],
                }),
                primitive: Default::default(),
                depth_stencil: None,
                multisample: Default::default(),
                multiview_mask: None,
                cache: None,
            })
        })
    }
}

/// The mirror's format: full float precision where it can be filtered.
fn mirror_format(features: wgpu::Features) -> wgpu::TextureFormat {
    if features.contains(wgpu::Features::FLOAT32_FILTERABLE) {
        wgpu::TextureFormat::R32Float
    } else {
        wgpu::TextureFormat::R16Float
    }
}

impl Renderer {
    /// A depth/stencil canvas: drawn into as a target's depth-stencil attachment (with the
    /// target's sample count: LÖVE forbids readable MSAA depth canvases). A readable one
    /// (with depth) is sampled through its mirror (see [`DepthMirror`]); any other has the
    /// white texture's view, never drawn (Lua refuses non-readable textures).
    pub(super) fn depth_entry(
        &mut self,
        gpu: &Gpu,
        (width, height): (u32, u32),
        samples: u32,
        format: wgpu::TextureFormat,
        readable: bool,
        sampler_key: SamplerKey,
    ) -> TextureEntry {
        let samples = samples.max(1);
        let mirrored = readable && samples == 1 && format.has_depth_aspect();
        let mut usage = wgpu::TextureUsages::RENDER_ATTACHMENT;
        if mirrored {
            usage |= wgpu::TextureUsages::TEXTURE_BINDING;
        }
        let size = wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        };
        let texture = gpu.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("depth canvas"),
            size,
            mip_level_count: 1,
            sample_count: samples,
            dimension: wgpu::TextureDimension::D2,
            format,
            usage,
            view_formats: &[],
        });
        let target_view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let view = if mirrored {
            gpu.device
                .create_texture(&wgpu::TextureDescriptor {
                    label: Some("depth canvas mirror"),
                    size,
                    mip_level_count: 1,
                    sample_count: 1,
                    dimension: wgpu::TextureDimension::D2,
                    format: mirror_format(gpu.device.features()),
                    usage: wgpu::TextureUsages::RENDER_ATTACHMENT
                        | wgpu::TextureUsages::TEXTURE_BINDING,
                    view_formats: &[],
                })
                .create_view(&wgpu::TextureViewDescriptor::default())
        } else {
            match self.textures.get(WHITE_TEXTURE as usize) {
                Some(Some(w)) => w.view.clone(),
                _ => target_view.clone(),
            }
        };
        let bind_group = self.bind_group(&gpu.device, &view, sampler_key);
        let sampler = self.sampler(&gpu.device, sampler_key);
        TextureEntry {
            texture,
            target_view,
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
            kind: crate::graphics::layered::TexKind::D2,
            layer_views: Vec::new(),
            mip_targets: Vec::new(),
        }
    }

    /// After a pass drew into depth canvas `id`: copies its depth into its mirror.
    pub(super) fn refresh_depth_mirror(
        &mut self,
        device: &wgpu::Device,
        encoder: &mut wgpu::CommandEncoder,
        id: TextureId,
    ) {
        let Some(Some(t)) = self.textures.get(id as usize) else {
            return;
        };
        if !t
            .texture
            .usage()
            .contains(wgpu::TextureUsages::TEXTURE_BINDING)
        {
            return;
        }
        let source = t.texture.create_view(&wgpu::TextureViewDescriptor {
            aspect: wgpu::TextureAspect::DepthOnly,
            ..Default::default()
        });
        let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("depth mirror"),
            layout: &self.depth_mirror.layout,
            entries: &[wgpu::BindGroupEntry {
                binding: 0,
                resource: wgpu::BindingResource::TextureView(&source),
            }],
        });
        let mirror = t.view.clone();
        let pipeline = self
            .depth_mirror
            .pipeline(device, mirror.texture().format());
        let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
            label: Some("depth mirror"),
            color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                view: &mirror,
                depth_slice: None,
                resolve_target: None,
                ops: wgpu::Operations {
                    load: wgpu::LoadOp::Clear(wgpu::Color::BLACK),
                    store: wgpu::StoreOp::Store,
                },
            })],
            depth_stencil_attachment: None,
            timestamp_writes: None,
            occlusion_query_set: None,
            multiview_mask: None,
        });
        pass.set_pipeline(pipeline);
        pass.set_bind_group(0, &bind_group, &[]);
        pass.draw(0..3, 0..1);
    }

    /// The depth-stencil attachment of a canvas target and its format: its depthstencil
    /// canvas, or else the first colour canvas's built-in buffer at the layer and level
    /// drawn into (layered.rs).
    pub(super) fn canvas_depth_attachment(
        &self,
        target: &Target,
        layer: u16,
        mip: u8,
    ) -> Option<(&wgpu::TextureView, wgpu::TextureFormat)> {
        if let Some((id, _)) = target.depth {
            let t = self.textures.get(id as usize)?.as_ref()?;
            return t
                .format
                .is_depth_stencil_format()
                .then_some((&t.target_view, t.format));
        }
        let first = self
            .textures
            .get(*target.list().first()? as usize)?
            .as_ref()?;
        Some((first.target_stencil(layer, mip)?, STENCIL_FORMAT))
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
