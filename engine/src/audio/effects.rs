//! Scene effects (love.audio.setEffect) and their routing through kira.
//!
//! Each named effect becomes a kira send track carrying the matching kira effect
//! (reverb, delay for echo, distortion, compressor, four EQ bands); chorus, flanger and
//! the ring modulator are small effects of our own with LÖVE's parameters. A Source
//! with effects plays on a sub-track (one per distinct set of effect names) that sends
//! to those tracks, while its dry signal still reaches the main mix, as with OpenAL EFX.

use super::backend::LoveBackend;
use super::voice::VoiceData;
use kira::effect::compressor::CompressorBuilder;
use kira::effect::delay::DelayBuilder;
use kira::effect::distortion::{DistortionBuilder, DistortionKind};
use kira::effect::eq_filter::{EqFilterBuilder, EqFilterKind};
use kira::effect::reverb::ReverbBuilder;
use kira::effect::{Effect as KiraEffect, EffectBuilder};
use kira::info::Info;
use kira::track::{SendTrackBuilder, SendTrackHandle, TrackBuilder, TrackHandle};
use kira::{AudioManager, Decibels, Frame, Mix};
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EffectType {
    Reverb,
    Chorus,
    Distortion,
    Echo,
    Flanger,
    RingModulator,
    Compressor,
    Equalizer,
}

/// In LÖVE's order (its error message lists them so).
pub const EFFECT_TYPES: &[(&str, EffectType)] = &[
    ("reverb", EffectType::Reverb),
    ("chorus", EffectType::Chorus),
    ("distortion", EffectType::Distortion),
    ("echo", EffectType::Echo),
    ("flanger", EffectType::Flanger),
    ("ringmodulator", EffectType::RingModulator),
    ("compressor", EffectType::Compressor),
    ("equalizer", EffectType::Equalizer),
];

pub const WAVEFORMS: &[(&str, &str)] = &[
    ("sawtooth", "sawtooth"),
    ("sine", "sine"),
    ("square", "square"),
    ("triangle", "triangle"),
];

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Number(f32, f32, f32),
    Bool(bool),
    Waveform(&'static str),
}

