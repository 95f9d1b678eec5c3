//! The audio-thread side of a Source: a kira `Sound` that reads the Source's samples
//! (whole, streamed, or queued), resamples them to the output rate with the pitch,
//! filters them and applies the gains the main thread computed (volume, distance,
//! panning). Its state sits behind a mutex shared with the main thread; the audio
//! thread holds it for one block (~3 ms of audio at most) and nothing else does more
//! than read or set a few fields, so neither side waits long.

use crate::sound::Pcm;
use kira::Frame;
use kira::info::Info;
use kira::sound::Sound;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

/// What the mixer reads from, shared by every voice: the master volume.
#[derive(Debug, Default)]
pub struct Globals {
    master: AtomicU32,
}

impl Globals {
    pub fn new() -> Globals {
        Globals {
            master: AtomicU32::new(1.0f32.to_bits()),
        }
    }
    pub fn set_master(&self, v: f32) {
        self.master.store(v.to_bits(), Ordering::Relaxed);
    }
    pub fn master(&self) -> f32 {
        f32::from_bits(self.master.load(Ordering::Relaxed))
    }
}

/// Interleaved samples waiting to be played: a stream's decoded chunks or a queue's buffers.
#[derive(Debug, Default)]
pub struct Fifo {
    pub samples: VecDeque<f32>,
    /// Frames in each queued buffer (queueable Sources count free buffers with it).
    pub segments: VecDeque<usize>,
    /// Frames of the front segment already played.
    pub front_played: usize,
    /// No more samples will come (stream at its end and not looping).
    pub eof: bool,
}

impl Fifo {
    pub fn frames(&self, channels: usize) -> usize {
        self.samples.len() / channels
    }

    /// Drops `n` played frames from the front, retiring the buffers they finish.
    pub fn drop_frames(&mut self, n: usize, channels: usize) {
        let n = n.min(self.samples.len() / channels);
        self.samples.drain(..n * channels);
        let mut left = n;
        while left > 0 {
            let Some(front) = self.segments.front().copied() else {
                break;
            };
            let take = left.min(front - self.front_played);
            self.front_played += take;
            left -= take;
            if self.front_played >= front {
                self.segments.pop_front();
                self.front_played = 0;
            }
        }
    }

    pub fn clear(&mut self) {
        self.samples.clear();
        self.segments.clear();
        self.front_played = 0;
        self.eof = false;
    }
}

#[derive(Debug)]
pub enum Data {
    Static(Arc<Pcm>),
    Fifo(Fifo),
}

/// Three-band gains in the style of OpenAL EFX filters: below 250 Hz, between, above 5 kHz.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bands {
    pub volume: f32,
    pub low: f32,
    pub high: f32,
}

impl Bands {
    pub const FLAT: Bands = Bands {
        volume: 1.0,
        low: 1.0,
        high: 1.0,
    };
}

/// Everything the audio thread needs to play one Source, shared with the main thread.
#[derive(Debug)]
pub struct VoiceState {
    pub data: Data,
    pub channels: usize,
    pub rate: u32,
    /// Advancing (false while paused or stopped).
    pub playing: bool,
    /// A kira sound for this state exists (playing or paused).
    pub has_voice: bool,
    /// Bumped by stop and by each new voice; a voice whose generation is stale ends.
    pub generation: u64,
    /// Play position in source frames (static data) or within the fifo's front.
    pub pos: f64,
    /// Frames played since the last seek/start (fifo data), for tell.
    pub played: u64,
    /// Stream/queue position base for tell.
    pub base: u64,
    /// Frames in one pass of a looping stream, once known.
    pub loop_len: Option<u64>,
    pub looping: bool,
    pub pitch: f32,
    /// Left/right gain: volume, limits, distance, cone and panning, computed by the main thread.
    pub gains: [f32; 2],
    pub bands: Bands,
}

impl VoiceState {
    pub fn new(data: Data, channels: usize, rate: u32) -> VoiceState {
        VoiceState {
            data,
            channels,
            rate,
            playing: false,
            has_voice: false,
            generation: 0,
            pos: 0.0,
            played: 0,
            base: 0,
            loop_len: None,
            looping: false,
            pitch: 1.0,
            gains: [1.0, 1.0],
            bands: Bands::FLAT,
        }
    }

    /// The play position in source frames, as tell reports it.
    pub fn tell_frames(&self) -> f64 {
        match &self.data {
            Data::Static(_) => self.pos,
            Data::Fifo(_) => {
                let p = self.base + self.played;
                match self.loop_len {
                    Some(n) if n > 0 => (p % n) as f64,
                    _ => p as f64,
                }
            }
        }
    }

