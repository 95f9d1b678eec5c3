//! Array, cube and volume texture uniforms (`ArrayImage`/`sampler2DArray`,
//! `CubeImage`/`samplerCube`, `VolumeImage`/`sampler3D`): their GLSL 450 texture types,
//! and their kind read back from the naga module.

use crate::graphics::layered::TexKind;

/// The vertex input location of the layer for game shaders with an ArrayImage MainTex
/// (after any location a game attribute gets in practice; attributes start at 3).
pub const LAYER_LOCATION: u32 = 15;

/// The sampler type of a uniform that is a non-2D texture (None for anything else).
pub fn sampler_type(ty: &str) -> Option<&'static str> {
    match ty {
        "sampler2DArray" => Some("sampler2DArray"),
        "samplerCube" => Some("samplerCube"),
        "sampler3D" => Some("sampler3D"),
        _ => None,
    }
}

/// The separate texture type declared for a sampler type (None: `sampler2D`).
pub fn texture_type(sampler: Option<&str>) -> &'static str {
    match sampler {
        Some("sampler2DArray") => "texture2DArray",
        Some("samplerCube") => "textureCube",
        Some("sampler3D") => "texture3D",
        _ => "texture2D",
    }
}

/// The kind of texture a global of type `ty` takes.
pub fn slot_kind(module: &naga::Module, ty: naga::Handle<naga::Type>) -> TexKind {
    match module.types[ty].inner {
        naga::TypeInner::Image { dim, arrayed, .. } => match (dim, arrayed) {
            (naga::ImageDimension::D2, true) => TexKind::Array,
            (naga::ImageDimension::Cube, _) => TexKind::Cube,
            (naga::ImageDimension::D3, _) => TexKind::Volume,
            _ => TexKind::D2,
        },
        _ => TexKind::D2,
    }
}

/// The wgpu view dimension a texture slot of `kind` is bound as.
pub fn view_dimension(kind: TexKind) -> wgpu::TextureViewDimension {
    match kind {
        TexKind::D2 => wgpu::TextureViewDimension::D2,
        TexKind::Array => wgpu::TextureViewDimension::D2Array,
        TexKind::Cube => wgpu::TextureViewDimension::Cube,
        TexKind::Volume => wgpu::TextureViewDimension::D3,
    }
}
