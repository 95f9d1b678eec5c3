//! Textures as the game sees them (Image and Canvas): size, sampling state, and who owns
//! the GPU texture.
//!
//! Ownership: a [`TextureRef`] is shared by the Lua object and everything that draws with
//! it (SpriteBatch, Mesh). When the last reference goes — the object was collected by
//! Lua's GC or released — the renderer's id is pushed onto the [`Retired`] list, and
//! `present` frees it after the frame's draws, which may still sample it, are done.

use super::batch::TextureId;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Filter {
    Linear,
    Nearest,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Wrap {
    Clamp,
    Repeat,
    MirroredRepeat,
    ClampZero,
}

/// How a texture is sampled; the renderer keeps one sampler per distinct value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SamplerKey {
    pub min: Filter,
    pub mag: Filter,
    pub anisotropy: u8,
    pub wrap_s: Wrap,
    pub wrap_t: Wrap,
    /// The mipmap filter; None samples only the first level (LÖVE's "none").
    pub mipmap: Option<Filter>,
}

impl Default for SamplerKey {
    fn default() -> Self {
        SamplerKey {
            min: Filter::Linear,
            mag: Filter::Linear,
            anisotropy: 1,
            wrap_s: Wrap::Clamp,
            wrap_t: Wrap::Clamp,
            mipmap: None,
        }
    }
}

/// A texture's mipmaps: none; made when the game calls `generateMipmaps` (a "manual"
/// canvas); or made by the engine (an Image's from its pixels, an "auto" canvas's each time
/// drawing into it ends).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MipMode {
    None,
    Manual,
    Auto,
}

impl MipMode {
    pub fn love_name(self) -> &'static str {
        match self {
            MipMode::None => "none",
            MipMode::Manual => "manual",
            MipMode::Auto => "auto",
        }
    }
}

/// The MSAA sample count canvases and the window get when they ask for more than 1: the
/// one count wgpu allows for every renderable format without adapter-specific features.
pub const MSAA_SAMPLES: u32 = 4;

/// The number of mipmap levels of a full chain down to 1x1.
pub fn mip_count(width: u32, height: u32) -> u32 {
    32 - width.max(height).max(1).leading_zeros()
}

pub(super) fn mip_levels(mode: MipMode, width: u32, height: u32) -> u32 {
    match mode {
        MipMode::None => 1,
        _ => mip_count(width, height),
    }
}

pub use super::formats::Format;

/// Ids of textures nobody references any more; freed at the end of the frame.
pub type Retired = Rc<RefCell<Vec<TextureId>>>;

#[derive(Debug)]
pub struct TextureInner {
    pub id: TextureId,
    pub width: u32,
    pub height: u32,
    pub canvas: bool,
    pub format: Format,
    pub dpi_scale: f32,
    pub sampler: Cell<SamplerKey>,
    /// Mipmap levels on the GPU (1: no mipmaps) and who makes them.
    pub mip_levels: u32,
    pub mip_mode: MipMode,
    /// MSAA samples of a canvas, as `getMSAA` reports them (0: none).
    pub msaa: u32,
    /// Can be sampled and read back (LÖVE's `readable` canvas setting).
    pub readable: bool,
    /// A readable depth canvas's `setDepthSampleMode` compare mode.
    pub depth_sample: std::cell::Cell<Option<super::batch::Compare>>,
    /// 2D, array, cube or volume (see `layered.rs`), and its layers (array), faces (cube:
    /// 6) or slices (volume); 1 for a 2D texture.
    pub kind: super::layered::TexKind,
    pub layers: u32,
    retired: Retired,
}

impl Drop for TextureInner {
    fn drop(&mut self) {
        // Never panics: nothing else borrows the list while Lua code can run.
        if let Ok(mut r) = self.retired.try_borrow_mut() {
            r.push(self.id);
        }
    }
}

/// A shared handle to a texture; cloning shares it.
pub type TextureRef = Rc<TextureInner>;

#[allow(clippy::too_many_arguments)]
pub fn new_texture_ref(
    id: TextureId,
    width: u32,
    height: u32,
    canvas: bool,
    format: Format,
    dpi_scale: f32,
    sampler: SamplerKey,
    mip_mode: MipMode,
    retired: &Retired,
) -> TextureRef {
    Rc::new(TextureInner {
        id,
        width,
        height,
        canvas,
        format,
        dpi_scale,
        sampler: Cell::new(sampler),
        mip_levels: mip_levels(mip_mode, width, height),
        mip_mode,
        msaa: 0,
        readable: true,
        depth_sample: Cell::new(None),
        kind: super::layered::TexKind::D2,
        layers: 1,
        retired: retired.clone(),
    })
}

impl TextureInner {
    /// Size in LÖVE units (pixels divided by the DPI scale).
    pub fn dimensions(&self) -> (f32, f32) {
        (
            self.width as f32 / self.dpi_scale,
            self.height as f32 / self.dpi_scale,
        )
    }
}

/// A Quad: a viewport into a texture of a given reference size (`newQuad`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quad {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub sw: f32,
    pub sh: f32,
    pub layer: i32,
}

impl Quad {
    /// Texture coordinates (u0, v0, u1, v1).
    pub fn uv(&self) -> [f32; 4] {
        [
            self.x / self.sw,
            self.y / self.sh,
            (self.x + self.w) / self.sw,
            (self.y + self.h) / self.sh,
        ]
    }
}

/// What `newImage` / `newCanvas` ask for besides the pixels.
#[derive(Clone, Copy, Debug)]
pub struct TextureSpec {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    pub dpi_scale: f32,
    pub mip_mode: MipMode,
    /// MSAA samples asked for (a canvas; 0 or 1: none).
    pub msaa: u32,
    /// A canvas can be sampled and read back (depth formats: only when asked for).
    pub readable: bool,
}

