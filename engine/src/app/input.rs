//! Input translation: window-system input (already reduced to plain values: winit's `Key`
//! and `KeyCode`, positions, button numbers) into `love.event` events, updating the
//! keyboard, mouse and touch state on the way. The windowed driver calls these for winit
//! events; tests call them with synthetic input. Plain functions of their arguments: no
//! window, no Lua.

use super::keys::{key_name, scancode_name};
use crate::event::{Event, Variant};
use crate::keyboard::Keyboard;
use crate::mouse::Mouse;
use crate::touch::{Touch, Touches};
use std::time::{Duration, Instant};
use winit::keyboard::{Key, KeyCode};

/// Presses this close in time and space count as one multi-click (`presses` argument).
pub const DOUBLE_CLICK_TIME: Duration = Duration::from_millis(500);
pub const DOUBLE_CLICK_DISTANCE: f64 = 5.0;

fn num(x: f64) -> Variant {
    Variant::Number(x)
}

/// Translation state that lives across events.
#[derive(Default)]
pub struct Input {
    last_click: Option<(u32, Instant, f64, f64)>,
    clicks: u32,
    last_mouse: Option<(f64, f64)>,
    /// The input method is on (winit `Ime::Enabled`).
    pub ime_active: bool,
    /// Text the last key press typed, to drop an `Ime::Commit` repeating it (platforms
    /// differ in whether plain typing also arrives as a commit).
    last_key_text: Option<String>,
}

impl Input {
    /// A key press or release. `text` is what the key typed (winit's `KeyEvent::text`).
    pub fn key(
        &mut self,
        kb: &mut Keyboard,
        key: &Key,
        code: KeyCode,
        pressed: bool,
        repeat: bool,
        text: Option<&str>,
    ) -> Vec<Event> {
        let name = key_name(key, code);
        let scancode = scancode_name(code).to_string();
        let mut out = Vec::new();
        if !pressed {
            self.last_key_text = None;
            kb.release(&name, &scancode);
            out.push(Event::new(
                "keyreleased",
                vec![Variant::Str(name), Variant::Str(scancode)],
            ));
            return out;
        }
        kb.press(&name, &scancode);
        // LOVE: repeats are delivered only with setKeyRepeat(true).
        if !repeat || kb.key_repeat {
            out.push(Event::new(
                "keypressed",
                vec![
                    Variant::Str(name),
                    Variant::Str(scancode),
                    Variant::Bool(repeat),
                ],
            ));
        }
        self.last_key_text = None;
        if let Some(t) = text {
            out.extend(self.text(kb, t));
            self.last_key_text = Some(t.to_string());
        }
        out
    }

    /// Text the input method committed: textinput, unless the key press just typed it.
    pub fn commit(&mut self, kb: &Keyboard, text: &str) -> Vec<Event> {
        if self.last_key_text.take().as_deref() == Some(text) {
            return Vec::new();
        }
        self.text(kb, text)
    }

    /// Typed or committed text: textinput, when text input is on.
    pub fn text(&mut self, kb: &Keyboard, text: &str) -> Vec<Event> {
        if !kb.text_input() || text.is_empty() || text.chars().any(|c| c.is_control()) {
            return Vec::new();
        }
        vec![Event::new(
            "textinput",
            vec![Variant::Str(text.to_string())],
        )]
    }

    /// IME composition text: textedited(text, start, length), with start and length in
    /// characters as LÖVE gives them (winit gives a byte range of the cursor).
    pub fn preedit(
        &mut self,
        kb: &Keyboard,
        text: &str,
        cursor: Option<(usize, usize)>,
    ) -> Vec<Event> {
        if !kb.text_input() {
            return Vec::new();
        }
        let chars = |b: usize| text.get(..b).map_or(0, |s| s.chars().count());
        let (start, len) = match cursor {
            Some((a, b)) => (chars(a), chars(b).saturating_sub(chars(a))),
            None => (chars(text.len()), 0),
        };
        vec![Event::new(
            "textedited",
            vec![
                Variant::Str(text.to_string()),
                num(start as f64),
                num(len as f64),
            ],
        )]
    }

    /// The cursor moved to (x, y) in window pixels. In relative mode the position is
    /// not reported (deltas come from [`Input::raw_motion`]).
    pub fn cursor_moved(&mut self, m: &mut Mouse, x: f64, y: f64) -> Vec<Event> {
        let (dx, dy) = self
            .last_mouse
            .map(|(lx, ly)| (x - lx, y - ly))
            .unwrap_or((0.0, 0.0));
        self.last_mouse = Some((x, y));
        if m.relative {
            return Vec::new();
        }
        m.x = x;
        m.y = y;
        vec![Event::new(
            "mousemoved",
            vec![num(x), num(y), num(dx), num(dy), Variant::Bool(false)],
        )]
    }

    /// Raw device motion (winit `DeviceEvent::MouseMotion`): mousemoved deltas in relative mode.
    pub fn raw_motion(&mut self, m: &Mouse, dx: f64, dy: f64) -> Vec<Event> {
        if !m.relative || (dx == 0.0 && dy == 0.0) {
            return Vec::new();
        }
        vec![Event::new(
            "mousemoved",
            vec![num(m.x), num(m.y), num(dx), num(dy), Variant::Bool(false)],
        )]
    }

    /// A button (LÖVE numbering) went down or up at the mouse's position, at time `now`.
    pub fn mouse_button(
        &mut self,
        m: &mut Mouse,
        button: u32,
        pressed: bool,
        now: Instant,
    ) -> Vec<Event> {
        let (x, y) = (m.x, m.y);
        if pressed {
            let again = self.last_click.is_some_and(|(b, t, lx, ly)| {
                b == button
                    && now.saturating_duration_since(t) < DOUBLE_CLICK_TIME
                    && (lx - x).abs() < DOUBLE_CLICK_DISTANCE
                    && (ly - y).abs() < DOUBLE_CLICK_DISTANCE
            });
            self.clicks = if again { self.clicks + 1 } else { 1 };
            self.last_click = Some((button, now, x, y));
        }
        m.set_button(button, pressed);
        let name = if pressed {
            "mousepressed"
        } else {
            "mousereleased"
        };
        vec![Event::new(
            name,
            vec![
                num(x),
                num(y),
                num(button as f64),
                Variant::Bool(false),
                num(self.clicks.max(1) as f64),
            ],
        )]
    }

    /// Wheel movement in notches (x right, y away from the user).
    pub fn wheel(&mut self, dx: f64, dy: f64) -> Vec<Event> {
        vec![Event::new("wheelmoved", vec![num(dx), num(dy)])]
    }

    /// A touch began (`phase` 0), moved (1) or ended (2, or 3 for cancelled).
    pub fn touch(
        &mut self,
        t: &mut Touches,
        id: u64,
        phase: u8,
        x: f64,
        y: f64,
        pressure: f64,
    ) -> Vec<Event> {
        let (name, (dx, dy)) = match phase {
            0 => ("touchpressed", t.update(Touch { id, x, y, pressure })),
            1 => ("touchmoved", t.update(Touch { id, x, y, pressure })),
            _ => ("touchreleased", t.end(id, x, y)),
        };
        vec![Event::new(
            name,
            vec![
                Variant::Touch(id),
                num(x),
                num(y),
                num(dx),
                num(dy),
                num(pressure),
            ],
        )]
    }
}

#[cfg(test)]
mod tests;
