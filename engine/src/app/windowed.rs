//! Windowed driver: a winit `ApplicationHandler`. The window is created in `resumed`
//! from conf.lua's settings; window and input events go into the `love.event` queue as
//! they arrive; each redraw runs one iteration of the game's main loop.

use super::keys::{key_name, scancode_name};
use super::stats::FrameStats;
use super::{RunOptions, apply_window_requests, boot, frames_done, step_result, timed_frame};
use crate::event::{Event, Variant};
use crate::graphics::gpu::Gpu;
use crate::runtime::{Runtime, Step};
use crate::window::{Request, WindowSettings};
use std::sync::Arc;
use std::time::Instant;
use winit::application::ApplicationHandler;
use winit::dpi::{LogicalSize, PhysicalSize};
use winit::event::{ElementState, MouseButton, MouseScrollDelta, WindowEvent};
use winit::event_loop::{ActiveEventLoop, ControlFlow, EventLoop};
use winit::keyboard::PhysicalKey;
use winit::platform::modifier_supplement::KeyEventExtModifierSupplement;
use winit::window::{Fullscreen, Window, WindowId};

pub fn run(opts: &RunOptions) -> i32 {
    let started = Instant::now();
    let Some(rt) = boot(opts) else { return 1 };
    let event_loop = match EventLoop::new() {
        Ok(el) => el,
        Err(e) => {
            eprintln!(
                "engine: cannot open a window: {e}; run with --headless to play without a display"
            );
            return 1;
        }
    };
    event_loop.set_control_flow(ControlFlow::Poll);
    let mut app = App {
        opts: opts.clone(),
        rt: Some(rt),
        window: None,
        exit: None,
        frames: 0,
        clicks: Clicks::default(),
        last_mouse: None,
        stats: FrameStats::new(started),
    };
    if let Err(e) = event_loop.run_app(&mut app) {
        eprintln!("engine: the window system failed: {e}");
        return 1;
    }
    if opts.stats {
        eprintln!("{}", app.stats.report());
    }
    app.exit.unwrap_or(0)
}

/// Click counting for `presses` (double clicks).
#[derive(Default)]
struct Clicks {
    last: Option<(MouseButton, Instant, f64, f64)>,
    count: u32,
}

struct App {
    opts: RunOptions,
    rt: Option<Runtime>,
    window: Option<Arc<Window>>,
    exit: Option<i32>,
    frames: u64,
    clicks: Clicks,
    last_mouse: Option<(f64, f64)>,
    stats: FrameStats,
}

fn attributes(title: &str, s: &WindowSettings) -> winit::window::WindowAttributes {
    let mut a = Window::default_attributes()
        .with_title(title)
        .with_inner_size(LogicalSize::new(s.width, s.height))
        .with_resizable(s.resizable)
        .with_decorations(!s.borderless)
        .with_min_inner_size(LogicalSize::new(s.minwidth.max(1), s.minheight.max(1)));
    if s.fullscreen {
        a = a.with_fullscreen(Some(Fullscreen::Borderless(None)));
    }
    if let (Some(x), Some(y)) = (s.x, s.y) {
        a = a.with_position(winit::dpi::LogicalPosition::new(x, y));
    }
    a
}

fn button_number(b: MouseButton) -> u32 {
    match b {
        MouseButton::Left => 1,
        MouseButton::Right => 2,
        MouseButton::Middle => 3,
        MouseButton::Back => 4,
        MouseButton::Forward => 5,
        MouseButton::Other(n) => n as u32 + 1,
    }
}

impl App {
    fn rt(&self) -> Option<&Runtime> {
        self.rt.as_ref()
    }

    fn push(&self, name: &str, args: Vec<Variant>) {
        if let Some(rt) = self.rt() {
            rt.push_event(Event::new(name, args));
        }
    }

    fn finish(&mut self, el: &ActiveEventLoop, code: i32) {
        self.exit = Some(code);
        el.exit();
    }

