//! The renderer's side of shaders: per program, its wgpu modules and pipeline layout
//! (group 0 engine globals, group 1 MainTex, group 2 the game's uniform blocks and
//! textures); per frame, one uniform buffer holding every snapshot's blocks at dynamic
//! offsets, and the group-2 bind groups.

use super::{Program, Snapshot};
use crate::graphics::batch::{Batcher, Command, TextureId, WHITE_TEXTURE};
use crate::graphics::gpu::Gpu;
use crate::graphics::pipelines::{PipelineKey, create_pipeline, default_entries};
use crate::graphics::renderer::Renderer;
use std::borrow::Cow;
use std::collections::HashMap;

/// Dynamic uniform offsets are 256 apart (every adapter's alignment).
pub const ALIGN: u64 = 256;

pub struct ProgramGpu {
    pub layout: wgpu::PipelineLayout,
    pub group: wgpu::BindGroupLayout,
    pub vertex: wgpu::ShaderModule,
    pub pixel: wgpu::ShaderModule,
    pub entries: [String; 2],
    /// wgpu refused the modules or a pipeline: draws with it are skipped.
    pub failed: bool,
}

fn align(n: u64) -> u64 {
    n.div_ceil(ALIGN) * ALIGN
}

/// Bytes a block takes in the frame's buffer (a block-less stage still binds 16 bytes).
pub fn block_span(program: &Program, stage: usize) -> u64 {
    align((program.sizes[stage] as u64).max(16))
}

pub fn create(
    device: &wgpu::Device,
    globals: &wgpu::BindGroupLayout,
    texture: &wgpu::BindGroupLayout,
    program: &Program,
) -> ProgramGpu {
    let vis = wgpu::ShaderStages::VERTEX | wgpu::ShaderStages::FRAGMENT;
    let mut entries = Vec::new();
    for b in 0..2 {
        entries.push(wgpu::BindGroupLayoutEntry {
            binding: b,
            visibility: vis,
            ty: wgpu::BindingType::Buffer {
                ty: wgpu::BufferBindingType::Uniform,
                has_dynamic_offset: true,
                min_binding_size: None,
            },
            count: None,
        });
    }
    for (k, slot) in program.textures.iter().enumerate() {
        entries.extend(crate::graphics::renderer::texture_entries(
            2 + 2 * k as u32,
            vis,
            super::layered::view_dimension(slot.kind),
        ));
    }
    let scope = device.push_error_scope(wgpu::ErrorFilter::Validation);
    let group = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
        label: Some("shader uniforms"),
        entries: &entries,
    });
    let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
        label: Some("shader"),
        bind_group_layouts: &[Some(globals), Some(texture), Some(&group)],
        immediate_size: 0,
    });
    let module = |m: &naga::Module| {
        device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("game shader"),
            source: wgpu::ShaderSource::Naga(Cow::Owned(m.clone())),
        })
    };
    let vertex = module(&program.vertex);
    let pixel = module(&program.pixel);
    let failed = match pollster::block_on(scope.pop()) {
        Some(e) => {
            eprintln!("engine: the GPU refused a shader: {e}");
            true
        }
        None => false,
    };
    ProgramGpu {
        layout,
        group,
        vertex,
        pixel,
        entries: program.entries.clone(),
        failed,
    }
}

/// The frame's uniform bytes: each snapshot's two blocks at aligned offsets. Returns the
/// bytes and each snapshot's (vertex, pixel) offsets.
pub fn pack(snapshots: &[Snapshot]) -> (Vec<u8>, Vec<[u32; 2]>) {
    let mut bytes = Vec::new();
    let mut offsets = Vec::with_capacity(snapshots.len());
    for s in snapshots {
        let mut o = [0u32; 2];
        for (stage, at) in o.iter_mut().enumerate() {
            *at = bytes.len() as u32;
            let span = block_span(&s.program, stage) as usize;
            let data = &s.data[stage];
            let n = data.len().min(span);
            bytes.extend_from_slice(&data[..n]);
            bytes.resize(*at as usize + span, 0);
        }
        offsets.push(o);
    }
    (bytes, offsets)
}

/// Custom-shader parts of the renderer: pipelines, uniform uploads, group-2 bind groups.
impl Renderer {
    pub(in crate::graphics) fn pipeline(
        &mut self,
        device: &wgpu::Device,
        key: PipelineKey,
        program: Option<&Program>,
        buffers: Option<(&[Option<wgpu::VertexBufferLayout>], bool)>,
    ) {
        if self.pipelines.contains_key(&key) {
            return;
        }
        let main_array = program.is_some_and(|p| p.main_array);
        if key.layered || main_array {
            // Batched draws only; a game shader with a 2D MainTex can't draw an array
            // texture (refused in Lua: such draws are skipped).
            match program {
                None if buffers.is_none() => self.layered_pipeline(device, key),
                Some(p) if main_array && buffers.is_none() => {
                    self.array_program_pipeline(device, key, p)
                }
                _ => {}
            }
            return;
        }
        let Some(program) = program else {
            let (vs, fs) = default_entries(&key);
            // A Mesh's own vertex format reads vec4 inputs under its transform.
            let vs = if buffers.is_some() { "vs_mesh" } else { vs };
            let p = create_pipeline(
                device,
                (&self.shader, vs),
                (&self.shader, fs),
                &self.layout,
                key,
                buffers,
            );
            self.pipelines.insert(key, p);
            return;
        };
        let (gl, tl) = (&self.globals_layout, &self.texture_layout);
        self.program_pipeline(device, key, program, buffers, gl.clone(), tl.clone());
    }

