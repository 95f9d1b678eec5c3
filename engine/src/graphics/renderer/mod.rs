//! The only place that records wgpu commands. At a flush (`present`, a canvas readback)
//! it uploads the queued vertices once and replays the batcher's commands: one render
//! pass per run of draws into the same target, one draw call per batch.
//!
//! Every target (the screen and each canvas) has a stencil buffer, so `stencil`/
//! `setStencilTest` work on any target; a depth/stencil canvas set as the target's
//! `depthstencil` replaces it (its format is then in the pipeline key; `formats.rs`).

use super::batch::{Batcher, Command, MAX_CANVASES, Stencil, Target};
use super::gpu::Gpu;
use super::pipelines::PipelineKey;
use super::texture::{Format, SamplerKey};
use std::collections::HashMap;

use super::shader::gpu::ProgramGpu;

mod formats;
mod layered;
mod textures;
pub(crate) use textures::texture_entries;
use textures::{attachment_view, stencil_view};
/// Uniform slots are 512 bytes apart (a multiple of the dynamic-offset alignment every
/// adapter accepts, 256).
const GLOBALS_SLOT: u64 = 512;
/// Per pass, and per Mesh drawn from its own buffer: the engine's projection, LÖVE's
/// (GL-style) projection, love_ScreenSize, TransformMatrix, ConstantColor and LÖVE's
/// projection times the transform (see shader/header.rs and basic.wgsl).
const GLOBALS_SIZE: u64 = 288;

pub(super) struct TextureEntry {
    texture: wgpu::Texture,
    /// All mip levels, for sampling.
    pub(super) view: wgpu::TextureView,
    /// The first level only, for drawing into (a canvas).
    target_view: wgpu::TextureView,
    /// An "auto" mipmapped canvas: its mipmaps are remade after each pass into it.
    auto_mips: bool,
    bind_group: wgpu::BindGroup,
    /// The sampler in `bind_group`, for shaders that bind this texture themselves.
    pub(super) sampler: wgpu::Sampler,
    width: u32,
    height: u32,
    format: wgpu::TextureFormat,
    /// Canvases only: the stencil buffer, and whether it holds defined values yet.
    stencil: Option<wgpu::TextureView>,
    /// An MSAA canvas: the multisampled texture drawn into (resolved into `target_view`
    /// at the end of every pass), and its sample count (1: no MSAA).
    msaa_view: Option<wgpu::TextureView>,
    samples: u32,
    /// 2D, array, cube or volume: the dimension of `view`.
    kind: super::layered::TexKind,
    /// Array and cube canvases: each layer's first level, to draw into (see layered.rs).
    layer_views: Vec<wgpu::TextureView>,
    /// Canvases drawn into at a mipmap level below the first: per (layer, level), the
    /// view and a stencil buffer of that level's size; made on first use.
    mip_targets: Vec<((u16, u8), wgpu::TextureView, wgpu::TextureView)>,
}

/// What [`Renderer::create`] makes.
pub struct NewTexture {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    pub canvas: bool,
    pub mip_levels: u32,
    pub auto_mips: bool,
    /// MSAA samples of a canvas (1: none).
    pub samples: u32,
    /// Can be sampled (only depth canvases care: a readable one gets a sampled copy).
    pub readable: bool,
}

pub struct Renderer {
    pub(super) shader: wgpu::ShaderModule,
    mipgen: super::mipgen::MipGen,
    pub(super) layout: wgpu::PipelineLayout,
    pub(super) globals_layout: wgpu::BindGroupLayout,
    pub(super) texture_layout: wgpu::BindGroupLayout,
    /// Copies readable depth canvases into colour textures that draws sample.
    depth_mirror: formats::DepthMirror,
    pub(super) pipelines: HashMap<PipelineKey, wgpu::RenderPipeline>,
    globals: wgpu::Buffer,
    globals_slots: u64,
    globals_bind: wgpu::BindGroup,
    samplers: HashMap<SamplerKey, wgpu::Sampler>,
    vertex_buffer: wgpu::Buffer,
    vertex_capacity: u64,
    pub(super) textures: Vec<Option<TextureEntry>>,
    /// The screen's stencil buffer: width, height, samples.
    screen_stencil: Option<(u32, u32, u32, wgpu::TextureView)>,
    /// The screen's multisampled colour buffer (t.window.msaa), resolved into the frame.
    screen_msaa: Option<(u32, u32, u32, wgpu::TextureView)>,
    /// The screen's MSAA sample count (1: none).
    pub screen_samples: u32,
    clamp_to_zero: bool,
    /// Game shaders by program id, and the frame's buffer of their uniform blocks.
    pub(super) programs: HashMap<u32, ProgramGpu>,
    pub(super) shader_uniforms: Option<(wgpu::Buffer, u64)>,
    /// Meshes drawn from their own vertex buffers.
    pub(super) meshes: super::mesh_gpu::MeshGpu,
    /// PERF: reused mapped staging memory for the frame's vertices; `queue.write_buffer`
    /// allocated (and page-faulted) a fresh staging buffer every frame.
    belt: wgpu::util::StagingBelt,
    /// Array textures' pipeline layout, shader and the frame's layer buffer.
    layered: Option<layered::LayeredGpu>,
    /// The batcher's [`Batcher::target_subs`] of the frame being drawn.
    target_subs: Vec<super::batch::TargetSub>,
}

