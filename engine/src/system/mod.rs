//! `love.system`: the OS name, the clipboard, processor count.
//!
//! The clipboard is the system's where a window system is reachable (arboard), and a
//! process-local one otherwise (headless, no display).

pub mod lua;

/// LÖVE's OS names.
pub fn os_name() -> &'static str {
    match std::env::consts::OS {
        "linux" => "Linux",
        "windows" => "Windows",
        "macos" => "OS X",
        "android" => "Android",
        "ios" => "iOS",
        _ => "Linux",
    }
}

#[derive(Default)]
pub struct Clipboard {
    local: String,
    system: Option<arboard::Clipboard>,
    tried: bool,
}

impl Clipboard {
    fn system(&mut self) -> Option<&mut arboard::Clipboard> {
        if !self.tried {
            self.tried = true;
            let has_display = std::env::var_os("DISPLAY").is_some()
                || std::env::var_os("WAYLAND_DISPLAY").is_some();
            if has_display {
                self.system = arboard::Clipboard::new().ok();
            }
        }
        self.system.as_mut()
    }

    pub fn set(&mut self, text: &str) {
        self.local = text.to_string();
        if let Some(c) = self.system() {
            let _ = c.set_text(text.to_string());
        }
    }

    pub fn get(&mut self) -> String {
        if let Some(c) = self.system()
            && let Ok(t) = c.get_text()
        {
            return t;
        }
        self.local.clone()
    }
}