    /// Renders `out.len()` frames at `out_rate`, adding into `out`. Returns false when the
    /// sound has ended (the state is then stopped and rewound, as LÖVE's pool does).
    pub fn render(
        &mut self,
        out: &mut [Frame],
        out_rate: u32,
        master: f32,
        filt: &mut FilterState,
    ) -> bool {
        if !self.playing {
            return true;
        }
        let step = self.rate as f64 * self.pitch as f64 / out_rate as f64;
        let ch = self.channels;
        let [gl, gr] = [self.gains[0] * master, self.gains[1] * master];
        let mut alive = true;
        match &mut self.data {
            Data::Static(pcm) => {
                let frames = pcm.frames();
                let s = &pcm.samples;
                for o in out.iter_mut() {
                    if self.pos >= frames as f64 {
                        if self.looping && frames > 0 {
                            self.pos %= frames as f64;
                        } else {
                            alive = false;
                            break;
                        }
                    }
                    let i = self.pos as usize;
                    let t = (self.pos - i as f64) as f32;
                    let j = if i + 1 < frames {
                        Some(i + 1)
                    } else if self.looping {
                        Some(0)
                    } else {
                        None
                    };
                    let (l, r) = lerp_frame(s, ch, i, j, t);
                    let (l, r) = filt.apply(l, r, self.bands);
                    o.left += l * gl;
                    o.right += r * gr;
                    self.pos += step;
                }
            }
            Data::Fifo(fifo) => {
                for o in out.iter_mut() {
                    let avail = fifo.frames(ch);
                    let i = self.pos as usize;
                    if i >= avail {
                        if fifo.eof {
                            alive = false;
                            break;
                        }
                        // Underrun: the decoder is behind; play silence, keep the place.
                        continue;
                    }
                    let t = (self.pos - i as f64) as f32;
                    let j = (i + 1 < avail).then_some(i + 1);
                    let (a, b) = fifo.samples.as_slices();
                    let (l, r) = lerp_fifo(a, b, ch, i, j, t);
                    let (l, r) = filt.apply(l, r, self.bands);
                    o.left += l * gl;
                    o.right += r * gr;
                    self.pos += step;
                    let whole = self.pos as usize;
                    if whole > 0 {
                        fifo.drop_frames(whole, ch);
                        self.pos -= whole as f64;
                        self.played += whole as u64;
                    }
                }
            }
        }
        if !alive {
            self.finish();
        }
        alive
    }

    /// Ends playback and rewinds (LÖVE: a finished Source tells 0 and can play again).
    pub fn finish(&mut self) {
        self.playing = false;
        self.has_voice = false;
        self.generation += 1;
        self.pos = 0.0;
        self.played = 0;
        self.base = 0;
        if let Data::Fifo(f) = &mut self.data {
            f.eof = false;
            // LOVE: a queueable Source that ran dry has played its buffers; a stream is
            // refilled from the start by its feeder.
            f.samples.clear();
            f.segments.clear();
            f.front_played = 0;
        }
    }
}

fn frame_at(s: &[f32], ch: usize, i: usize) -> (f32, f32) {
    let b = i * ch;
    if ch == 1 {
        (s[b], s[b])
    } else {
        (s[b], s[b + 1])
    }
}

fn lerp_frame(s: &[f32], ch: usize, i: usize, j: Option<usize>, t: f32) -> (f32, f32) {
    let (l0, r0) = frame_at(s, ch, i);
    match j {
        Some(j) if t > 0.0 => {
            let (l1, r1) = frame_at(s, ch, j);
            (l0 + (l1 - l0) * t, r0 + (r1 - r0) * t)
        }
        _ => (l0, r0),
    }
}

fn fifo_at(a: &[f32], b: &[f32], k: usize) -> f32 {
    if k < a.len() { a[k] } else { b[k - a.len()] }
}

fn fifo_frame(a: &[f32], b: &[f32], ch: usize, i: usize) -> (f32, f32) {
    let k = i * ch;
    let l = fifo_at(a, b, k);
    if ch == 1 {
        (l, l)
    } else {
        (l, fifo_at(a, b, k + 1))
    }
}

fn lerp_fifo(a: &[f32], b: &[f32], ch: usize, i: usize, j: Option<usize>, t: f32) -> (f32, f32) {
    let (l0, r0) = fifo_frame(a, b, ch, i);
    match j {
        Some(j) if t > 0.0 => {
            let (l1, r1) = fifo_frame(a, b, ch, j);
            (l0 + (l1 - l0) * t, r0 + (r1 - r0) * t)
        }
        _ => (l0, r0),
    }
}

/// Band splitters at 250 Hz and 5 kHz per channel: two one-pole stages each (12 dB/octave).
#[derive(Debug, Default, Clone)]
pub struct FilterState {
    a_low: f32,
    a_high: f32,
    low: [[f32; 2]; 2],
    high: [[f32; 2]; 2],
}

impl FilterState {
    pub fn new(out_rate: u32) -> FilterState {
        let coef =
            |fc: f32| 1.0 - (-2.0 * std::f32::consts::PI * fc / out_rate.max(1) as f32).exp();
        FilterState {
            a_low: coef(250.0),
            a_high: coef(5000.0),
            ..Default::default()
        }
    }