/// The parameters each effect type takes: name and (min, max, default) or the default.
pub fn params(t: EffectType) -> &'static [(&'static str, Kind)] {
    use Kind::*;
    match t {
        EffectType::Reverb => &[
            ("volume", Number(0.0, 1.0, 1.0)),
            ("gain", Number(0.0, 1.0, 0.32)),
            ("highgain", Number(0.0, 1.0, 0.89)),
            ("density", Number(0.0, 1.0, 1.0)),
            ("diffusion", Number(0.0, 1.0, 1.0)),
            ("decaytime", Number(0.1, 20.0, 1.49)),
            ("decayhighratio", Number(0.1, 2.0, 0.83)),
            ("earlygain", Number(0.0, 3.16, 0.05)),
            ("earlydelay", Number(0.0, 0.3, 0.05)),
            ("lategain", Number(0.0, 10.0, 1.26)),
            ("latedelay", Number(0.0, 0.1, 0.011)),
            ("roomrolloff", Number(0.0, 10.0, 0.0)),
            ("airabsorption", Number(0.892, 1.0, 0.994)),
            ("highlimit", Bool(true)),
        ],
        EffectType::Chorus => &[
            ("volume", Number(0.0, 1.0, 1.0)),
            ("waveform", Waveform("triangle")),
            ("phase", Number(-180.0, 180.0, 90.0)),
            ("rate", Number(0.0, 10.0, 1.1)),
            ("depth", Number(0.0, 1.0, 0.1)),
            ("feedback", Number(-1.0, 1.0, 0.25)),
            ("delay", Number(0.0, 0.016, 0.016)),
        ],
        EffectType::Flanger => &[
            ("volume", Number(0.0, 1.0, 1.0)),
            ("waveform", Waveform("triangle")),
            ("phase", Number(-180.0, 180.0, 0.0)),
            ("rate", Number(0.0, 10.0, 0.27)),
            ("depth", Number(0.0, 1.0, 1.0)),
            ("feedback", Number(-1.0, 1.0, -0.5)),
            ("delay", Number(0.0, 0.004, 0.002)),
        ],
        EffectType::Distortion => &[
            ("volume", Number(0.0, 1.0, 1.0)),
            ("gain", Number(0.01, 1.0, 0.2)),
            ("edge", Number(0.0, 1.0, 0.2)),
            ("lowcut", Number(80.0, 24000.0, 8000.0)),
            ("center", Number(80.0, 24000.0, 3600.0)),
            ("bandwidth", Number(80.0, 24000.0, 3600.0)),
        ],
        EffectType::Echo => &[
            ("volume", Number(0.0, 1.0, 1.0)),
            ("delay", Number(0.0, 0.207, 0.1)),
            ("tapdelay", Number(0.0, 0.404, 0.1)),
            ("damping", Number(0.0, 0.99, 0.5)),
            ("feedback", Number(0.0, 1.0, 0.5)),
            ("spread", Number(-1.0, 1.0, -1.0)),
        ],
        EffectType::RingModulator => &[
            ("volume", Number(0.0, 1.0, 1.0)),
            ("waveform", Waveform("sine")),
            ("frequency", Number(0.0, 8000.0, 440.0)),
            ("highcut", Number(0.0, 24000.0, 800.0)),
        ],
        EffectType::Compressor => &[("volume", Number(0.0, 1.0, 1.0)), ("enable", Bool(true))],
        EffectType::Equalizer => &[
            ("volume", Number(0.0, 1.0, 1.0)),
            ("lowgain", Number(0.126, 7.943, 1.0)),
            ("lowcut", Number(50.0, 800.0, 200.0)),
            ("lowmidgain", Number(0.126, 7.943, 1.0)),
            ("lowmidfrequency", Number(200.0, 3000.0, 500.0)),
            ("lowmidbandwidth", Number(0.01, 1.0, 1.0)),
            ("highmidgain", Number(0.126, 7.943, 1.0)),
            ("highmidfrequency", Number(1000.0, 8000.0, 3000.0)),
            ("highmidbandwidth", Number(0.01, 1.0, 1.0)),
            ("highgain", Number(0.126, 7.943, 1.0)),
            ("highcut", Number(4000.0, 16000.0, 6000.0)),
        ],
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Number(f32),
    Bool(bool),
    Waveform(String),
}

/// A scene effect: its type and the parameters the game gave (getEffect returns those).
#[derive(Clone, Debug, PartialEq)]
pub struct Effect {
    pub kind: EffectType,
    pub given: BTreeMap<String, Value>,
}

impl Effect {
    pub fn type_name(&self) -> &'static str {
        EFFECT_TYPES
            .iter()
            .find(|(_, t)| *t == self.kind)
            .map(|(n, _)| *n)
            .unwrap_or("reverb")
    }

    /// A parameter's value: given (clamped to its range, as OpenAL does) or the default.
    pub fn num(&self, name: &str) -> f32 {
        let spec = params(self.kind)
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, k)| *k);
        let (lo, hi, def) = match spec {
            Some(Kind::Number(lo, hi, d)) => (lo, hi, d),
            _ => return 0.0,
        };
        match self.given.get(name) {
            Some(Value::Number(v)) => v.clamp(lo, hi),
            _ => def,
        }
    }

    pub fn flag(&self, name: &str) -> bool {
        match self.given.get(name) {
            Some(Value::Bool(b)) => *b,
            _ => !matches!(
                params(self.kind).iter().find(|(n, _)| *n == name),
                Some((_, Kind::Bool(false)))
            ),
        }
    }

    pub fn waveform(&self) -> String {
        match self.given.get("waveform") {
            Some(Value::Waveform(w)) => w.clone(),
            _ => match params(self.kind).iter().find(|(n, _)| *n == "waveform") {
                Some((_, Kind::Waveform(w))) => w.to_string(),
                _ => "sine".into(),
            },
        }
    }
}

/// The game's scene effects by name.
#[derive(Default, Debug)]
pub struct Effects {
    pub map: BTreeMap<String, Effect>,
}

/// LÖVE (OpenAL Soft) allows this many scene effects and effects per Source.
pub const MAX_SCENE_EFFECTS: usize = 64;
pub const MAX_SOURCE_EFFECTS: usize = 16;

impl Effects {
    pub fn set(&mut self, name: &str, fx: Effect) {
        self.map.insert(name.to_string(), fx);
    }
    pub fn remove(&mut self, name: &str) -> bool {
        self.map.remove(name).is_some()
    }
    pub fn get(&self, name: &str) -> Option<&Effect> {
        self.map.get(name)
    }
}

/// kira tracks built for the effects in use.
#[derive(Default)]
pub struct Routing {
    sends: HashMap<String, SendTrackHandle>,
    subs: HashMap<Vec<String>, TrackHandle>,
}

impl Routing {
    /// Forgets the tracks of an effect that changed; sounds already on them play out.
    pub fn invalidate(&mut self, name: &str) {
        self.sends.remove(name);
        self.subs.retain(|k, _| !k.iter().any(|n| n == name));
    }

