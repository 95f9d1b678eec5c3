//! Array, cube and volume textures in the renderer: creation and uploads per layer,
//! readback of a layer, and the pipeline variant that draws array textures
//! (`shaders/layered.wgsl`: the layer is a third texture coordinate read from a second
//! vertex buffer, [`Batcher::layers`], so the 2D path's vertices and pipelines are
//! unchanged).

use super::textures::{stencil_view, wgpu_format};
use super::{NewTexture, Renderer, TextureEntry};
use crate::graphics::batch::{Batcher, Command, TargetSub, TextureId, Vertex, WHITE_TEXTURE};
use crate::graphics::gpu::Gpu;
use crate::graphics::layered::TexKind;
use crate::graphics::pipelines::{BATCH_ATTRIBUTES, PipelineKey, create_pipeline, default_entries};
use crate::graphics::texture::SamplerKey;

/// What the layered draws need, made at the first array texture.
pub(in crate::graphics) struct LayeredGpu {
    shader: wgpu::ShaderModule,
    /// Group 1 for array textures: a `texture_2d_array` and its sampler.
    bind_layout: wgpu::BindGroupLayout,
    layout: wgpu::PipelineLayout,
    /// The frame's layer per vertex, and its capacity in bytes.
    layers: Option<(wgpu::Buffer, u64)>,
    /// 1x1 white array, cube and volume textures for shader slots nothing was sent to.
    whites: [Option<TextureId>; 3],
    /// A zero layer for shapes drawn with an ArrayImage-MainTex game shader.
    zero: Option<wgpu::Buffer>,
}

const LAYER_ATTRIBUTES: [wgpu::VertexAttribute; 1] = wgpu::vertex_attr_array![3 => Float32];

fn view_dimension(kind: TexKind) -> wgpu::TextureViewDimension {
    match kind {
        TexKind::D2 => wgpu::TextureViewDimension::D2,
        TexKind::Array => wgpu::TextureViewDimension::D2Array,
        TexKind::Cube => wgpu::TextureViewDimension::Cube,
        TexKind::Volume => wgpu::TextureViewDimension::D3,
    }
}

