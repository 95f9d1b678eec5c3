//! Pipeline state for the renderer: LÖVE's blend modes, stencil actions and compare modes
//! in wgpu terms, and the key pipelines are cached by.

use super::batch::{
    Blend, BlendMode, Compare, Cull, DepthMode, MAX_CANVASES, Stencil, StencilAction, Vertex,
};

/// Every target's stencil buffer format (the screen's and each canvas's).
pub const STENCIL_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Depth24PlusStencil8;

/// Pipelines differ by shader, blend, colour mask, stencil use and target formats.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PipelineKey {
    /// The game shader's program id (0: the default shader).
    pub shader: u32,
    pub blend: Blend,
    pub color_mask: u8,
    pub stencil: StencilKind,
    pub formats: [Option<wgpu::TextureFormat>; MAX_CANVASES],
    /// The target's MSAA sample count (1: none).
    pub samples: u8,
    pub wireframe: bool,
    pub depth: DepthMode,
    /// The target's depth-stencil format: [`STENCIL_FORMAT`] (the built-in buffer) or a
    /// depth/stencil canvas's.
    pub depth_format: wgpu::TextureFormat,
    /// 0: the batcher's vertex format; else a Mesh vertex layout interned by the renderer.
    pub mesh_layout: u32,
    /// Meshes only: culling and winding (`setMeshCullMode`, `setFrontFaceWinding`).
    pub cull: Cull,
    pub ccw: bool,
    /// An array texture drawn by the batcher (`drawLayer`): renderer/layered.rs.
    pub layered: bool,
}

