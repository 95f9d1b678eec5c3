//! The renderer's side of shaders: per program, its wgpu modules and pipeline layout
//! (group 0 engine globals, group 1 MainTex, group 2 the game's uniform blocks and
//! textures); per frame, one uniform buffer holding every snapshot's blocks at dynamic
//! offsets, and the group-2 bind groups.

use super::{Program, Snapshot};
use std::borrow::Cow;

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
    for k in 0..program.textures.len() as u32 {
        entries.push(wgpu::BindGroupLayoutEntry {
            binding: 2 + 2 * k,
            visibility: vis,
            ty: wgpu::BindingType::Texture {
                sample_type: wgpu::TextureSampleType::Float { filterable: true },
                view_dimension: wgpu::TextureViewDimension::D2,
                multisampled: false,
            },
            count: None,
        });
        entries.push(wgpu::BindGroupLayoutEntry {
            binding: 3 + 2 * k,
            visibility: vis,
            ty: wgpu::BindingType::Sampler(wgpu::SamplerBindingType::Filtering),
            count: None,
        });
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
        for stage in 0..2 {
            o[stage] = bytes.len() as u32;
            let span = block_span(&s.program, stage) as usize;
            let data = &s.data[stage];
            let n = data.len().min(span);
            bytes.extend_from_slice(&data[..n]);
            bytes.resize(o[stage] as usize + span, 0);
        }
        offsets.push(o);
    }
    (bytes, offsets)
}
