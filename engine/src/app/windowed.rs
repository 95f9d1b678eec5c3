//! Windowed driver: a winit `ApplicationHandler`. The window is created in `resumed`
//! from conf.lua's settings; window and input events go into the `love.event` queue as
//! they arrive; each redraw runs one iteration of the game's main loop.

use super::input::Input;
use super::stats::FrameStats;
use super::{RunOptions, apply_window_requests, boot, frames_done, step_result, timed_frame};
use crate::event::{Event, Variant};
use crate::graphics::gpu::Gpu;
use crate::mouse::{Request as MouseRequest, Shape};
use crate::runtime::{Runtime, Step};
use crate::window::{Request, WindowSettings};
use std::sync::Arc;
use std::time::Instant;
use winit::application::ApplicationHandler;
use winit::dpi::{LogicalSize, PhysicalSize};
use winit::event::{
    DeviceEvent, DeviceId, ElementState, Ime, MouseButton, MouseScrollDelta, TouchPhase,
    WindowEvent,
};
use winit::event_loop::{ActiveEventLoop, ControlFlow, EventLoop};
use winit::keyboard::PhysicalKey;
use winit::platform::modifier_supplement::KeyEventExtModifierSupplement;
use winit::window::{CursorGrabMode, CursorIcon, Fullscreen, Window, WindowId};

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
        input: Input::default(),
        stats: FrameStats::new(started),
        waiting: false,
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

struct App {
    opts: RunOptions,
    rt: Option<Runtime>,
    window: Option<Arc<Window>>,
    exit: Option<i32>,
    frames: u64,
    input: Input,
    stats: FrameStats,
    /// The game's main loop is suspended in `love.event.wait` (Step::Wait): no frame runs
    /// until an event is queued, and the event loop sleeps meanwhile.
    waiting: bool,
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

/// Desktop fullscreen, or exclusive in the monitor's video mode closest to the size asked.
fn fullscreen_mode(w: &Window, s: &WindowSettings) -> Fullscreen {
    if s.fullscreentype == "exclusive"
        && let Some(m) = w.current_monitor()
    {
        let want = (s.width as i64, s.height as i64);
        let best = m.video_modes().min_by_key(|v| {
            let (vw, vh) = (v.size().width as i64, v.size().height as i64);
            (
                (vw - want.0).abs() + (vh - want.1).abs(),
                -(v.refresh_rate_millihertz() as i64),
            )
        });
        if let Some(v) = best {
            return Fullscreen::Exclusive(v);
        }
    }
    Fullscreen::Borderless(None)
}

/// winit's cursor for a LÖVE system cursor name.
fn cursor_icon(name: Option<&str>) -> CursorIcon {
    match name {
        Some("ibeam") => CursorIcon::Text,
        Some("wait") => CursorIcon::Wait,
        Some("waitarrow") => CursorIcon::Progress,
        Some("crosshair") => CursorIcon::Crosshair,
        Some("sizenwse") => CursorIcon::NwseResize,
        Some("sizenesw") => CursorIcon::NeswResize,
        Some("sizewe") => CursorIcon::EwResize,
        Some("sizens") => CursorIcon::NsResize,
        Some("sizeall") => CursorIcon::Move,
        Some("no") => CursorIcon::NotAllowed,
        Some("hand") => CursorIcon::Pointer,
        _ => CursorIcon::Default,
    }
}

/// The window's X11 id, when it is an X11 window.
fn x11_id(w: &Window) -> Option<u32> {
    use winit::raw_window_handle::{HasWindowHandle, RawWindowHandle};
    match w.window_handle().ok()?.as_raw() {
        RawWindowHandle::Xlib(h) => u32::try_from(h.window).ok(),
        RawWindowHandle::Xcb(h) => Some(h.window.get()),
        _ => None,
    }
}

/// The monitors, as love.window reports them.
fn displays(el: &ActiveEventLoop) -> Vec<crate::window::Display> {
    el.available_monitors()
        .enumerate()
        .map(|(i, m)| {
            let size = m.size();
            let mut modes: Vec<(u32, u32)> = m
                .video_modes()
                .map(|v| (v.size().width, v.size().height))
                .collect();
            if modes.is_empty() {
                modes.push((size.width, size.height));
            }
            modes.sort_unstable_by(|a, b| b.cmp(a));
            modes.dedup();
            crate::window::Display {
                name: m.name().unwrap_or_else(|| format!("Display {}", i + 1)),
                width: size.width,
                height: size.height,
                modes,
            }
        })
        .collect()
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

    fn push_all(&self, evs: Vec<Event>) {
        if let Some(rt) = self.rt() {
            for e in evs {
                rt.push_event(e);
            }
        }
    }

    fn finish(&mut self, el: &ActiveEventLoop, code: i32) {
        self.exit = Some(code);
        el.exit();
    }

    fn handle_step(&mut self, el: &ActiveEventLoop, step: Step) {
        match step {
            Step::Continue | Step::Wait => {}
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
                            g.set_msaa(rt.conf.window.msaa);
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

    fn apply_requests(&mut self, el: &ActiveEventLoop) {
        let Some(rt) = self.rt() else { return };
        // What the window system did since the last frame (the user, or the window
        // manager acting on earlier requests) comes first.
        if let (Some(w), Some(mut state)) = (&self.window, rt.window()) {
            if let Some(m) = w.is_minimized() {
                state.minimized = m;
            }
            state.maximized = w.is_maximized();
        }
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
                    w.set_fullscreen(s.fullscreen.then(|| fullscreen_mode(w, &s)));
                    if let (Some(x), Some(y)) = (s.x, s.y) {
                        w.set_outer_position(winit::dpi::PhysicalPosition::new(x, y));
                    }
                }
                Request::Close => w.set_visible(false),
                Request::SetPosition(x, y) => {
                    w.set_outer_position(winit::dpi::PhysicalPosition::new(x, y));
                }
                Request::Minimize => w.set_minimized(true),
                Request::Maximize => w.set_maximized(true),
                Request::Restore => {
                    w.set_minimized(false);
                    w.set_maximized(false);
                }
                Request::RequestAttention(continuous) => {
                    w.request_user_attention(Some(if continuous {
                        winit::window::UserAttentionType::Critical
                    } else {
                        winit::window::UserAttentionType::Informational
                    }));
                }
                Request::SetVSync(_) => {}
                Request::SetIcon(rgba, iw, ih) => {
                    match winit::window::Icon::from_rgba(rgba, iw, ih) {
                        Ok(icon) => w.set_window_icon(Some(icon)),
                        Err(e) => eprintln!("engine: cannot use the window icon: {e}"),
                    }
                }
            }
        }
        self.apply_input_requests(el);
    }

