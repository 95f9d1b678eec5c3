//! `love.graphics` core: drawing state (colours, line width, transform stack), the
//! batcher that collects a frame's draws, and the GPU it presents them with.
//!
//! Draw functions build vertices (`shapes.rs`) and append them to the [`batch::Batcher`];
//! `present` hands the frame to [`renderer::Renderer`], the only code that records GPU
//! commands. This module knows nothing of Lua (`lua.rs` is the binding) or of windows
//! (the app gives it a [`gpu::Gpu`] for the window or for the headless target).

pub mod batch;
pub mod gpu;
pub mod lua;
pub mod renderer;
pub mod shapes;
pub mod text;

use batch::{BatchKey, Batcher, pack_color};
use glam::{Affine2, Vec2};
use gpu::Gpu;
use renderer::Renderer;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DrawMode {
    Fill,
    Line,
}

/// The state `push("all")` saves and `pop` restores.
#[derive(Clone, Debug)]
pub struct State {
    pub color: [f32; 4],
    pub background: [f32; 4],
    pub line_width: f32,
}

impl Default for State {
    fn default() -> Self {
        State {
            color: [1.0; 4],
            background: [0.0, 0.0, 0.0, 1.0],
            line_width: 1.0,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Stats {
    pub drawcalls: u32,
    pub drawcallsbatched: u32,
}

pub enum StackEntry {
    Transform(Affine2),
    All(Affine2, State),
}

/// LÖVE's limit on push depth (`Maximum stack depth reached`).
pub const MAX_STACK: usize = 64;

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
    default_font: Option<Box<text::Font>>,
    retired_textures: Vec<batch::TextureId>,
    /// Engine messages drawn over the game at present (hot-reload errors).
    pub overlay: Vec<String>,
    /// Frames presented so far.
    pub frames: u64,
    /// Draw calls the last presented frame issued.
    pub last_frame: Stats,
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
            width,
            height,
            frames: 0,
            last_frame: Stats::default(),
        }
    }

    /// Gives graphics its GPU (window or headless target); drawing becomes active.
    pub fn attach(&mut self, gpu: Gpu) {
        self.renderer = Some(Renderer::new(&gpu));
        // Atlas textures belonged to the previous renderer.
        if let Some(f) = self.default_font.as_mut() {
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
        self.width = width.max(1);
        self.height = height.max(1);
        if let Some(g) = &mut self.gpu {
            g.resize(width, height);
        }
    }

    pub fn set_vsync(&mut self, vsync: bool) {
        if let Some(g) = &mut self.gpu {
            g.set_vsync(vsync);
        }
    }

    pub fn stats(&self) -> Stats {
        Stats {
            drawcalls: self.batch.draw_calls(),
            drawcallsbatched: self.batch.merged,
        }
    }

    // ---- state ----

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

    pub fn push(&mut self, all: bool) -> Result<(), &'static str> {
        if self.stack.len() >= MAX_STACK {
            return Err("Maximum stack depth reached (more pushes than pops?)");
        }
        self.stack.push(if all {
            StackEntry::All(self.transform, self.state.clone())
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
                self.state = s;
            }
            None => return Err("Minimum stack depth reached (more pops than pushes?)"),
        }
        Ok(())
    }

    // ---- drawing ----