impl Renderer {
    fn layered_gpu(&mut self, device: &wgpu::Device) -> &mut LayeredGpu {
        let globals = &self.globals_layout;
        self.layered.get_or_insert_with(|| {
            let shader = device.create_shader_module(wgpu::ShaderModuleDescriptor {
                label: Some("layered"),
                source: wgpu::ShaderSource::Wgsl(
                    include_str!("../../../../shaders/layered.wgsl").into(),
                ),
            });
            let bind_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
                label: Some("array texture"),
                entries: &super::textures::texture_entries(
                    0,
                    wgpu::ShaderStages::FRAGMENT,
                    wgpu::TextureViewDimension::D2Array,
                ),
            });
            let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
                label: Some("layered"),
                bind_group_layouts: &[Some(globals), Some(&bind_layout)],
                immediate_size: 0,
            });
            LayeredGpu {
                shader,
                bind_layout,
                layout,
                layers: None,
                whites: [None; 3],
                zero: None,
            }
        })
    }

    /// The kind of texture `id` (2D when it is gone).
    pub(in crate::graphics) fn texture_kind(&self, id: TextureId) -> TexKind {
        match self.textures.get(id as usize) {
            Some(Some(t)) => t.kind,
            _ => TexKind::D2,
        }
    }

    /// The group-1 bind group of a texture of `kind` (cube and volume textures are never
    /// drawn directly: they get the white texture's).
    pub(super) fn kind_bind_group(
        &mut self,
        device: &wgpu::Device,
        kind: TexKind,
        view: &wgpu::TextureView,
        key: SamplerKey,
    ) -> wgpu::BindGroup {
        match kind {
            TexKind::D2 => self.bind_group(device, view, key),
            TexKind::Array => {
                let sampler = self.sampler(device, key);
                let layout = self.layered_gpu(device).bind_layout.clone();
                device.create_bind_group(&wgpu::BindGroupDescriptor {
                    label: Some("array texture"),
                    layout: &layout,
                    entries: &[
                        wgpu::BindGroupEntry {
                            binding: 0,
                            resource: wgpu::BindingResource::TextureView(view),
                        },
                        wgpu::BindGroupEntry {
                            binding: 1,
                            resource: wgpu::BindingResource::Sampler(&sampler),
                        },
                    ],
                })
            }
            TexKind::Cube | TexKind::Volume => match self.textures.first() {
                Some(Some(white)) => white.bind_group.clone(),
                _ => self.bind_group(device, view, key),
            },
        }
    }

    /// Creates an array (`layers` layers), cube (6 faces) or volume (`layers` slices)
    /// texture, optionally filled with every layer's tightly packed pixels one after the
    /// other. A canvas draws into layer 0's first level.
    pub fn create_layered(
        &mut self,
        gpu: &Gpu,
        new: NewTexture,
        kind: TexKind,
        layers: u32,
        sampler: SamplerKey,
        pixels: Option<&[u8]>,
    ) -> TextureId {
        let (width, height) = (new.width.max(1), new.height.max(1));
        let layers = layers.max(1);
        let fmt = wgpu_format(new.format, gpu.device.features());
        let volume = kind == TexKind::Volume;
        // No mipmaps for volume textures (levels would shrink the depth too).
        let mip_levels = if volume { 1 } else { new.mip_levels.max(1) };
        let mut usage = wgpu::TextureUsages::TEXTURE_BINDING
            | wgpu::TextureUsages::COPY_DST
            | wgpu::TextureUsages::COPY_SRC;
        if new.canvas || mip_levels > 1 {
            usage |= wgpu::TextureUsages::RENDER_ATTACHMENT;
        }
        let texture = gpu.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("layered"),
            size: wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: layers,
            },
            mip_level_count: mip_levels,
            sample_count: 1,
            dimension: if volume {
                wgpu::TextureDimension::D3
            } else {
                wgpu::TextureDimension::D2
            },
            format: fmt,
            usage,
            view_formats: &[],
        });
        let bpp = new.format.bytes_per_pixel();
        let size = (width * height * bpp) as usize;
        if let Some(p) = pixels {
            for (layer, px) in p.chunks_exact(size).take(layers as usize).enumerate() {
                write_layer(gpu, &texture, layer as u32, 0, 0, width, height, bpp, px);
            }
        } else {
            // LOVE: new canvases are transparent black. wgpu's lazy zeroing misses the
            // slices of a volume texture when a pass draws into one (lavapipe showed the
            // previous memory's bytes), so every layer is written once.
            let zeros = vec![0u8; size];
            for layer in 0..layers {
                write_layer(gpu, &texture, layer, 0, 0, width, height, bpp, &zeros);
            }
        }
        let view = texture.create_view(&wgpu::TextureViewDescriptor {
            dimension: Some(view_dimension(kind)),
            ..Default::default()
        });
        let target_view = texture.create_view(&wgpu::TextureViewDescriptor {
            dimension: Some(if volume {
                wgpu::TextureViewDimension::D3
            } else {
                wgpu::TextureViewDimension::D2
            }),
            mip_level_count: Some(1),
            array_layer_count: if volume { None } else { Some(1) },
            ..Default::default()
        });
        if pixels.is_some() {
            self.encode_mipmaps(gpu, &texture);
        }
        let bind_group = self.kind_bind_group(&gpu.device, kind, &view, sampler);
        let sampler = self.sampler(&gpu.device, sampler);
        let stencil = new
            .canvas
            .then(|| stencil_view(&gpu.device, width, height, 1));
        // A canvas draws into one layer (face) at a time: setCanvas(canvas, slice).
        let layer_views = if new.canvas && !volume {
            (0..layers)
                .map(|layer| {
                    texture.create_view(&wgpu::TextureViewDescriptor {
                        label: Some("canvas layer"),
                        dimension: Some(wgpu::TextureViewDimension::D2),
                        mip_level_count: Some(1),
                        base_array_layer: layer,
                        array_layer_count: Some(1),
                        ..Default::default()
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        let entry = TextureEntry {
            texture,
            view,
            target_view,
            auto_mips: new.auto_mips,
            bind_group,
            sampler,
            width,
            height,
            format: fmt,
            stencil,
            msaa_view: None,
            samples: 1,
            kind,
            layer_views,
            mip_targets: Vec::new(),
        };
        self.insert_texture(entry)
    }

    /// Replaces a region of one layer's first level (RGBA8); the other levels are remade.
    #[allow(clippy::too_many_arguments)]
    pub fn update_layer(
        &mut self,
        gpu: &Gpu,
        id: TextureId,
        layer: u32,
        x: u32,
        y: u32,
        w: u32,
        h: u32,
        rgba: &[u8],
    ) {
        if let Some(Some(t)) = self.textures.get(id as usize) {
            write_layer(gpu, &t.texture, layer, x, y, w, h, 4, rgba);
            let texture = t.texture.clone();
            self.encode_mipmaps(gpu, &texture);
        }
    }

    /// Reads one layer (face, slice) of a texture at mipmap level `mip` back as RGBA8 rows.
    pub fn read_layer(
        &self,
        gpu: &Gpu,
        id: TextureId,
        layer: u32,
        mip: u32,
    ) -> Result<(u32, u32, Vec<u8>), String> {
        let Some(Some(t)) = self.textures.get(id as usize) else {
            return Err("the texture no longer exists".into());
        };
        if t.format != wgpu::TextureFormat::Rgba8Unorm {
            return Err("only rgba8 canvases can be read back yet".into());
        }
        if mip >= t.texture.mip_level_count() {
            return Err(format!("Invalid mipmap level {}.", mip + 1));
        }
        let (w, h) = ((t.width >> mip).max(1), (t.height >> mip).max(1));
        crate::graphics::gpu::read_texture_layer(
            &gpu.device,
            &gpu.queue,
            &t.texture,
            w,
            h,
            layer,
            mip,
        )
        .map(|px| (w, h, px))
    }

    /// Uploads the frame's per-vertex layers (nothing when no array texture was drawn).
    pub(super) fn upload_layers(&mut self, gpu: &Gpu, batch: &Batcher) {
        if batch.layers.is_empty() {
            return;
        }
        let bytes: &[u8] = bytemuck::cast_slice(&batch.layers);
        let device = &gpu.device;
        let lg = self.layered_gpu(device);
        if lg
            .layers
            .as_ref()
            .is_none_or(|(_, cap)| *cap < bytes.len() as u64)
        {
            let cap = (bytes.len() as u64).next_power_of_two().max(4096);
            let buffer = device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("layers"),
                size: cap,
                usage: wgpu::BufferUsages::VERTEX | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            });
            lg.layers = Some((buffer, cap));
        }
        if let Some((buffer, _)) = &lg.layers {
            gpu.queue.write_buffer(buffer, 0, bytes);
        }
    }

    /// The layer buffer to bind at vertex slot 1 for a layered draw of vertices
    /// `first..first + count`; None when the frame's layers don't cover them (a draw of
    /// an array texture by a path that writes no layers: it is skipped).
    pub(super) fn layer_buffer(
        &self,
        batch: &Batcher,
        first: u32,
        count: u32,
    ) -> Option<&wgpu::Buffer> {
        if (batch.layers.len() as u64) < first as u64 + count as u64 {
            return None;
        }
        self.layered.as_ref()?.layers.as_ref().map(|(b, _)| b)
    }

    /// Builds the default shader's pipeline for array textures.
    pub(in crate::graphics) fn layered_pipeline(
        &mut self,
        device: &wgpu::Device,
        key: PipelineKey,
    ) {
        if self.pipelines.contains_key(&key) {
            return;
        }
        let lg = self.layered_gpu(device);
        let (_, fs) = default_entries(&key);
        let buffers = [
            Some(wgpu::VertexBufferLayout {
                array_stride: std::mem::size_of::<Vertex>() as u64,
                step_mode: wgpu::VertexStepMode::Vertex,
                attributes: &BATCH_ATTRIBUTES,
            }),
            Some(wgpu::VertexBufferLayout {
                array_stride: 4,
                step_mode: wgpu::VertexStepMode::Vertex,
                attributes: &LAYER_ATTRIBUTES,
            }),
        ];
        let p = create_pipeline(
            device,
            (&lg.shader, "vs_main"),
            (&lg.shader, fs),
            &lg.layout,
            key,
            Some((&buffers, false)),
        );
        self.pipelines.insert(key, p);
    }

    /// Shader texture ids with every slot whose texture is not of the slot's kind (unsent,
    /// gone, or the white stand-in for a target) replaced by a 1x1 white texture of that
    /// kind.
    pub(in crate::graphics) fn white_fallbacks(
        &mut self,
        gpu: &Gpu,
        mut ids: Vec<TextureId>,
        kinds: &[TexKind],
    ) -> Vec<TextureId> {
        for (id, &kind) in ids.iter_mut().zip(kinds) {
            if self.texture_kind(*id) == kind && (*id != WHITE_TEXTURE || kind == TexKind::D2) {
                continue;
            }
            *id = match kind {
                TexKind::D2 => WHITE_TEXTURE,
                _ => self.white_of(gpu, kind),
            };
        }
        ids
    }

    fn white_of(&mut self, gpu: &Gpu, kind: TexKind) -> TextureId {
        let slot = match kind {
            TexKind::Array => 0,
            TexKind::Cube => 1,
            _ => 2,
        };
        if let Some(id) = self.layered.as_ref().and_then(|l| l.whites[slot]) {
            return id;
        }
        let layers = if kind == TexKind::Cube { 6 } else { 1 };
        let px = vec![255u8; 4 * layers as usize];
        let new = NewTexture {
            width: 1,
            height: 1,
            format: crate::graphics::texture::Format::Rgba8,
            canvas: false,
            mip_levels: 1,
            auto_mips: false,
            samples: 1,
            readable: true,
        };
        let id = self.create_layered(gpu, new, kind, layers, SamplerKey::default(), Some(&px));
        self.layered_gpu(&gpu.device).whites[slot] = Some(id);
        id
    }

    /// The pipeline of a game shader with an ArrayImage MainTex: the batcher's vertices
    /// plus the layer at `LAYER_LOCATION`, from the frame's layer list (`key.layered`) or
    /// a zero (a draw of no texture: shapes sample the white array texture).
    pub(in crate::graphics) fn array_program_pipeline(
        &mut self,
        device: &wgpu::Device,
        key: PipelineKey,
        program: &crate::graphics::shader::Program,
    ) {
        let attrs = [wgpu::VertexAttribute {
            format: wgpu::VertexFormat::Float32,
            offset: 0,
            shader_location: crate::graphics::shader::layered::LAYER_LOCATION,
        }];
        let buffers = [
            Some(wgpu::VertexBufferLayout {
                array_stride: std::mem::size_of::<Vertex>() as u64,
                step_mode: wgpu::VertexStepMode::Vertex,
                attributes: &BATCH_ATTRIBUTES,
            }),
            Some(wgpu::VertexBufferLayout {
                array_stride: if key.layered { 4 } else { 0 },
                step_mode: wgpu::VertexStepMode::Vertex,
                attributes: &attrs,
            }),
        ];
        let gl = self.globals_layout.clone();
        let tl = self.layered_gpu(device).bind_layout.clone();
        self.program_pipeline(device, key, program, Some((&buffers, false)), gl, tl);
    }

    /// The zero layer bound for shapes drawn with an ArrayImage-MainTex game shader, and
    /// the white array texture's bind group they sample (made by `white_fallbacks`'
    /// `white_of` during planning).
    pub(super) fn array_shape_bindings(&self) -> Option<(&wgpu::Buffer, &wgpu::BindGroup)> {
        let lg = self.layered.as_ref()?;
        let white = lg.whites[0]?;
        let Some(Some(t)) = self.textures.get(white as usize) else {
            return None;
        };
        Some((lg.zero.as_ref()?, &t.bind_group))
    }

    /// Makes what [`Renderer::array_shape_bindings`] returns.
    pub(super) fn prepare_array_shapes(&mut self, gpu: &Gpu) {
        self.white_of(gpu, TexKind::Array);
        let device = gpu.device.clone();
        let lg = self.layered_gpu(&device);
        if lg.zero.is_none() {
            lg.zero = Some(device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("zero layer"),
                size: 16,
                usage: wgpu::BufferUsages::VERTEX,
                mapped_at_creation: false,
            }));
        }
    }

    /// Whether a draw of texture `id` must use the layered pipeline.
    pub(super) fn is_array(&self, id: TextureId) -> bool {
        id != WHITE_TEXTURE && self.texture_kind(id) == TexKind::Array
    }
}