    #[inline]
    fn apply(&mut self, l: f32, r: f32, b: Bands) -> (f32, f32) {
        // PERF: the unfiltered case (nearly every Source) costs one comparison.
        if b == Bands::FLAT {
            return (l, r);
        }
        let mut out = [l, r];
        for (c, x) in out.iter_mut().enumerate() {
            let [l1, l2] = &mut self.low[c];
            *l1 += self.a_low * (*x - *l1);
            *l2 += self.a_low * (*l1 - *l2);
            let [h1, h2] = &mut self.high[c];
            *h1 += self.a_high * (*x - *h1);
            *h2 += self.a_high * (*h1 - *h2);
            let low = self.low[c][1];
            let below_high = self.high[c][1];
            let mid = below_high - low;
            let high = *x - below_high;
            *x = b.volume * (b.low * low + mid + b.high * high);
        }
        (out[0], out[1])
    }
}

/// The kira sound: one per play of a Source.
pub struct Voice {
    state: Arc<Mutex<VoiceState>>,
    globals: Arc<Globals>,
    generation: u64,
    filter: FilterState,
    out_rate: u32,
    done: bool,
}

impl Voice {
    pub fn new(state: Arc<Mutex<VoiceState>>, globals: Arc<Globals>, generation: u64) -> Voice {
        Voice {
            state,
            globals,
            generation,
            filter: FilterState::default(),
            out_rate: 0,
            done: false,
        }
    }
}

impl Sound for Voice {
    fn process(&mut self, out: &mut [Frame], dt: f64, _info: &Info) {
        out.fill(Frame::ZERO);
        if self.done {
            return;
        }
        let rate = (1.0 / dt).round() as u32;
        if rate != self.out_rate {
            self.out_rate = rate;
            self.filter = FilterState::new(rate);
        }
        let Ok(mut st) = self.state.lock() else {
            self.done = true;
            return;
        };
        if st.generation != self.generation {
            self.done = true;
            return;
        }
        if !st.render(out, rate, self.globals.master(), &mut self.filter) {
            self.done = true;
        }
    }

    fn finished(&self) -> bool {
        self.done
    }
}

/// Hands a Voice to kira.
pub struct VoiceData(pub Voice);

impl kira::sound::SoundData for VoiceData {
    type Error = ();
    type Handle = ();

    fn into_sound(self) -> Result<(Box<dyn Sound>, ()), ()> {
        Ok((Box::new(self.0), ()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mono(samples: Vec<f32>, rate: u32) -> Arc<Pcm> {
        Arc::new(Pcm {
            rate,
            bits: 16,
            channels: 1,
            samples,
        })
    }

    #[test]
    fn voice_static_plays_exact_samples_then_ends() {
        let mut st = VoiceState::new(Data::Static(mono(vec![0.1, 0.2, 0.3], 100)), 1, 100);
        st.playing = true;
        st.gains = [0.5, 1.0];
        let mut out = vec![Frame::ZERO; 5];
        let alive = st.render(&mut out, 100, 1.0, &mut FilterState::new(100));
        assert!(!alive);
        assert_eq!(out[1], Frame::new(0.1, 0.2));
        assert_eq!(out[3], Frame::ZERO);
        assert!(!st.playing && st.pos == 0.0);
    }

    #[test]
    fn voice_pitch_two_skips_every_other_frame() {
        let mut st = VoiceState::new(
            Data::Static(mono(vec![0.0, 0.1, 0.2, 0.3, 0.4], 100)),
            1,
            100,
        );
        st.playing = true;
        st.pitch = 2.0;
        let mut out = vec![Frame::ZERO; 2];
        st.render(&mut out, 100, 1.0, &mut FilterState::new(100));
        assert_eq!(out[1].left, 0.2);
    }

    #[test]
    fn voice_fifo_counts_played_segments() {
        let mut f = Fifo::default();
        f.samples.extend([1.0, 2.0, 3.0]);
        f.segments.extend([2, 1]);
        let mut st = VoiceState::new(Data::Fifo(f), 1, 10);
        st.playing = true;
        let mut out = vec![Frame::ZERO; 2];
        st.render(&mut out, 10, 1.0, &mut FilterState::new(10));
        let Data::Fifo(f) = &st.data else { panic!() };
        assert_eq!(f.segments.len(), 1);
        assert_eq!(st.played, 2);
        assert_eq!(out[1].left, 2.0);
    }

    #[test]
    fn voice_lowpass_removes_highs() {
        let mut fs = FilterState::new(44100);
        let b = Bands {
            volume: 1.0,
            low: 1.0,
            high: 0.0,
        };
        // A Nyquist-rate square wave is nearly all "high".
        let mut peak: f32 = 0.0;
        for i in 0..2000 {
            let x = if i % 2 == 0 { 1.0 } else { -1.0 };
            let (l, _) = fs.apply(x, x, b);
            if i > 1000 {
                peak = peak.max(l.abs());
            }
        }
        assert!(peak < 0.5, "{peak}");
    }
}