    /// Mouse cursor and text input settings the game changed.
    fn apply_input_requests(&mut self, el: &ActiveEventLoop) {
        let (Some(rt), Some(w)) = (self.rt.as_ref(), self.window.as_ref()) else {
            return;
        };
        let reqs = rt
            .mouse()
            .map(|mut m| m.take_requests())
            .unwrap_or_default();
        for r in reqs {
            match r {
                MouseRequest::SetPosition(x, y) => {
                    let _ = w.set_cursor_position(winit::dpi::PhysicalPosition::new(x, y));
                }
                MouseRequest::SetVisible(v) => w.set_cursor_visible(v),
                MouseRequest::SetGrabbed(g) => {
                    let relative = rt.mouse().is_some_and(|m| m.relative);
                    if !relative {
                        let mode = if g {
                            CursorGrabMode::Confined
                        } else {
                            CursorGrabMode::None
                        };
                        let _ = w.set_cursor_grab(mode);
                    }
                }
                MouseRequest::SetRelative(on) => {
                    let (visible, grabbed) = rt
                        .mouse()
                        .map(|m| (m.visible, m.grabbed))
                        .unwrap_or((true, false));
                    if on {
                        // Locked where the platform can; X11 only confines.
                        if w.set_cursor_grab(CursorGrabMode::Locked).is_err() {
                            let _ = w.set_cursor_grab(CursorGrabMode::Confined);
                        }
                        w.set_cursor_visible(false);
                    } else {
                        let mode = if grabbed {
                            CursorGrabMode::Confined
                        } else {
                            CursorGrabMode::None
                        };
                        let _ = w.set_cursor_grab(mode);
                        w.set_cursor_visible(visible);
                    }
                }
                MouseRequest::SetCursor(None) => w.set_cursor(CursorIcon::Default),
                MouseRequest::SetCursor(Some(Shape::System(name))) => {
                    w.set_cursor(cursor_icon(Some(&name)))
                }
                MouseRequest::SetCursor(Some(Shape::Image(img))) => {
                    let source = winit::window::CustomCursor::from_rgba(
                        img.rgba.clone(),
                        img.width.min(u16::MAX as u32) as u16,
                        img.height.min(u16::MAX as u32) as u16,
                        img.hot_x as u16,
                        img.hot_y as u16,
                    );
                    match source {
                        Ok(src) => w.set_cursor(el.create_custom_cursor(src)),
                        Err(e) => eprintln!("engine: cannot use the cursor image: {e}"),
                    }
                }
            }
        }
        if let Some((on, rect)) = rt.keyboard().and_then(|mut k| k.take_text_input_change()) {
            w.set_ime_allowed(on);
            if let Some([x, y, rw, rh]) = rect {
                w.set_ime_cursor_area(
                    winit::dpi::PhysicalPosition::new(x, y),
                    winit::dpi::PhysicalSize::new(rw, rh),
                );
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
        self.apply_requests(el);
        if let Some(rt) = self.rt.as_mut() {
            rt.poll_reload();
        }
        if let Some(rt) = self.rt() {
            crate::event::lua::pump(rt.lua());
        }
        if self.waiting && !self.events_queued() {
            return;
        }
        let step = match self.rt.as_mut() {
            Some(rt) => timed_frame(rt, &mut self.stats),
            None => return,
        };
        self.waiting = step == Step::Wait;
        if !self.waiting {
            self.frames += 1;
        }
        self.handle_step(el, step);
    }

    fn events_queued(&self) -> bool {
        self.rt()
            .and_then(|rt| rt.lua().app_data_ref::<crate::event::EventQueue>())
            .is_some_and(|q| !q.is_empty())
    }

    /// While the game waits in `love.event.wait`: sleep until a window event arrives,
    /// waking every few milliseconds to poll gamepads and hot reload.
    fn idle_while_waiting(&mut self, el: &ActiveEventLoop) {
        if let Some(rt) = self.rt.as_mut() {
            rt.poll_reload();
            crate::event::lua::pump(rt.lua());
        }
        if self.events_queued() {
            el.set_control_flow(ControlFlow::Poll);
            match &self.window {
                Some(w) => w.request_redraw(),
                None => self.redraw(el),
            }
        } else {
            let wake = Instant::now() + std::time::Duration::from_millis(15);
            el.set_control_flow(ControlFlow::WaitUntil(wake));
        }
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
                g.set_msaa(settings.msaa);
            }
            if let Some(mut w) = rt.window() {
                w.open = true;
                w.set_size(size.width, size.height);
                w.dpi_scale = window.scale_factor();
                if let Some(m) = window.current_monitor() {
                    let s = m.size();
                    w.desktop_size = (s.width, s.height);
                }
                w.displays = displays(el);
                w.x11_window = x11_id(&window);
                if let Ok(p) = window.outer_position() {
                    w.position = (p.x, p.y);
                }
            }
            // LOVE: text input is on by default on desktop systems.
            window.set_ime_allowed(true);
            if settings.fullscreen && settings.fullscreentype == "exclusive" {
                window.set_fullscreen(Some(fullscreen_mode(&window, &settings)));
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
                if let Some(mut w) = self.rt.as_ref().and_then(|rt| rt.window()) {
                    w.visible = !o;
                }
                self.push("visible", vec![Variant::Bool(!o)]);
            }
            WindowEvent::KeyboardInput { event, .. } => {
                let PhysicalKey::Code(code) = event.physical_key else {
                    return;
                };
                let key = event.key_without_modifiers();
                let pressed = event.state == ElementState::Pressed;
                let text = event.text.as_ref().map(|t| t.to_string());
                let evs = match self.rt.as_ref().and_then(|rt| rt.keyboard()) {
                    Some(mut kb) => {
                        self.input
                            .key(&mut kb, &key, code, pressed, event.repeat, text.as_deref())
                    }
                    None => return,
                };
                self.push_all(evs);
            }
            WindowEvent::Ime(ime) => {
                let evs = match (ime, self.rt.as_ref().and_then(|rt| rt.keyboard())) {
                    (Ime::Enabled, _) => {
                        self.input.ime_active = true;
                        vec![]
                    }
                    (Ime::Disabled, _) => {
                        self.input.ime_active = false;
                        vec![]
                    }
                    (Ime::Commit(t), Some(kb)) => self.input.commit(&kb, &t),
                    (Ime::Preedit(t, cursor), Some(kb)) if !t.is_empty() => {
                        self.input.preedit(&kb, &t, cursor)
                    }
                    _ => vec![],
                };
                self.push_all(evs);
            }
            WindowEvent::CursorMoved { position, .. } => {
                let evs = match self.rt.as_ref().and_then(|rt| rt.mouse()) {
                    Some(mut m) => self.input.cursor_moved(&mut m, position.x, position.y),
                    None => return,
                };
                self.push_all(evs);
            }
            WindowEvent::CursorEntered { .. } | WindowEvent::CursorLeft { .. } => {
                let inside = matches!(event, WindowEvent::CursorEntered { .. });
                if let Some(mut w) = self.rt.as_ref().and_then(|rt| rt.window()) {
                    w.mouse_focus = inside;
                }
                self.push("mousefocus", vec![Variant::Bool(inside)]);
            }
            WindowEvent::Moved(p) => {
                if let Some(mut w) = self.rt.as_ref().and_then(|rt| rt.window()) {
                    w.position = (p.x, p.y);
                }
            }
            WindowEvent::MouseInput { state, button, .. } => {
                let pressed = state == ElementState::Pressed;
                let evs = match self.rt.as_ref().and_then(|rt| rt.mouse()) {
                    Some(mut m) => self.input.mouse_button(
                        &mut m,
                        button_number(button),
                        pressed,
                        Instant::now(),
                    ),
                    None => return,
                };
                self.push_all(evs);
            }
            WindowEvent::MouseWheel { delta, .. } => {
                let (x, y) = match delta {
                    MouseScrollDelta::LineDelta(x, y) => (x as f64, y as f64),
                    // Touchpads report pixels; LÖVE reports roughly one unit per notch.
                    MouseScrollDelta::PixelDelta(p) => (p.x / 20.0, p.y / 20.0),
                };
                let evs = self.input.wheel(x, y);
                self.push_all(evs);
            }
            WindowEvent::Touch(t) => {
                let phase = match t.phase {
                    TouchPhase::Started => 0,
                    TouchPhase::Moved => 1,
                    TouchPhase::Ended | TouchPhase::Cancelled => 2,
                };
                let pressure = t.force.map_or(1.0, |f| f.normalized());
                let evs = match self
                    .rt
                    .as_ref()
                    .and_then(|rt| rt.lua().app_data_mut::<crate::touch::Touches>())
                {
                    Some(mut touches) => self.input.touch(
                        &mut touches,
                        t.id,
                        phase,
                        t.location.x,
                        t.location.y,
                        pressure,
                    ),
                    None => return,
                };
                self.push_all(evs);
            }
            WindowEvent::RedrawRequested => {
                self.redraw(el);
                if !self.waiting
                    && let Some(w) = &self.window
                {
                    w.request_redraw();
                }
            }
            _ => {}
        }
    }

    fn device_event(&mut self, _el: &ActiveEventLoop, _id: DeviceId, event: DeviceEvent) {
        if let DeviceEvent::MouseMotion { delta: (dx, dy) } = event {
            let evs = match self.rt.as_ref().and_then(|rt| rt.mouse()) {
                Some(m) => self.input.raw_motion(&m, dx, dy),
                None => return,
            };
            self.push_all(evs);
        }
    }

    fn about_to_wait(&mut self, el: &ActiveEventLoop) {
        if self.waiting {
            self.idle_while_waiting(el);
            return;
        }
        el.set_control_flow(ControlFlow::Poll);
        match &self.window {
            Some(w) => w.request_redraw(),
            // t.window = false: no redraws arrive, so drive the loop from here.
            None => self.redraw(el),
        }
    }
}
