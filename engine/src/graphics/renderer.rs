//! The only place that records wgpu commands. At `present` it uploads the frame's
//! vertices once and replays the batcher's commands: one render pass per run of draws
//! between clears, one draw call per batch.

use super::batch::{BatchKey, Batcher, BlendMode, Command, TextureId, Vertex};
use super::gpu::{Frame, Gpu};
use std::collections::HashMap;

struct TextureEntry {
    _texture: wgpu::Texture,
    bind_group: wgpu::BindGroup,
}

pub struct Renderer {
    shader: wgpu::ShaderModule,
    layout: wgpu::PipelineLayout,
    texture_layout: wgpu::BindGroupLayout,
    pipelines: HashMap<(BlendMode, wgpu::TextureFormat), wgpu::RenderPipeline>,
    globals: wgpu::Buffer,
    globals_bind: wgpu::BindGroup,
    sampler: wgpu::Sampler,
    vertex_buffer: wgpu::Buffer,
    vertex_capacity: u64,
    textures: Vec<Option<TextureEntry>>,
}

fn ortho(width: f32, height: f32) -> [[f32; 4]; 4] {
    // Pixels (0,0) top-left .. (w,h) bottom-right → clip space.
    [
        [2.0 / width, 0.0, 0.0, 0.0],
        [0.0, -2.0 / height, 0.0, 0.0],
        [0.0, 0.0, 1.0, 0.0],
        [-1.0, 1.0, 0.0, 1.0],
    ]
}

fn blend_state(mode: BlendMode) -> wgpu::BlendState {
    match mode {
        // LOVE "alpha"/"alphamultiply": rgb = src*a + dst*(1-a); a = src + dst*(1-a).
        BlendMode::Alpha => wgpu::BlendState {
            color: wgpu::BlendComponent {
                src_factor: wgpu::BlendFactor::SrcAlpha,
                dst_factor: wgpu::BlendFactor::OneMinusSrcAlpha,
                operation: wgpu::BlendOperation::Add,
            },
            alpha: wgpu::BlendComponent {
                src_factor: wgpu::BlendFactor::One,
                dst_factor: wgpu::BlendFactor::OneMinusSrcAlpha,
                operation: wgpu::BlendOperation::Add,
            },
        },
    }
}

