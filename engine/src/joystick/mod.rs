//! `love.joystick` core: the joysticks the game can see, their raw state (buttons, axes,
//! hats) and gamepad state, and the `love.event` events their changes produce.
//!
//! Devices arrive as [`RawEvent`]s, from the gilrs backend (`backend.rs`, polled once a
//! frame by the app and by `love.event.pump`) or injected by tests. Gamepad state comes from
//! the game's own SDL mapping for the device's GUID when it set or loaded one
//! (`mapping.rs`), else from gilrs's mapping (its built-in SDL database). No device, or no
//! gamepad support at all (no udev, a container), is a normal state: zero joysticks.
//! Knows nothing of Lua.

pub mod backend;
pub mod lua;
pub mod mapping;

use crate::event::{Event, Variant};
use mapping::{GAMEPAD_AXES, GAMEPAD_BUTTONS, MappingDb, Source};

/// A device as the backend describes it when it connects.
#[derive(Clone, Debug, Default)]
pub struct DeviceInfo {
    /// The backend's id for the device.
    pub key: usize,
    pub name: String,
    /// SDL-style GUID, 32 hex digits.
    pub guid: String,
    pub vendor: u16,
    pub product: u16,
    pub version: u16,
    /// The backend knows a gamepad mapping for it.
    pub gamepad: bool,
    pub vibration: bool,
    /// Raw codes known at connection, in SDL index order where the backend can tell.
    pub button_codes: Vec<u32>,
    pub axis_codes: Vec<u32>,
    pub hats: usize,
    /// Codes are the 0-based indices themselves (injected devices).
    pub direct: bool,
}

/// A change reported by the backend (or injected).
#[derive(Clone, Debug)]
pub enum RawEvent {
    Added(DeviceInfo),
    Removed(usize),
    /// A raw button; `mapped` is the backend's gamepad button index, if any.
    Button {
        key: usize,
        code: u32,
        pressed: bool,
        mapped: Option<usize>,
    },
    /// A raw axis in [-1, 1]; `mapped` is the backend's gamepad axis and value, if any.
    Axis {
        key: usize,
        code: u32,
        value: f32,
        mapped: Option<(usize, f32)>,
    },
    /// A gamepad axis the backend reports with no raw counterpart (analog trigger buttons).
    MappedAxis {
        key: usize,
        axis: usize,
        value: f32,
    },
    Hat {
        key: usize,
        index: usize,
        mask: u8,
    },
}

pub struct Device {
    /// LÖVE's joystick id: 1, 2, ... in order of first connection, kept on reconnection.
    pub id: u32,
    key: usize,
    pub name: String,
    pub guid: String,
    pub vendor: u16,
    pub product: u16,
    pub version: u16,
    pub connected: bool,
    backend_gamepad: bool,
    direct: bool,
    pub vibration_supported: bool,
    pub vibration: (f32, f32),
    button_codes: Vec<u32>,
    buttons: Vec<bool>,
    axis_codes: Vec<u32>,
    axes: Vec<f32>,
    hats: Vec<u8>,
    backend_buttons: [bool; 15],
    backend_axes: [f32; 6],
    // The gamepad state last reported through events, to report changes only.
    sent_buttons: [bool; 15],
    sent_axes: [f32; 6],
}

fn index_of(codes: &mut Vec<u32>, values_len: usize, code: u32) -> usize {
    match codes.iter().position(|&c| c == code) {
        Some(i) => i,
        None => {
            codes.push(code);
            codes.len().max(values_len) - 1
        }
    }
}

impl Device {
    fn new(id: u32, info: DeviceInfo) -> Device {
        let nb = info.button_codes.len();
        let na = info.axis_codes.len();
        Device {
            id,
            key: info.key,
            name: info.name,
            guid: info.guid,
            vendor: info.vendor,
            product: info.product,
            version: info.version,
            connected: true,
            backend_gamepad: info.gamepad,
            direct: info.direct,
            vibration_supported: info.vibration,
            vibration: (0.0, 0.0),
            button_codes: info.button_codes,
            buttons: vec![false; nb],
            axis_codes: info.axis_codes,
            axes: vec![0.0; na],
            hats: vec![0; info.hats],
            backend_buttons: [false; 15],
            backend_axes: [0.0; 6],
            sent_buttons: [false; 15],
            sent_axes: [0.0; 6],
        }
    }

    pub fn button_count(&self) -> usize {
        self.buttons.len()
    }
    pub fn axis_count(&self) -> usize {
        self.axes.len()
    }
    pub fn hat_count(&self) -> usize {
        self.hats.len()
    }

