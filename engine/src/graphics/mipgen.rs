//! Mipmap generation on the GPU (what `glGenerateMipmap` does for LÖVE): each level is
//! drawn from the one above it with a linear filter (`shaders/mipmaps.wgsl`). Used for
//! Images made with `mipmaps = true` (after each upload) and for canvases (an "auto"
//! canvas after every render pass into it, a "manual" one on `generateMipmaps`).

use std::collections::HashMap;

pub struct MipGen {
    shader: wgpu::ShaderModule,
    bind_layout: wgpu::BindGroupLayout,
    layout: wgpu::PipelineLayout,
    sampler: wgpu::Sampler,
    pipelines: HashMap<wgpu::TextureFormat, wgpu::RenderPipeline>,
}

impl MipGen {
    /// `bind_layout`: the renderer's texture + filtering-sampler layout, which the
    /// mipmap shader's group 0 matches.
    pub fn new(device: &wgpu::Device, bind_layout: &wgpu::BindGroupLayout) -> MipGen {
        let shader = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("mipmaps"),
            source: wgpu::ShaderSource::Wgsl(include_str!("../../../shaders/mipmaps.wgsl").into()),
        });
        let bind_layout = bind_layout.clone();
        let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("mipmaps"),
            bind_group_layouts: &[Some(&bind_layout)],
            immediate_size: 0,
        });
        let sampler = device.create_sampler(&wgpu::SamplerDescriptor {
            label: Some("mipmaps"),
            mag_filter: wgpu::FilterMode::Linear,
            min_filter: wgpu::FilterMode::Linear,
            ..Default::default()
        });
        MipGen {
            shader,
            bind_layout,
            layout,
            sampler,
            pipelines: HashMap::new(),
        }
    }

    fn pipeline(&mut self, device: &wgpu::Device, format: wgpu::TextureFormat) {
        let (shader, layout) = (&self.shader, &self.layout);
        self.pipelines.entry(format).or_insert_with(|| {
            device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
                label: Some("mipmaps"),
                layout: Some(layout),
                vertex: wgpu::VertexState {
                    module: shader,
                    entry_point: Some("vs_main"),
                    compilation_options: Default::default(),
                    buffers: &[],
                },
                fragment: Some(wgpu::FragmentState {
                    module: shader,
                    entry_point: Some("fs_main"),
                    compilation_options: Default::default(),
                    targets: &[Some(wgpu::ColorTargetState {
                        format,
                        blend: None,
                        write_mask: wgpu::ColorWrites::ALL,
                    })],
                }),
                primitive: wgpu::PrimitiveState::default(),
                depth_stencil: None,
                multisample: wgpu::MultisampleState::default(),
                multiview_mask: None,
                cache: None,
            })
        });
    }

    /// Records the passes that remake levels 1.. of `texture` from level 0.
    pub fn encode(
        &mut self,
        device: &wgpu::Device,
        encoder: &mut wgpu::CommandEncoder,
        texture: &wgpu::Texture,
    ) {
        let levels = texture.mip_level_count();
        if levels <= 1 {
            return;
        }
        let format = texture.format();
        self.pipeline(device, format);
        let Some(pipeline) = self.pipelines.get(&format) else {
            return;
        };
        // Array and cube textures: each layer's chain on its own (volume textures have
        // no mipmaps).
        if texture.dimension() != wgpu::TextureDimension::D2 {
            return;
        }
        let level_view = |level: u32, layer: u32| {
            texture.create_view(&wgpu::TextureViewDescriptor {
                label: Some("mip level"),
                dimension: Some(wgpu::TextureViewDimension::D2),
                base_mip_level: level,
                mip_level_count: Some(1),
                base_array_layer: layer,
                array_layer_count: Some(1),
                ..Default::default()
            })
        };
        let steps = (0..texture.depth_or_array_layers())
            .flat_map(|layer| (1..levels).map(move |level| (level, layer)));
        for (level, layer) in steps {
            let src = level_view(level - 1, layer);
            let dst = level_view(level, layer);
            let bind = device.create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some("mipmaps"),
                layout: &self.bind_layout,
                entries: &[
                    wgpu::BindGroupEntry {
                        binding: 0,
                        resource: wgpu::BindingResource::TextureView(&src),
                    },
                    wgpu::BindGroupEntry {
                        binding: 1,
                        resource: wgpu::BindingResource::Sampler(&self.sampler),
                    },
                ],
            });
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("mipmaps"),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view: &dst,
                    depth_slice: None,
                    resolve_target: None,
                    ops: wgpu::Operations {
                        load: wgpu::LoadOp::Clear(wgpu::Color::TRANSPARENT),
                        store: wgpu::StoreOp::Store,
                    },
                })],
                depth_stencil_attachment: None,
                timestamp_writes: None,
                occlusion_query_set: None,
                multiview_mask: None,
            });
            pass.set_pipeline(pipeline);
            pass.set_bind_group(0, &bind, &[]);
            pass.draw(0..3, 0..1);
        }
    }
}
