//! 16-bit PCM WAV writing: test fixtures and the headless mix capture (`--audio-out`).

use super::Pcm;
use std::io::{Seek, SeekFrom, Write};

fn header(rate: u32, channels: u16, data_bytes: u32) -> [u8; 44] {
    let mut h = [0u8; 44];
    let block = channels as u32 * 2;
    h[0..4].copy_from_slice(b"RIFF");
    h[4..8].copy_from_slice(&(36 + data_bytes).to_le_bytes());
    h[8..16].copy_from_slice(b"WAVEfmt ");
    h[16..20].copy_from_slice(&16u32.to_le_bytes());
    h[20..22].copy_from_slice(&1u16.to_le_bytes());
    h[22..24].copy_from_slice(&channels.to_le_bytes());
    h[24..28].copy_from_slice(&rate.to_le_bytes());
    h[28..32].copy_from_slice(&(rate * block).to_le_bytes());
    h[32..34].copy_from_slice(&(block as u16).to_le_bytes());
    h[34..36].copy_from_slice(&16u16.to_le_bytes());
    h[36..40].copy_from_slice(b"data");
    h[40..44].copy_from_slice(&data_bytes.to_le_bytes());
    h
}

fn to_i16(v: f32) -> i16 {
    (v.clamp(-1.0, 1.0) * 32767.0).round() as i16
}

/// A whole sound as a 16-bit WAV file.
pub fn encode(pcm: &Pcm) -> Vec<u8> {
    let mut out = Vec::with_capacity(44 + pcm.samples.len() * 2);
    out.extend_from_slice(&header(
        pcm.rate,
        pcm.channels,
        pcm.samples.len() as u32 * 2,
    ));
    for s in &pcm.samples {
        out.extend_from_slice(&to_i16(*s).to_le_bytes());
    }
    out
}

/// A WAV file written as samples arrive; the header is kept valid after every write,
/// so the file is complete whenever the engine stops.
pub struct WavWriter {
    file: std::fs::File,
    rate: u32,
    channels: u16,
    data_bytes: u32,
    buf: Vec<u8>,
}

impl WavWriter {
    pub fn create(path: &std::path::Path, rate: u32, channels: u16) -> Result<WavWriter, String> {
        let mut file = std::fs::File::create(path)
            .map_err(|e| format!("cannot write '{}': {e}", path.display()))?;
        file.write_all(&header(rate, channels, 0))
            .map_err(|e| format!("cannot write '{}': {e}", path.display()))?;
        Ok(WavWriter {
            file,
            rate,
            channels,
            data_bytes: 0,
            buf: Vec::new(),
        })
    }

    /// Appends interleaved samples.
    pub fn write(&mut self, samples: &[f32]) -> std::io::Result<()> {
        self.buf.clear();
        for s in samples {
            self.buf.extend_from_slice(&to_i16(*s).to_le_bytes());
        }
        self.file.seek(SeekFrom::End(0))?;
        self.file.write_all(&self.buf)?;
        self.data_bytes += self.buf.len() as u32;
        self.file.seek(SeekFrom::Start(0))?;
        self.file
            .write_all(&header(self.rate, self.channels, self.data_bytes))
    }
}