impl TextureEntry {
    /// The view to draw into layer `layer`, level `mip` of this canvas, and the depth
    /// slice to draw (volume canvases are drawn into through their 3D view).
    pub(super) fn layer_target(&self, layer: u16, mip: u8) -> (&wgpu::TextureView, Option<u32>) {
        if mip > 0
            && let Some((_, v, _)) = self.mip_targets.iter().find(|(k, ..)| *k == (layer, mip))
        {
            return (v, None);
        }
        match self.kind {
            TexKind::Volume => (&self.target_view, Some(layer as u32)),
            _ => (
                self.layer_views
                    .get(layer as usize)
                    .unwrap_or(&self.target_view),
                None,
            ),
        }
    }

    /// The stencil buffer that goes with [`TextureEntry::layer_target`].
    pub(super) fn target_stencil(&self, layer: u16, mip: u8) -> Option<&wgpu::TextureView> {
        if mip > 0 {
            return self
                .mip_targets
                .iter()
                .find(|(k, ..)| *k == (layer, mip))
                .map(|(_, _, s)| s);
        }
        self.stencil.as_ref()
    }
}

impl Renderer {
    /// The layers and mipmap levels of a target of the frame being drawn.
    pub(super) fn sub_of(&self, t: &crate::graphics::batch::Target) -> TargetSub {
        match (t.sub as usize).checked_sub(1) {
            Some(i) => self.target_subs.get(i).copied().unwrap_or_default(),
            None => TargetSub::default(),
        }
    }

