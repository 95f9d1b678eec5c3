//! Window state as the game sees it: title, mode (size and flags), focus, visibility.
//!
//! The app owns the real window (winit) or the headless target; this module keeps what
//! `love.window` reports and the changes the game asked for, which the app applies
//! between frames ([`WindowState::take_requests`]). Knows nothing of Lua or winit.

pub mod lua;
mod lua_more;
pub mod messagebox;
#[cfg(all(unix, not(target_os = "macos")))]
pub mod messagebox_x11;

#[derive(Clone, Debug, PartialEq)]
pub struct WindowSettings {
    pub width: u32,
    pub height: u32,
    pub fullscreen: bool,
    pub fullscreentype: String,
    pub vsync: i32,
    pub msaa: u32,
    pub stencil: bool,
    pub depth: u32,
    pub resizable: bool,
    pub borderless: bool,
    pub centered: bool,
    pub display: u32,
    pub minwidth: u32,
    pub minheight: u32,
    pub highdpi: bool,
    pub usedpiscale: bool,
    pub x: Option<i32>,
    pub y: Option<i32>,
    pub refreshrate: u32,
}

impl Default for WindowSettings {
    /// LÖVE 11.5's defaults (conf.lua's `t.window`).
    fn default() -> Self {
        WindowSettings {
            width: 800,
            height: 600,
            fullscreen: false,
            fullscreentype: "desktop".into(),
            vsync: 1,
            msaa: 0,
            stencil: true,
            depth: 0,
            resizable: false,
            borderless: false,
            centered: true,
            display: 1,
            minwidth: 1,
            minheight: 1,
            highdpi: false,
            usedpiscale: true,
            x: None,
            y: None,
            refreshrate: 0,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    SetMode(WindowSettings),
    SetTitle(String),
    Close,
    /// Window position in desktop pixels, on the settings' display.
    SetPosition(i32, i32),
    Minimize,
    Maximize,
    Restore,
    RequestAttention(bool),
    SetVSync(i32),
    /// RGBA8 pixels, width, height.
    SetIcon(Vec<u8>, u32, u32),
}

/// A monitor as the window system reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct Display {
    pub name: String,
    pub width: u32,
    pub height: u32,
    /// Fullscreen modes (width, height), largest first, without duplicates.
    pub modes: Vec<(u32, u32)>,
}

pub struct WindowState {
    pub title: String,
    pub settings: WindowSettings,
    pub open: bool,
    pub focused: bool,
    pub visible: bool,
    pub dpi_scale: f64,
    pub desktop_size: (u32, u32),
    pub headless: bool,
    pub mouse_focus: bool,
    pub minimized: bool,
    pub maximized: bool,
    pub position: (i32, i32),
    pub display_sleep: bool,
    /// Monitors (empty headless: then the window's own size stands for the desktop).
    pub displays: Vec<Display>,
    /// The game window's X11 id (showMessageBox makes its dialog transient for it).
    pub x11_window: Option<u32>,
    requests: Vec<Request>,
}

impl WindowState {
    pub fn new(title: String, settings: WindowSettings, headless: bool) -> WindowState {
        WindowState {
            title,
            settings,
            open: false,
            focused: !headless,
            visible: true,
            dpi_scale: 1.0,
            desktop_size: (0, 0),
            headless,
            mouse_focus: false,
            minimized: false,
            maximized: false,
            position: (0, 0),
            display_sleep: true,
            displays: Vec::new(),
            x11_window: None,
            requests: Vec::new(),
        }
    }

    /// Display `index` (1-based), if it exists. Headless has one display: the screen.
    pub fn display(&self, index: i64) -> Option<Display> {
        if self.displays.is_empty() {
            let (w, h) = if self.desktop_size.0 > 0 {
                self.desktop_size
            } else {
                (self.settings.width, self.settings.height)
            };
            return (index == 1).then(|| Display {
                name: "headless".into(),
                width: w,
                height: h,
                modes: vec![(w, h)],
            });
        }
        let i = usize::try_from(index.checked_sub(1)?).ok()?;
        self.displays.get(i).cloned()
    }

    pub fn display_count(&self) -> usize {
        self.displays.len().max(1)
    }

    pub fn request(&mut self, r: Request) {
        match &r {
            Request::SetMode(s) => {
                if let (Some(x), Some(y)) = (s.x, s.y) {
                    self.position = (x, y);
                }
                self.settings = s.clone();
            }
            Request::SetTitle(t) => self.title = t.clone(),
            Request::Close => self.open = false,
            Request::SetPosition(x, y) => self.position = (*x, *y),
            Request::Minimize => self.minimized = true,
            Request::Maximize => {
                self.maximized = true;
                self.minimized = false;
            }
            Request::Restore => {
                self.maximized = false;
                self.minimized = false;
            }
            Request::RequestAttention(_) => {}
            Request::SetVSync(v) => self.settings.vsync = *v,
            Request::SetIcon(..) => {}
        }
        self.requests.push(r);
    }

    /// Changes the game asked for since the last call, for the app to apply.
    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.requests)
    }

    /// The app reports the size the window really has (after a resize or a mode change).
    pub fn set_size(&mut self, width: u32, height: u32) {
        self.settings.width = width;
        self.settings.height = height;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_requests_update_state_and_drain() {
        let mut w = WindowState::new("Untitled".into(), WindowSettings::default(), true);
        w.request(Request::SetTitle("Game".into()));
        let mut s = w.settings.clone();
        s.width = 320;
        w.request(Request::SetMode(s));
        assert_eq!(w.title, "Game");
        assert_eq!(w.settings.width, 320);
        assert_eq!(w.take_requests().len(), 2);
        assert!(w.take_requests().is_empty());
    }

    #[test]
    fn window_state_requests_and_displays() {
        let mut w = WindowState::new("t".into(), WindowSettings::default(), true);
        w.request(Request::Maximize);
        assert!(w.maximized);
        w.request(Request::Minimize);
        w.request(Request::Restore);
        assert!(!w.maximized && !w.minimized);
        w.request(Request::SetPosition(5, 6));
        assert_eq!(w.position, (5, 6));
        assert_eq!(w.display_count(), 1);
        assert_eq!(w.display(1).map(|d| d.width), Some(800));
        assert!(w.display(2).is_none() && w.display(0).is_none());
    }
}
