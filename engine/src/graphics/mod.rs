//! `love.graphics` core: drawing state (colours, blend, scissor, stencil, canvases, the
//! transform stack), the batcher that collects a frame's draws, and the GPU it flushes
//! them to.
//!
//! Draw functions build vertices (`shapes.rs`, `draw.rs`) and append them to the
//! [`batch::Batcher`] under a [`batch::BatchKey`] made from the current state; `flush`
//! (at `present`, or before a canvas is read back) hands the queued commands to
//! [`renderer::Renderer`], the only code that records GPU commands. Textures are shared
//! handles ([`texture::TextureRef`]) freed after the frame that last used them. This
//! module knows nothing of Lua (`lua.rs` is the binding) or of windows (the app gives it
//! a [`gpu::Gpu`] for the window or for the headless target).

pub mod batch;
pub mod draw;
pub mod formats;
pub mod gpu;
pub mod layered;
pub mod lua;
pub mod mesh;
pub mod mesh_gpu;
pub mod mipgen;
pub mod particles;
pub mod pipelines;
pub mod renderer;
pub mod shader;
pub mod shapes;
pub mod text;
pub mod texture;
pub mod transform;

use batch::{BatchKey, Batcher, Blend, Compare, Stencil, StencilAction, Target, pack_color};
use glam::{Affine2, Vec2};
use gpu::Gpu;
use renderer::Renderer;
use std::rc::Weak;
use texture::{Filter, Retired, TextureInner, TextureRef};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DrawMode {
    Fill,
    Line,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineStyle {
    Rough,
    Smooth,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineJoin {
    Miter,
    Bevel,
    None,
}

/// The state `push("all")` saves and `pop` restores.
#[derive(Clone, Debug)]
pub struct State {
    pub color: [f32; 4],
    pub background: [f32; 4],
    pub line_width: f32,
    pub line_style: LineStyle,
    pub line_join: LineJoin,
    pub point_size: f32,
    pub blend: Blend,
    /// r, g, b, a write bits (1, 2, 4, 8).
    pub color_mask: u8,
    /// x, y, w, h in screen pixels, as given.
    pub scissor: Option<[f32; 4]>,
    pub stencil_test: Option<(Compare, u8)>,
    /// The active canvases (empty: the screen).
    pub canvases: Vec<TextureRef>,
    pub default_filter: (Filter, Filter, u8),
    pub wireframe: bool,
    /// The font print uses; `None` is the default font (Vera 12).
    pub font: Option<text::FontRef>,
    /// The game shader draws use (`None`: the default shader).
    pub shader: Option<shader::ShaderRef>,
    /// `setDepthMode`, `setMeshCullMode`, `setFrontFaceWinding` ("ccw": true).
    pub depth: batch::DepthMode,
    pub cull: batch::Cull,
    pub ccw: bool,
    /// The active canvases have a depth buffer (`setCanvas{..., depth = true}`).
    pub canvas_depth: bool,
    /// The active canvases have a stencil buffer (`setCanvas{..., stencil = true}`);
    /// only `stencil()` checks it, as LÖVE does (the engine's canvases always have one).
    pub canvas_stencil: bool,
    /// The depth/stencil canvas of `setCanvas{..., depthstencil = c}`.
    pub depth_canvas: Option<TextureRef>,
    /// The layer/face/slice and mipmap level (0-based) drawn into in each active canvas,
    /// and its index in the batcher's table (`Target::sub`; layered.rs).
    pub canvas_sub: (batch::TargetSub, u16),
}

impl Default for State {
    fn default() -> Self {
        State {
            color: [1.0; 4],
            background: [0.0, 0.0, 0.0, 1.0],
            line_width: 1.0,
            line_style: LineStyle::Smooth,
            line_join: LineJoin::Miter,
            point_size: 1.0,
            blend: Blend::default(),
            color_mask: 0xf,
            scissor: None,
            stencil_test: None,
            canvases: Vec::new(),
            default_filter: (Filter::Linear, Filter::Linear, 1),
            wireframe: false,
            font: None,
            shader: None,
            depth: batch::DepthMode::default(),
            cull: batch::Cull::None,
            ccw: true,
            canvas_depth: false,
            canvas_stencil: false,
            depth_canvas: None,
            canvas_sub: Default::default(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Stats {
    pub drawcalls: u32,
    pub drawcallsbatched: u32,
    pub canvasswitches: u32,
    pub shaderswitches: u32,
}

pub enum StackEntry {
    Transform(Affine2),
    All(Affine2, Box<State>),
}

/// Pixels read back from the GPU: width, height, RGBA8 rows.
pub type Pixels = (u32, u32, Vec<u8>);

/// LÖVE 11's limit on push depth (`Maximum stack depth reached`): MAX_USER_STACK_DEPTH.
pub const MAX_STACK: usize = 128;

pub struct Graphics {
    pub state: State,
    pub transform: Affine2,
    stack: Vec<StackEntry>,
    pub batch: Batcher,
    scratch: Vec<batch::Vertex>,
    gpu: Option<Gpu>,
    renderer: Option<Renderer>,
    width: u32,
    height: u32,
    default_font: Option<text::FontRef>,
    retired_textures: Vec<batch::TextureId>,
    /// Engine messages drawn over the game at present (hot-reload errors).
    pub overlay: Vec<String>,
    /// Textures whose last handle went away; freed after the frame.
    retired: Retired,
    /// Every texture made, to count them for `getStats`.
    live: Vec<Weak<TextureInner>>,
    /// Inside `love.graphics.stencil`: how draws write the stencil.
    pub stencil_write: Option<(StencilAction, u8)>,
    frame: Option<gpu::Frame>,
    screen_fresh: bool,
    /// Draw calls already flushed this frame (readbacks flush early).
    flushed: Stats,
    /// Screenshots asked for this frame; taken at `present`.
    pub screenshot_requests: u32,
    /// Frames presented so far.
    pub frames: u64,
    /// Draw calls the last presented frame issued.
    pub last_frame: Stats,
    /// The key's `shader` for the current shader's values (see [`Graphics::sync_shader`]).
    shader_slot: u32,
    /// The screen has a depth buffer. LOVE: always, whatever `t.window.depth` says: LÖVE
    /// 11.4 depth-tests the window without it (the system's default framebuffer has one),
    /// and 3D libraries such as g3d rely on that.
    pub screen_depth: bool,
}

impl Graphics {
    pub fn new(width: u32, height: u32) -> Graphics {
        Graphics {
            state: State::default(),
            transform: Affine2::IDENTITY,
            stack: Vec::new(),
            batch: Batcher::default(),
            scratch: Vec::new(),
            gpu: None,
            renderer: None,
            default_font: None,
            retired_textures: Vec::new(),
            overlay: Vec::new(),
            retired: Retired::default(),
            live: Vec::new(),
            stencil_write: None,
            frame: None,
            screen_fresh: true,
            flushed: Stats::default(),
            screenshot_requests: 0,
            width,
            height,
            frames: 0,
            last_frame: Stats::default(),
            shader_slot: 0,
            screen_depth: true,
        }
    }

    /// Gives graphics its GPU (window or headless target); drawing becomes active.
    pub fn attach(&mut self, gpu: Gpu) {
        self.renderer = Some(Renderer::new(&gpu));
        // Atlas textures belonged to the previous renderer.
        if let Some(f) = self.default_font.as_ref().map(|f| f.borrow_mut()).as_mut() {
            f.atlas.texture = None;
            f.atlas.dirty = true;
        }
        let (w, h) = gpu.size();
        self.width = w;
        self.height = h;
        self.gpu = Some(gpu);
    }

    /// Takes the GPU back (to hand it to a restarted game).
    pub fn detach(&mut self) -> Option<Gpu> {
        self.frame = None;
        self.renderer = None;
        self.gpu.take()
    }

    pub fn gpu(&self) -> Option<&Gpu> {
        self.gpu.as_ref()
    }

    pub fn is_active(&self) -> bool {
        self.gpu.is_some()
    }

    pub fn dimensions(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    pub fn resize(&mut self, width: u32, height: u32) {
        let changed = (width.max(1), height.max(1)) != (self.width, self.height);
        self.width = width.max(1);
        self.height = height.max(1);
        // A window frame can't outlive its surface's configuration, and the headless frame
        // is the old-sized target that resizing replaces (its size must match the stencil's).
        if changed || self.frame.as_ref().is_some_and(|f| f.is_window()) {
            self.frame = None;
        }
        if let Some(g) = &mut self.gpu {
            g.resize(width, height);
        }
    }

    /// The screen's MSAA (t.window.msaa, setMode's flag): more than 1 gets
    /// [`texture::MSAA_SAMPLES`].
    pub fn set_msaa(&mut self, msaa: u32) {
        let samples = if msaa > 1 { texture::MSAA_SAMPLES } else { 1 };
        if self
            .renderer
            .as_ref()
            .is_some_and(|r| r.screen_samples != samples)
        {
            // Draws queued so far go to the screen as it was.
            self.flush();
            if let Some(r) = self.renderer.as_mut() {
                r.screen_samples = samples;
            }
        }
    }

    pub fn set_vsync(&mut self, vsync: bool) {
        if let Some(g) = &mut self.gpu {
            g.set_vsync(vsync);
        }
    }

    pub fn stats(&self) -> Stats {
        Stats {
            drawcalls: self.flushed.drawcalls + self.batch.draw_calls(),
            drawcallsbatched: self.flushed.drawcallsbatched + self.batch.merged,
            canvasswitches: self.flushed.canvasswitches,
            shaderswitches: self.flushed.shaderswitches,
        }
    }

    /// Live images and canvases, and the bytes they use: (images, canvases, bytes).
    pub fn texture_counts(&mut self) -> (u32, u32, u64) {
        self.live.retain(|w| w.strong_count() > 0);
        let (mut images, mut canvases, mut bytes) = (0, 0, 0u64);
        for t in self.live.iter().filter_map(Weak::upgrade) {
            if t.canvas {
                canvases += 1;
            } else {
                images += 1;
            }
            bytes += t.width as u64 * t.height as u64 * t.format.bytes_per_pixel() as u64;
        }
        (images, canvases, bytes)
    }

    // ---- state ----

    /// The key draws with `texture` get under the current state.
    pub fn key(&self, texture: batch::TextureId) -> BatchKey {
        let mut target = Target::SCREEN;
        for (i, c) in self
            .state
            .canvases
            .iter()
            .take(batch::MAX_CANVASES)
            .enumerate()
        {
            target.canvases[i] = c.id;
            target.sub = self.state.canvas_sub.1;
            target.count = i as u8 + 1;
        }
        let mut color_mask = self.state.color_mask;
        // PERF: plain branches (this runs for every draw); see formats.rs.
        if let Some(first) = self.state.canvases.first()
            && first.format == formats::Format::Rgb565
        {
            color_mask &= formats::RGB565_MASK;
        }
        if let Some(d) = &self.state.depth_canvas {
            target.depth = Some((d.id, d.format));
        }
        BatchKey {
            texture,
            blend: self.state.blend,
            color_mask,
            scissor: self.state.scissor.map(|[x, y, w, h]| {
                let x0 = x.max(0.0);
                let y0 = y.max(0.0);
                let x1 = (x + w).max(x0);
                let y1 = (y + h).max(y0);
                [x0 as u32, y0 as u32, (x1 - x0) as u32, (y1 - y0) as u32]
            }),
            stencil: match (self.stencil_write, self.state.stencil_test) {
                (Some((a, v)), _) => Stencil::Write(a, v),
                (None, Some((c, v))) => Stencil::Test(c, v),
                (None, None) => Stencil::Off,
            },
            target,
            shader: self.shader_slot,
            wireframe: self.state.wireframe,
            // LOVE: without a depth buffer on the target the depth test does nothing.
            depth: if (target.is_screen() && self.screen_depth)
                || (!target.is_screen() && self.state.canvas_depth)
            {
                self.state.depth
            } else {
                batch::DepthMode::default()
            },
        }
    }

    pub fn origin(&mut self) {
        self.transform = Affine2::IDENTITY;
    }

    pub fn translate(&mut self, x: f32, y: f32) {
        self.transform *= Affine2::from_translation(Vec2::new(x, y));
    }

    pub fn rotate(&mut self, angle: f32) {
        self.transform *= Affine2::from_angle(angle);
    }

    pub fn scale(&mut self, sx: f32, sy: f32) {
        self.transform *= Affine2::from_scale(Vec2::new(sx, sy));
    }

    pub fn shear(&mut self, kx: f32, ky: f32) {
        self.transform *= transform::shear(kx, ky);
    }

    /// LÖVE's pixel scale: how many screen pixels one local unit spans (shape detail).
    pub fn pixel_scale(&self) -> f32 {
        let m = self.transform.matrix2;
        if m == glam::Mat2::IDENTITY {
            return 1.0;
        }
        ((m.x_axis.length() + m.y_axis.length()) / 2.0).max(1e-6)
    }

    pub fn stack_depth(&self) -> usize {
        self.stack.len()
    }

    pub fn push(&mut self, all: bool) -> Result<(), &'static str> {
        if self.stack.len() >= MAX_STACK {
            return Err("Maximum stack depth reached (more pushes than pops?)");
        }
        self.stack.push(if all {
            StackEntry::All(self.transform, Box::new(self.state.clone()))
        } else {
            StackEntry::Transform(self.transform)
        });
        Ok(())
    }

    pub fn pop(&mut self) -> Result<(), &'static str> {
        match self.stack.pop() {
            Some(StackEntry::Transform(t)) => self.transform = t,
            Some(StackEntry::All(t, s)) => {
                self.transform = t;
                if s.canvases
                    .iter()
                    .map(|c| c.id)
                    .ne(self.state.canvases.iter().map(|c| c.id))
                {
                    self.flushed.canvasswitches += 1;
                }
                self.state = *s;
                self.sync_shader();
            }
            None => return Err("Minimum stack depth reached (more pops than pushes?)"),
        }
        Ok(())
    }

    /// Sets the active canvases (empty: the screen).
    pub fn set_canvases(&mut self, canvases: Vec<TextureRef>) {
        if canvases
            .iter()
            .map(|c| c.id)
            .ne(self.state.canvases.iter().map(|c| c.id))
        {
            self.flushed.canvasswitches += 1;
        }
        self.state.canvases = canvases;
        self.state.canvas_sub = Default::default();
    }

    /// Size of the current target: the first canvas, or the screen.
    pub fn target_dimensions(&self) -> (u32, u32) {
        match (self.state.canvases.first(), &self.state.depth_canvas) {
            (Some(c), _) | (None, Some(c)) => (c.width, c.height),
            (None, None) => (self.width, self.height),
        }
    }

    // ---- drawing ----

    /// Clears the current target's colour (straight alpha) and/or stencil; ordered with
    /// the draws around it.
    pub fn clear(&mut self, color: Option<[f32; 4]>, stencil: Option<u8>) {
        self.clear_depth(color, stencil, stencil.map(|_| 1.0));
    }

    /// `clear(color, stencil, depth)`: each part only when given.
    pub fn clear_depth(
        &mut self,
        color: Option<[f32; 4]>,
        stencil: Option<u8>,
        depth: Option<f32>,
    ) {
        let target = self.key(0).target;
        let color = color.map(|c| self.format_clear_color(c));
        self.batch.clear_depth(target, color, stencil, depth);
    }

    #[allow(clippy::too_many_arguments)]
    pub fn rectangle(
        &mut self,
        mode: DrawMode,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        rx: f32,
        ry: f32,
        segments: Option<usize>,
    ) {
        let c = pack_color(self.state.color);
        let t = self.transform;
        let rounded = rx > 0.0 || ry > 0.0;
        if mode == DrawMode::Fill && !rounded {
            // PERF: the common case writes its six vertices straight into the batch.
            let key = self.key(batch::WHITE_TEXTURE);
            let mut v = [batch::Vertex::default(); 6];
            shapes::write_rect(&mut v, &t, x, y, w, h, [0.0, 0.0, 0.0, 0.0], c);
            self.batch.push(key, &v);
            return;
        }
        let pts = if rounded {
            let ry = if ry > 0.0 { ry } else { rx };
            let scale = self.pixel_scale();
            shapes::rounded_rect_points(x, y, w, h, rx, ry, segments, scale)
        } else {
            vec![
                Vec2::new(x, y),
                Vec2::new(x + w, y),
                Vec2::new(x + w, y + h),
                Vec2::new(x, y + h),
            ]
        };
        self.polygon_points(mode, &pts, true);
    }

    /// LÖVE's `reset`: default state, identity transform, the screen as target.
    pub fn reset(&mut self) {
        if !self.state.canvases.is_empty() {
            self.flushed.canvasswitches += 1;
        }
        self.state = State::default();
        self.transform = Affine2::IDENTITY;
        self.stencil_write = None;
        self.sync_shader();
    }

    /// The font print uses now (the default font unless the game set one).
    pub fn current_font(&mut self) -> text::FontRef {
        if let Some(f) = &self.state.font {
            return f.clone();
        }
        // LOVE: made on first use, with the default filter in force then.
        let filter = self.state.default_filter;
        self.default_font
            .get_or_insert_with(|| {
                let mut f = text::Font::default_font(12.0);
                f.filter = filter;
                std::rc::Rc::new(std::cell::RefCell::new(f))
            })
            .clone()
    }

    /// Line metrics of the current font: (height, line spacing).
    pub fn font_height(&mut self) -> f32 {
        self.current_font().borrow().height
    }

    pub fn text_width(&mut self, s: &str) -> f32 {
        self.current_font().borrow_mut().width(s)
    }

    /// Renders every queued command now (before a readback, and at `present`).
    pub fn flush(&mut self) {
        let stats = self.stats();
        if let (Some(gpu), Some(renderer)) = (self.gpu.as_mut(), self.renderer.as_mut()) {
            if self.frame.is_none() {
                self.frame = gpu.acquire();
                self.screen_fresh = self.frame.as_ref().is_some_and(|f| f.is_window());
            }
            if !self.batch.commands.is_empty() {
                let view = self.frame.as_ref().map(|f| &f.view);
                let (_, sub) = renderer.render(gpu, view, &mut self.screen_fresh, &self.batch);
                gpu.track(sub);
            }
        }
        self.flushed = stats;
        self.batch.reset();
        self.sync_shader();
    }

    /// Draws the frame's commands to the screen and starts a new frame. Returns the
    /// screen's pixels when a screenshot was asked for.
    pub fn present(&mut self) -> Option<Result<Pixels, String>> {
        if !self.overlay.is_empty() {
            self.draw_overlay();
        }
        self.flush();
        // A window frame nothing was drawn into has undefined contents: clear it.
        if self.screen_fresh && self.frame.as_ref().is_some_and(|f| f.is_window()) {
            self.batch
                .clear(Target::SCREEN, Some([0.0, 0.0, 0.0, 1.0]), Some(0));
            self.flush();
        }
        let mut shot = None;
        if let Some(gpu) = self.gpu.as_mut()
            && let Some(frame) = self.frame.take()
        {
            if self.screenshot_requests > 0 {
                shot = Some(gpu.read_frame(&frame));
            }
            gpu.present(frame);
        }
        self.screenshot_requests = 0;
        self.last_frame = self.flushed;
        self.flushed = Stats::default();
        self.frames += 1;
        // Textures replaced or dropped mid-frame are no longer referenced by any draw.
        if let Some(r) = self.renderer.as_mut() {
            for id in shader::take_retired() {
                r.free_program(id);
                r.free_mesh_program(id);
            }
            r.free_meshes(&mesh::take_retired());
            for id in self.retired_textures.drain(..) {
                r.free_texture(id);
            }
            if let Ok(mut ids) = self.retired.try_borrow_mut() {
                for id in ids.drain(..) {
                    r.free_texture(id);
                }
            }
        }
        shot
    }

    /// Engine messages on a dark band at the top, over whatever the game drew.
    fn draw_overlay(&mut self) {
        let (saved_t, saved_c) = (self.transform, self.state.color);
        self.transform = Affine2::IDENTITY;
        let text = self.overlay.join("\n");
        let width = self.width as f32;
        // The overlay always uses the default font, whatever the game set.
        let saved_font = self.state.font.take();
        let font = self.current_font();
        let h = {
            let mut f = font.borrow_mut();
            f.wrap(&text, width - 16.0).len() as f32 * f.line_spacing() + 12.0
        };
        self.state.color = [0.5, 0.05, 0.05, 0.85];
        self.rectangle(DrawMode::Fill, 0.0, 0.0, width, h, 0.0, 0.0, None);
        self.state.color = [1.0; 4];
        let runs = [([1.0; 4], text)];
        let at = Affine2::from_translation(Vec2::new(8.0, 6.0));
        self.print(&runs, at, Some((width - 16.0, text::Align::Left)));
        self.state.font = saved_font;
        self.transform = saved_t;
        self.state.color = saved_c;
    }

    /// Reads the headless screen back (RGBA8). The last presented frame stays there.
    pub fn read_screen(&self) -> Result<(u32, u32, Vec<u8>), String> {
        match &self.gpu {
            Some(g) => g.read_pixels(),
            None => Err("graphics is not active".into()),
        }
    }

    /// Uploads an RGBA8 texture for draws to use (font atlases).
    pub fn create_texture(
        &mut self,
        width: u32,
        height: u32,
        rgba: &[u8],
    ) -> Option<batch::TextureId> {
        let (gpu, r) = (self.gpu.as_ref()?, self.renderer.as_mut()?);
        Some(r.create_texture(gpu, width, height, rgba))
    }

    pub fn renderer_info(&self) -> Option<&wgpu::AdapterInfo> {
        self.gpu.as_ref().map(|g| &g.info)
    }

    pub fn max_texture_size(&self) -> u32 {
        self.gpu
            .as_ref()
            .map(|g| g.device.limits().max_texture_dimension_2d)
            .unwrap_or(8192)
    }

    /// Whether `setWireframe(true)` can be drawn (wgpu's optional line polygon mode).
    pub fn supports_wireframe(&self) -> bool {
        self.gpu.as_ref().is_none_or(|g| {
            g.device
                .features()
                .contains(wgpu::Features::POLYGON_MODE_LINE)
        })
    }
}

#[cfg(test)]
mod tests;