    fn handle_step(&mut self, el: &ActiveEventLoop, step: Step) {
        match step {
            Step::Continue => {}
            Step::Quit(code) => self.finish(el, code),
            Step::Restart => {
                let gpu = self
                    .rt()
                    .and_then(|rt| rt.graphics().and_then(|mut g| g.detach()));
                self.rt = None;
                match super::boot(&self.opts) {
                    Some(rt) => {
                        if let (Some(gpu), Some(mut g)) = (gpu, rt.graphics()) {
                            g.attach(gpu);
                        }
                        if let Some(mut w) = rt.window() {
                            w.open = true;
                        }
                        self.rt = Some(rt);
                        let s = self
                            .rt
                            .as_mut()
                            .map(|rt| rt.start())
                            .unwrap_or(Step::Quit(1));
                        if let Some(s) = step_result(s) {
                            self.handle_step(el, s);
                        }
                    }
                    None => self.finish(el, 1),
                }
            }
        }
    }

    fn apply_requests(&mut self) {
        let Some(rt) = self.rt() else { return };
        let reqs = apply_window_requests(rt);
        let Some(w) = &self.window else { return };
        for r in reqs {
            match r {
                Request::SetTitle(t) => w.set_title(&t),
                Request::SetMode(s) => {
                    let _ = w.request_inner_size(LogicalSize::new(s.width, s.height));
                    w.set_resizable(s.resizable);
                    w.set_decorations(!s.borderless);
                    w.set_min_inner_size(Some(LogicalSize::new(s.minwidth, s.minheight)));
                    w.set_fullscreen(s.fullscreen.then_some(Fullscreen::Borderless(None)));
                }
                Request::Close => w.set_visible(false),
            }
        }
    }

    fn redraw(&mut self, el: &ActiveEventLoop) {
        if self.exit.is_some() {
            return;
        }
        if frames_done(&self.opts, self.frames) {
            self.finish(el, 0);
            return;
        }
        self.apply_requests();
        if let Some(rt) = self.rt.as_mut() {
            rt.poll_reload();
        }
        let step = match self.rt.as_mut() {
            Some(rt) => timed_frame(rt, &mut self.stats),
            None => return,
        };
        self.frames += 1;
        self.handle_step(el, step);
    }
}

impl ApplicationHandler for App {
    fn resumed(&mut self, el: &ActiveEventLoop) {
        if self.window.is_some() {
            return;
        }
        let Some(rt) = self.rt.as_mut() else { return };
        let (title, settings) = (rt.conf.title.clone(), rt.conf.window.clone());
        if rt.conf.window_enabled {
            let window = match el.create_window(attributes(&title, &settings)) {
                Ok(w) => Arc::new(w),
                Err(e) => {
                    eprintln!("engine: cannot create the window: {e}");
                    self.finish(el, 1);
                    return;
                }
            };
            let size: PhysicalSize<u32> = window.inner_size();
            let display = Box::new(el.owned_display_handle());
            let gpu = match Gpu::windowed(
                window.clone(),
                display,
                size.width,
                size.height,
                settings.vsync != 0,
            ) {
                Ok(g) => g,
                Err(e) => {
                    eprintln!("engine: {e}");
                    self.finish(el, 1);
                    return;
                }
            };
            if let Some(mut g) = rt.graphics() {
                g.attach(gpu);
            }
            if let Some(mut w) = rt.window() {
                w.open = true;
                w.set_size(size.width, size.height);
                w.dpi_scale = window.scale_factor();
                if let Some(m) = window.current_monitor() {
                    let s = m.size();
                    w.desktop_size = (s.width, s.height);
                }
            }
            if let Some(mut k) = rt.keyboard() {
                // LOVE: text input is on by default on desktop systems.
                k.text_input = true;
            }
            self.window = Some(window);
        }
        let step = rt.start();
        if let Some(s) = step_result(step) {
            self.handle_step(el, s);
        }
        if let Some(w) = &self.window {
            w.request_redraw();
        }
    }

