//! Keyboard state: which keys and scancodes are down, key repeat, text input.
//!
//! The app records presses and releases here as it delivers the matching events.

pub mod lua;

use std::collections::HashSet;

#[derive(Default)]
pub struct Keyboard {
    keys: HashSet<String>,
    scancodes: HashSet<String>,
    pub key_repeat: bool,
    pub text_input: bool,
}

impl Keyboard {
    pub fn press(&mut self, key: &str, scancode: &str) {
        self.keys.insert(key.to_string());
        self.scancodes.insert(scancode.to_string());
    }

    pub fn release(&mut self, key: &str, scancode: &str) {
        self.keys.remove(key);
        self.scancodes.remove(scancode);
    }

    /// Focus lost: the window system won't report releases, so forget every key.
    pub fn release_all(&mut self) {
        self.keys.clear();
        self.scancodes.clear();
    }

    pub fn is_down(&self, key: &str) -> bool {
        self.keys.contains(key)
    }

    pub fn is_scancode_down(&self, scancode: &str) -> bool {
        self.scancodes.contains(scancode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyboard_press_release() {
        let mut k = Keyboard::default();
        k.press("a", "q");
        assert!(k.is_down("a") && k.is_scancode_down("q"));
        k.release("a", "q");
        assert!(!k.is_down("a"));
        k.press("b", "b");
        k.release_all();
        assert!(!k.is_down("b"));
    }
}
