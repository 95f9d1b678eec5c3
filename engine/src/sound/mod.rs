//! love.sound: decoded audio. `SoundData` holds a whole sound as samples in memory;
//! `Decoder` streams a compressed file (ogg/vorbis, wav, mp3, flac through symphonia)
//! a chunk at a time, so a streaming Source never holds more than a few chunks.
//!
//! Knows nothing of Lua (`lua.rs` is the binding) nor of playback (love.audio takes
//! `Pcm` and `Decoder` from here). Samples are f32 in [-1, 1], interleaved.

pub mod decoder;
pub mod lua;
pub mod wav;

pub use decoder::Decoder;

/// PCM samples with their format: the core of a SoundData.
#[derive(Clone, Debug, PartialEq)]
pub struct Pcm {
    pub rate: u32,
    /// 8 or 16, as LÖVE stores them; samples are quantised to it when set.
    pub bits: u16,
    pub channels: u16,
    /// Interleaved samples, `frames() * channels` of them.
    pub samples: Vec<f32>,
}

impl Pcm {
    /// Silence: `frames` sample frames.
    pub fn silent(frames: usize, rate: u32, bits: u16, channels: u16) -> Pcm {
        Pcm {
            rate,
            bits,
            channels,
            samples: vec![0.0; frames * channels as usize],
        }
    }

    /// Sample frames (one sample per channel each).
    pub fn frames(&self) -> usize {
        self.samples.len() / self.channels.max(1) as usize
    }

    pub fn duration(&self) -> f64 {
        self.frames() as f64 / self.rate.max(1) as f64
    }

    /// Bytes the samples take at this bit depth (LÖVE's `getSize`).
    pub fn byte_size(&self) -> usize {
        self.samples.len() * (self.bits as usize / 8)
    }

    /// The value as stored at this bit depth.
    pub fn quantize(&self, v: f32) -> f32 {
        quantize(v, self.bits)
    }
}

/// Rounds a sample to what an integer sample of `bits` holds, as LÖVE reads it back
/// (16-bit: n / 32767, truncated towards zero; 8-bit: (n - 128) / 127).
pub fn quantize(v: f32, bits: u16) -> f32 {
    let v = if v.is_nan() { 0.0 } else { v.clamp(-1.0, 1.0) };
    match bits {
        8 => {
            let n = ((v * 127.0) as i32 + 128).clamp(0, 255);
            (n - 128) as f32 / 127.0
        }
        16 => {
            let n = (v * 32767.0) as i32;
            n as f32 / 32767.0
        }
        _ => v,
    }
}

/// Checks a SoundData/queue format the way LÖVE does; the error is LÖVE's message.
pub fn check_format(bits: i64, channels: i64) -> Result<(), String> {
    if bits != 8 && bits != 16 {
        return Err(format!("Invalid bit depth: {bits}"));
    }
    if !(1..=8).contains(&channels) {
        return Err(format!("Invalid channel count: {channels}"));
    }
    Ok(())
}

/// Decodes a whole file into memory (love.sound.newSoundData(filename)).
pub fn decode_all(bytes: Vec<u8>, name: &str) -> Result<Pcm, String> {
    let mut d = Decoder::from_bytes(bytes, name, decoder::DEFAULT_BUFFER)?;
    let mut samples = Vec::new();
    while let Some(chunk) = d.decode_chunk()? {
        samples.extend_from_slice(&chunk);
    }
    Ok(Pcm {
        rate: d.rate(),
        bits: 16,
        channels: d.channels(),
        samples,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sound_quantize_matches_love() {
        // LÖVE 11.4: setSample(0.5) on 16-bit data reads back 0.49998474074526
        assert!((quantize(0.5, 16) - 0.499_984_74).abs() < 1e-7);
        assert_eq!(quantize(1.0, 16), 1.0);
        assert_eq!(quantize(-1.0, 8), -1.0);
        assert_eq!(quantize(0.0, 8), 0.0);
    }

    #[test]
    fn sound_decode_all_wav() {
        let pcm = Pcm {
            rate: 22050,
            bits: 16,
            channels: 2,
            samples: (0..200)
                .map(|i| quantize((i as f32 / 200.0) - 0.5, 16))
                .collect(),
        };
        let bytes = wav::encode(&pcm);
        let back = decode_all(bytes, "t.wav").expect("decodes");
        assert_eq!(back.rate, 22050);
        assert_eq!(back.channels, 2);
        assert_eq!(back.frames(), 100);
        for (a, b) in back.samples.iter().zip(&pcm.samples) {
            assert!((a - b).abs() < 1e-4, "{a} {b}");
        }
    }

    #[test]
    fn sound_check_format_errors() {
        assert_eq!(
            check_format(12, 1).err().as_deref(),
            Some("Invalid bit depth: 12")
        );
        assert_eq!(
            check_format(16, 0).err().as_deref(),
            Some("Invalid channel count: 0")
        );
        assert!(check_format(8, 2).is_ok());
    }
}
