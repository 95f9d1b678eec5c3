//! A streaming decoder over symphonia: reads one packet at a time from a file (or from
//! bytes, for archives), so memory stays at a chunk whatever the file's length.

use std::io::Cursor;
use std::path::PathBuf;
use std::sync::Arc;
use symphonia::core::codecs::CodecParameters;
use symphonia::core::codecs::audio::AudioDecoder;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::{FormatReader, SeekMode, SeekTo, TrackType};
use symphonia::core::io::{MediaSource, MediaSourceStream};
use symphonia::core::units::Timestamp;

/// LÖVE's default Decoder buffer size, in bytes.
pub const DEFAULT_BUFFER: usize = 16384;

/// Where the encoded bytes come from; kept so the decoder can be cloned and reopened.
#[derive(Clone)]
pub enum Origin {
    /// A file on disk, opened again by clones: nothing of it is held in memory.
    File(PathBuf),
    /// Encoded bytes (files inside a .love archive).
    Bytes(Arc<[u8]>),
}

pub struct Decoder {
    origin: Origin,
    name: String,
    reader: Box<dyn FormatReader>,
    codec: Box<dyn AudioDecoder>,
    track: u32,
    rate: u32,
    channels: u16,
    total_frames: Option<u64>,
    /// Frames still to drop after an accurate seek landed before the target.
    skip: u64,
    /// Bytes per decode() chunk, as LÖVE's Decoder buffer size.
    pub buffer_size: usize,
    finished: bool,
    scratch: Vec<f32>,
}

fn err(name: &str, e: impl std::fmt::Display) -> String {
    format!("Could not decode file '{name}': {e}")
}

impl Decoder {
    pub fn from_bytes(bytes: Vec<u8>, name: &str, buffer_size: usize) -> Result<Decoder, String> {
        Self::open(Origin::Bytes(bytes.into()), name, buffer_size)
    }

    pub fn from_file(path: PathBuf, name: &str, buffer_size: usize) -> Result<Decoder, String> {
        Self::open(Origin::File(path), name, buffer_size)
    }

    pub fn open(origin: Origin, name: &str, buffer_size: usize) -> Result<Decoder, String> {
        let source: Box<dyn MediaSource> = match &origin {
            Origin::File(p) => Box::new(
                std::fs::File::open(p)
                    .map_err(|_| format!("Could not open file {name}. Does not exist."))?,
            ),
            Origin::Bytes(b) => Box::new(Cursor::new(b.clone())),
        };
        let mss = MediaSourceStream::new(source, Default::default());
        let mut hint = Hint::new();
        if let Some(ext) = name.rsplit('.').next().filter(|e| *e != name) {
            hint.with_extension(&ext.to_ascii_lowercase());
        }
        let reader = symphonia::default::get_probe()
            .probe(&hint, mss, Default::default(), Default::default())
            .map_err(|e| err(name, e))?;
        let track = reader
            .default_track(TrackType::Audio)
            .ok_or_else(|| err(name, "no audio track"))?;
        let Some(CodecParameters::Audio(params)) = track.codec_params.as_ref() else {
            return Err(err(name, "no audio track"));
        };
        let rate = params
            .sample_rate
            .ok_or_else(|| err(name, "unknown sample rate"))?;
        let channels = params.channels.as_ref().map(|c| c.count()).unwrap_or(0);
        if !(1..=8).contains(&channels) {
            return Err(err(name, format!("unsupported channel count {channels}")));
        }
        let codec = symphonia::default::get_codecs()
            .make_audio_decoder(params, &Default::default())
            .map_err(|e| err(name, e))?;
        let (id, total_frames) = (track.id, track.num_frames);
        Ok(Decoder {
            origin,
            name: name.to_string(),
            reader,
            codec,
            track: id,
            rate,
            channels: channels as u16,
            total_frames,
            skip: 0,
            buffer_size: buffer_size.max(64),
            finished: false,
            scratch: Vec::new(),
        })
    }

    /// A fresh decoder over the same file, at its start.
    pub fn try_clone(&self) -> Result<Decoder, String> {
        Self::open(self.origin.clone(), &self.name, self.buffer_size)
    }