/// One globals slot: projections for a target of `w`x`h` (`screen`: the window), with a
/// Mesh's transform and colour (identity and white for batched draws).
fn globals_slot(out: &mut Vec<u8>, w: u32, h: u32, screen: bool, t: glam::Mat4, color: [f32; 4]) {
    let at = out.len();
    let m = glam::Mat4::from_cols_array_2d(&ortho(w as f32, h as f32));
    // LOVE: canvases are drawn with a y-up projection (GL's texture origin).
    let mut love = ortho(w as f32, h as f32);
    love[2][2] = -0.1;
    if !screen {
        love[1][1] = 2.0 / h as f32;
        love[3][1] = -1.0;
    }
    let love = glam::Mat4::from_cols_array_2d(&love);
    let size: [f32; 4] = if screen {
        [w as f32, h as f32, -1.0, h as f32]
    } else {
        [w as f32, h as f32, 1.0, 0.0]
    };
    out.extend_from_slice(bytemuck::cast_slice(&(m * t).to_cols_array()));
    out.extend_from_slice(bytemuck::cast_slice(&love.to_cols_array()));
    out.extend_from_slice(bytemuck::cast_slice(&size));
    out.extend_from_slice(bytemuck::cast_slice(&t.to_cols_array()));
    out.extend_from_slice(bytemuck::cast_slice(&color));
    out.extend_from_slice(bytemuck::cast_slice(&(love * t).to_cols_array()));
    out.resize(at + GLOBALS_SLOT as usize, 0);
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

fn globals_bind_group(
    device: &wgpu::Device,
    layout: &wgpu::BindGroupLayout,
    buffer: &wgpu::Buffer,
) -> wgpu::BindGroup {
    device.create_bind_group(&wgpu::BindGroupDescriptor {
        label: Some("globals"),
        layout,
        entries: &[wgpu::BindGroupEntry {
            binding: 0,
            resource: wgpu::BindingResource::Buffer(wgpu::BufferBinding {
                buffer,
                offset: 0,
                size: wgpu::BufferSize::new(GLOBALS_SIZE),
            }),
        }],
    })
}

impl Renderer {
    pub fn new(gpu: &Gpu) -> Renderer {
        let device = &gpu.device;
        let shader = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("basic"),
            source: wgpu::ShaderSource::Wgsl(include_str!("../../../../shaders/basic.wgsl").into()),
        });
        let globals_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("globals"),
            entries: &[wgpu::BindGroupLayoutEntry {
                binding: 0,
                visibility: wgpu::ShaderStages::VERTEX | wgpu::ShaderStages::FRAGMENT,
                ty: wgpu::BindingType::Buffer {
                    ty: wgpu::BufferBindingType::Uniform,
                    has_dynamic_offset: true,
                    min_binding_size: wgpu::BufferSize::new(GLOBALS_SIZE),
                },
                count: None,
            }],
        });
        let texture_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("texture"),
            entries: &textures::texture_entries(
                0,
                wgpu::ShaderStages::FRAGMENT,
                wgpu::TextureViewDimension::D2,
            ),
        });
        let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("basic"),
            bind_group_layouts: &[Some(&globals_layout), Some(&texture_layout)],
            immediate_size: 0,
        });
        let globals_slots = 16;
        let globals = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("globals"),
            size: GLOBALS_SLOT * globals_slots,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let globals_bind = globals_bind_group(device, &globals_layout, &globals);
        let vertex_capacity = 1 << 16;
        let vertex_buffer = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("vertices"),
            size: vertex_capacity,
            usage: wgpu::BufferUsages::VERTEX | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let mut r = Renderer {
            depth_mirror: formats::DepthMirror::new(device),
            shader,
            mipgen: super::mipgen::MipGen::new(device, &texture_layout),
            layout,
            globals_layout,
            texture_layout,
            pipelines: HashMap::new(),
            globals,
            globals_slots,
            globals_bind,
            samplers: HashMap::new(),
            vertex_buffer,
            vertex_capacity,
            textures: Vec::new(),
            screen_stencil: None,
            screen_msaa: None,
            screen_samples: 1,
            programs: HashMap::new(),
            shader_uniforms: None,
            meshes: Default::default(),
            belt: wgpu::util::StagingBelt::new(device.clone(), 1 << 22),
            layered: None,
            target_subs: Vec::new(),
            clamp_to_zero: device
                .features()
                .contains(wgpu::Features::ADDRESS_MODE_CLAMP_TO_ZERO),
        };
        let white = r.create_texture(gpu, 1, 1, &[255, 255, 255, 255]);
        debug_assert_eq!(white, super::batch::WHITE_TEXTURE);
        r
    }

    /// Size and colour formats of a target; `None` when a canvas is gone.
    fn target_info(
        &self,
        target: &Target,
        screen: (u32, u32, wgpu::TextureFormat),
    ) -> Option<(u32, u32, [Option<wgpu::TextureFormat>; MAX_CANVASES], u8)> {
        let mut formats = [None; MAX_CANVASES];
        if target.is_screen() {
            formats[0] = Some(screen.2);
            return Some((screen.0, screen.1, formats, self.screen_samples as u8));
        }
        let mut size = (0, 0);
        let mut samples = 1;
        // A depth-only target (setCanvas{depthstencil = d}): its size and samples.
        if let Some((id, _)) = target.depth
            && target.count == 0
        {
            let t = self.textures.get(id as usize)?.as_ref()?;
            return Some((t.width, t.height, formats, t.samples as u8));
        }
        for (i, id) in target.list().iter().enumerate() {
            let t = self.textures.get(*id as usize)?.as_ref()?;
            formats[i] = Some(t.format);
            if i == 0 {
                let mip = self.sub_of(target).mips[0] as u32;
                size = ((t.width >> mip).max(1), (t.height >> mip).max(1));
                samples = t.samples;
            } else if t.samples != samples {
                // setCanvas refuses this; a canvas can't be drawn with mixed sample counts.
                return None;
            }
        }
        Some((size.0, size.1, formats, samples as u8))
    }

    /// Draws the queued commands. `screen` is the view to draw the screen's commands into
    /// (`None`: the window can't be drawn now, so they are dropped); `screen_fresh` says
    /// its contents are undefined (a new window frame), so a pass that doesn't clear
    /// starts black. Returns the draw calls issued and the submission.
    pub fn render(
        &mut self,
        gpu: &Gpu,
        screen: Option<&wgpu::TextureView>,
        screen_fresh: &mut bool,
        batch: &Batcher,
    ) -> (u32, wgpu::SubmissionIndex) {
        let (sw, sh) = gpu.size();
        let screen_info = (sw, sh, gpu.format);
        let ss = self.screen_samples.max(1);
        if self
            .screen_stencil
            .as_ref()
            .is_none_or(|(w, h, n, _)| (*w, *h, *n) != (sw, sh, ss))
        {
            self.screen_stencil = Some((sw, sh, ss, stencil_view(&gpu.device, sw, sh, ss)));
        }
        if ss == 1 {
            self.screen_msaa = None;
        } else if self
            .screen_msaa
            .as_ref()
            .is_none_or(|(w, h, n, _)| (*w, *h, *n) != (sw, sh, ss))
        {
            let v = attachment_view(&gpu.device, sw, sh, ss, gpu.format, "msaa screen");
            self.screen_msaa = Some((sw, sh, ss, v));
        }
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
        self.target_subs.clone_from(&batch.target_subs);
        self.prepare_mip_targets(gpu, batch);
        // Plan the passes: (first command, end, target, colour load, stencil load).
        let cmds = &batch.commands;
        let mut passes = Vec::new();
        let mut i = 0;
        while i < cmds.len() {
            let start = i;
            let (target, color, stencil) = match cmds[i] {
                Command::Clear {
                    target,
                    color,
                    stencil,
                    ..
                } => {
                    i += 1;
                    (target, color, stencil)
                }
                Command::Draw { key, .. } => (key.target, None, None),
                Command::Mesh(m) => match batch.meshes.get(m as usize) {
                    Some(m) => (m.key.target, None, None),
                    None => {
                        i += 1;
                        continue;
                    }
                },
            };
            while let Some(key) = cmds.get(i).and_then(|c| batch.key_of(c)) {
                if key.target != target {
                    break;
                }
                i += 1;
            }
            passes.push((start, i, target, color, stencil));
        }
        // Build every pipeline and the per-pass projections first; the passes only borrow.
        // Globals: one slot per pass, then one per mesh command (after the passes').
        let slots = passes.len() + batch.meshes.len();
        let mut projections: Vec<u8> = Vec::with_capacity(slots * GLOBALS_SLOT as usize);
        let mut mesh_globals: Vec<u8> = vec![0; batch.meshes.len() * GLOBALS_SLOT as usize];
        let mut mesh_targets = vec![None; batch.meshes.len()];
        for &(start, end, target, ..) in &passes {
            let Some((w, h, formats, samples)) = self.target_info(&target, screen_info) else {
                projections.resize(projections.len() + GLOBALS_SLOT as usize, 0);
                continue;
            };
            let screen = target.is_screen();
            globals_slot(
                &mut projections,
                w,
                h,
                screen,
                glam::Mat4::IDENTITY,
                [1.0; 4],
            );
            for c in &cmds[start..end] {
                if let Command::Draw { key, .. } = c {
                    let program = batch.program(key.shader);
                    let mut pk =
                        PipelineKey::batched(program.map_or(0, |p| p.id), key, formats, samples);
                    pk.layered = self.is_array(key.texture);
                    if program.is_some_and(|p| p.main_array) {
                        self.prepare_array_shapes(gpu);
                    }
                    self.pipeline(&gpu.device, pk, program, None);
                }
                if let Command::Mesh(m) = c
                    && let Some(mc) = batch.meshes.get(*m as usize)
                {
                    let mut slot = Vec::with_capacity(GLOBALS_SLOT as usize);
                    let t = glam::Mat4::from_cols_array_2d(&mc.transform);
                    globals_slot(&mut slot, w, h, screen, t, mc.color);
                    let at = *m as usize * GLOBALS_SLOT as usize;
                    mesh_globals[at..at + GLOBALS_SLOT as usize].copy_from_slice(&slot);
                    mesh_targets[*m as usize] = Some((formats, samples));
                }
            }
        }
        projections.extend_from_slice(&mesh_globals);
        let prepared = self.prepare_meshes(gpu, batch, &mesh_targets);
        if slots as u64 > self.globals_slots {
            self.globals_slots = (slots as u64).next_power_of_two();
            self.globals = gpu.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("globals"),
                size: GLOBALS_SLOT * self.globals_slots,
                usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            });
            self.globals_bind =
                globals_bind_group(&gpu.device, &self.globals_layout, &self.globals);
        }
        if !projections.is_empty() {
            gpu.queue.write_buffer(&self.globals, 0, &projections);
        }
        self.upload_layers(gpu, batch);
        let shader_offsets = self.upload_shader_uniforms(gpu, batch);
        let shader_groups = self.shader_groups(gpu, batch);
        let mut encoder = gpu.device.create_command_encoder(&Default::default());
        // Vertex sizes are multiples of 20 bytes, so of COPY_BUFFER_ALIGNMENT (4).
        if let Some(size) = wgpu::BufferSize::new(bytes.len() as u64) {
            self.belt
                .write_buffer(&mut encoder, &self.vertex_buffer, 0, size)
                .copy_from_slice(bytes);
        }
        self.belt.finish();
        let mut calls = 0;
        for (pi, &(start, end, target, color, stencil)) in passes.iter().enumerate() {
            let Some((w, h, formats, samples)) = self.target_info(&target, screen_info) else {
                continue;
            };
            let mut color_load = match color {
                Some(c) => wgpu::LoadOp::Clear(wgpu::Color {
                    r: c[0] as f64,
                    g: c[1] as f64,
                    b: c[2] as f64,
                    a: c[3] as f64,
                }),
                None => wgpu::LoadOp::Load,
            };
            let mut stencil_load = match stencil {
                Some(s) => wgpu::LoadOp::Clear(s as u32),
                None => wgpu::LoadOp::Load,
            };
            // LOVE: clear(..., stencil, depth); depth 1 unless given.
            let mut depth_load = match cmds.get(start) {
                Some(Command::Clear { depth: Some(d), .. }) => wgpu::LoadOp::Clear(*d),
                _ => wgpu::LoadOp::Load,
            };
            // (view drawn into, view resolved into when that is multisampled, the slice of
            // a volume canvas)
            let views: Vec<(&wgpu::TextureView, Option<&wgpu::TextureView>, Option<u32>)>;
            let depth: &wgpu::TextureView;
            let mut depth_format = super::pipelines::STENCIL_FORMAT;
            if target.is_screen() {
                let Some(view) = screen else { continue };
                if *screen_fresh {
                    *screen_fresh = false;
                    if matches!(color_load, wgpu::LoadOp::Load) {
                        color_load = wgpu::LoadOp::Clear(wgpu::Color::BLACK);
                    }
                    stencil_load = wgpu::LoadOp::Clear(stencil.unwrap_or(0) as u32);
                    depth_load = wgpu::LoadOp::Clear(1.0);
                }
                views = vec![match &self.screen_msaa {
                    Some((_, _, _, m)) => (m, Some(view), None),
                    None => (view, None, None),
                }];
                let Some((_, _, _, s)) = self.screen_stencil.as_ref() else {
                    continue;
                };
                depth = s;
            } else {
                let sub = self.sub_of(&target);
                let entries: Vec<&TextureEntry> = target
                    .list()
                    .iter()
                    .filter_map(|id| self.textures.get(*id as usize).and_then(|t| t.as_ref()))
                    .collect();
                let Some((d, f)) =
                    self.canvas_depth_attachment(&target, sub.layers[0], sub.mips[0])
                else {
                    continue;
                };
                views = entries
                    .iter()
                    .zip(sub.layers.into_iter().zip(sub.mips))
                    .map(|(e, (layer, mip))| {
                        let (view, slice) = e.layer_target(layer, mip);
                        match &e.msaa_view {
                            Some(m) => (m, Some(view), slice),
                            None => (view, None, slice),
                        }
                    })
                    .collect();
                (depth, depth_format) = (d, f);
            }
            let (depth_ops, stencil_ops) =
                formats::depth_stencil_ops(depth_format, depth_load, stencil_load);
            let attachments: Vec<Option<wgpu::RenderPassColorAttachment>> = views
                .iter()
                .map(|&(v, resolve, depth_slice)| {
                    Some(wgpu::RenderPassColorAttachment {
                        view: v,
                        depth_slice,
                        resolve_target: resolve,
                        ops: wgpu::Operations {
                            load: color_load,
                            store: wgpu::StoreOp::Store,
                        },
                    })
                })
                .collect();
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("target"),
                color_attachments: &attachments,
                depth_stencil_attachment: Some(wgpu::RenderPassDepthStencilAttachment {
                    view: depth,
                    depth_ops,
                    stencil_ops,
                }),
                timestamp_writes: None,
                occlusion_query_set: None,
                multiview_mask: None,
            });
            pass.set_bind_group(0, &self.globals_bind, &[(pi as u64 * GLOBALS_SLOT) as u32]);

            pass.set_vertex_buffer(0, self.vertex_buffer.slice(..));
            let mut current = None;
            let pass_offset = (pi as u64 * GLOBALS_SLOT) as u32;
            // A mesh draw rebinds globals and vertex buffer 0; later batched draws restore them.
            let mut rebound = false;
            for c in &cmds[start..end] {
                let (key, mesh) = match c {
                    Command::Draw { key, .. } => (*key, None),
                    Command::Mesh(m) => match (
                        batch.meshes.get(*m as usize),
                        prepared.get(*m as usize).and_then(|p| p.as_ref()),
                    ) {
                        (Some(mc), Some(p)) => (mc.key, Some((*m, mc, p))),
                        _ => continue,
                    },
                    Command::Clear { .. } => continue,
                };
                let Some(Some(tex)) = self.textures.get(key.texture as usize) else {
                    continue;
                };
                // Only array textures are drawn directly, and only by batched draws; a game
                // shader with an ArrayImage MainTex draws those and shapes (layered.rs).
                let layered = tex.kind == super::layered::TexKind::Array;
                let main_array = mesh.is_none()
                    && key.shader > 0
                    && batch.program(key.shader).is_some_and(|p| p.main_array);
                if (layered && mesh.is_some())
                    || (main_array && !layered && key.texture != super::batch::WHITE_TEXTURE)
                    || matches!(
                        tex.kind,
                        super::layered::TexKind::Cube | super::layered::TexKind::Volume
                    )
                {
                    continue;
                }
                let (tex_group, zero_layer) = if main_array && !layered {
                    match self.array_shape_bindings() {
                        Some((zero, group)) => (group, Some(zero)),
                        None => continue,
                    }
                } else {
                    (&tex.bind_group, None)
                };
                let pk = match mesh {
                    Some((_, _, p)) => p.key,
                    None => PipelineKey {
                        layered,
                        ..PipelineKey::batched(
                            batch.program(key.shader).map_or(0, |p| p.id),
                            &key,
                            formats,
                            samples,
                        )
                    },
                };
                if current != Some(pk) {
                    let Some(p) = self.pipelines.get(&pk) else {
                        continue;
                    };
                    pass.set_pipeline(p);
                    current = Some(pk);
                }
                if key.shader > 0 {
                    let i = key.shader as usize - 1;
                    let (Some(Some(bg)), Some(o)) = (shader_groups.get(i), shader_offsets.get(i))
                    else {
                        continue;
                    };
                    pass.set_bind_group(2, bg, &[o[0], o[1]]);
                }
                match key.stencil {
                    Stencil::Write(_, v) | Stencil::Test(_, v) => {
                        pass.set_stencil_reference(v as u32)
                    }
                    Stencil::Off => {}
                }
                let [x, y, sw, sh] = match key.scissor {
                    Some([x, y, sw, sh]) => {
                        let x0 = x.min(w);
                        let y0 = y.min(h);
                        [x0, y0, sw.min(w - x0), sh.min(h - y0)]
                    }
                    None => [0, 0, w, h],
                };
                if sw == 0 || sh == 0 {
                    continue;
                }
                pass.set_scissor_rect(x, y, sw, sh);
                pass.set_bind_group(1, tex_group, &[]);
                match (mesh, c) {
                    (Some((m, mc, p)), _) => {
                        let slot = (passes.len() as u64 + m as u64) * GLOBALS_SLOT;
                        pass.set_bind_group(0, &self.globals_bind, &[slot as u32]);
                        rebound = true;
                        if self.record_mesh(&mut pass, mc, p) {
                            calls += 1;
                        }
                    }
                    (None, Command::Draw { first, count, .. }) => {
                        if rebound {
                            pass.set_bind_group(0, &self.globals_bind, &[pass_offset]);
                            pass.set_vertex_buffer(0, self.vertex_buffer.slice(..));
                            rebound = false;
                        }
                        if layered {
                            let Some(b) = self.layer_buffer(batch, *first, *count) else {
                                continue;
                            };
                            pass.set_vertex_buffer(1, b.slice(..));
                        } else if let Some(zero) = zero_layer {
                            pass.set_vertex_buffer(1, zero.slice(..));
                        }
                        pass.draw(*first..*first + *count, 0..1);
                        calls += 1;
                    }
                    _ => {}
                }
            }
            drop(pass);
            // A readable depth canvas drawn into: refresh the copy draws sample.
            if let Some((id, _)) = target.depth {
                self.refresh_depth_mirror(&gpu.device, &mut encoder, id);
            }
            // LOVE: an "auto" canvas's mipmaps are remade when drawing into it ends.
            // LOVE: only when drawing into the first level.
            for (id, mip) in target.list().iter().zip(self.sub_of(&target).mips) {
                if let Some(Some(t)) = self.textures.get(*id as usize)
                    && t.auto_mips
                    && mip == 0
                {
                    self.mipgen.encode(&gpu.device, &mut encoder, &t.texture);
                }
            }
        }
        let index = gpu.queue.submit([encoder.finish()]);
        self.belt.recall();
        (calls, index)
    }
}
