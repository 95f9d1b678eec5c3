//! love.audio: Sources, the listener, master volume and scene effects, mixed by kira.
//!
//! The kira `AudioManager` is created on first use. With a sound card it plays through
//! cpal; headless, or when there is no device, it runs on an offline backend
//! (`backend.rs`) that the engine drives from the game clock once a frame
//! (`Audio::advance`): sources play and finish on time, silently, and `--audio-out`
//! writes exactly that mix to a WAV. Each playing Source is one kira sound (`voice.rs`)
//! that shares its state with the main-thread `Source` (`source.rs`).
//! Knows nothing of Lua (`lua.rs`, `source_lua.rs` are the bindings).

pub mod backend;
pub mod effects;
pub mod lua;
pub mod source;
pub mod source_lua;
pub mod spatial;
pub mod voice;

use crate::sound::wav::WavWriter;
use backend::{BackendSettings, LoveBackend, RendererSlot};
use kira::track::MainTrackBuilder;
use kira::{AudioManager, AudioManagerSettings};
use source::{Kind, Listener, Source};
use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::{Arc, Mutex, Weak};
use voice::{Globals, Voice, VoiceData, VoiceState};

/// Output rate of the offline mixer (and of `--audio-out` files).
pub const OFFLINE_RATE: u32 = 44100;
/// Most Sources that may play at once; play() returns false beyond it, as LÖVE's pool does.
pub const MAX_VOICES: usize = 1024;

pub type SourceRef = Rc<RefCell<Source>>;

type StreamList = Arc<Mutex<Vec<(Weak<Mutex<source::Feed>>, Weak<Mutex<VoiceState>>)>>>;

enum Mixer {
    Device,
    Offline {
        slot: RendererSlot,
        /// Game time when the offline clock started, and frames rendered since.
        start: f64,
        rendered: u64,
        /// The capture's start has been pinned to the first frame.
        anchored: bool,
    },
}

struct Running {
    manager: AudioManager<LoveBackend>,
    mixer: Mixer,
    rate: u32,
    effects: effects::Routing,
}

pub struct Audio {
    headless: bool,
    capture_path: Option<PathBuf>,
    capture: Option<WavWriter>,
    running: Option<Running>,
    pub globals: Arc<Globals>,
    pub listener: Listener,
    pub volume: f32,
    /// Sources with a voice (playing or paused): kept alive while they play, as LÖVE's pool does.
    active: Vec<SourceRef>,
    streams: StreamList,
    pub effects: effects::Effects,
    scratch: Vec<f32>,
}

impl Audio {
    pub fn new(headless: bool, capture_path: Option<PathBuf>) -> Audio {
        Audio {
            headless,
            capture_path,
            capture: None,
            running: None,
            globals: Arc::new(Globals::new()),
            listener: Listener::default(),
            volume: 1.0,
            active: Vec::new(),
            streams: Arc::new(Mutex::new(Vec::new())),
            effects: effects::Effects::default(),
            scratch: Vec::new(),
        }
    }

    /// Whether audio has to run even if the game never plays anything (mix capture).
    pub fn wants_clock(&self) -> bool {
        self.capture_path.is_some() || self.running.is_some()
    }

    /// Starts the mixer on first use. `now` is the game clock (seconds).
    fn ensure(&mut self, now: f64) -> Result<&mut Running, String> {
        if self.running.is_none() {
            let running = self.start(now)?;
            self.running = Some(running);
        }
        self.running
            .as_mut()
            .ok_or_else(|| "audio failed to start".into())
    }