    /// Clears the screen to `color` (straight alpha); ordered with the draws around it.
    pub fn clear(&mut self, color: [f32; 4]) {
        self.batch.clear(color);
    }

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
        let mut v = std::mem::take(&mut self.scratch);
        v.clear();
        let rounded = rx > 0.0 || ry > 0.0;
        match (mode, rounded) {
            (DrawMode::Fill, false) => shapes::fill_rect(&mut v, &t, x, y, w, h, c),
            (DrawMode::Line, false) => {
                let pts = [
                    Vec2::new(x, y),
                    Vec2::new(x + w, y),
                    Vec2::new(x + w, y + h),
                    Vec2::new(x, y + h),
                ];
                shapes::polyline(&mut v, &t, &pts, true, self.state.line_width, c);
            }
            (mode, true) => {
                let ry = if ry > 0.0 { ry } else { rx };
                let pts = shapes::rounded_rect_points(x, y, w, h, rx, ry, segments);
                match mode {
                    DrawMode::Fill => shapes::fill_convex(&mut v, &t, &pts, c),
                    DrawMode::Line => {
                        shapes::polyline(&mut v, &t, &pts, true, self.state.line_width, c)
                    }
                }
            }
        }
        self.batch.push(BatchKey::default(), &v);
        self.scratch = v;
    }

    /// LÖVE's `reset`: default colours, line width and font, identity transform.
    pub fn reset(&mut self) {
        self.state = State::default();
        self.transform = Affine2::IDENTITY;
    }

    fn font_mut(&mut self) -> &mut text::Font {
        self.default_font
            .get_or_insert_with(|| Box::new(text::Font::default_font(12.0)))
    }

    /// Line metrics of the current font: (height, line spacing).
    pub fn font_height(&mut self) -> f32 {
        self.font_mut().height
    }

    pub fn text_width(&mut self, s: &str) -> f32 {
        self.font_mut().width(s)
    }

    /// Draws coloured text runs with the current font. `local` places the text (print's
    /// x, y, r, sx, sy, ox, oy, kx, ky); `wrap` is printf's limit and alignment.
    pub fn print(
        &mut self,
        runs: &[([f32; 4], String)],
        local: Affine2,
        wrap: Option<(f32, text::Align)>,
    ) {
        let base = self.state.color;
        let t = self.transform * local;
        let mut chars: Vec<([u8; 4], char)> = Vec::new();
        let mut plain = String::new();
        for (c, s) in runs {
            let col = pack_color([
                base[0] * c[0],
                base[1] * c[1],
                base[2] * c[2],
                base[3] * c[3],
            ]);
            for ch in s.chars() {
                chars.push((col, ch));
                plain.push(ch);
            }
        }
        let mut v = std::mem::take(&mut self.scratch);
        v.clear();
        let font = self
            .default_font
            .get_or_insert_with(|| Box::new(text::Font::default_font(12.0)));
        let lines: Vec<text::Line> = match wrap {
            Some((limit, _)) => font.wrap(&plain, limit),
            None => plain
                .split('\n')
                .map(|l| text::Line {
                    text: l.to_string(),
                    width: font.width(l),
                })
                .collect(),
        };
        // Give each line its coloured characters back (layout drops only the newlines).
        let mut it = chars.into_iter().filter(|(_, c)| *c != '\n');
        let laid: Vec<(Vec<([u8; 4], char)>, f32)> = lines
            .iter()
            .map(|l| (it.by_ref().take(l.text.chars().count()).collect(), l.width))
            .collect();
        let (limit, align) = match wrap {
            Some((l, a)) => (Some(l), a),
            None => (None, text::Align::Left),
        };
        font.layout(&mut v, &t, &laid, limit, align);
        // Upload new glyphs before the draw that samples them is queued.
        let atlas = &mut font.atlas;
        self.retired_textures.append(&mut atlas.retired);
        if atlas.dirty
            && let (Some(gpu), Some(r)) = (self.gpu.as_ref(), self.renderer.as_mut())
        {
            match atlas.texture {
                Some(id) => {
                    r.update_texture(gpu, id, 0, 0, atlas.width, atlas.height, &atlas.pixels)
                }
                None => {
                    atlas.texture =
                        Some(r.create_texture(gpu, atlas.width, atlas.height, &atlas.pixels))
                }
            }
            atlas.dirty = false;
        }
        if let Some(texture) = atlas.texture {
            let key = BatchKey {
                texture,
                ..BatchKey::default()
            };
            self.batch.push(key, &v);
        }
        self.scratch = v;
    }

    /// Draws the frame's commands to the screen and starts a new frame.
    pub fn present(&mut self) {
        if !self.overlay.is_empty() {
            self.draw_overlay();
        }
        let stats = self.stats();
        if let (Some(gpu), Some(renderer)) = (self.gpu.as_mut(), self.renderer.as_mut())
            && let Some(frame) = gpu.acquire()
        {
            let (_, submission) = renderer.render(gpu, &frame, &self.batch);
            gpu.present(frame, submission);
        }
        self.last_frame = stats;
        self.frames += 1;
        self.batch.reset();
        // Textures replaced mid-frame (a grown glyph atlas) are no longer referenced.
        if let Some(r) = self.renderer.as_mut() {
            for id in self.retired_textures.drain(..) {
                r.free_texture(id);
            }
        }
    }

    /// Engine messages on a dark band at the top, over whatever the game drew.
    fn draw_overlay(&mut self) {
        let (saved_t, saved_c) = (self.transform, self.state.color);
        self.transform = Affine2::IDENTITY;
        let text = self.overlay.join("\n");
        let width = self.width as f32;
        let lines = self.font_mut().wrap(&text, width - 16.0).len() as f32;
        let h = lines * self.font_mut().line_spacing() + 12.0;
        self.state.color = [0.5, 0.05, 0.05, 0.85];
        self.rectangle(DrawMode::Fill, 0.0, 0.0, width, h, 0.0, 0.0, None);
        self.state.color = [1.0; 4];
        let runs = [([1.0; 4], text)];
        self.print(
            &runs,
            Affine2::from_translation(Vec2::new(8.0, 6.0)),
            Some((width - 16.0, text::Align::Left)),
        );
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

    /// Uploads an RGBA8 texture for draws to use (font atlases, images).
    pub fn create_texture(
        &mut self,
        width: u32,
        height: u32,
        rgba: &[u8],
    ) -> Option<batch::TextureId> {
        let (gpu, r) = (self.gpu.as_ref()?, self.renderer.as_mut()?);
        Some(r.create_texture(gpu, width, height, rgba))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graphics_push_pop_restores_transform_and_state() {
        let mut g = Graphics::new(100, 100);
        g.push(true).expect("push");
        g.translate(5.0, 6.0);
        g.state.color = [1.0, 0.0, 0.0, 1.0];
        g.pop().expect("pop");
        assert_eq!(g.transform, Affine2::IDENTITY);
        assert_eq!(g.state.color, [1.0; 4]);
        assert!(g.pop().is_err());
    }

    #[test]
    fn graphics_draw_calls_same_state_rectangles_batch() {
        let mut g = Graphics::new(100, 100);
        for i in 0..1000 {
            g.state.color = [i as f32 / 1000.0, 0.0, 0.0, 1.0];
            g.rectangle(DrawMode::Fill, i as f32, 0.0, 1.0, 1.0, 0.0, 0.0, None);
        }
        assert_eq!(g.stats().drawcalls, 1);
        g.present();
        assert_eq!(g.last_frame.drawcalls, 1);
        assert_eq!(g.stats().drawcalls, 0);
    }
}
