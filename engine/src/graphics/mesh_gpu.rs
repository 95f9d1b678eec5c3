//! The renderer's side of Meshes drawn from their own vertex buffers: one GPU buffer per
//! Mesh, uploaded again only when its vertices changed; vertex layouts that follow the
//! mesh's format (and attached meshes', per vertex or per instance), with the shader's
//! attributes bound by name as LÖVE does; the frame's index list; and recording the draw.
//!
//! A shader attribute no buffer provides reads a constant: (0, 0, 0, 1), or white for
//! VertexColor (GL's current-attribute values that LÖVE sets).

use super::batch::{Batcher, MeshCommand};
use super::gpu::Gpu;
use super::pipelines::PipelineKey;
use super::renderer::Renderer;
use super::shader::Program;
use std::collections::HashMap;

/// A target's colour formats and sample count.
pub type TargetFormats = (
    [Option<wgpu::TextureFormat>; super::batch::MAX_CANVASES],
    u8,
);

/// The standard attributes sit at these shader locations in every program.
const STANDARD: [&str; 3] = ["VertexPosition", "VertexTexCoord", "VertexColor"];

#[derive(Clone, PartialEq, Eq, Hash)]
struct BufLayout {
    stride: u64,
    instance: bool,
    attrs: Vec<wgpu::VertexAttribute>,
}

/// Where a vertex buffer slot's data comes from.
#[derive(Clone, Copy)]
enum Slot {
    /// `sources[i]` of the command (its buffer: cached, or this frame's extra copy).
    Source(usize),
    Defaults,
}

/// What [`Renderer::prepare_meshes`] worked out for one mesh command.
pub struct Prepared {
    pub key: PipelineKey,
    slots: Vec<(Slot, Option<usize>)>,
}

#[derive(Default)]
pub struct MeshGpu {
    /// Mesh id → (version, buffer, capacity in bytes).
    buffers: HashMap<u64, (u64, wgpu::Buffer, u64)>,
    /// Extra copies for a mesh drawn with several versions in one frame.
    transient: Vec<wgpu::Buffer>,
    layouts: Vec<(Vec<BufLayout>, bool)>,
    layout_ids: HashMap<(Vec<BufLayout>, bool), u32>,
    /// Program id (0: default shader) → its vertex inputs (location, name).
    inputs: HashMap<u32, Vec<(u32, String)>>,
    index: Option<(wgpu::Buffer, u64)>,
    defaults: Option<wgpu::Buffer>,
}

/// The vertex inputs of a program's vertex entry point: (location, attribute name).
fn shader_inputs(program: Option<&Program>) -> Vec<(u32, String)> {
    let std = || {
        STANDARD
            .iter()
            .enumerate()
            .map(|(i, n)| (i as u32, n.to_string()))
            .collect()
    };
    let Some(p) = program else { return std() };
    let module = &p.vertex;
    let Some(ep) = module
        .entry_points
        .iter()
        .find(|e| e.stage == naga::ShaderStage::Vertex && e.name == p.entries[0])
    else {
        return std();
    };
    let mut out = Vec::new();
    let mut add = |b: &Option<naga::Binding>, name: &Option<String>| {
        if let Some(naga::Binding::Location { location, .. }) = b {
            let name = match STANDARD.get(*location as usize) {
                Some(s) => Some(s.to_string()),
                None => name.clone(),
            };
            if let Some(n) = name {
                out.push((*location, n));
            }
        }
    };
    for arg in &ep.function.arguments {
        if arg.binding.is_some() {
            add(&arg.binding, &arg.name);
        } else if let naga::TypeInner::Struct { members, .. } = &module.types[arg.ty].inner {
            for m in members {
                add(&m.binding, &m.name);
            }
        }
    }
    out
}

fn float_format(components: usize) -> wgpu::VertexFormat {
    match components {
        1 => wgpu::VertexFormat::Float32,
        2 => wgpu::VertexFormat::Float32x2,
        3 => wgpu::VertexFormat::Float32x3,
        _ => wgpu::VertexFormat::Float32x4,
    }
}