    fn start(&mut self, now: f64) -> Result<Running, String> {
        let settings = |b| AudioManagerSettings::<LoveBackend> {
            capacities: Default::default(),
            main_track_builder: MainTrackBuilder::new().sound_capacity(MAX_VOICES),
            internal_buffer_size: 128,
            backend_settings: b,
        };
        if !self.headless && self.capture_path.is_none() {
            if backend::device_may_exist() {
                match AudioManager::new(settings(BackendSettings::Device)) {
                    Ok(manager) => {
                        self.spawn_streamer();
                        return Ok(Running {
                            rate: OFFLINE_RATE,
                            manager,
                            mixer: Mixer::Device,
                            effects: effects::Routing::default(),
                        });
                    }
                    Err(e) => eprintln!("engine: audio is off ({e}); sounds play silently"),
                }
            } else {
                eprintln!("engine: audio is off (no sound device); sounds play silently");
            }
        }
        let slot: RendererSlot = Arc::new(Mutex::new(None));
        let manager = AudioManager::new(settings(BackendSettings::Offline {
            rate: OFFLINE_RATE,
            slot: slot.clone(),
        }))?;
        if let Some(path) = &self.capture_path {
            self.capture = Some(WavWriter::create(path, OFFLINE_RATE, 2)?);
        }
        Ok(Running {
            manager,
            mixer: Mixer::Offline {
                slot,
                // A capture covers the whole run, from the first frame.
                start: now,
                rendered: 0,
                anchored: false,
            },
            rate: OFFLINE_RATE,
            effects: effects::Routing::default(),
        })
    }