    /// Plays a voice on the sub-track that sends to `names`.
    pub fn play(
        &mut self,
        manager: &mut AudioManager<LoveBackend>,
        effects: &Effects,
        names: &[&String],
        voice: VoiceData,
    ) -> Result<bool, String> {
        let key: Vec<String> = names
            .iter()
            .filter(|n| effects.get(n).is_some())
            .map(|n| n.to_string())
            .collect();
        if key.is_empty() {
            return Ok(manager.play(voice).is_ok());
        }
        for name in &key {
            if !self.sends.contains_key(name)
                && let Some(fx) = effects.get(name)
            {
                let track = manager
                    .add_send_track(send_track(fx))
                    .map_err(|_| "too many audio effects in use".to_string())?;
                self.sends.insert(name.clone(), track);
            }
        }
        if !self.subs.contains_key(&key) {
            let mut b = TrackBuilder::new()
                .sound_capacity(super::MAX_VOICES)
                .persist_until_sounds_finish(true);
            for name in &key {
                if let Some(s) = self.sends.get(name) {
                    b = b.with_send(s, Decibels::IDENTITY);
                }
            }
            let sub = manager
                .add_sub_track(b)
                .map_err(|_| "too many audio effect combinations in use".to_string())?;
            self.subs.insert(key.clone(), sub);
        }
        match self.subs.get_mut(&key) {
            Some(sub) => Ok(sub.play(voice).is_ok()),
            None => Ok(false),
        }
    }
}

fn db(gain: f32) -> Decibels {
    Decibels(if gain <= 0.001 {
        -60.0
    } else {
        20.0 * gain.log10()
    })
}

/// The send track for one effect: its kira effect(s), wet only, at the effect's volume.
fn send_track(fx: &Effect) -> SendTrackBuilder {
    let vol = fx.num("volume");
    let mut b = SendTrackBuilder::new().volume(db(vol));
    match fx.kind {
        EffectType::Reverb => {
            // EFX decay time (0.1–20 s) onto kira's comb feedback; high gain onto damping.
            let decay = fx.num("decaytime") as f64;
            let feedback = (1.0 - 0.3 / (decay + 0.3)).clamp(0.0, 0.98);
            b.add_effect(
                ReverbBuilder::new()
                    .feedback(feedback)
                    .damping(1.0 - fx.num("highgain") as f64)
                    .mix(Mix::WET),
            );
            b = b.volume(db(vol * fx.num("gain") * 3.0));
        }
        EffectType::Echo => {
            let delay = (fx.num("delay") + fx.num("tapdelay")).max(0.001) as f64;
            b.add_effect(
                DelayBuilder::new()
                    .delay_time(std::time::Duration::from_secs_f64(delay))
                    .feedback(db(fx.num("feedback")))
                    .mix(Mix::WET),
            );
        }
        EffectType::Distortion => {
            b.add_effect(
                DistortionBuilder::new()
                    .kind(DistortionKind::SoftClip)
                    .drive(Decibels(fx.num("edge") * 48.0))
                    .mix(Mix::WET),
            );
            b = b.volume(db(vol * fx.num("gain")));
        }
        EffectType::Compressor => {
            if fx.flag("enable") {
                b.add_effect(CompressorBuilder::new().threshold(-20.0).ratio(4.0));
            }
        }
        EffectType::Equalizer => {
            let q = |bw: f32| (1.0 / bw.max(0.01)) as f64;
            b.add_effect(EqFilterBuilder::new(
                EqFilterKind::LowShelf,
                fx.num("lowcut") as f64,
                db(fx.num("lowgain")),
                0.7,
            ));
            b.add_effect(EqFilterBuilder::new(
                EqFilterKind::Bell,
                fx.num("lowmidfrequency") as f64,
                db(fx.num("lowmidgain")),
                q(fx.num("lowmidbandwidth")),
            ));
            b.add_effect(EqFilterBuilder::new(
                EqFilterKind::Bell,
                fx.num("highmidfrequency") as f64,
                db(fx.num("highmidgain")),
                q(fx.num("highmidbandwidth")),
            ));
            b.add_effect(EqFilterBuilder::new(
                EqFilterKind::HighShelf,
                fx.num("highcut") as f64,
                db(fx.num("highgain")),
                0.7,
            ));
        }
        EffectType::Chorus | EffectType::Flanger => {
            b.add_effect(ModDelayBuilder {
                waveform: fx.waveform(),
                phase: fx.num("phase"),
                rate: fx.num("rate"),
                depth: fx.num("depth"),
                feedback: fx.num("feedback"),
                delay: fx.num("delay"),
            });
        }
        EffectType::RingModulator => {
            b.add_effect(RingModBuilder {
                waveform: fx.waveform(),
                frequency: fx.num("frequency"),
            });
        }
    }
    b
}