    /// Raw button, 0-based.
    pub fn button(&self, i: usize) -> bool {
        self.connected && self.buttons.get(i).copied().unwrap_or(false)
    }
    /// Raw axis, 0-based.
    pub fn axis(&self, i: usize) -> f32 {
        if !self.connected {
            return 0.0;
        }
        self.axes.get(i).copied().unwrap_or(0.0)
    }
    pub fn axes(&self) -> Vec<f32> {
        (0..self.axes.len()).map(|i| self.axis(i)).collect()
    }
    /// Raw hat direction mask, 0-based.
    pub fn hat(&self, i: usize) -> u8 {
        if !self.connected {
            return 0;
        }
        self.hats.get(i).copied().unwrap_or(0)
    }

    pub fn is_gamepad(&self, db: &MappingDb) -> bool {
        self.backend_gamepad || db.get(&self.guid).is_some()
    }

    fn source_value(&self, s: Source) -> f32 {
        match s {
            Source::Button(b) => self.button(b) as u8 as f32,
            Source::Axis(a) => self.axis(a),
            Source::Hat(h, m) => (self.hat(h) & m == m && m != 0) as u8 as f32,
        }
    }

    /// Gamepad button `i` (index into [`GAMEPAD_BUTTONS`]).
    pub fn gamepad_button(&self, db: &MappingDb, i: usize) -> bool {
        if !self.connected {
            return false;
        }
        match db.get(&self.guid) {
            Some(m) => m
                .source(GAMEPAD_BUTTONS[i])
                .is_some_and(|s| self.source_value(s) > 0.5),
            None => self.backend_buttons[i],
        }
    }

    /// Gamepad axis `i` (index into [`GAMEPAD_AXES`]): sticks in [-1, 1], triggers in [0, 1].
    pub fn gamepad_axis(&self, db: &MappingDb, i: usize) -> f32 {
        if !self.connected {
            return 0.0;
        }
        match db.get(&self.guid) {
            Some(m) => match m.source(GAMEPAD_AXES[i]) {
                // LOVE (SDL): a raw trigger axis runs -1..1 and reads 0..1 as a gamepad axis.
                Some(s @ Source::Axis(_)) if i >= 4 => (self.source_value(s) + 1.0) / 2.0,
                Some(s) => self.source_value(s),
                None => 0.0,
            },
            None => self.backend_axes[i],
        }
    }

    /// Gamepad events for whatever changed since they were last reported.
    fn gamepad_changes(&mut self, db: &MappingDb, out: &mut Vec<Event>) {
        if !self.is_gamepad(db) {
            return;
        }
        for (i, button) in GAMEPAD_BUTTONS.iter().enumerate() {
            let now = self.gamepad_button(db, i);
            if now != self.sent_buttons[i] {
                self.sent_buttons[i] = now;
                let name = if now {
                    "gamepadpressed"
                } else {
                    "gamepadreleased"
                };
                out.push(Event::new(
                    name,
                    vec![Variant::Joystick(self.id), Variant::Str((*button).into())],
                ));
            }
        }
        for (i, axis) in GAMEPAD_AXES.iter().enumerate() {
            let now = self.gamepad_axis(db, i);
            if now != self.sent_axes[i] {
                self.sent_axes[i] = now;
                out.push(Event::new(
                    "gamepadaxis",
                    vec![
                        Variant::Joystick(self.id),
                        Variant::Str((*axis).into()),
                        Variant::Number(now as f64),
                    ],
                ));
            }
        }
    }
}

/// Every joystick seen since the game started, and the game's gamepad mappings.
#[derive(Default)]
pub struct Joysticks {
    devices: Vec<Device>,
    pub mappings: MappingDb,
    backend: Option<backend::Backend>,
    backend_tried: bool,
}

impl Joysticks {
    /// Connected joysticks, in id order.
    pub fn connected(&self) -> impl Iterator<Item = &Device> {
        self.devices.iter().filter(|d| d.connected)
    }

    pub fn get(&self, id: u32) -> Option<&Device> {
        self.devices.iter().find(|d| d.id == id)
    }

    /// Whether a device backend runs (started on first use; none available is fine).
    pub fn backend_available(&mut self) -> bool {
        if !self.backend_tried {
            self.backend_tried = true;
            self.backend = backend::Backend::new();
        }
        self.backend.is_some()
    }

    /// Polls the device backend and returns the events its changes produce.
    pub fn pump(&mut self) -> Vec<Event> {
        self.backend_available();
        let raw = match self.backend.as_mut() {
            Some(b) => b.poll(),
            None => return Vec::new(),
        };
        let mut out = Vec::new();
        for r in raw {
            out.extend(self.handle(r));
        }
        out
    }