    pub fn rate(&self) -> u32 {
        self.rate
    }

    pub fn channels(&self) -> u16 {
        self.channels
    }

    /// LÖVE's decoders produce 16-bit samples.
    pub fn bits(&self) -> u16 {
        16
    }

    /// Seconds, or -1 when the container does not say (LÖVE's convention).
    pub fn duration(&self) -> f64 {
        match self.total_frames {
            Some(n) => n as f64 / self.rate as f64,
            None => -1.0,
        }
    }

    pub fn total_frames(&self) -> Option<u64> {
        self.total_frames
    }

    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// Decodes the next packet's interleaved samples; `None` at the end of the stream.
    /// A corrupt packet is skipped, as players do; a broken stream is an error.
    pub fn decode_packet(&mut self) -> Result<Option<Vec<f32>>, String> {
        use symphonia::core::errors::Error;
        let mut bad_packets = 0;
        loop {
            let packet = match self.reader.next_packet() {
                Ok(Some(p)) => p,
                Ok(None) => {
                    self.finished = true;
                    return Ok(None);
                }
                Err(Error::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                    self.finished = true;
                    return Ok(None);
                }
                Err(e) => return Err(err(&self.name, e)),
            };
            if packet.track_id != self.track {
                continue;
            }
            let buf = match self.codec.decode(&packet) {
                Ok(b) => b,
                Err(Error::DecodeError(_)) if bad_packets < 16 => {
                    bad_packets += 1;
                    continue;
                }
                Err(e) => return Err(err(&self.name, e)),
            };
            let ch = buf.spec().channels().count().max(1);
            let frames = buf.frames();
            let mut out = vec![0.0f32; frames * ch];
            buf.copy_to_slice_interleaved::<f32, _>(&mut out[..]);
            // Gapless: drop the encoder's delay and padding the container marks (mp3, ogg).
            let (ts, te) = (
                packet.trim_start.get() as usize,
                packet.trim_end.get() as usize,
            );
            if ts + te > 0 && ts + te <= frames {
                out.truncate((frames - te) * ch);
                out.drain(..ts * ch);
            }
            if self.skip > 0 {
                let drop = (self.skip as usize).min(buf.frames());
                self.skip -= drop as u64;
                out.drain(..drop * ch);
            }
            if out.is_empty() {
                continue;
            }
            return Ok(Some(out));
        }
    }

    /// About `buffer_size` bytes of 16-bit samples (LÖVE's Decoder:decode), or `None` at the end.
    pub fn decode_chunk(&mut self) -> Result<Option<Vec<f32>>, String> {
        let want = (self.buffer_size / 2).max(self.channels as usize);
        while self.scratch.len() < want {
            match self.decode_packet()? {
                Some(s) => self.scratch.extend_from_slice(&s),
                None => break,
            }
        }
        if self.scratch.is_empty() {
            return Ok(None);
        }
        let n = want.min(self.scratch.len());
        let n = n - n % self.channels as usize;
        let n = if n == 0 { self.scratch.len() } else { n };
        Ok(Some(self.scratch.drain(..n).collect()))
    }

    /// Moves to `seconds` from the start, sample-accurately where the format allows.
    pub fn seek(&mut self, seconds: f64) -> Result<(), String> {
        let target = (seconds.max(0.0) * self.rate as f64) as u64;
        self.scratch.clear();
        self.finished = false;
        if target == 0 {
            // Reopening is the one seek every format supports.
            let fresh = self.try_clone()?;
            let buffer_size = self.buffer_size;
            *self = fresh;
            self.buffer_size = buffer_size;
            return Ok(());
        }
        let seeked = self
            .reader
            .seek(
                SeekMode::Accurate,
                SeekTo::Timestamp {
                    ts: Timestamp::new(target as i64),
                    track_id: self.track,
                },
            )
            .map_err(|e| err(&self.name, e))?;
        self.codec.reset();
        let actual = seeked.actual_ts.get().max(0) as u64;
        self.skip = target.saturating_sub(actual);
        Ok(())
    }
}
