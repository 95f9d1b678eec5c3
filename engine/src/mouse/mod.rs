//! Mouse state: position in window pixels and the buttons held down.
//!
//! The app updates it as it delivers mouse events; LÖVE numbers buttons 1 (left),
//! 2 (right), 3 (middle), then 4, 5... for extra buttons.

pub mod lua;

#[derive(Default)]
pub struct Mouse {
    pub x: f64,
    pub y: f64,
    buttons: u32,
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
}