    /// The pipeline of a game shader for `key`, made with group-1 layout `tl`.
    pub(in crate::graphics) fn program_pipeline(
        &mut self,
        device: &wgpu::Device,
        key: PipelineKey,
        program: &Program,
        buffers: Option<(&[Option<wgpu::VertexBufferLayout>], bool)>,
        gl: wgpu::BindGroupLayout,
        tl: wgpu::BindGroupLayout,
    ) {
        let (gl, tl) = (&gl, &tl);
        let pg = self
            .programs
            .entry(program.id)
            .or_insert_with(|| create(device, gl, tl, program));
        if pg.failed {
            return;
        }
        let scope = device.push_error_scope(wgpu::ErrorFilter::Validation);
        let (vs, fs) = (
            (&pg.vertex, pg.entries[0].as_str()),
            (&pg.pixel, pg.entries[1].as_str()),
        );
        let p = create_pipeline(device, vs, fs, &pg.layout, key, buffers);
        if let Some(e) = pollster::block_on(scope.pop()) {
            eprintln!("engine: the GPU refused a shader pipeline: {e}");
            pg.failed = true;
            return;
        }
        self.pipelines.insert(key, p);
    }

    /// Frees what a dropped shader program used.
    pub fn free_program(&mut self, id: u32) {
        self.programs.remove(&id);
        self.pipelines.retain(|k, _| k.shader != id);
    }

    /// Group-2 bind groups of the frame's shader snapshots (None where the program
    /// can't draw). A texture a snapshot would sample while drawing into it binds white.
    pub(in crate::graphics) fn shader_groups(
        &mut self,
        gpu: &Gpu,
        batch: &Batcher,
    ) -> Vec<Option<wgpu::BindGroup>> {
        let device = &gpu.device;
        let Some((buffer, _)) = self.shader_uniforms.as_ref() else {
            return Vec::new();
        };
        let buffer = &buffer.clone();
        let mut targets: Vec<Vec<TextureId>> = vec![Vec::new(); batch.shaders.len()];
        for c in &batch.commands {
            if let Command::Draw { key, .. } = c
                && key.shader > 0
                && let Some(t) = targets.get_mut(key.shader as usize - 1)
            {
                t.extend_from_slice(key.target.list());
            }
        }
        let mut cache: HashMap<(u32, Vec<TextureId>), wgpu::BindGroup> = HashMap::new();
        let mut out = Vec::with_capacity(batch.shaders.len());
        for (snap, targets) in batch.shaders.iter().zip(&targets) {
            if self.programs.get(&snap.program.id).is_none_or(|p| p.failed) {
                out.push(None);
                continue;
            }
            let ids: Vec<TextureId> = snap
                .textures
                .iter()
                .map(|t| {
                    let gone = self.textures.get(*t as usize).is_none_or(|e| e.is_none());
                    if targets.contains(t) || gone {
                        WHITE_TEXTURE
                    } else {
                        *t
                    }
                })
                .collect();
            // Array, cube and volume slots take a white texture of their own kind.
            let kinds: Vec<_> = snap.program.textures.iter().map(|s| s.kind).collect();
            let ids = self.white_fallbacks(gpu, ids, &kinds);
            let Some(pg) = self.programs.get(&snap.program.id) else {
                out.push(None);
                continue;
            };
            let key = (snap.program.id, ids);
            if let Some(bg) = cache.get(&key) {
                out.push(Some(bg.clone()));
                continue;
            }
            let mut entries = Vec::new();
            for stage in 0..2u32 {
                entries.push(wgpu::BindGroupEntry {
                    binding: stage,
                    resource: wgpu::BindingResource::Buffer(wgpu::BufferBinding {
                        buffer,
                        offset: 0,
                        size: wgpu::BufferSize::new(block_span(&snap.program, stage as usize)),
                    }),
                });
            }
            for (k, id) in key.1.iter().enumerate() {
                let Some(Some(t)) = self.textures.get(*id as usize) else {
                    continue;
                };
                entries.push(wgpu::BindGroupEntry {
                    binding: 2 + 2 * k as u32,
                    resource: wgpu::BindingResource::TextureView(&t.view),
                });
                entries.push(wgpu::BindGroupEntry {
                    binding: 3 + 2 * k as u32,
                    resource: wgpu::BindingResource::Sampler(&t.sampler),
                });
            }
            let bg = device.create_bind_group(&wgpu::BindGroupDescriptor {
                label: Some("shader uniforms"),
                layout: &pg.group,
                entries: &entries,
            });
            cache.insert(key, bg.clone());
            out.push(Some(bg));
        }
        out
    }

    /// Uploads the frame's shader uniform blocks; returns each snapshot's offsets.
    pub(in crate::graphics) fn upload_shader_uniforms(
        &mut self,
        gpu: &Gpu,
        batch: &Batcher,
    ) -> Vec<[u32; 2]> {
        if batch.shaders.is_empty() {
            return Vec::new();
        }
        let (bytes, offsets) = pack(&batch.shaders);
        let need = bytes.len() as u64;
        if self
            .shader_uniforms
            .as_ref()
            .is_none_or(|(_, cap)| *cap < need)
        {
            let cap = need.next_power_of_two().max(4096);
            let buffer = gpu.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("shader uniforms"),
                size: cap,
                usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            });
            self.shader_uniforms = Some((buffer, cap));
        }
        if let Some((buffer, _)) = &self.shader_uniforms {
            gpu.queue.write_buffer(buffer, 0, &bytes);
        }
        offsets
    }
}
