//! Texture lifetime in the renderer: creation (with mip levels, MSAA and stencil
//! attachments), samplers and bind groups, pixel uploads, mipmap generation, readback.

use super::{NewTexture, Renderer, TextureEntry, formats};
use crate::graphics::batch::TextureId;
use crate::graphics::gpu::Gpu;
use crate::graphics::pipelines::STENCIL_FORMAT;
use crate::graphics::texture::{Filter, Format, SamplerKey, Wrap};

/// Where a format the device can't render slips through, rgba8 keeps wgpu valid.
pub(super) fn wgpu_format(f: Format, features: wgpu::Features) -> wgpu::TextureFormat {
    f.wgpu(features).unwrap_or(wgpu::TextureFormat::Rgba8Unorm)
}

/// Bind-group layout entries of a filterable texture (binding `first`) and its sampler
/// (`first + 1`): the default pipelines' MainTex, the array pipeline's, and game shaders'
/// texture uniforms.
pub(crate) fn texture_entries(
    first: u32,
    visibility: wgpu::ShaderStages,
    view_dimension: wgpu::TextureViewDimension,
) -> [wgpu::BindGroupLayoutEntry; 2] {
    [
        wgpu::BindGroupLayoutEntry {
            binding: first,
            visibility,
            ty: wgpu::BindingType::Texture {
                sample_type: wgpu::TextureSampleType::Float { filterable: true },
                view_dimension,
                multisampled: false,
            },
            count: None,
        },
        wgpu::BindGroupLayoutEntry {
            binding: first + 1,
            visibility,
            ty: wgpu::BindingType::Sampler(wgpu::SamplerBindingType::Filtering),
            count: None,
        },
    ]
}

pub(super) fn stencil_view(
    device: &wgpu::Device,
    w: u32,
    h: u32,
    samples: u32,
) -> wgpu::TextureView {
    attachment_view(device, w, h, samples, STENCIL_FORMAT, "stencil")
}

