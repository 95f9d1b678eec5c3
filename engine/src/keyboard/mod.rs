//! Keyboard state: which keys and scancodes are down, key repeat, text input (with the
//! IME rectangle), and the keyboard layout as far as it has been seen.
//!
//! The app records presses and releases here as it delivers the matching events. winit
//! cannot be asked for the layout, so `getKeyFromScancode`/`getScancodeFromKey` answer from
//! the key/scancode pairs seen in key events so far, and from the US layout otherwise.

pub mod lua;

use std::collections::{HashMap, HashSet};

pub struct Keyboard {
    keys: HashSet<String>,
    scancodes: HashSet<String>,
    pub key_repeat: bool,
    text_input: bool,
    text_rect: Option<[f64; 4]>,
    text_changed: bool,
    /// scancode → key seen in key events (the real layout).
    seen: HashMap<String, String>,
}

impl Default for Keyboard {
    fn default() -> Self {
        Keyboard {
            keys: HashSet::new(),
            scancodes: HashSet::new(),
            key_repeat: false,
            // LOVE: text input is on by default on desktop systems.
            text_input: true,
            text_rect: None,
            text_changed: false,
            seen: HashMap::new(),
        }
    }
}

impl Keyboard {
    pub fn press(&mut self, key: &str, scancode: &str) {
        self.keys.insert(key.to_string());
        self.scancodes.insert(scancode.to_string());
        if key != "unknown" && scancode != "unknown" {
            self.seen.insert(scancode.to_string(), key.to_string());
        }
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

    pub fn text_input(&self) -> bool {
        self.text_input
    }

    pub fn text_rect(&self) -> Option<[f64; 4]> {
        self.text_rect
    }

    /// `setTextInput(enable [, x, y, w, h])`.
    pub fn set_text_input(&mut self, on: bool, rect: Option<[f64; 4]>) {
        self.text_input = on;
        if rect.is_some() {
            self.text_rect = rect;
        }
        self.text_changed = true;
    }

    /// The text input state if the game changed it since the last call (for the app).
    pub fn take_text_input_change(&mut self) -> Option<(bool, Option<[f64; 4]>)> {
        std::mem::take(&mut self.text_changed).then_some((self.text_input, self.text_rect))
    }

    /// The key a scancode gives in the layout (as seen, else US); `default` maps US.
    pub fn key_from_scancode(&self, scancode: &str, default: impl Fn(&str) -> String) -> String {
        match self.seen.get(scancode) {
            Some(k) => k.clone(),
            None => default(scancode),
        }
    }

    /// The scancode of a key in the layout (as seen, else US through `default`).
    pub fn scancode_from_key(&self, key: &str, default: impl Fn(&str) -> String) -> String {
        let mut seen: Vec<&String> = self
            .seen
            .iter()
            .filter(|(_, k)| k.as_str() == key)
            .map(|(s, _)| s)
            .collect();
        seen.sort();
        match seen.first() {
            Some(s) => (*s).clone(),
            None => default(key),
        }
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

    #[test]
    fn keyboard_layout_learned_from_events() {
        let mut k = Keyboard::default();
        let us = |s: &str| s.to_string();
        assert_eq!(k.key_from_scancode("q", us), "q");
        // AZERTY: the physical "q" key types "a".
        k.press("a", "q");
        assert_eq!(k.key_from_scancode("q", us), "a");
        assert_eq!(k.scancode_from_key("a", us), "q");
        assert_eq!(k.scancode_from_key("z", us), "z");
    }

    #[test]
    fn keyboard_text_input_change_reported_once() {
        let mut k = Keyboard::default();
        k.set_text_input(true, Some([1.0, 2.0, 3.0, 4.0]));
        assert_eq!(
            k.take_text_input_change(),
            Some((true, Some([1.0, 2.0, 3.0, 4.0])))
        );
        assert_eq!(k.take_text_input_change(), None);
    }
}
