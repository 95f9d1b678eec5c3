//! kira backends: the sound card through cpal, or an offline renderer the engine drives
//! itself. Offline, kira's `Renderer` is kept here and `render` pulls exactly the frames
//! the game clock asks for: sources play and finish in (virtual or real) time with no
//! sound card, no thread and no busy loop, and the mix can be written to a WAV.

use kira::backend::cpal::{CpalBackend, CpalBackendSettings};
use kira::backend::{Backend, Renderer};
use std::sync::{Arc, Mutex};

/// Where kira's renderer lives once the manager starts it (offline mode).
pub type RendererSlot = Arc<Mutex<Option<Renderer>>>;

pub enum BackendSettings {
    Device,
    Offline { rate: u32, slot: RendererSlot },
}

pub enum LoveBackend {
    Device(CpalBackend),
    Offline(RendererSlot),
}

impl Backend for LoveBackend {
    type Settings = BackendSettings;
    type Error = String;

    fn setup(settings: BackendSettings, buffer: usize) -> Result<(Self, u32), String> {
        match settings {
            BackendSettings::Device => {
                let (b, rate) = CpalBackend::setup(CpalBackendSettings::default(), buffer)
                    .map_err(|e| e.to_string())?;
                Ok((LoveBackend::Device(b), rate))
            }
            BackendSettings::Offline { rate, slot } => Ok((LoveBackend::Offline(slot), rate)),
        }
    }

    fn start(&mut self, renderer: Renderer) -> Result<(), String> {
        match self {
            LoveBackend::Device(b) => b.start(renderer).map_err(|e| e.to_string()),
            LoveBackend::Offline(slot) => {
                let mut s = slot.lock().map_err(|_| "audio renderer lock poisoned")?;
                *s = Some(renderer);
                Ok(())
            }
        }
    }
}

/// Renders `frames` stereo frames into `out` (interleaved), as a sound card would pull them.
pub fn render(slot: &RendererSlot, out: &mut Vec<f32>, frames: usize) {
    out.clear();
    out.resize(frames * 2, 0.0);
    if let Ok(mut s) = slot.lock()
        && let Some(r) = s.as_mut()
    {
        r.on_start_processing();
        r.process(out, 2);
    }
}

/// Whether a sound card can be there at all. Trying cpal where there is none makes ALSA
/// print a screenful of errors, so look first (Linux: /proc/asound and the sound servers).
pub fn device_may_exist() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let cards = std::fs::read_to_string("/proc/asound/cards").unwrap_or_default();
    let has_card = !cards.trim().is_empty() && !cards.contains("no soundcards");
    let server = std::env::var_os("PULSE_SERVER").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|d| {
            let d = std::path::Path::new(&d);
            d.join("pulse/native").exists() || d.join("pipewire-0").exists()
        });
    has_card || server
}