    /// With a sound card, one thread keeps every playing stream decoded half a second
    /// ahead; it sleeps between passes and ends with the Audio.
    fn spawn_streamer(&self) {
        let list = Arc::downgrade(&self.streams);
        let _ = std::thread::Builder::new()
            .name("audio-streams".into())
            .spawn(move || {
                while let Some(list) = list.upgrade() {
                    let entries: Vec<_> = match list.lock() {
                        Ok(mut l) => {
                            l.retain(|(f, s)| f.strong_count() > 0 && s.strong_count() > 0);
                            l.clone()
                        }
                        Err(_) => return,
                    };
                    drop(list);
                    for (f, s) in entries {
                        if let (Some(f), Some(s)) = (f.upgrade(), s.upgrade())
                            && let Ok(mut f) = f.lock()
                        {
                            f.refill(&s);
                        }
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
            });
    }

    /// Renders the offline mix up to game time `now`, feeding streams and the capture file.
    /// With a sound card the card's clock drives the mix; this only tidies up.
    /// `frame_dt` is the frame's dt when called at the end of a frame.
    pub fn advance(&mut self, now: f64, frame_dt: Option<f64>) {
        if self.wants_clock() && self.ensure(now).is_err() {
            return;
        }
        if let Some(Running {
            mixer:
                Mixer::Offline {
                    slot,
                    start,
                    rendered,
                    anchored,
                },
            rate,
            ..
        }) = &mut self.running
        {
            // A capture holds exactly frames × dt seconds: it starts where the first frame
            // does (love.run's first timer step happens before it), even when sounds were
            // started in love.load.
            if let Some(dt) = frame_dt
                && !*anchored
            {
                *anchored = true;
                if self.capture.is_some() && *rendered == 0 {
                    *start = (now - dt).max(0.0);
                }
            }
            if self.capture.is_some() && !*anchored {
                // Queries before the first frame ends wait for the capture's start.
                return;
            }
            // Rounded: a fixed dt's sum (20 × 0.05) may land a hair under the whole number.
            let target = ((now - *start).max(0.0) * *rate as f64).round() as u64;
            while *rendered < target {
                // PERF: blocks of ~12 ms keep streams fed between blocks without per-sample work.
                let n = (target - *rendered).min(512) as usize;
                for src in &self.active {
                    let src = src.borrow();
                    if let Some(feed) = &src.feed
                        && let Ok(mut f) = feed.lock()
                    {
                        f.refill(&src.state);
                    }
                }
                backend::render(slot, &mut self.scratch, n);
                if let Some(w) = &mut self.capture
                    && let Err(e) = w.write(&self.scratch)
                {
                    eprintln!("engine: --audio-out: {e}");
                    self.capture = None;
                }
                *rendered += n as u64;
            }
        }
        self.active.retain(|s| s.borrow().has_voice());
    }

    /// Source:play. False when the mixer is full (LÖVE: the pool has no free source).
    pub fn play(&mut self, src: &SourceRef, now: f64) -> Result<bool, String> {
        let globals = self.globals.clone();
        let listener = self.listener.clone();
        let streams = self.streams.clone();
        self.ensure(now)?;
        let Some(running) = self.running.as_mut() else {
            return Err("audio failed to start".into());
        };
        let s = src.borrow();
        s.apply(&listener);
        let generation = {
            let mut st = s.lock();
            if st.has_voice {
                st.playing = true;
                return Ok(true);
            }
            if s.kind == Kind::Queue && st.tell_frames() == 0.0 {
                st.played = 0;
            }
            st.generation += 1;
            st.generation
        };
        if let Some(feed) = &s.feed {
            if let Ok(mut f) = feed.lock() {
                // A stream that played to its end starts over, as LÖVE rewinds it.
                if f.decoder.is_finished() && s.lock().tell_frames() == 0.0 {
                    let _ = f.decoder.seek(0.0);
                    f.pass_frames = 0;
                    if let voice::Data::Fifo(q) = &mut s.lock().data {
                        q.clear();
                    }
                }
                f.refill(&s.state);
            }
            if let Ok(mut l) = streams.lock() {
                l.push((Arc::downgrade(feed), Arc::downgrade(&s.state)));
            }
        }
        let voice = VoiceData(Voice::new(s.state.clone(), globals, generation));
        let played = if s.s.effects.is_empty() {
            running.manager.play(voice).is_ok()
        } else {
            let names: Vec<&String> = s.s.effects.keys().collect();
            running
                .effects
                .play(&mut running.manager, &self.effects, &names, voice)?
        };
        if !played {
            return Ok(false);
        }
        {
            let mut st = s.lock();
            st.has_voice = true;
            st.playing = true;
        }
        drop(s);
        if !self.active.iter().any(|a| Rc::ptr_eq(a, src)) {
            self.active.push(src.clone());
        }
        Ok(true)
    }

    pub fn pause(&mut self, src: &SourceRef) {
        src.borrow().lock().playing = false;
    }

    pub fn stop(&mut self, src: &SourceRef) {
        let s = src.borrow();
        let had_voice = {
            let mut st = s.lock();
            let had = st.has_voice;
            st.finish();
            had
        };
        if had_voice || s.kind == Kind::Stream {
            s.rewind();
        }
        drop(s);
        self.active.retain(|a| !Rc::ptr_eq(a, src));
    }

    /// Sources playing or paused (LÖVE's getActiveSourceCount).
    pub fn active_count(&mut self) -> usize {
        self.active.retain(|s| s.borrow().has_voice());
        self.active.len()
    }

    pub fn active_sources(&mut self) -> Vec<SourceRef> {
        self.active.retain(|s| s.borrow().has_voice());
        self.active.clone()
    }

    /// Re-applies settings of every playing Source (after a listener change).
    pub fn refresh_all(&self) {
        for s in &self.active {
            s.borrow().apply(&self.listener);
        }
    }

    pub fn set_volume(&mut self, v: f32) {
        self.volume = v;
        self.globals.set_master(v);
    }

    /// Creates or replaces a scene effect.
    pub fn set_effect(&mut self, name: &str, fx: effects::Effect, now: f64) -> Result<(), String> {
        self.effects.set(name, fx);
        if let Some(r) = self.running.as_mut() {
            r.effects.invalidate(name);
        }
        let _ = now;
        Ok(())
    }

    pub fn remove_effect(&mut self, name: &str) -> bool {
        if let Some(r) = self.running.as_mut() {
            r.effects.invalidate(name);
        }
        self.effects.remove(name)
    }

    /// Is the offline mixer in use (no sound card, or headless)?
    pub fn is_offline(&self) -> bool {
        matches!(
            self.running,
            Some(Running {
                mixer: Mixer::Offline { .. },
                ..
            })
        ) || (self.running.is_none() && self.headless)
    }
}