/// A texture only drawn into: a stencil buffer, or the multisampled side of an MSAA target.
pub(super) fn attachment_view(
    device: &wgpu::Device,
    w: u32,
    h: u32,
    samples: u32,
    format: wgpu::TextureFormat,
    label: &str,
) -> wgpu::TextureView {
    device
        .create_texture(&wgpu::TextureDescriptor {
            label: Some(label),
            size: wgpu::Extent3d {
                width: w.max(1),
                height: h.max(1),
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: samples.max(1),
            dimension: wgpu::TextureDimension::D2,
            format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT,
            view_formats: &[],
        })
        .create_view(&wgpu::TextureViewDescriptor::default())
}

#[allow(clippy::too_many_arguments)]
pub(super) fn write_texture(
    gpu: &Gpu,
    texture: &wgpu::Texture,
    x: u32,
    y: u32,
    w: u32,
    h: u32,
    bpp: u32,
    pixels: &[u8],
) {
    super::layered::write_layer(gpu, texture, 0, x, y, w, h, bpp, pixels);
}

impl Renderer {
    pub(super) fn sampler(&mut self, device: &wgpu::Device, key: SamplerKey) -> wgpu::Sampler {
        let clamp_to_zero = self.clamp_to_zero;
        self.samplers
            .entry(key)
            .or_insert_with(|| {
                let filter = |f| match f {
                    Filter::Linear => wgpu::FilterMode::Linear,
                    Filter::Nearest => wgpu::FilterMode::Nearest,
                };
                let wrap = |w| match w {
                    Wrap::Clamp => wgpu::AddressMode::ClampToEdge,
                    Wrap::Repeat => wgpu::AddressMode::Repeat,
                    Wrap::MirroredRepeat => wgpu::AddressMode::MirrorRepeat,
                    Wrap::ClampZero if clamp_to_zero => wgpu::AddressMode::ClampToBorder,
                    Wrap::ClampZero => wgpu::AddressMode::ClampToEdge,
                };
                // wgpu allows anisotropy only with all-linear filtering. Without mipmaps
                // (lod_max_clamp 0: the first level only) the mipmap filter changes nothing,
                // so it is linear then too, and anisotropy still applies.
                let all_linear = key.min == Filter::Linear
                    && key.mag == Filter::Linear
                    && key.mipmap != Some(Filter::Nearest);
                device.create_sampler(&wgpu::SamplerDescriptor {
                    label: None,
                    address_mode_u: wrap(key.wrap_s),
                    address_mode_v: wrap(key.wrap_t),
                    mag_filter: filter(key.mag),
                    min_filter: filter(key.min),
                    mipmap_filter: if all_linear {
                        wgpu::MipmapFilterMode::Linear
                    } else {
                        wgpu::MipmapFilterMode::Nearest
                    },
                    lod_max_clamp: if key.mipmap.is_some() { 32.0 } else { 0.0 },
                    anisotropy_clamp: if all_linear {
                        key.anisotropy.max(1) as u16
                    } else {
                        1
                    },
                    border_color: clamp_to_zero.then_some(wgpu::SamplerBorderColor::Zero),
                    ..Default::default()
                })
            })
            .clone()
    }

    pub(super) fn bind_group(
        &mut self,
        device: &wgpu::Device,
        view: &wgpu::TextureView,
        key: SamplerKey,
    ) -> wgpu::BindGroup {
        let sampler = self.sampler(device, key);
        device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: None,
            layout: &self.texture_layout,
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

    /// Uploads an RGBA8 texture with the default (linear) sampler; returns its id.
    pub fn create_texture(&mut self, gpu: &Gpu, width: u32, height: u32, rgba: &[u8]) -> TextureId {
        self.create(
            gpu,
            NewTexture {
                width,
                height,
                format: Format::Rgba8,
                canvas: false,
                mip_levels: 1,
                auto_mips: false,
                samples: 1,
                readable: true,
            },
            SamplerKey::default(),
            Some(rgba),
        )
    }

    /// Creates a texture (a canvas when `canvas`: renderable, readable, with a stencil
    /// buffer), optionally filled with tightly packed pixels of `format`; with several mip
    /// levels, the levels below the first are made from it.
    pub fn create(
        &mut self,
        gpu: &Gpu,
        new: NewTexture,
        sampler: SamplerKey,
        pixels: Option<&[u8]>,
    ) -> TextureId {
        let NewTexture {
            width,
            height,
            format,
            canvas,
            mip_levels,
            auto_mips,
            samples,
            readable,
        } = new;
        let samples = if canvas { samples.max(1) } else { 1 };
        let (width, height) = (width.max(1), height.max(1));
        let fmt = wgpu_format(format, gpu.device.features());
        if format.is_depth_stencil() {
            let entry = self.depth_entry(gpu, (width, height), samples, fmt, readable, sampler);
            return self.insert_texture(entry);
        }
        let mut usage = wgpu::TextureUsages::TEXTURE_BINDING
            | wgpu::TextureUsages::COPY_DST
            | wgpu::TextureUsages::COPY_SRC;
        // Mip levels are drawn from the level above.
        if canvas || mip_levels > 1 {
            usage |= wgpu::TextureUsages::RENDER_ATTACHMENT;
        }
        let texture = gpu.device.create_texture(&wgpu::TextureDescriptor {
            label: None,
            size: wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
            mip_level_count: mip_levels.max(1),
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: fmt,
            usage,
            view_formats: &[],
        });
        let bpp = format.bytes_per_pixel();
        // LOVE: new canvases start transparent black (wgpu zero-initialises them).
        if let Some(p) = pixels {
            write_texture(gpu, &texture, 0, 0, width, height, bpp, p);
        } else if format == Format::Rgb565 {
            formats::opaque_black(gpu, &texture, width, height);
        }
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let target_view = texture.create_view(&wgpu::TextureViewDescriptor {
            mip_level_count: Some(1),
            ..Default::default()
        });
        if pixels.is_some() {
            self.encode_mipmaps(gpu, &texture);
        }
        let bind_group = self.bind_group(&gpu.device, &view, sampler);
        let sampler = self.sampler(&gpu.device, sampler);
        let stencil = canvas.then(|| stencil_view(&gpu.device, width, height, samples));
        let msaa_view = (samples > 1)
            .then(|| attachment_view(&gpu.device, width, height, samples, fmt, "msaa canvas"));
        let entry = TextureEntry {
            texture,
            view,
            target_view,
            auto_mips,
            bind_group,
            sampler,
            width,
            height,
            format: fmt,
            stencil,
            msaa_view,
            samples,
            kind: crate::graphics::layered::TexKind::D2,
            layer_views: Vec::new(),
            mip_targets: Vec::new(),
        };
        self.insert_texture(entry)
    }

    /// Stores a new texture in the first free slot; returns its id.
    pub(super) fn insert_texture(&mut self, entry: TextureEntry) -> TextureId {
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

    /// Changes how a texture is sampled (filter, wrap) for draws recorded from now on.
    pub fn set_sampler(&mut self, gpu: &Gpu, id: TextureId, key: SamplerKey) {
        let Some(Some(t)) = self.textures.get(id as usize) else {
            return;
        };
        let (view, kind) = (t.view.clone(), t.kind);
        let bg = self.kind_bind_group(&gpu.device, kind, &view, key);
        let sampler = self.sampler(&gpu.device, key);
        if let Some(Some(t)) = self.textures.get_mut(id as usize) {
            t.bind_group = bg;
            t.sampler = sampler;
        }
    }

    /// Remakes the mipmaps of a texture from its first level, now.
    pub fn generate_mipmaps(&mut self, gpu: &Gpu, id: TextureId) {
        if let Some(Some(t)) = self.textures.get(id as usize) {
            let texture = t.texture.clone();
            self.encode_mipmaps(gpu, &texture);
        }
    }

    pub(super) fn encode_mipmaps(&mut self, gpu: &Gpu, texture: &wgpu::Texture) {
        if texture.mip_level_count() <= 1 {
            return;
        }
        let mut encoder = gpu.device.create_command_encoder(&Default::default());
        self.mipgen.encode(&gpu.device, &mut encoder, texture);
        gpu.queue.submit([encoder.finish()]);
    }

    /// Replaces a region of an RGBA8 texture's first level (the others are remade: LÖVE's
    /// `reloadmipmaps`).
    #[allow(clippy::too_many_arguments)]
    pub fn update_texture(
        &mut self,
        gpu: &Gpu,
        id: TextureId,
        x: u32,
        y: u32,
        w: u32,
        h: u32,
        rgba: &[u8],
    ) {
        if let Some(Some(t)) = self.textures.get(id as usize) {
            write_texture(gpu, &t.texture, x, y, w, h, 4, rgba);
            let texture = t.texture.clone();
            self.encode_mipmaps(gpu, &texture);
        }
    }

    pub fn free_texture(&mut self, id: TextureId) {
        if id != crate::graphics::batch::WHITE_TEXTURE
            && let Some(slot) = self.textures.get_mut(id as usize)
        {
            *slot = None;
        }
    }

    /// Reads a texture back as tightly packed rows in its wgpu format.
    pub fn read_texture(&self, gpu: &Gpu, id: TextureId) -> Result<(u32, u32, Vec<u8>), String> {
        let Some(Some(t)) = self.textures.get(id as usize) else {
            return Err("the texture no longer exists".into());
        };
        if t.format.is_depth_stencil_format() {
            return Err("depth/stencil textures can't be read back".into());
        }
        crate::graphics::gpu::read_texture(&gpu.device, &gpu.queue, &t.texture, t.width, t.height)
            .map(|px| (t.width, t.height, px))
    }

    pub fn textures_alive(&self) -> usize {
        self.textures.iter().skip(1).filter(|t| t.is_some()).count()
    }
}
