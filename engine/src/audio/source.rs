//! A Source as the main thread sees it: its settings (volume, pitch, 3D placement,
//! filter, effects) and the shared voice state the mixer plays. Spatial placement is
//! computed here (OpenAL's distance models, cone, Doppler, and a left/right pan for mono
//! Sources) and handed to the voice as two gains and a pitch.

use super::spatial::{attenuation, cross, doppler, dot, len, normalize, sub};
use super::voice::{Bands, Data, Fifo, VoiceState};
use crate::sound::{Decoder, Pcm};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Static,
    Stream,
    Queue,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Static => "static",
            Kind::Stream => "stream",
            Kind::Queue => "queue",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterKind {
    Lowpass,
    Highpass,
    Bandpass,
}

impl FilterKind {
    pub fn name(self) -> &'static str {
        match self {
            FilterKind::Lowpass => "lowpass",
            FilterKind::Highpass => "highpass",
            FilterKind::Bandpass => "bandpass",
        }
    }
}

/// Source:setFilter's settings (EFX filter gains).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Filter {
    pub kind: FilterKind,
    pub volume: f32,
    pub lowgain: f32,
    pub highgain: f32,
}

impl Filter {
    pub fn bands(&self) -> Bands {
        match self.kind {
            FilterKind::Lowpass => Bands {
                volume: self.volume,
                low: 1.0,
                high: self.highgain,
            },
            FilterKind::Highpass => Bands {
                volume: self.volume,
                low: self.lowgain,
                high: 1.0,
            },
            FilterKind::Bandpass => Bands {
                volume: self.volume,
                low: self.lowgain,
                high: self.highgain,
            },
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DistanceModel {
    None,
    Inverse,
    InverseClamped,
    Linear,
    LinearClamped,
    Exponent,
    ExponentClamped,
}

/// The listener (love.audio.setPosition/Orientation/Velocity) and scene settings.
#[derive(Clone, Debug)]
pub struct Listener {
    pub position: [f32; 3],
    pub velocity: [f32; 3],
    pub forward: [f32; 3],
    pub up: [f32; 3],
    pub model: DistanceModel,
    pub doppler: f32,
}

impl Default for Listener {
    fn default() -> Self {
        Listener {
            position: [0.0; 3],
            velocity: [0.0; 3],
            forward: [0.0, 0.0, -1.0],
            up: [0.0, 1.0, 0.0],
            model: DistanceModel::InverseClamped,
            doppler: 1.0,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub volume: f32,
    pub pitch: f32,
    pub looping: bool,
    pub min_volume: f32,
    pub max_volume: f32,
    pub position: [f32; 3],
    pub velocity: [f32; 3],
    pub direction: [f32; 3],
    /// Inner and outer angle (whole degrees, as OpenAL stores them), outer volume, outer high gain.
    pub cone: (i32, i32, f32, f32),
    pub ref_distance: f32,
    pub max_distance: f32,
    pub rolloff: f32,
    pub relative: bool,
    pub air_absorption: f32,
    pub filter: Option<Filter>,
    /// Effects this Source sends to, each with an optional filter on the send.
    pub effects: BTreeMap<String, Option<Filter>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            volume: 1.0,
            pitch: 1.0,
            looping: false,
            min_volume: 0.0,
            max_volume: 1.0,
            position: [0.0; 3],
            velocity: [0.0; 3],
            direction: [0.0; 3],
            cone: (360, 360, 0.0, 1.0),
            ref_distance: 1.0,
            max_distance: f32::MAX,
            rolloff: 1.0,
            relative: false,
            air_absorption: 0.0,
            filter: None,
            effects: BTreeMap::new(),
        }
    }
}

/// A streaming Source's decoder, refilled ahead of the voice.
pub struct Feed {
    pub decoder: Decoder,
    /// Frames decoded in the current pass over the file.
    pub pass_frames: u64,
}

/// Seconds of decoded audio a stream keeps ahead of the play position.
pub const STREAM_AHEAD: f64 = 0.5;

impl Feed {
    /// Decodes until the voice has `STREAM_AHEAD` seconds queued, looping or marking the end.
    pub fn refill(&mut self, state: &Mutex<VoiceState>) {
        let ch = self.decoder.channels() as usize;
        let target = (self.decoder.rate() as f64 * STREAM_AHEAD) as usize;
        for _ in 0..64 {
            let (queued, looping, live) = match state.lock() {
                Ok(s) => match &s.data {
                    Data::Fifo(f) => (f.frames(ch), s.looping, !f.eof),
                    Data::Static(_) => return,
                },
                Err(_) => return,
            };
            if queued >= target || !live {
                return;
            }
            let chunk = match self.decoder.decode_chunk() {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("engine: audio stream stopped: {e}");
                    None
                }
            };
            let Ok(mut s) = state.lock() else { return };
            match chunk {
                Some(c) => {
                    self.pass_frames += (c.len() / ch) as u64;
                    if let Data::Fifo(f) = &mut s.data {
                        f.samples.extend(c);
                    }
                }
                None if looping && self.pass_frames > 0 => {
                    s.loop_len = Some(self.pass_frames);
                    self.pass_frames = 0;
                    drop(s);
                    if self.decoder.seek(0.0).is_err() {
                        return;
                    }
                }
                None => {
                    if let Data::Fifo(f) = &mut s.data {
                        f.eof = true;
                    }
                    return;
                }
            }
        }
    }
}

pub struct Source {
    pub kind: Kind,
    pub channels: u16,
    pub rate: u32,
    pub bits: u16,
    pub state: Arc<Mutex<VoiceState>>,
    pub feed: Option<Arc<Mutex<Feed>>>,
    /// Static: the samples. Kept for duration and clone.
    pub pcm: Option<Arc<Pcm>>,
    /// Queue: buffers it may hold.
    pub buffers: usize,
    pub s: Settings,
}

impl Source {
    pub fn new_static(pcm: Arc<Pcm>) -> Source {
        let state = VoiceState::new(Data::Static(pcm.clone()), pcm.channels as usize, pcm.rate);
        Source {
            kind: Kind::Static,
            channels: pcm.channels,
            rate: pcm.rate,
            bits: pcm.bits,
            state: Arc::new(Mutex::new(state)),
            feed: None,
            pcm: Some(pcm),
            buffers: 0,
            s: Settings::default(),
        }
    }

    pub fn new_stream(decoder: Decoder) -> Source {
        let (ch, rate, bits) = (decoder.channels(), decoder.rate(), decoder.bits());
        let state = VoiceState::new(Data::Fifo(Fifo::default()), ch as usize, rate);
        Source {
            kind: Kind::Stream,
            channels: ch,
            rate,
            bits,
            state: Arc::new(Mutex::new(state)),
            feed: Some(Arc::new(Mutex::new(Feed {
                decoder,
                pass_frames: 0,
            }))),
            pcm: None,
            buffers: 8,
            s: Settings::default(),
        }
    }

    pub fn new_queue(rate: u32, bits: u16, channels: u16, buffers: usize) -> Source {
        let state = VoiceState::new(Data::Fifo(Fifo::default()), channels as usize, rate);
        Source {
            kind: Kind::Queue,
            channels,
            rate,
            bits,
            state: Arc::new(Mutex::new(state)),
            feed: None,
            pcm: None,
            buffers,
            s: Settings::default(),
        }
    }

    /// A new Source with the same data and settings, stopped (Source:clone).
    pub fn try_clone(&self) -> Result<Source, String> {
        let mut c = match self.kind {
            Kind::Static => match &self.pcm {
                Some(p) => Source::new_static(p.clone()),
                None => return Err("Source has no data".into()),
            },
            Kind::Stream => {
                let feed = self.feed.as_ref().ok_or("Source has no decoder")?;
                let d = feed
                    .lock()
                    .map_err(|_| "decoder lock poisoned")?
                    .decoder
                    .try_clone()?;
                Source::new_stream(d)
            }
            Kind::Queue => Source::new_queue(self.rate, self.bits, self.channels, self.buffers),
        };
        c.s = self.s.clone();
        Ok(c)
    }

    pub fn lock(&self) -> std::sync::MutexGuard<'_, VoiceState> {
        // A poisoned lock only means a panic elsewhere; the state itself is plain data.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn is_playing(&self) -> bool {
        self.lock().playing
    }

    pub fn has_voice(&self) -> bool {
        self.lock().has_voice
    }

    /// Duration in source frames; None when unknown (a stream whose length isn't stated).
    pub fn duration_frames(&self) -> Option<f64> {
        match self.kind {
            Kind::Static => self.pcm.as_ref().map(|p| p.frames() as f64),
            Kind::Stream => {
                let f = self.feed.as_ref()?.lock().ok()?;
                f.decoder.total_frames().map(|n| n as f64)
            }
            Kind::Queue => {
                let st = self.lock();
                match &st.data {
                    Data::Fifo(f) => Some(f.frames(self.channels as usize) as f64),
                    Data::Static(_) => None,
                }
            }
        }
    }

    /// Free buffers of a queueable Source (LÖVE's getFreeBufferCount).
    pub fn free_buffers(&self) -> usize {
        match self.kind {
            Kind::Static => 0,
            Kind::Stream => 0,
            Kind::Queue => {
                let st = self.lock();
                match &st.data {
                    Data::Fifo(f) => self.buffers.saturating_sub(f.segments.len()),
                    Data::Static(_) => 0,
                }
            }
        }
    }

    /// Queues a buffer; false when all buffers are in use (LÖVE returns false then).
    pub fn queue(&self, pcm: &Pcm) -> bool {
        if pcm.samples.is_empty() {
            return true;
        }
        let mut st = self.lock();
        let ch = self.channels as usize;
        let Data::Fifo(f) = &mut st.data else {
            return false;
        };
        if f.segments.len() >= self.buffers {
            return false;
        }
        f.samples.extend(pcm.samples.iter().copied());
        f.segments.push_back(pcm.samples.len() / ch);
        true
    }

    /// Moves the play position to `frames` (source frames).
    pub fn seek(&self, frames: f64) {
        match self.kind {
            Kind::Static => {
                let mut st = self.lock();
                let len = self.pcm.as_ref().map(|p| p.frames()).unwrap_or(0) as f64;
                // LOVE: seeking past the end of a playing Source stops it (or restarts it
                // when looping); a stopped one just keeps the offset.
                if frames >= len && st.has_voice {
                    if st.looping {
                        st.pos = 0.0;
                    } else {
                        st.finish();
                    }
                } else {
                    st.pos = frames;
                }
            }
            Kind::Stream => {
                let Some(feed) = &self.feed else { return };
                let Ok(mut feed) = feed.lock() else { return };
                let secs = frames / self.rate as f64;
                let ok = feed.decoder.seek(secs).is_ok();
                feed.pass_frames = if ok { frames as u64 } else { 0 };
                let mut st = self.lock();
                if let Data::Fifo(f) = &mut st.data {
                    f.clear();
                    if !ok {
                        f.eof = true;
                    }
                }
                st.pos = 0.0;
                st.played = 0;
                st.base = frames as u64;
            }
            Kind::Queue => {
                let mut st = self.lock();
                let ch = self.channels as usize;
                let whole = frames as usize;
                if let Data::Fifo(f) = &mut st.data {
                    f.drop_frames(whole, ch);
                }
                st.pos = frames - whole as f64;
                st.played += whole as u64;
            }
        }
    }

    /// Rewinds a stopped Source: static to 0, a stream's decoder to its start.
    pub fn rewind(&self) {
        if self.kind == Kind::Stream
            && let Some(feed) = &self.feed
            && let Ok(mut feed) = feed.lock()
        {
            let _ = feed.decoder.seek(0.0);
            feed.pass_frames = 0;
            let mut st = self.lock();
            st.loop_len = None;
            if let Data::Fifo(f) = &mut st.data {
                f.clear();
            }
        }
    }

    /// Pushes volume, pitch, panning and filter to the voice.
    pub fn apply(&self, l: &Listener) {
        let (gains, pitch, bands) = self.mix_params(l);
        let mut st = self.lock();
        st.gains = gains;
        st.pitch = pitch;
        st.bands = bands;
        st.looping = self.s.looping;
    }

    /// Gains, pitch and filter bands for the current settings and listener.
    pub fn mix_params(&self, l: &Listener) -> ([f32; 2], f32, Bands) {
        let s = &self.s;
        let mut bands = s.filter.map(|f| f.bands()).unwrap_or(Bands::FLAT);
        if self.channels != 1 {
            let g = s.volume.clamp(s.min_volume, s.max_volume);
            return ([g, g], s.pitch, bands);
        }
        // The source relative to the listener, in the listener's frame (x right, y up, -z ahead).
        let rel = if s.relative {
            s.position
        } else {
            let d = sub(s.position, l.position);
            let fwd = normalize(l.forward);
            let right = normalize(cross(fwd, l.up));
            let up = cross(right, fwd);
            [dot(d, right), dot(d, up), -dot(d, fwd)]
        };
        let dist = len(rel);
        let mut gain =
            s.volume * attenuation(l.model, dist, s.ref_distance, s.max_distance, s.rolloff);
        // Cone: full inside the inner angle, outer volume beyond the outer, linear between.
        let dir_len = len(s.direction);
        if dir_len > 0.0 && dist > 0.0 {
            let to_listener = if s.relative {
                [-rel[0], -rel[1], -rel[2]]
            } else {
                sub(l.position, s.position)
            };
            let cosang = dot(s.direction, to_listener) / (dir_len * len(to_listener));
            let angle = cosang.clamp(-1.0, 1.0).acos().to_degrees() * 2.0;
            let (inner, outer) = (s.cone.0 as f32, s.cone.1 as f32);
            let k = if angle <= inner {
                0.0
            } else if angle >= outer || outer <= inner {
                1.0
            } else {
                (angle - inner) / (outer - inner)
            };
            gain *= 1.0 + (s.cone.2 - 1.0) * k;
            bands.high *= 1.0 + (s.cone.3 - 1.0) * k;
        }
        if s.air_absorption > 0.0 && dist > s.ref_distance {
            // OpenAL's air absorption: 0.05 dB of high frequencies per unit per factor.
            bands.high *= 0.994_26f32.powf(s.air_absorption * (dist - s.ref_distance));
        }
        let gain = gain.clamp(s.min_volume, s.max_volume);
        let pan = if dist > 1e-6 {
            (rel[0] / dist).clamp(-1.0, 1.0)
        } else {
            0.0
        };
        // Balance law: centre keeps both channels at full gain; fully left silences the right.
        let gains = [gain * (1.0 - pan).min(1.0), gain * (1.0 + pan).min(1.0)];
        let pitch = s.pitch * doppler(l, s, rel, dist);
        // NaN positions or volumes must not poison the mix (or the filter's state).
        let gains = gains.map(|g| if g.is_finite() { g } else { 0.0 });
        let pitch = if pitch.is_finite() && pitch > 0.0 {
            pitch
        } else {
            s.pitch
        };
        (gains, pitch, bands)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mono_source() -> Source {
        Source::new_static(Arc::new(Pcm::silent(10, 44100, 16, 1)))
    }

    #[test]
    fn audio_source_pan_left_silences_right() {
        let mut s = mono_source();
        s.s.position = [-1.0, 0.0, 0.0];
        let (g, _, _) = s.mix_params(&Listener::default());
        assert_eq!(g, [1.0, 0.0]);
        s.s.position = [0.0; 3];
        assert_eq!(s.mix_params(&Listener::default()).0, [1.0, 1.0]);
    }

    #[test]
    fn audio_source_inverse_clamped_distance() {
        let mut s = mono_source();
        s.s.position = [0.0, 0.0, -4.0];
        let (g, _, _) = s.mix_params(&Listener::default());
        assert!((g[0] - 0.25).abs() < 1e-6, "{g:?}");
        assert_eq!(
            attenuation(DistanceModel::LinearClamped, 5.0, 0.0, 10.0, 1.0),
            0.5
        );
    }

    #[test]
    fn audio_source_listener_orientation_turns_pan() {
        let mut s = mono_source();
        s.s.position = [0.0, 0.0, -1.0];
        let l = Listener {
            forward: [1.0, 0.0, 0.0],
            ..Listener::default()
        };
        // Facing +x, a source at -z is on the left.
        assert_eq!(s.mix_params(&l).0, [1.0, 0.0]);
    }

    /// A streaming Source holds about half a second of decoded audio, however long the
    /// file: here a 60 s WAV (5.3 MB of samples) played for 10 s.
    #[test]
    fn audio_stream_does_not_load_whole_file() {
        use super::super::voice::FilterState;
        let path = std::env::temp_dir().join(format!("engine-stream-{}.wav", std::process::id()));
        let pcm = Pcm::silent(44100 * 60, 44100, 16, 1);
        std::fs::write(&path, crate::sound::wav::encode(&pcm)).expect("write wav");
        let file_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let d = Decoder::from_file(path.clone(), "long.wav", 16384).expect("decoder");
        let src = Source::new_stream(d);
        let feed = src.feed.clone().expect("feed");
        src.lock().playing = true;
        let mut most = 0usize;
        let mut out = vec![kira::Frame::ZERO; 512];
        let mut fs = FilterState::new(44100);
        for _ in 0..(44100 * 10 / 512) {
            feed.lock().expect("feed").refill(&src.state);
            let mut st = src.lock();
            if let Data::Fifo(f) = &st.data {
                most = most.max(f.samples.len());
            }
            assert!(st.render(&mut out, 44100, 1.0, &mut fs), "stream ran dry");
        }
        let _ = std::fs::remove_file(&path);
        eprintln!(
            "stream: file {file_bytes} bytes, at most {most} samples ({} KB as f32) buffered",
            most * 4 / 1024
        );
        assert!(most <= 44100 / 2 + 16384, "{most} samples buffered");
        assert!(src.lock().tell_frames() >= 44100.0 * 9.9);
    }
}
