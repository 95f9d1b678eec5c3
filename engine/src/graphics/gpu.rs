//! The GPU device and the screen target: a window surface, or an offscreen texture when
//! headless. Both go through the same renderer; only acquiring and presenting differ.
//!
//! Adapter choice: whatever wgpu finds (`WGPU_BACKEND` can pick one), then a fallback
//! (software) adapter. Pixels are written as they are (a non-sRGB format), as LÖVE does
//! without gamma correction.

use std::sync::Arc;

/// Format of the offscreen target; readback returns RGBA8 rows.
pub const OFFSCREEN_FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8Unorm;

pub const NO_ADAPTER: &str = "no GPU adapter found; install mesa-vulkan-drivers (software Vulkan) \
or your GPU's Vulkan/GL driver, or run with --headless on a machine that has one";

enum Target {
    Window {
        surface: wgpu::Surface<'static>,
        config: wgpu::SurfaceConfiguration,
    },
    Offscreen {
        texture: wgpu::Texture,
    },
}

pub struct Gpu {
    pub device: wgpu::Device,
    pub queue: wgpu::Queue,
    pub info: wgpu::AdapterInfo,
    pub format: wgpu::TextureFormat,
    target: Target,
    width: u32,
    height: u32,
    in_flight: Option<wgpu::SubmissionIndex>,
    last_submission: Option<wgpu::SubmissionIndex>,
}

/// The texture one frame is drawn into.
pub struct Frame {
    pub view: wgpu::TextureView,
    surface: Option<wgpu::SurfaceTexture>,
}

impl Frame {
    /// A window's frame (its contents start undefined), not the headless target.
    pub fn is_window(&self) -> bool {
        self.surface.is_some()
    }
}

fn request_adapter(
    instance: &wgpu::Instance,
    surface: Option<&wgpu::Surface<'_>>,
) -> Result<wgpu::Adapter, String> {
    for fallback in [false, true] {
        let opts = wgpu::RequestAdapterOptions {
            power_preference: wgpu::PowerPreference::HighPerformance,
            force_fallback_adapter: fallback,
            compatible_surface: surface,
            apply_limit_buckets: false,
        };
        if let Ok(a) = pollster::block_on(instance.request_adapter(&opts)) {
            return Ok(a);
        }
    }
    Err(NO_ADAPTER.to_string())
}

fn request_device(adapter: &wgpu::Adapter) -> Result<(wgpu::Device, wgpu::Queue), String> {
    // Optional features the engine uses when the adapter has them (wrap mode "clampzero",
    // setWireframe).
    // Canvas formats: float32 sampling/blending (r32f.., and r16.. stored as those),
    // rg11b10f rendering, depth32fstencil8.
    let wanted = wgpu::Features::ADDRESS_MODE_CLAMP_TO_ZERO
        | wgpu::Features::POLYGON_MODE_LINE
        | crate::graphics::formats::WANTED_FEATURES;
    let desc = wgpu::DeviceDescriptor {
        label: Some("engine"),
        required_features: adapter.features() & wanted,
        required_limits: wgpu::Limits::downlevel_defaults().using_resolution(adapter.limits()),
        ..Default::default()
    };
    pollster::block_on(adapter.request_device(&desc))
        .map(|(device, queue)| {
            // A validation error must not abort the game: report it and go on.
            device.on_uncaptured_error(std::sync::Arc::new(|e| {
                eprintln!("engine: GPU error: {e}");
            }));
            (device, queue)
        })
        .map_err(|e| format!("the GPU adapter refused to open a device: {e}"))
}

fn offscreen_texture(device: &wgpu::Device, width: u32, height: u32) -> wgpu::Texture {
    device.create_texture(&wgpu::TextureDescriptor {
        label: Some("offscreen screen"),
        size: wgpu::Extent3d {
            width: width.max(1),
            height: height.max(1),
            depth_or_array_layers: 1,
        },
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format: OFFSCREEN_FORMAT,
        usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
        view_formats: &[],
    })
}

