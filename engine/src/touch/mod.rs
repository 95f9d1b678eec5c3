//! `love.touch` core: the touches currently on the screen (id, position, pressure).
//!
//! The app records touches as the window system reports them (winit `Touch` events, on
//! touch screens) and delivers touchpressed/touchmoved/touchreleased. Knows nothing of Lua.

pub mod lua;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Touch {
    pub id: u64,
    pub x: f64,
    pub y: f64,
    pub pressure: f64,
}

#[derive(Default)]
pub struct Touches {
    list: Vec<Touch>,
}

impl Touches {
    /// A touch began or moved; returns (dx, dy) since its last position.
    pub fn update(&mut self, t: Touch) -> (f64, f64) {
        match self.list.iter_mut().find(|o| o.id == t.id) {
            Some(o) => {
                let d = (t.x - o.x, t.y - o.y);
                *o = t;
                d
            }
            None => {
                self.list.push(t);
                (0.0, 0.0)
            }
        }
    }

    /// A touch ended; returns (dx, dy) since its last position.
    pub fn end(&mut self, id: u64, x: f64, y: f64) -> (f64, f64) {
        match self.list.iter().position(|o| o.id == id) {
            Some(i) => {
                let o = self.list.remove(i);
                (x - o.x, y - o.y)
            }
            None => (0.0, 0.0),
        }
    }

    pub fn all(&self) -> &[Touch] {
        &self.list
    }

    pub fn get(&self, id: u64) -> Option<&Touch> {
        self.list.iter().find(|t| t.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touch_update_and_end_give_deltas() {
        let mut t = Touches::default();
        let a = Touch {
            id: 5,
            x: 10.0,
            y: 10.0,
            pressure: 1.0,
        };
        assert_eq!(t.update(a), (0.0, 0.0));
        assert_eq!(t.update(Touch { x: 15.0, ..a }), (5.0, 0.0));
        assert_eq!(t.get(5).map(|t| t.x), Some(15.0));
        assert_eq!(t.end(5, 15.0, 20.0), (0.0, 10.0));
        assert!(t.all().is_empty());
    }
}