    /// Sets a joystick's vibration; false when it cannot vibrate.
    pub fn set_vibration(&mut self, id: u32, left: f32, right: f32, seconds: f64) -> bool {
        let Some(d) = self.devices.iter_mut().find(|d| d.id == id) else {
            return false;
        };
        if !d.connected || !d.vibration_supported {
            return false;
        }
        let ok = match self.backend.as_mut() {
            Some(b) => b.vibrate(d.key, left, right, seconds),
            None => true, // an injected device: record the values
        };
        if ok {
            d.vibration = (left, right);
        }
        ok
    }

    /// Applies one raw change; returns the love events it produces.
    pub fn handle(&mut self, ev: RawEvent) -> Vec<Event> {
        let mut out = Vec::new();
        match ev {
            RawEvent::Added(info) => {
                let reuse = self
                    .devices
                    .iter()
                    .position(|d| !d.connected && d.guid == info.guid);
                let id = match reuse {
                    Some(i) => {
                        let id = self.devices[i].id;
                        self.devices[i] = Device::new(id, info);
                        id
                    }
                    None => {
                        let id = self.devices.iter().map(|d| d.id).max().unwrap_or(0) + 1;
                        self.devices.push(Device::new(id, info));
                        id
                    }
                };
                out.push(Event::new("joystickadded", vec![Variant::Joystick(id)]));
            }
            RawEvent::Removed(key) => {
                if let Some(d) = self
                    .devices
                    .iter_mut()
                    .find(|d| d.connected && d.key == key)
                {
                    d.connected = false;
                    out.push(Event::new("joystickremoved", vec![Variant::Joystick(d.id)]));
                }
            }
            RawEvent::Button {
                key,
                code,
                pressed,
                mapped,
            } => {
                let Some(d) = self.device_mut(key) else {
                    return out;
                };
                let i = if d.direct {
                    code as usize
                } else {
                    index_of(&mut d.button_codes, d.buttons.len(), code)
                };
                if d.buttons.len() <= i {
                    d.buttons.resize(i + 1, false);
                }
                if let Some(m) = mapped.filter(|&m| m < 15) {
                    d.backend_buttons[m] = pressed;
                }
                if d.buttons[i] != pressed {
                    d.buttons[i] = pressed;
                    let name = if pressed {
                        "joystickpressed"
                    } else {
                        "joystickreleased"
                    };
                    out.push(Event::new(
                        name,
                        vec![Variant::Joystick(d.id), Variant::Number(i as f64 + 1.0)],
                    ));
                }
            }
            RawEvent::Axis {
                key,
                code,
                value,
                mapped,
            } => {
                let Some(d) = self.device_mut(key) else {
                    return out;
                };
                let i = if d.direct {
                    code as usize
                } else {
                    index_of(&mut d.axis_codes, d.axes.len(), code)
                };
                if d.axes.len() <= i {
                    d.axes.resize(i + 1, 0.0);
                }
                if let Some((m, v)) = mapped.filter(|&(m, _)| m < 6) {
                    d.backend_axes[m] = v;
                }
                if d.axes[i] != value {
                    d.axes[i] = value;
                    out.push(Event::new(
                        "joystickaxis",
                        vec![
                            Variant::Joystick(d.id),
                            Variant::Number(i as f64 + 1.0),
                            Variant::Number(value as f64),
                        ],
                    ));
                }
            }
            RawEvent::MappedAxis { key, axis, value } => {
                if let Some(d) = self.device_mut(key)
                    && axis < 6
                {
                    d.backend_axes[axis] = value;
                }
            }
            RawEvent::Hat { key, index, mask } => {
                let Some(d) = self.device_mut(key) else {
                    return out;
                };
                if d.hats.len() <= index {
                    d.hats.resize(index + 1, 0);
                }
                if d.hats[index] != mask {
                    d.hats[index] = mask;
                    out.push(Event::new(
                        "joystickhat",
                        vec![
                            Variant::Joystick(d.id),
                            Variant::Number(index as f64 + 1.0),
                            Variant::Str(mapping::hat_name(mask).into()),
                        ],
                    ));
                }
            }
        }
        self.gamepad_changes(&mut out);
        out
    }

    fn device_mut(&mut self, key: usize) -> Option<&mut Device> {
        self.devices
            .iter_mut()
            .find(|d| d.connected && d.key == key)
    }

    fn gamepad_changes(&mut self, out: &mut Vec<Event>) {
        let db = &self.mappings;
        for d in self.devices.iter_mut().filter(|d| d.connected) {
            d.gamepad_changes(db, out);
        }
    }
}

#[cfg(test)]
mod tests;