fn wave(shape: &str, phase: f32) -> f32 {
    let p = phase.rem_euclid(1.0);
    match shape {
        "triangle" => 1.0 - 4.0 * (p - 0.5).abs(),
        "square" => {
            if p < 0.5 {
                1.0
            } else {
                -1.0
            }
        }
        "sawtooth" => 2.0 * p - 1.0,
        _ => (p * std::f32::consts::TAU).sin(),
    }
}

/// Chorus and flanger: a delay line whose length an LFO sweeps; left and right LFOs
/// are `phase` degrees apart.
struct ModDelayBuilder {
    waveform: String,
    phase: f32,
    rate: f32,
    depth: f32,
    feedback: f32,
    delay: f32,
}

struct ModDelay {
    p: ModDelayBuilder,
    buf: Vec<Frame>,
    write: usize,
    lfo: f32,
    rate_hz: f32,
}

impl EffectBuilder for ModDelayBuilder {
    type Handle = ();
    fn build(self) -> (Box<dyn KiraEffect>, ()) {
        (
            Box::new(ModDelay {
                p: self,
                buf: Vec::new(),
                write: 0,
                lfo: 0.0,
                rate_hz: 44100.0,
            }),
            (),
        )
    }
}

impl KiraEffect for ModDelay {
    fn init(&mut self, sample_rate: u32, _internal_buffer_size: usize) {
        self.rate_hz = sample_rate as f32;
        let max = (0.04 * sample_rate as f32) as usize + 4;
        self.buf = vec![Frame::ZERO; max];
    }

    fn process(&mut self, input: &mut [Frame], dt: f64, _info: &Info) {
        if self.buf.is_empty() {
            self.init((1.0 / dt) as u32, input.len());
        }
        let n = self.buf.len();
        let base = self.p.delay * self.rate_hz;
        let swing = base * self.p.depth;
        let phase2 = self.p.phase / 360.0;
        for f in input.iter_mut() {
            let taps = [self.lfo, self.lfo + phase2].map(|ph| {
                let d = (base + swing * wave(&self.p.waveform, ph)).clamp(1.0, (n - 2) as f32);
                let pos = (self.write as f32 - d).rem_euclid(n as f32);
                let i = pos as usize;
                let t = pos - i as f32;
                let (a, b) = (self.buf[i % n], self.buf[(i + 1) % n]);
                (
                    a.left + (b.left - a.left) * t,
                    a.right + (b.right - a.right) * t,
                )
            });
            let out = Frame::new(taps[0].0, taps[1].1);
            self.buf[self.write] = Frame::new(
                f.left + out.left * self.p.feedback,
                f.right + out.right * self.p.feedback,
            );
            self.write = (self.write + 1) % n;
            self.lfo = (self.lfo + self.p.rate * dt as f32).rem_euclid(1.0);
            *f = out;
        }
    }
}

/// Ring modulator: the signal times an oscillator.
struct RingModBuilder {
    waveform: String,
    frequency: f32,
}

struct RingMod {
    p: RingModBuilder,
    phase: f32,
}

impl EffectBuilder for RingModBuilder {
    type Handle = ();
    fn build(self) -> (Box<dyn KiraEffect>, ()) {
        (
            Box::new(RingMod {
                p: self,
                phase: 0.0,
            }),
            (),
        )
    }
}

impl KiraEffect for RingMod {
    fn process(&mut self, input: &mut [Frame], dt: f64, _info: &Info) {
        for f in input.iter_mut() {
            let m = wave(&self.p.waveform, self.phase);
            *f = Frame::new(f.left * m, f.right * m);
            self.phase = (self.phase + self.p.frequency * dt as f32).rem_euclid(1.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audio_effect_params_clamp_and_default() {
        let mut given = BTreeMap::new();
        given.insert("delay".to_string(), Value::Number(10.0));
        let fx = Effect {
            kind: EffectType::Echo,
            given,
        };
        assert_eq!(fx.num("delay"), 0.207);
        assert_eq!(fx.num("feedback"), 0.5);
        assert_eq!(fx.type_name(), "echo");
    }

    #[test]
    fn audio_effect_ringmod_multiplies() {
        let (mut e, _) = RingModBuilder {
            waveform: "square".into(),
            frequency: 1.0,
        }
        .build();
        let mut buf = [Frame::new(0.5, 0.5); 4];
        e.process(&mut buf, 0.2, &kira::info::MockInfoBuilder::new().build());
        assert_eq!(buf[0].left, 0.5);
        assert_eq!(buf[3].left, -0.5);
    }
}