impl Renderer {
    pub fn new(gpu: &Gpu) -> Renderer {
        let device = &gpu.device;
        let shader = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("basic"),
            source: wgpu::ShaderSource::Wgsl(include_str!("../../../shaders/basic.wgsl").into()),
        });
        let globals_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("globals"),
            entries: &[wgpu::BindGroupLayoutEntry {
                binding: 0,
                visibility: wgpu::ShaderStages::VERTEX,
                ty: wgpu::BindingType::Buffer {
                    ty: wgpu::BufferBindingType::Uniform,
                    has_dynamic_offset: false,
                    min_binding_size: None,
                },
                count: None,
            }],
        });
        let texture_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("texture"),
            entries: &[
                wgpu::BindGroupLayoutEntry {
                    binding: 0,
                    visibility: wgpu::ShaderStages::FRAGMENT,
                    ty: wgpu::BindingType::Texture {
                        sample_type: wgpu::TextureSampleType::Float { filterable: true },
                        view_dimension: wgpu::TextureViewDimension::D2,
                        multisampled: false,
                    },
                    count: None,
                },
                wgpu::BindGroupLayoutEntry {
                    binding: 1,
                    visibility: wgpu::ShaderStages::FRAGMENT,
                    ty: wgpu::BindingType::Sampler(wgpu::SamplerBindingType::Filtering),
                    count: None,
                },
            ],
        });
        let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("basic"),
            bind_group_layouts: &[Some(&globals_layout), Some(&texture_layout)],
            immediate_size: 0,
        });
        let globals = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("globals"),
            size: 64,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let globals_bind = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("globals"),
            layout: &globals_layout,
            entries: &[wgpu::BindGroupEntry {
                binding: 0,
                resource: globals.as_entire_binding(),
            }],
        });
        // LOVE's default filter is linear; the white texture looks the same either way.
        let sampler = device.create_sampler(&wgpu::SamplerDescriptor {
            label: Some("linear"),
            mag_filter: wgpu::FilterMode::Linear,
            min_filter: wgpu::FilterMode::Linear,
            ..Default::default()
        });
        let vertex_capacity = 1 << 16;
        let vertex_buffer = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("vertices"),
            size: vertex_capacity,
            usage: wgpu::BufferUsages::VERTEX | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let mut r = Renderer {
            shader,
            layout,
            texture_layout,
            pipelines: HashMap::new(),
            globals,
            globals_bind,
            sampler,
            vertex_buffer,
            vertex_capacity,
            textures: Vec::new(),
        };
        let white = r.create_texture(gpu, 1, 1, &[255, 255, 255, 255]);
        debug_assert_eq!(white, super::batch::WHITE_TEXTURE);
        r
    }

    /// Uploads an RGBA8 texture; returns the id draws refer to.
    pub fn create_texture(&mut self, gpu: &Gpu, width: u32, height: u32, rgba: &[u8]) -> TextureId {
        let size = wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        };
        let texture = gpu.device.create_texture(&wgpu::TextureDescriptor {
            label: None,
            size,
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: wgpu::TextureFormat::Rgba8Unorm,
            usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
            view_formats: &[],
        });
        self.write_texture(gpu, &texture, 0, 0, width, height, rgba);
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let bind_group = gpu.device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: None,
            layout: &self.texture_layout,
            entries: &[
                wgpu::BindGroupEntry {
                    binding: 0,
                    resource: wgpu::BindingResource::TextureView(&view),
                },
                wgpu::BindGroupEntry {
                    binding: 1,
                    resource: wgpu::BindingResource::Sampler(&self.sampler),
                },
            ],
        });
        let entry = TextureEntry {
            _texture: texture,
            bind_group,
        };
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

    /// Replaces a region of a texture made by [`Renderer::create_texture`].
    pub fn update_texture(
        &self,
        gpu: &Gpu,
        id: TextureId,
        x: u32,
        y: u32,
        w: u32,
        h: u32,
        rgba: &[u8],
    ) {
        if let Some(Some(t)) = self.textures.get(id as usize) {
            self.write_texture(gpu, &t._texture, x, y, w, h, rgba);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn write_texture(
        &self,
        gpu: &Gpu,
        texture: &wgpu::Texture,
        x: u32,
        y: u32,
        w: u32,
        h: u32,
        rgba: &[u8],
    ) {
        gpu.queue.write_texture(
            wgpu::TexelCopyTextureInfo {
                texture,
                mip_level: 0,
                origin: wgpu::Origin3d { x, y, z: 0 },
                aspect: wgpu::TextureAspect::All,
            },
            rgba,
            wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(w * 4),
                rows_per_image: Some(h),
            },
            wgpu::Extent3d {
                width: w,
                height: h,
                depth_or_array_layers: 1,
            },
        );
    }

    pub fn free_texture(&mut self, id: TextureId) {
        if id != super::batch::WHITE_TEXTURE
            && let Some(slot) = self.textures.get_mut(id as usize)
        {
            *slot = None;
        }
    }

    fn pipeline(
        &mut self,
        device: &wgpu::Device,
        blend: BlendMode,
        format: wgpu::TextureFormat,
    ) -> &wgpu::RenderPipeline {
        let (shader, layout) = (&self.shader, &self.layout);
        self.pipelines.entry((blend, format)).or_insert_with(|| {
            device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
                label: Some("basic"),
                layout: Some(layout),
                vertex: wgpu::VertexState {
                    module: shader,
                    entry_point: Some("vs_main"),
                    compilation_options: Default::default(),
                    buffers: &[Some(wgpu::VertexBufferLayout {
                        array_stride: std::mem::size_of::<Vertex>() as u64,
                        step_mode: wgpu::VertexStepMode::Vertex,
                        attributes: &wgpu::vertex_attr_array![0 => Float32x2, 1 => Float32x2, 2 => Unorm8x4],
                    })],
                },
                fragment: Some(wgpu::FragmentState {
                    module: shader,
                    entry_point: Some("fs_main"),
                    compilation_options: Default::default(),
                    targets: &[Some(wgpu::ColorTargetState {
                        format,
                        blend: Some(blend_state(blend)),
                        write_mask: wgpu::ColorWrites::ALL,
                    })],
                }),
                primitive: wgpu::PrimitiveState::default(),
                depth_stencil: None,
                multisample: wgpu::MultisampleState::default(),
                multiview_mask: None,
                cache: None,
            })
        })
    }

    /// Draws one frame's commands into `frame`. Returns the number of draw calls issued
    /// and the submission, for the caller to throttle on.
    pub fn render(&mut self, gpu: &Gpu, frame: &Frame, batch: &Batcher) -> (u32, wgpu::SubmissionIndex) {
        let (w, h) = gpu.size();
        gpu.queue.write_buffer(
            &self.globals,
            0,
            bytemuck::cast_slice(&ortho(w as f32, h as f32)),
        );
        let bytes: &[u8] = bytemuck::cast_slice(&batch.vertices);
        if bytes.len() as u64 > self.vertex_capacity {
            self.vertex_capacity = (bytes.len() as u64).next_power_of_two();
            self.vertex_buffer = gpu.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("vertices"),
                size: self.vertex_capacity,
                usage: wgpu::BufferUsages::VERTEX | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            });
        }
        if !bytes.is_empty() {
            gpu.queue.write_buffer(&self.vertex_buffer, 0, bytes);
        }
        // Build every pipeline first so the pass below only borrows.
        for c in &batch.commands {
            if let Command::Draw { key, .. } = c {
                self.pipeline(&gpu.device, key.blend, gpu.format);
            }
        }
        let mut encoder = gpu.device.create_command_encoder(&Default::default());
        let mut calls = 0;
        let mut i = 0;
        let cmds = &batch.commands;
        // A frame that starts without a clear keeps the previous contents offscreen; a
        // window surface has no previous contents, so it starts black.
        let mut first_pass = true;
        loop {
            let load = match cmds.get(i) {
                Some(Command::Clear(c)) => {
                    i += 1;
                    wgpu::LoadOp::Clear(wgpu::Color {
                        r: c[0] as f64,
                        g: c[1] as f64,
                        b: c[2] as f64,
                        a: c[3] as f64,
                    })
                }
                _ if first_pass && !gpu.is_headless() => wgpu::LoadOp::Clear(wgpu::Color::BLACK),
                _ => wgpu::LoadOp::Load,
            };
            if !first_pass && i >= cmds.len() && matches!(load, wgpu::LoadOp::Load) {
                break;
            }
            first_pass = false;
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("screen"),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view: &frame.view,
                    depth_slice: None,
                    resolve_target: None,
                    ops: wgpu::Operations {
                        load,
                        store: wgpu::StoreOp::Store,
                    },
                })],
                depth_stencil_attachment: None,
                timestamp_writes: None,
                occlusion_query_set: None,
                multiview_mask: None,
            });
            pass.set_bind_group(0, &self.globals_bind, &[]);
            pass.set_vertex_buffer(0, self.vertex_buffer.slice(..));
            let mut current: Option<BatchKey> = None;
            while let Some(Command::Draw { key, first, count }) = cmds.get(i) {
                i += 1;
                let Some(Some(tex)) = self.textures.get(key.texture as usize) else {
                    continue;
                };
                if current.map(|k| k.blend) != Some(key.blend) {
                    if let Some(p) = self.pipelines.get(&(key.blend, gpu.format)) {
                        pass.set_pipeline(p);
                    }
                }
                if current.map(|k| k.texture) != Some(key.texture) {
                    pass.set_bind_group(1, &tex.bind_group, &[]);
                }
                current = Some(*key);
                pass.draw(*first..*first + *count, 0..1);
                calls += 1;
            }
            drop(pass);
            if i >= cmds.len() {
                break;
            }
        }
        let index = gpu.queue.submit([encoder.finish()]);
        (calls, index)
    }
}
