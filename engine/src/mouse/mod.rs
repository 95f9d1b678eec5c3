//! Mouse state: position in window pixels, the buttons held down, and the cursor settings
//! the game chose (visible, grabbed, relative mode, cursor shape).
//!
//! The app updates position and buttons as it delivers mouse events, and applies the
//! settings the game changed ([`Mouse::take_requests`]) to the real window between frames.
//! LÖVE numbers buttons 1 (left), 2 (right), 3 (middle), then 4, 5... for extra buttons.

pub mod lua;

/// LÖVE's system cursor names (CursorType without "image").
pub const SYSTEM_CURSORS: [&str; 12] = [
    "arrow",
    "ibeam",
    "wait",
    "waitarrow",
    "crosshair",
    "sizenwse",
    "sizenesw",
    "sizewe",
    "sizens",
    "sizeall",
    "no",
    "hand",
];

/// An image cursor: RGBA8 pixels and the hot spot.
#[derive(Debug, PartialEq)]
pub struct CursorImage {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
    pub hot_x: u32,
    pub hot_y: u32,
}

/// A cursor shape: a system cursor by CursorType name, or an image.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    System(String),
    Image(std::sync::Arc<CursorImage>),
}

/// A change for the app to apply to the window.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    SetPosition(f64, f64),
    SetVisible(bool),
    SetGrabbed(bool),
    SetRelative(bool),
    /// `None` is the default arrow.
    SetCursor(Option<Shape>),
}

pub struct Mouse {
    pub x: f64,
    pub y: f64,
    buttons: u32,
    pub visible: bool,
    pub grabbed: bool,
    pub relative: bool,
    /// The cursor in use (`None`: the default).
    pub cursor: Option<Shape>,
    requests: Vec<Request>,
}

impl Default for Mouse {
    fn default() -> Self {
        Mouse {
            x: 0.0,
            y: 0.0,
            buttons: 0,
            visible: true,
            grabbed: false,
            relative: false,
            cursor: None,
            requests: Vec::new(),
        }
    }
}

impl Mouse {
    pub fn set_button(&mut self, button: u32, down: bool) {
        if (1..=32).contains(&button) {
            let bit = 1u32 << (button - 1);
            if down {
                self.buttons |= bit;
            } else {
                self.buttons &= !bit;
            }
        }
    }

    pub fn is_down(&self, button: i64) -> bool {
        (1..=32).contains(&button) && self.buttons & (1u32 << (button - 1)) != 0
    }

    /// Records a change the game asked for and remembers its effect at once (LÖVE's
    /// getters report the new value immediately).
    pub fn request(&mut self, r: Request) {
        match &r {
            Request::SetPosition(x, y) => {
                self.x = *x;
                self.y = *y;
            }
            Request::SetVisible(v) => self.visible = *v,
            Request::SetGrabbed(g) => self.grabbed = *g,
            Request::SetRelative(r) => self.relative = *r,
            Request::SetCursor(c) => self.cursor = c.clone(),
        }
        self.requests.push(r);
    }

    /// Changes since the last call, for the app to apply.
    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.requests)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mouse_buttons_track_state() {
        let mut m = Mouse::default();
        m.set_button(2, true);
        assert!(m.is_down(2) && !m.is_down(1) && !m.is_down(0) && !m.is_down(99));
        m.set_button(2, false);
        assert!(!m.is_down(2));
    }

    #[test]
    fn mouse_requests_apply_at_once_and_drain() {
        let mut m = Mouse::default();
        m.request(Request::SetPosition(3.0, 4.0));
        m.request(Request::SetRelative(true));
        assert_eq!((m.x, m.y), (3.0, 4.0));
        assert!(m.relative && m.visible);
        assert_eq!(m.take_requests().len(), 2);
        assert!(m.take_requests().is_empty());
    }
}