/// Texture lifetime on [`Graphics`]: creation, pixel and sampler updates, readback.
/// The sampler a new texture starts with: the default filter (`setDefaultFilter`:
/// min, mag, anisotropy); LOVE: a mipmapped texture starts with the linear mipmap filter.
pub(super) fn new_texture_sampler(
    (min, mag, anisotropy): (Filter, Filter, u8),
    mip_mode: MipMode,
) -> SamplerKey {
    SamplerKey {
        min,
        mag,
        anisotropy,
        mipmap: (mip_mode != MipMode::None).then_some(Filter::Linear),
        ..SamplerKey::default()
    }
}

impl super::Graphics {
    /// Makes an Image (pixels given) or a Canvas (`pixels` None) with the default filter.
    pub fn new_texture(
        &mut self,
        spec: TextureSpec,
        pixels: Option<&[u8]>,
    ) -> Result<TextureRef, String> {
        let TextureSpec {
            width,
            height,
            format,
            dpi_scale,
            mip_mode,
            msaa,
            readable,
        } = spec;
        let (gpu, r) = match (self.gpu.as_ref(), self.renderer.as_mut()) {
            (Some(g), Some(r)) => (g, r),
            _ => return Err("love.graphics is not active (no window or GPU)".into()),
        };
        let max = gpu.device.limits().max_texture_dimension_2d;
        if width > max || height > max {
            return Err(format!(
                "Cannot create texture: width/height of {width}x{height} exceeds the maximum \
                 texture size of {max}."
            ));
        }
        let sampler = new_texture_sampler(self.state.default_filter, mip_mode);
        let canvas = pixels.is_none();
        let id = r.create(
            gpu,
            super::renderer::NewTexture {
                width,
                height,
                format,
                canvas,
                mip_levels: mip_levels(mip_mode, width, height),
                auto_mips: canvas && mip_mode == MipMode::Auto,
                samples: msaa.max(1),
                readable,
            },
            sampler,
            pixels,
        );
        let mut inner = new_texture_ref(
            id,
            width,
            height,
            canvas,
            format,
            dpi_scale,
            sampler,
            mip_mode,
            &self.retired,
        );
        if let Some(t) = Rc::get_mut(&mut inner) {
            t.msaa = if msaa > 1 { msaa } else { 0 };
            t.readable = readable;
        }
        let t = inner;
        self.live.push(Rc::downgrade(&t));
        Ok(t)
    }

    /// Replaces pixels of an image (`replacePixels`), ordered before later draws.
    pub fn replace_pixels(&mut self, t: &TextureInner, x: u32, y: u32, w: u32, h: u32, px: &[u8]) {
        // Draws queued before must see the old pixels.
        if self.batch.uses_texture(t.id) {
            self.flush();
        }
        if let (Some(gpu), Some(r)) = (self.gpu.as_ref(), self.renderer.as_mut()) {
            r.update_texture(gpu, t.id, x, y, w, h, px);
        }
    }

    pub fn set_sampler(&mut self, t: &TextureInner, key: SamplerKey) {
        if t.sampler.get() == key {
            return;
        }
        // Draws queued before keep the filter they were made with.
        if self.batch.uses_texture(t.id) {
            self.flush();
        }
        t.sampler.set(key);
        if let (Some(gpu), Some(r)) = (self.gpu.as_ref(), self.renderer.as_mut()) {
            r.set_sampler(gpu, t.id, key);
        }
    }

    /// Remakes a texture's mipmaps from its first level (`Canvas:generateMipmaps`), after
    /// drawing everything queued.
    pub fn generate_mipmaps(&mut self, t: &TextureInner) {
        if t.mip_levels <= 1 {
            return;
        }
        self.flush();
        if let (Some(gpu), Some(r)) = (self.gpu.as_ref(), self.renderer.as_mut()) {
            r.generate_mipmaps(gpu, t.id);
        }
    }

    /// Reads a canvas back (RGBA8), after drawing everything queued.
    pub fn read_canvas(&mut self, t: &TextureInner) -> Result<(u32, u32, Vec<u8>), String> {
        if self.batch.uses_texture(t.id) {
            self.flush();
        }
        match (self.gpu.as_ref(), self.renderer.as_ref()) {
            (Some(g), Some(r)) => r.read_texture(g, t.id),
            _ => Err("love.graphics is not active".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texture_dropped_ref_is_retired() {
        let retired: Retired = Rc::default();
        let t = new_texture_ref(
            5,
            4,
            4,
            false,
            Format::Rgba8,
            1.0,
            SamplerKey::default(),
            MipMode::None,
            &retired,
        );
        let shared = t.clone();
        drop(t);
        assert!(retired.borrow().is_empty());
        drop(shared);
        assert_eq!(*retired.borrow(), vec![5]);
    }

    #[test]
    fn texture_mip_count_is_full_chain() {
        assert_eq!(mip_count(64, 32), 7);
        assert_eq!(mip_count(1, 1), 1);
        assert_eq!(mip_count(100, 3), 7);
        assert_eq!(mip_levels(MipMode::None, 64, 64), 1);
    }

    #[test]
    fn quad_uv_is_viewport_over_reference_size() {
        let q = Quad {
            x: 16.0,
            y: 0.0,
            w: 16.0,
            h: 32.0,
            sw: 64.0,
            sh: 32.0,
            layer: 0,
        };
        assert_eq!(q.uv(), [0.25, 0.0, 0.5, 1.0]);
    }
}
