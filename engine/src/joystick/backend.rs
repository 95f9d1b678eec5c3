//! The gamepad backend: gilrs (evdev/udev on Linux, XInput/WGI on Windows, IOKit on macOS).
//! Turns gilrs events into [`RawEvent`]s. Where gilrs cannot start (no udev, no input
//! devices readable, an unsupported platform) there is no backend and no joystick: that is
//! not an error.
//!
//! Limits of what gilrs exposes: raw button/axis indices are the device's codes known at
//! connection (from gilrs's mapping), sorted by code, then codes in the order they are first
//! seen; D-pads arrive as buttons, so devices report no hats.

use super::{DeviceInfo, RawEvent};
use gilrs::ff::{BaseEffect, BaseEffectType, EffectBuilder, Replay, Ticks};
use gilrs::{Axis, Button, EventType, Gilrs, MappingSource};
use std::collections::HashMap;

pub struct Backend {
    gilrs: Gilrs,
    known: HashMap<usize, ()>,
    effects: HashMap<usize, gilrs::ff::Effect>,
    started: bool,
}

const BUTTONS: [(Button, usize); 15] = [
    (Button::South, 0),
    (Button::East, 1),
    (Button::West, 2),
    (Button::North, 3),
    (Button::Select, 4),
    (Button::Mode, 5),
    (Button::Start, 6),
    (Button::LeftThumb, 7),
    (Button::RightThumb, 8),
    (Button::LeftTrigger, 9),
    (Button::RightTrigger, 10),
    (Button::DPadUp, 11),
    (Button::DPadDown, 12),
    (Button::DPadLeft, 13),
    (Button::DPadRight, 14),
];

fn gamepad_button(b: Button) -> Option<usize> {
    BUTTONS.iter().find(|(x, _)| *x == b).map(|(_, i)| *i)
}

/// gilrs axis → (LÖVE gamepad axis, sign). gilrs's Y axes point up; LÖVE's point down.
fn gamepad_axis(a: Axis) -> Option<(usize, f32)> {
    Some(match a {
        Axis::LeftStickX => (0, 1.0),
        Axis::LeftStickY => (1, -1.0),
        Axis::RightStickX => (2, 1.0),
        Axis::RightStickY => (3, -1.0),
        Axis::LeftZ => (4, 1.0),
        Axis::RightZ => (5, 1.0),
        _ => return None,
    })
}

impl Backend {
    pub fn new() -> Option<Backend> {
        // No gilrs log output and no panic path: failure just means no joysticks.
        let gilrs = Gilrs::new().ok()?;
        Some(Backend {
            gilrs,
            known: HashMap::new(),
            effects: HashMap::new(),
            started: false,
        })
    }

    fn info(&self, id: gilrs::GamepadId) -> DeviceInfo {
        let g = self.gilrs.gamepad(id);
        let guid: String = g.uuid().iter().map(|b| format!("{b:02x}")).collect();
        let mut buttons: Vec<u32> = BUTTONS
            .iter()
            .filter_map(|(b, _)| g.button_code(*b).map(|c| c.into_u32()))
            .collect();
        buttons.sort_unstable();
        buttons.dedup();
        let mut axes: Vec<u32> = [
            Axis::LeftStickX,
            Axis::LeftStickY,
            Axis::LeftZ,
            Axis::RightStickX,
            Axis::RightStickY,
            Axis::RightZ,
        ]
        .iter()
        .filter_map(|a| g.axis_code(*a).map(|c| c.into_u32()))
        .collect();
        axes.sort_unstable();
        axes.dedup();
        DeviceInfo {
            key: usize::from(id),
            name: g.name().to_string(),
            guid,
            vendor: g.vendor_id().unwrap_or(0),
            product: g.product_id().unwrap_or(0),
            version: 0,
            gamepad: g.mapping_source() != MappingSource::None,
            vibration: g.is_ff_supported(),
            button_codes: buttons,
            axis_codes: axes,
            hats: 0,
            direct: false,
        }
    }

    fn added(&mut self, id: gilrs::GamepadId, out: &mut Vec<RawEvent>) {
        let key = usize::from(id);
        if self.known.insert(key, ()).is_none() {
            out.push(RawEvent::Added(self.info(id)));
        }
    }

    pub fn poll(&mut self) -> Vec<RawEvent> {
        let mut out = Vec::new();
        if !self.started {
            // Devices present at start come without a Connected event.
            self.started = true;
            let ids: Vec<_> = self.gilrs.gamepads().map(|(id, _)| id).collect();
            for id in ids {
                self.added(id, &mut out);
            }
        }
        while let Some(ev) = self.gilrs.next_event() {
            let key = usize::from(ev.id);
            match ev.event {
                EventType::Connected => self.added(ev.id, &mut out),
                EventType::Disconnected => {
                    self.known.remove(&key);
                    self.effects.remove(&key);
                    out.push(RawEvent::Removed(key));
                }
                EventType::ButtonPressed(b, c) | EventType::ButtonReleased(b, c) => {
                    out.push(RawEvent::Button {
                        key,
                        code: c.into_u32(),
                        pressed: matches!(ev.event, EventType::ButtonPressed(..)),
                        mapped: gamepad_button(b),
                    })
                }
                EventType::ButtonChanged(
                    b @ (Button::LeftTrigger2 | Button::RightTrigger2),
                    v,
                    _,
                ) => {
                    let axis = if b == Button::LeftTrigger2 { 4 } else { 5 };
                    out.push(RawEvent::MappedAxis {
                        key,
                        axis,
                        value: v,
                    });
                }
                EventType::AxisChanged(a, v, c) => out.push(RawEvent::Axis {
                    key,
                    code: c.into_u32(),
                    value: v,
                    mapped: gamepad_axis(a).map(|(i, s)| (i, v * s)),
                }),
                _ => {}
            }
        }
        out
    }

    /// Plays a rumble of the given strengths (0..1) for `seconds` (negative: until changed).
    pub fn vibrate(&mut self, key: usize, left: f32, right: f32, seconds: f64) -> bool {
        let Some((id, _)) = self
            .gilrs
            .gamepads()
            .find(|(id, _)| usize::from(*id) == key)
        else {
            return false;
        };
        self.effects.remove(&key);
        if left <= 0.0 && right <= 0.0 {
            return true;
        }
        let ms = if seconds < 0.0 {
            u32::MAX / 2
        } else {
            (seconds * 1000.0).min(u32::MAX as f64 / 2.0) as u32
        };
        let play = Replay {
            play_for: Ticks::from_ms(ms),
            ..Default::default()
        };
        let mag = |v: f32| (v.clamp(0.0, 1.0) * u16::MAX as f32) as u16;
        let effect = EffectBuilder::new()
            .add_effect(BaseEffect {
                kind: BaseEffectType::Strong {
                    magnitude: mag(left),
                },
                scheduling: play,
                ..Default::default()
            })
            .add_effect(BaseEffect {
                kind: BaseEffectType::Weak {
                    magnitude: mag(right),
                },
                scheduling: play,
                ..Default::default()
            })
            .gamepads(&[id])
            .finish(&mut self.gilrs);
        match effect {
            Ok(e) if e.play().is_ok() => {
                self.effects.insert(key, e);
                true
            }
            _ => false,
        }
    }
}