    fn window_event(&mut self, el: &ActiveEventLoop, _id: WindowId, event: WindowEvent) {
        match event {
            WindowEvent::CloseRequested => self.push("quit", vec![]),
            WindowEvent::Resized(size) => {
                if let Some(rt) = self.rt() {
                    if let Some(mut g) = rt.graphics() {
                        g.resize(size.width, size.height);
                    }
                    if let Some(mut w) = rt.window() {
                        w.set_size(size.width, size.height);
                    }
                }
                self.push(
                    "resize",
                    vec![
                        Variant::Number(size.width as f64),
                        Variant::Number(size.height as f64),
                    ],
                );
            }
            WindowEvent::Focused(f) => {
                if let Some(rt) = self.rt() {
                    if let Some(mut w) = rt.window() {
                        w.focused = f;
                    }
                    if !f && let Some(mut k) = rt.keyboard() {
                        k.release_all();
                    }
                }
                self.push("focus", vec![Variant::Bool(f)]);
            }
            WindowEvent::Occluded(o) => {
                if let Some(mut w) = self.rt().and_then(|rt| rt.window()) {
                    w.visible = !o;
                }
                self.push("visible", vec![Variant::Bool(!o)]);
            }
            WindowEvent::KeyboardInput { event, .. } => {
                let PhysicalKey::Code(code) = event.physical_key else {
                    return;
                };
                let key = key_name(&event.key_without_modifiers(), code);
                let scancode = scancode_name(code).to_string();
                let Some(rt) = self.rt() else { return };
                let (repeat_on, text_on) = rt
                    .keyboard()
                    .map(|k| (k.key_repeat, k.text_input))
                    .unwrap_or((false, false));
                if event.state == ElementState::Pressed {
                    if let Some(mut k) = rt.keyboard() {
                        k.press(&key, &scancode);
                    }
                    if !event.repeat || repeat_on {
                        self.push(
                            "keypressed",
                            vec![
                                Variant::Str(key),
                                Variant::Str(scancode),
                                Variant::Bool(event.repeat),
                            ],
                        );
                    }
                    if text_on
                        && let Some(text) = event.text.as_ref()
                        && !text.chars().any(|c| c.is_control())
                    {
                        self.push("textinput", vec![Variant::Str(text.to_string())]);
                    }
                } else {
                    if let Some(mut k) = rt.keyboard() {
                        k.release(&key, &scancode);
                    }
                    self.push(
                        "keyreleased",
                        vec![Variant::Str(key), Variant::Str(scancode)],
                    );
                }
            }
            WindowEvent::CursorMoved { position, .. } => {
                let (x, y) = (position.x, position.y);
                let (dx, dy) = self
                    .last_mouse
                    .map(|(lx, ly)| (x - lx, y - ly))
                    .unwrap_or((0.0, 0.0));
                self.last_mouse = Some((x, y));
                if let Some(mut m) = self.rt().and_then(|rt| rt.mouse()) {
                    m.x = x;
                    m.y = y;
                }
                self.push(
                    "mousemoved",
                    vec![
                        Variant::Number(x),
                        Variant::Number(y),
                        Variant::Number(dx),
                        Variant::Number(dy),
                        Variant::Bool(false),
                    ],
                );
            }
            WindowEvent::MouseInput { state, button, .. } => {
                let (x, y) = self.last_mouse.unwrap_or((0.0, 0.0));
                let n = button_number(button);
                let pressed = state == ElementState::Pressed;
                if pressed {
                    let now = Instant::now();
                    let again = self.clicks.last.is_some_and(|(b, t, lx, ly)| {
                        b == button
                            && now.duration_since(t).as_millis() < 500
                            && (lx - x).abs() < 5.0
                            && (ly - y).abs() < 5.0
                    });
                    self.clicks.count = if again { self.clicks.count + 1 } else { 1 };
                    self.clicks.last = Some((button, now, x, y));
                }
                if let Some(mut m) = self.rt().and_then(|rt| rt.mouse()) {
                    m.set_button(n, pressed);
                }
                let name = if pressed {
                    "mousepressed"
                } else {
                    "mousereleased"
                };
                self.push(
                    name,
                    vec![
                        Variant::Number(x),
                        Variant::Number(y),
                        Variant::Number(n as f64),
                        Variant::Bool(false),
                        Variant::Number(self.clicks.count.max(1) as f64),
                    ],
                );
            }
            WindowEvent::MouseWheel { delta, .. } => {
                let (x, y) = match delta {
                    MouseScrollDelta::LineDelta(x, y) => (x as f64, y as f64),
                    // Touchpads report pixels; LÖVE reports roughly one unit per notch.
                    MouseScrollDelta::PixelDelta(p) => (p.x / 20.0, p.y / 20.0),
                };
                self.push("wheelmoved", vec![Variant::Number(x), Variant::Number(y)]);
            }
            WindowEvent::RedrawRequested => {
                self.redraw(el);
                if let Some(w) = &self.window {
                    w.request_redraw();
                }
            }
            _ => {}
        }
    }

    fn about_to_wait(&mut self, el: &ActiveEventLoop) {
        match &self.window {
            Some(w) => w.request_redraw(),
            // t.window = false: no redraws arrive, so drive the loop from here.
            None => self.redraw(el),
        }
    }
}