impl Gpu {
    /// A device with no window: frames go to an offscreen texture of this size.
    pub fn headless(width: u32, height: u32) -> Result<Gpu, String> {
        let instance =
            wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle_from_env());
        let adapter = request_adapter(&instance, None)?;
        let (device, queue) = request_device(&adapter)?;
        let texture = offscreen_texture(&device, width, height);
        Ok(Gpu {
            info: adapter.get_info(),
            device,
            queue,
            format: OFFSCREEN_FORMAT,
            target: Target::Offscreen { texture },
            width: width.max(1),
            height: height.max(1),
            in_flight: None,
            last_submission: None,
        })
    }

    /// A device that presents to `window`. `display` is the event loop's display handle
    /// (the GL backend needs it).
    pub fn windowed(
        window: Arc<winit::window::Window>,
        display: Box<dyn wgpu::wgt::WgpuHasDisplayHandle>,
        width: u32,
        height: u32,
        vsync: bool,
    ) -> Result<Gpu, String> {
        let instance = wgpu::Instance::new(
            wgpu::InstanceDescriptor::new_with_display_handle_from_env(display),
        );
        let surface = instance
            .create_surface(window)
            .map_err(|e| format!("cannot draw into the window: {e}"))?;
        let adapter = request_adapter(&instance, Some(&surface))?;
        let (device, queue) = request_device(&adapter)?;
        let caps = surface.get_capabilities(&adapter);
        // LOVE: no gamma correction by default, so prefer a non-sRGB format.
        let format = caps
            .formats
            .iter()
            .copied()
            .find(|f| !f.is_srgb())
            .or_else(|| caps.formats.first().copied())
            .ok_or("the window surface offers no pixel format")?;
        let present_mode = if vsync {
            wgpu::PresentMode::AutoVsync
        } else {
            wgpu::PresentMode::AutoNoVsync
        };
        let alpha_mode = caps
            .alpha_modes
            .first()
            .copied()
            .unwrap_or(wgpu::CompositeAlphaMode::Auto);
        // Screenshots copy the frame where the surface allows it.
        let usage =
            wgpu::TextureUsages::RENDER_ATTACHMENT | (caps.usages & wgpu::TextureUsages::COPY_SRC);
        let config = wgpu::SurfaceConfiguration {
            usage,
            format,
            width: width.max(1),
            height: height.max(1),
            present_mode,
            desired_maximum_frame_latency: 2,
            alpha_mode,
            view_formats: vec![],
            color_space: wgpu::SurfaceColorSpace::Auto,
        };
        surface.configure(&device, &config);
        Ok(Gpu {
            info: adapter.get_info(),
            device,
            queue,
            format,
            target: Target::Window { surface, config },
            width: width.max(1),
            height: height.max(1),
            in_flight: None,
            last_submission: None,
        })
    }

    pub fn is_headless(&self) -> bool {
        matches!(self.target, Target::Offscreen { .. })
    }

    pub fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    /// The window (or headless target) changed size.
    pub fn resize(&mut self, width: u32, height: u32) {
        let (width, height) = (width.max(1), height.max(1));
        if (width, height) == (self.width, self.height) {
            return;
        }
        self.width = width;
        self.height = height;
        match &mut self.target {
            Target::Window { surface, config } => {
                config.width = width;
                config.height = height;
                surface.configure(&self.device, config);
            }
            Target::Offscreen { texture } => {
                *texture = offscreen_texture(&self.device, width, height);
            }
        }
    }

    pub fn set_vsync(&mut self, vsync: bool) {
        if let Target::Window { surface, config } = &mut self.target {
            config.present_mode = if vsync {
                wgpu::PresentMode::AutoVsync
            } else {
                wgpu::PresentMode::AutoNoVsync
            };
            surface.configure(&self.device, config);
        }
    }

    /// The texture to draw this frame into; `None` when the window can't be drawn now
    /// (minimised, or the surface is being recreated).
    pub fn acquire(&mut self) -> Option<Frame> {
        match &mut self.target {
            Target::Offscreen { texture } => Some(Frame {
                view: texture.create_view(&wgpu::TextureViewDescriptor::default()),
                surface: None,
            }),
            Target::Window { surface, config } => {
                let tex = match surface.get_current_texture() {
                    wgpu::CurrentSurfaceTexture::Success(t)
                    | wgpu::CurrentSurfaceTexture::Suboptimal(t) => t,
                    wgpu::CurrentSurfaceTexture::Outdated | wgpu::CurrentSurfaceTexture::Lost => {
                        surface.configure(&self.device, config);
                        return None;
                    }
                    _ => return None,
                };
                let view = tex
                    .texture
                    .create_view(&wgpu::TextureViewDescriptor::default());
                Some(Frame {
                    view,
                    surface: Some(tex),
                })
            }
        }
    }

    /// Remembers the latest submission of this frame (headless throttling).
    pub fn track(&mut self, submission: wgpu::SubmissionIndex) {
        self.last_submission = Some(submission);
    }

    /// Shows the frame. Headless, nothing throttles the CPU the way a window's swap
    /// chain does, so wait until the previous frame is done: at most two frames are in
    /// flight, and frame times include the GPU's work.
    pub fn present(&mut self, frame: Frame) {
        if let Some(t) = frame.surface {
            self.queue.present(t);
            return;
        }
        // PERF: waiting on the previous frame (not this one) keeps CPU and GPU overlapped.
        let this = self.last_submission.take();
        if let Some(prev) = std::mem::replace(&mut self.in_flight, this) {
            let _ = self.device.poll(wgpu::PollType::Wait {
                submission_index: Some(prev),
                timeout: None,
            });
        }
    }

    /// Reads the headless target back as tightly packed RGBA8 rows.
    pub fn read_pixels(&self) -> Result<(u32, u32, Vec<u8>), String> {
        let Target::Offscreen { texture } = &self.target else {
            return Err("reading the screen back needs the headless target".into());
        };
        let px = read_texture(&self.device, &self.queue, texture, self.width, self.height)?;
        Ok((self.width, self.height, px))
    }

    /// Reads a window frame back (screenshots), where the surface allows copies.
    pub fn read_frame(&self, frame: &Frame) -> Result<(u32, u32, Vec<u8>), String> {
        match &frame.surface {
            None => self.read_pixels(),
            Some(t) => {
                if !t.texture.usage().contains(wgpu::TextureUsages::COPY_SRC) {
                    return Err("this window surface cannot be read back".into());
                }
                let (w, h) = (t.texture.width(), t.texture.height());
                let mut px = read_texture(&self.device, &self.queue, &t.texture, w, h)?;
                if matches!(
                    t.texture.format(),
                    wgpu::TextureFormat::Bgra8Unorm | wgpu::TextureFormat::Bgra8UnormSrgb
                ) {
                    for p in px.chunks_exact_mut(4) {
                        p.swap(0, 2);
                    }
                }
                Ok((w, h, px))
            }
        }
    }

    /// Waits until the GPU has finished all submitted work (frame timing, benchmarks).
    pub fn wait_idle(&self) {
        let _ = self.device.poll(wgpu::PollType::wait_indefinitely());
    }
}