    /// Makes the views and stencil buffers of the mipmap levels the frame draws into.
    pub(super) fn prepare_mip_targets(&mut self, gpu: &Gpu, batch: &Batcher) {
        for c in &batch.commands {
            let t = match c {
                Command::Clear { target, .. } => *target,
                _ => match batch.key_of(c) {
                    Some(k) => k.target,
                    None => continue,
                },
            };
            let sub = batch.sub_of(&t);
            for ((id, layer), mip) in t.list().iter().zip(sub.layers).zip(sub.mips) {
                if mip == 0 {
                    continue;
                }
                let Some(Some(e)) = self.textures.get_mut(*id as usize) else {
                    continue;
                };
                if e.mip_targets.iter().any(|(k, ..)| *k == (layer, mip))
                    || mip as u32 >= e.texture.mip_level_count()
                    || e.kind == TexKind::Volume
                {
                    continue;
                }
                let view = e.texture.create_view(&wgpu::TextureViewDescriptor {
                    label: Some("canvas mipmap level"),
                    dimension: Some(wgpu::TextureViewDimension::D2),
                    base_mip_level: mip as u32,
                    mip_level_count: Some(1),
                    base_array_layer: layer as u32,
                    array_layer_count: Some(1),
                    ..Default::default()
                });
                let (w, h) = ((e.width >> mip).max(1), (e.height >> mip).max(1));
                let stencil = stencil_view(&gpu.device, w, h, 1);
                e.mip_targets.push(((layer, mip), view, stencil));
            }
        }
    }
}

/// Uploads pixels into layer (or slice) `layer` of mipmap level 0; layer 0 of a 2D
/// texture is `textures::write_texture`.
#[allow(clippy::too_many_arguments)]
pub(super) fn write_layer(
    gpu: &Gpu,
    texture: &wgpu::Texture,
    layer: u32,
    x: u32,
    y: u32,
    w: u32,
    h: u32,
    bpp: u32,
    pixels: &[u8],
) {
    if w == 0 || h == 0 || pixels.len() < (w * h * bpp) as usize {
        return;
    }
    gpu.queue.write_texture(
        wgpu::TexelCopyTextureInfo {
            texture,
            mip_level: 0,
            origin: wgpu::Origin3d { x, y, z: layer },
            aspect: wgpu::TextureAspect::All,
        },
        pixels,
        wgpu::TexelCopyBufferLayout {
            offset: 0,
            bytes_per_row: Some(w * bpp),
            rows_per_image: Some(h),
        },
        wgpu::Extent3d {
            width: w,
            height: h,
            depth_or_array_layers: 1,
        },
    );
}