/// Finds attribute `name` in the command's sources (attached meshes first, as an
/// attached attribute replaces the mesh's own): (source, float offset, components).
fn find(cmd: &MeshCommand, name: &str) -> Option<(usize, usize, usize)> {
    if cmd
        .sources
        .first()
        .is_some_and(|s| s.disabled.iter().any(|d| d == name))
    {
        return None;
    }
    let order = (1..cmd.sources.len()).chain(std::iter::once(0));
    for s in order {
        let src = &cmd.sources[s];
        let wanted = if src.only.is_empty() {
            Some(name)
        } else {
            src.only
                .iter()
                .find(|(_, as_name)| as_name == name)
                .map(|(n, _)| n.as_str())
        };
        let Some(wanted) = wanted else { continue };
        let mut off = 0;
        for a in src.format.iter() {
            if a.name == wanted {
                return Some((s, off, a.components));
            }
            off += a.components;
        }
    }
    None
}

impl Renderer {
    /// Works out every mesh command's pipeline (creating it) and uploads the vertex
    /// buffers and the frame's indices. `formats` gives each command's target.
    pub(super) fn prepare_meshes(
        &mut self,
        gpu: &Gpu,
        batch: &Batcher,
        targets: &[Option<TargetFormats>],
    ) -> Vec<Option<Prepared>> {
        let device = &gpu.device;
        self.meshes.transient.clear();
        let mut uploaded: HashMap<u64, u64> = HashMap::new();
        let mut out = Vec::with_capacity(batch.meshes.len());
        for (cmd, target) in batch.meshes.iter().zip(targets) {
            let Some((formats, samples)) = *target else {
                out.push(None);
                continue;
            };
            let program = batch.program(cmd.key.shader);
            let pid = program.map_or(0, |p| p.id);
            let inputs: Vec<(u32, String)> = self
                .meshes
                .inputs
                .entry(pid)
                .or_insert_with(|| shader_inputs(program))
                .clone();
            // Vertex buffer slots: each source used, then the constants.
            let mut slots: Vec<(Slot, Option<usize>)> = Vec::new();
            let mut layouts: Vec<BufLayout> = Vec::new();
            for (location, name) in &inputs {
                let (slot, attr) = match find(cmd, name) {
                    Some((s, off, n)) => (
                        Slot::Source(s),
                        wgpu::VertexAttribute {
                            format: float_format(n),
                            offset: off as u64 * 4,
                            shader_location: *location,
                        },
                    ),
                    None => (
                        Slot::Defaults,
                        wgpu::VertexAttribute {
                            format: wgpu::VertexFormat::Float32x4,
                            offset: if name == "VertexColor" { 16 } else { 0 },
                            shader_location: *location,
                        },
                    ),
                };
                let k = slots.iter().position(|(s, _)| match (s, slot) {
                    (Slot::Source(a), Slot::Source(b)) => *a == b,
                    (Slot::Defaults, Slot::Defaults) => true,
                    _ => false,
                });
                let k = match k {
                    Some(k) => k,
                    None => {
                        let (stride, instance) = match slot {
                            Slot::Source(s) => (
                                cmd.sources[s].stride as u64 * 4,
                                cmd.sources[s].per_instance,
                            ),
                            Slot::Defaults => (0, false),
                        };
                        slots.push((slot, None));
                        layouts.push(BufLayout {
                            stride,
                            instance,
                            attrs: Vec::new(),
                        });
                        slots.len() - 1
                    }
                };
                layouts[k].attrs.push(attr);
            }
            // Upload the sources used.
            for (slot, extra) in &mut slots {
                let Slot::Source(s) = *slot else {
                    if self.meshes.defaults.is_none() {
                        let vals: [f32; 8] = [0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0];
                        self.meshes.defaults = Some(buffer_with(device, gpu, &vals));
                    }
                    continue;
                };
                let src = &cmd.sources[s];
                let data: &[f32] = &src.data;
                match uploaded.get(&src.id) {
                    Some(v) if *v == src.version && src.id != 0 => {}
                    _ if src.id == 0 => {
                        self.meshes.transient.push(buffer_with(device, gpu, data));
                        *extra = Some(self.meshes.transient.len() - 1);
                    }
                    Some(_) => {
                        self.meshes.transient.push(buffer_with(device, gpu, data));
                        *extra = Some(self.meshes.transient.len() - 1);
                    }
                    None => {
                        uploaded.insert(src.id, src.version);
                        let bytes: &[u8] = bytemuck::cast_slice(data);
                        let need = (bytes.len() as u64).max(4);
                        let fresh = match self.meshes.buffers.get(&src.id) {
                            Some((v, _, _)) if *v == src.version => continue,
                            Some((_, _, cap)) => *cap < need,
                            None => true,
                        };
                        if fresh {
                            let b = device.create_buffer(&wgpu::BufferDescriptor {
                                label: Some("mesh vertices"),
                                size: need,
                                usage: wgpu::BufferUsages::VERTEX | wgpu::BufferUsages::COPY_DST,
                                mapped_at_creation: false,
                            });
                            self.meshes.buffers.insert(src.id, (0, b, need));
                        }
                        if let Some((v, b, _)) = self.meshes.buffers.get_mut(&src.id) {
                            gpu.queue.write_buffer(b, 0, bytes);
                            *v = src.version;
                        }
                    }
                }
            }
            let lkey = (layouts, cmd.points);
            let id = match self.meshes.layout_ids.get(&lkey) {
                Some(id) => *id,
                None => {
                    self.meshes.layouts.push(lkey.clone());
                    let id = self.meshes.layouts.len() as u32;
                    self.meshes.layout_ids.insert(lkey.clone(), id);
                    id
                }
            };
            let mut key = PipelineKey::batched(pid, &cmd.key, formats, samples);
            key.mesh_layout = id;
            key.cull = cmd.cull;
            key.ccw = cmd.ccw;
            let wl: Vec<Option<wgpu::VertexBufferLayout>> = lkey
                .0
                .iter()
                .map(|b| {
                    Some(wgpu::VertexBufferLayout {
                        array_stride: b.stride,
                        step_mode: if b.instance {
                            wgpu::VertexStepMode::Instance
                        } else {
                            wgpu::VertexStepMode::Vertex
                        },
                        attributes: &b.attrs,
                    })
                })
                .collect();
            self.pipeline(device, key, program, Some((&wl, cmd.points)));
            out.push(Some(Prepared { key, slots }));
        }
        // The frame's indices.
        if !batch.indices.is_empty() {
            let bytes: &[u8] = bytemuck::cast_slice(&batch.indices);
            let need = bytes.len() as u64;
            if self
                .meshes
                .index
                .as_ref()
                .is_none_or(|(_, cap)| *cap < need)
            {
                let cap = need.next_power_of_two().max(1024);
                let b = device.create_buffer(&wgpu::BufferDescriptor {
                    label: Some("mesh indices"),
                    size: cap,
                    usage: wgpu::BufferUsages::INDEX | wgpu::BufferUsages::COPY_DST,
                    mapped_at_creation: false,
                });
                self.meshes.index = Some((b, cap));
            }
            if let Some((b, _)) = &self.meshes.index {
                gpu.queue.write_buffer(b, 0, bytes);
            }
        }
        out
    }

