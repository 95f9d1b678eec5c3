//! The `love.event` queue: window and input events waiting for `love.event.poll`.
//!
//! The app pushes events as the window system delivers them; games push their own with
//! `love.event.push`. Values are plain [`Variant`]s; Lua values that have no plain form
//! (tables, functions, userdata) are kept by the binding and referenced by index.

pub mod inject;
pub mod lua;

use std::collections::VecDeque;

#[derive(Clone, Debug, PartialEq)]
pub enum Variant {
    Nil,
    Bool(bool),
    Number(f64),
    Str(String),
    /// A Lua value held by the binding (index into its side table).
    LuaRef(usize),
    /// A `Joystick` object, by its id (see `joystick::lua::object`).
    Joystick(u32),
    /// A touch id (light userdata in Lua, see `touch::lua::id_value`).
    Touch(u64),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub name: String,
    pub args: Vec<Variant>,
}

impl Event {
    pub fn new(name: &str, args: Vec<Variant>) -> Event {
        Event {
            name: name.to_string(),
            args,
        }
    }
}

#[derive(Default)]
pub struct EventQueue {
    queue: VecDeque<Event>,
}

impl EventQueue {
    pub fn push(&mut self, e: Event) {
        self.queue.push_back(e);
    }

    pub fn poll(&mut self) -> Option<Event> {
        self.queue.pop_front()
    }

    pub fn clear(&mut self) {
        self.queue.clear();
    }

    pub fn len(&self) -> usize {
        self.queue.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// `love.event.quit(status)`: a quit event carrying the exit status (or "restart").
    pub fn quit(&mut self, status: Variant) {
        self.push(Event::new("quit", vec![status]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_queue_is_fifo() {
        let mut q = EventQueue::default();
        q.push(Event::new("keypressed", vec![Variant::Str("a".into())]));
        q.quit(Variant::Number(3.0));
        assert_eq!(q.len(), 2);
        assert_eq!(q.poll().map(|e| e.name), Some("keypressed".to_string()));
        let quit = q.poll().expect("quit");
        assert_eq!(quit.args, vec![Variant::Number(3.0)]);
        assert!(q.is_empty());
    }
}