impl PipelineKey {
    /// The key of a batched draw.
    pub fn batched(
        shader: u32,
        key: &super::batch::BatchKey,
        formats: [Option<wgpu::TextureFormat>; MAX_CANVASES],
        samples: u8,
    ) -> PipelineKey {
        PipelineKey {
            shader,
            blend: key.blend,
            color_mask: key.color_mask,
            stencil: stencil_kind(key.stencil),
            formats,
            samples,
            wireframe: key.wireframe,
            depth: key.depth,
            depth_format: key
                .target
                .depth
                .and_then(|(_, f)| f.depth_wgpu())
                .unwrap_or(STENCIL_FORMAT),
            mesh_layout: 0,
            cull: Cull::None,
            ccw: true,
            layered: false,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum StencilKind {
    Off,
    Write(StencilAction),
    Test(Compare),
}

/// LÖVE's `computeBlendState` (graphics/Graphics.cpp, 11.x), in wgpu terms.
pub fn blend_state(blend: Blend) -> Option<wgpu::BlendState> {
    use wgpu::{BlendFactor as F, BlendOperation as O};
    let (mut op, mut src_rgb, mut src_a, dst_rgb, dst_a) = match blend.mode {
        BlendMode::None => return None,
        BlendMode::Alpha => (
            O::Add,
            F::One,
            F::One,
            F::OneMinusSrcAlpha,
            F::OneMinusSrcAlpha,
        ),
        BlendMode::Multiply => (O::Add, F::Dst, F::Dst, F::Zero, F::Zero),
        BlendMode::Subtract => (O::ReverseSubtract, F::One, F::Zero, F::One, F::One),
        BlendMode::Add => (O::Add, F::One, F::Zero, F::One, F::One),
        // wgpu requires One factors with min/max (GL ignores them).
        BlendMode::Lighten => (O::Max, F::One, F::One, F::One, F::One),
        BlendMode::Darken => (O::Min, F::One, F::One, F::One, F::One),
        BlendMode::Screen => (O::Add, F::One, F::One, F::OneMinusSrc, F::OneMinusSrc),
        BlendMode::Replace => (O::Add, F::One, F::One, F::Zero, F::Zero),
    };
    // LOVE: alpha-multiplication only where the source factor would have been One.
    if src_rgb == F::One && !blend.premultiplied && !matches!(op, O::Max | O::Min) {
        src_rgb = F::SrcAlpha;
    }
    if matches!(op, O::Max | O::Min) {
        src_a = F::One;
        op = if blend.mode == BlendMode::Lighten {
            O::Max
        } else {
            O::Min
        };
    }
    Some(wgpu::BlendState {
        color: wgpu::BlendComponent {
            src_factor: src_rgb,
            dst_factor: dst_rgb,
            operation: op,
        },
        alpha: wgpu::BlendComponent {
            src_factor: src_a,
            dst_factor: dst_a,
            operation: op,
        },
    })
}

/// LÖVE's depth compare modes: no reversal (only the stencil's are reversed).
fn depth_fn(c: Compare) -> wgpu::CompareFunction {
    use wgpu::CompareFunction as C;
    match c {
        Compare::Equal => C::Equal,
        Compare::NotEqual => C::NotEqual,
        Compare::Less => C::Less,
        Compare::LessEqual => C::LessEqual,
        Compare::Greater => C::Greater,
        Compare::GreaterEqual => C::GreaterEqual,
        Compare::Never => C::Never,
        Compare::Always => C::Always,
    }
}

fn compare_fn(c: Compare) -> wgpu::CompareFunction {
    use wgpu::CompareFunction as C;
    // LOVE: "greater" passes where the stencil is greater than the value. wgpu (like GL)
    // tests `reference <op> stencil`, so LÖVE reverses the mode, and so do we.
    match c {
        Compare::Equal => C::Equal,
        Compare::NotEqual => C::NotEqual,
        Compare::Less => C::Greater,
        Compare::LessEqual => C::GreaterEqual,
        Compare::Greater => C::Less,
        Compare::GreaterEqual => C::LessEqual,
        Compare::Never => C::Never,
        Compare::Always => C::Always,
    }
}

pub fn stencil_state(
    kind: StencilKind,
    depth: DepthMode,
    format: wgpu::TextureFormat,
) -> wgpu::DepthStencilState {
    use wgpu::StencilOperation as S;
    // A depth-only attachment has no stencil to test or write (a depth canvas without
    // stencil: `stencil` refuses to draw there, as in LÖVE); a stencil-only one no depth.
    let kind = if format.has_stencil_aspect() {
        kind
    } else {
        StencilKind::Off
    };
    let depth = if format.has_depth_aspect() {
        depth
    } else {
        DepthMode::default()
    };
    let face = match kind {
        StencilKind::Off => wgpu::StencilFaceState::IGNORE,
        StencilKind::Write(a) => wgpu::StencilFaceState {
            compare: wgpu::CompareFunction::Always,
            fail_op: S::Keep,
            depth_fail_op: S::Keep,
            pass_op: match a {
                StencilAction::Replace => S::Replace,
                StencilAction::Increment => S::IncrementClamp,
                StencilAction::Decrement => S::DecrementClamp,
                StencilAction::IncrementWrap => S::IncrementWrap,
                StencilAction::DecrementWrap => S::DecrementWrap,
                StencilAction::Invert => S::Invert,
            },
        },
        StencilKind::Test(c) => wgpu::StencilFaceState {
            compare: compare_fn(c),
            fail_op: S::Keep,
            depth_fail_op: S::Keep,
            pass_op: S::Keep,
        },
    };
    wgpu::DepthStencilState {
        format,
        depth_write_enabled: Some(depth.write),
        depth_compare: Some(depth_fn(depth.compare)),
        stencil: wgpu::StencilState {
            front: face,
            back: face,
            read_mask: 0xff,
            write_mask: if matches!(kind, StencilKind::Write(_)) {
                0xff
            } else {
                0
            },
        },
        bias: wgpu::DepthBiasState::default(),
    }
}

pub fn stencil_kind(s: Stencil) -> StencilKind {
    match s {
        Stencil::Off => StencilKind::Off,
        Stencil::Write(a, _) => StencilKind::Write(a),
        Stencil::Test(c, _) => StencilKind::Test(c),
    }
}

/// The default shader's entry points for `key`.
pub fn default_entries(key: &PipelineKey) -> (&'static str, &'static str) {
    let count = key.formats.iter().filter(|f| f.is_some()).count();
    let fs = match count {
        2 => "fs_mrt2",
        3 => "fs_mrt3",
        4 => "fs_mrt4",
        _ => "fs_main",
    };
    ("vs_main", fs)
}

/// The batcher's vertex layout.
pub const BATCH_ATTRIBUTES: [wgpu::VertexAttribute; 3] =
    wgpu::vertex_attr_array![0 => Float32x2, 1 => Float32x2, 2 => Unorm8x4];

/// Builds the pipeline for `key` from vertex and fragment (module, entry point), reading
/// `buffers` (None: the batcher's vertex format).
pub fn create_pipeline(
    device: &wgpu::Device,
    vs: (&wgpu::ShaderModule, &str),
    fs: (&wgpu::ShaderModule, &str),
    layout: &wgpu::PipelineLayout,
    key: PipelineKey,
    buffers: Option<(&[Option<wgpu::VertexBufferLayout>], bool)>,
) -> wgpu::RenderPipeline {
    let batch_layout = [Some(wgpu::VertexBufferLayout {
        array_stride: std::mem::size_of::<Vertex>() as u64,
        step_mode: wgpu::VertexStepMode::Vertex,
        attributes: &BATCH_ATTRIBUTES,
    })];
    let (buffers, points) = buffers.unwrap_or((&batch_layout, false));
    let mut mask = wgpu::ColorWrites::empty();
    for (bit, w) in [
        (1, wgpu::ColorWrites::RED),
        (2, wgpu::ColorWrites::GREEN),
        (4, wgpu::ColorWrites::BLUE),
        (8, wgpu::ColorWrites::ALPHA),
    ] {
        if key.color_mask & bit != 0 {
            mask |= w;
        }
    }
    // LOVE: drawing the stencil writes no colour.
    if matches!(key.stencil, StencilKind::Write(_)) {
        mask = wgpu::ColorWrites::empty();
    }
    let targets: Vec<Option<wgpu::ColorTargetState>> = key
        .formats
        .iter()
        .flatten()
        .map(|&format| {
            // wgpu refuses blending into formats that can't blend (float32 without
            // FLOAT32_BLENDABLE: newCanvas refuses those, this keeps wgpu valid).
            let blendable = format
                .guaranteed_format_features(device.features())
                .flags
                .contains(wgpu::TextureFormatFeatureFlags::BLENDABLE);
            Some(wgpu::ColorTargetState {
                format,
                blend: blend_state(key.blend).filter(|_| blendable),
                write_mask: mask,
            })
        })
        .collect();
    device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
        label: Some("basic"),
        layout: Some(layout),
        vertex: wgpu::VertexState {
            module: vs.0,
            entry_point: Some(vs.1),
            compilation_options: Default::default(),
            buffers,
        },
        fragment: Some(wgpu::FragmentState {
            module: fs.0,
            entry_point: Some(fs.1),
            compilation_options: Default::default(),
            targets: &targets,
        }),
        primitive: wgpu::PrimitiveState {
            topology: if points {
                wgpu::PrimitiveTopology::PointList
            } else {
                wgpu::PrimitiveTopology::TriangleList
            },
            // LOVE: see docs/graphics.md ("Meshes"): winding is as seen on the target.
            front_face: if key.ccw {
                wgpu::FrontFace::Ccw
            } else {
                wgpu::FrontFace::Cw
            },
            cull_mode: match key.cull {
                Cull::None => None,
                Cull::Back => Some(wgpu::Face::Back),
                Cull::Front => Some(wgpu::Face::Front),
            },
            polygon_mode: if key.wireframe {
                wgpu::PolygonMode::Line
            } else {
                wgpu::PolygonMode::Fill
            },
            ..Default::default()
        },
        depth_stencil: Some(stencil_state(key.stencil, key.depth, key.depth_format)),
        multisample: wgpu::MultisampleState {
            count: key.samples.max(1) as u32,
            ..Default::default()
        },
        multiview_mask: None,
        cache: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renderer_blend_alpha_multiplies_source() {
        let b = blend_state(Blend::default()).expect("blend");
        assert_eq!(b.color.src_factor, wgpu::BlendFactor::SrcAlpha);
        assert_eq!(b.alpha.src_factor, wgpu::BlendFactor::One);
        let p = blend_state(Blend {
            mode: BlendMode::Alpha,
            premultiplied: true,
        })
        .expect("blend");
        assert_eq!(p.color.src_factor, wgpu::BlendFactor::One);
        assert!(
            blend_state(Blend {
                mode: BlendMode::None,
                premultiplied: false
            })
            .is_none()
        );
    }
}