    /// Records one mesh draw into `pass` (pipeline and bind groups 0 and 1 are set by
    /// the caller). Returns whether it drew.
    pub(super) fn record_mesh(
        &self,
        pass: &mut wgpu::RenderPass<'_>,
        cmd: &MeshCommand,
        prep: &Prepared,
    ) -> bool {
        for (k, (slot, extra)) in prep.slots.iter().enumerate() {
            let buffer = match (slot, extra) {
                (_, Some(i)) => self.meshes.transient.get(*i),
                (Slot::Source(s), None) => cmd
                    .sources
                    .get(*s)
                    .and_then(|src| self.meshes.buffers.get(&src.id))
                    .map(|(_, b, _)| b),
                (Slot::Defaults, None) => self.meshes.defaults.as_ref(),
            };
            let Some(b) = buffer else { return false };
            pass.set_vertex_buffer(k as u32, b.slice(..));
        }
        let instances = cmd.instances.max(1);
        match cmd.range {
            Ok((first, count)) => pass.draw(first..first + count, 0..instances),
            Err((first, count)) => {
                let Some((ib, _)) = &self.meshes.index else {
                    return false;
                };
                pass.set_index_buffer(ib.slice(..), wgpu::IndexFormat::Uint32);
                pass.draw_indexed(first..first + count, 0, 0..instances);
            }
        }
        true
    }

    /// Frees the GPU buffers of meshes that were dropped.
    pub fn free_meshes(&mut self, ids: &[u64]) {
        for id in ids {
            self.meshes.buffers.remove(id);
        }
    }

    /// Forgets the vertex inputs of a dropped program.
    pub fn free_mesh_program(&mut self, id: u32) {
        self.meshes.inputs.remove(&id);
    }
}

fn buffer_with(device: &wgpu::Device, gpu: &Gpu, data: &[f32]) -> wgpu::Buffer {
    let bytes: &[u8] = bytemuck::cast_slice(data);
    let b = device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("mesh vertices"),
        size: (bytes.len() as u64).max(4),
        usage: wgpu::BufferUsages::VERTEX | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    gpu.queue.write_buffer(&b, 0, bytes);
    b
}