/// Copies a 2D texture (4 bytes a pixel) into tightly packed rows.
pub fn read_texture(
    device: &wgpu::Device,
    queue: &wgpu::Queue,
    texture: &wgpu::Texture,
    w: u32,
    h: u32,
) -> Result<Vec<u8>, String> {
    read_texture_layer(device, queue, texture, w, h, 0, 0)
}

/// [`read_texture`] of one layer (array), face (cube) or slice (volume) at mipmap level
/// `mip` (`w`x`h`: that level's size).
pub fn read_texture_layer(
    device: &wgpu::Device,
    queue: &wgpu::Queue,
    texture: &wgpu::Texture,
    w: u32,
    h: u32,
    layer: u32,
    mip: u32,
) -> Result<Vec<u8>, String> {
    let row = w * texture.format().block_copy_size(None).unwrap_or(4);
    let padded =
        row.div_ceil(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT) * wgpu::COPY_BYTES_PER_ROW_ALIGNMENT;
    let buffer = device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("readback"),
        size: (padded * h) as u64,
        usage: wgpu::BufferUsages::COPY_DST | wgpu::BufferUsages::MAP_READ,
        mapped_at_creation: false,
    });
    let mut enc = device.create_command_encoder(&Default::default());
    enc.copy_texture_to_buffer(
        wgpu::TexelCopyTextureInfo {
            origin: wgpu::Origin3d {
                x: 0,
                y: 0,
                z: layer,
            },
            mip_level: mip,
            ..texture.as_image_copy()
        },
        wgpu::TexelCopyBufferInfo {
            buffer: &buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(padded),
                rows_per_image: Some(h),
            },
        },
        wgpu::Extent3d {
            width: w,
            height: h,
            depth_or_array_layers: 1,
        },
    );
    queue.submit([enc.finish()]);
    let (tx, rx) = std::sync::mpsc::channel();
    buffer.map_async(wgpu::MapMode::Read, .., move |r| {
        let _ = tx.send(r);
    });
    device
        .poll(wgpu::PollType::wait_indefinitely())
        .map_err(|e| format!("the GPU did not finish: {e}"))?;
    rx.recv()
        .map_err(|_| "the GPU readback was dropped".to_string())?
        .map_err(|e| format!("cannot read the texture back: {e}"))?;
    let data = buffer
        .get_mapped_range(..)
        .map_err(|e| format!("cannot read the texture back: {e}"))?;
    let mut out = Vec::with_capacity((row * h) as usize);
    for y in 0..h as usize {
        let start = y * padded as usize;
        out.extend_from_slice(&data[start..start + row as usize]);
    }
    drop(data);
    buffer.unmap();
    Ok(out)
}
