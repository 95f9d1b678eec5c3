//! `love.data` core: compression (lz4, zlib, gzip, deflate), encodings (base64, hex),
//! hashes (md5, sha1, sha2 family) and `pack`/`unpack`. Knows nothing of Lua.

pub mod lua;
pub mod pack;

use std::io::{Read, Write};
use std::sync::Arc;

/// The bytes of a Data object: a buffer shared by every love.thread state the object was
/// sent to (LÖVE reference-counts the object), or a window into one (a DataView sees and
/// writes its source's bytes). The buffer is never resized, so pointers into it stay
/// valid while any holder lives.
#[derive(Clone)]
pub struct DataBuf {
    buf: Arc<Vec<u8>>,
    off: usize,
    len: usize,
}

impl DataBuf {
    pub fn new(bytes: Vec<u8>) -> DataBuf {
        let len = bytes.len();
        DataBuf {
            buf: Arc::new(bytes),
            off: 0,
            len,
        }
    }

    /// `len` bytes from `off` of these bytes, over the same buffer; `None` out of range.
    pub fn view(&self, off: usize, len: usize) -> Option<DataBuf> {
        (off.checked_add(len)? <= self.len).then(|| DataBuf {
            buf: self.buf.clone(),
            off: self.off + off,
            len,
        })
    }

    /// The same bytes of the same buffer.
    pub fn same(&self, o: &DataBuf) -> bool {
        Arc::ptr_eq(&self.buf, &o.buf) && self.off == o.off && self.len == o.len
    }
}

impl std::ops::Deref for DataBuf {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        // In range by construction (`new`, `view`).
        self.buf.get(self.off..self.off + self.len).unwrap_or(&[])
    }
}

impl PartialEq for DataBuf {
    fn eq(&self, o: &DataBuf) -> bool {
        self.same(o)
    }
}

impl std::fmt::Debug for DataBuf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "DataBuf({:p}+{}, {})",
            Arc::as_ptr(&self.buf),
            self.off,
            self.len
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Lz4,
    Zlib,
    Gzip,
    Deflate,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Lz4 => "lz4",
            Format::Zlib => "zlib",
            Format::Gzip => "gzip",
            Format::Deflate => "deflate",
        }
    }
}

/// Compresses with `level` (-1: the format's default; 0–9 otherwise, as LÖVE).
pub fn compress(format: Format, data: &[u8], level: i32) -> Result<Vec<u8>, String> {
    let level = if level < 0 {
        flate2::Compression::default()
    } else {
        flate2::Compression::new(level.clamp(0, 9) as u32)
    };
    let io = |e: std::io::Error| format!("Could not compress data: {e}");
    Ok(match format {
        // LOVE: lz4 data starts with the uncompressed size, a little-endian u32.
        Format::Lz4 => {
            if data.len() > u32::MAX as usize {
                return Err("Data is too large for LZ4 compressor.".into());
            }
            lz4_flex::compress_prepend_size(data)
        }
        Format::Zlib => {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), level);
            e.write_all(data).map_err(io)?;
            e.finish().map_err(io)?
        }
        Format::Gzip => {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), level);
            e.write_all(data).map_err(io)?;
            e.finish().map_err(io)?
        }
        Format::Deflate => {
            let mut e = flate2::write::DeflateEncoder::new(Vec::new(), level);
            e.write_all(data).map_err(io)?;
            e.finish().map_err(io)?
        }
    })
}

pub fn decompress(format: Format, data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let fail = |what: &str| format!("Could not decompress {what}-compressed data.");
    match format {
        Format::Lz4 => {
            return lz4_flex::decompress_size_prepended(data).map_err(|_| fail("LZ4"));
        }
        Format::Zlib => flate2::read::ZlibDecoder::new(data)
            .read_to_end(&mut out)
            .map_err(|_| fail("zlib/gzip"))?,
        Format::Gzip => flate2::read::GzDecoder::new(data)
            .read_to_end(&mut out)
            .map_err(|_| fail("zlib/gzip"))?,
        Format::Deflate => flate2::read::DeflateDecoder::new(data)
            .read_to_end(&mut out)
            .map_err(|_| fail("deflate"))?,
    };
    Ok(out)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Base64,
    Hex,
}

/// Encodes; `line_length` > 0 wraps base64 output with "\n" every that many characters.
pub fn encode(enc: Encoding, data: &[u8], line_length: usize) -> String {
    use base64::Engine;
    match enc {
        Encoding::Hex => data.iter().map(|b| format!("{b:02x}")).collect(),
        Encoding::Base64 => {
            let s = base64::engine::general_purpose::STANDARD.encode(data);
            if line_length == 0 {
                return s;
            }
            let mut out = String::with_capacity(s.len() + s.len() / line_length);
            for (i, ch) in s.chars().enumerate() {
                if i > 0 && i % line_length == 0 {
                    out.push('\n');
                }
                out.push(ch);
            }
            out
        }
    }
}

pub fn decode(enc: Encoding, text: &[u8]) -> Result<Vec<u8>, String> {
    use base64::Engine;
    match enc {
        Encoding::Base64 => {
            let clean: Vec<u8> = text
                .iter()
                .copied()
                .filter(|c| !c.is_ascii_whitespace())
                .collect();
            base64::engine::general_purpose::STANDARD
                .decode(clean)
                .map_err(|e| format!("Could not decode base64 data: {e}"))
        }
        Encoding::Hex => {
            let digits: Vec<u8> = text
                .iter()
                .copied()
                .filter(|c| !c.is_ascii_whitespace())
                .collect();
            let t = digits.strip_prefix(b"0x").unwrap_or(&digits);
            if !t.len().is_multiple_of(2) {
                return Err("Could not decode hex data: odd number of digits".into());
            }
            t.chunks(2)
                .map(|p| {
                    std::str::from_utf8(p)
                        .ok()
                        .and_then(|s| u8::from_str_radix(s, 16).ok())
                        .ok_or_else(|| "Could not decode hex data: invalid digit".to_string())
                })
                .collect()
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

/// The raw digest bytes.
pub fn hash(h: Hash, data: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    match h {
        Hash::Md5 => md5::Md5::digest(data).to_vec(),
        Hash::Sha1 => sha1::Sha1::digest(data).to_vec(),
        Hash::Sha224 => sha2::Sha224::digest(data).to_vec(),
        Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
        Hash::Sha384 => sha2::Sha384::digest(data).to_vec(),
        Hash::Sha512 => sha2::Sha512::digest(data).to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_buf_view_shares_bytes() {
        let b = DataBuf::new(vec![1, 2, 3, 4]);
        let v = b.view(1, 2).expect("in range");
        assert_eq!(&*v, &[2, 3]);
        assert_eq!(v.as_ptr(), b[1..].as_ptr());
        assert!(b.view(3, 2).is_none());
        assert!(b.view(usize::MAX, 2).is_none());
        assert!(v.same(&v.clone()) && !v.same(&b));
    }

    #[test]
    fn data_compress_roundtrip_all_formats() {
        let text = b"hello hello hello hello hello hello".repeat(20);
        for f in [Format::Lz4, Format::Zlib, Format::Gzip, Format::Deflate] {
            let c = compress(f, &text, -1).expect("compress");
            assert!(c.len() < text.len(), "{f:?}");
            assert_eq!(decompress(f, &c).expect("decompress"), text, "{f:?}");
        }
        assert!(decompress(Format::Zlib, b"not zlib").is_err());
        let lz = compress(Format::Lz4, b"abc", 0).expect("lz4");
        assert_eq!(&lz[..4], &[3, 0, 0, 0]);
    }

    #[test]
    fn data_encode_decode() {
        assert_eq!(encode(Encoding::Base64, b"hello", 0), "aGVsbG8=");
        assert_eq!(encode(Encoding::Base64, b"hello", 4), "aGVs\nbG8=");
        assert_eq!(encode(Encoding::Hex, b"\x01\xff", 0), "01ff");
        assert_eq!(
            decode(Encoding::Base64, b"aGVs\nbG8=").expect("b64"),
            b"hello"
        );
        assert_eq!(decode(Encoding::Hex, b"01FF").expect("hex"), b"\x01\xff");
        assert!(decode(Encoding::Hex, b"abc").is_err());
    }

    #[test]
    fn data_hash_known_digests() {
        let hex = |h| encode(Encoding::Hex, &hash(h, b"abc"), 0);
        assert_eq!(hex(Hash::Md5), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(hex(Hash::Sha1), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(
            hex(Hash::Sha256),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(hash(Hash::Sha512, b"").len(), 64);
        assert_eq!(hash(Hash::Sha224, b"").len(), 28);
        assert_eq!(hash(Hash::Sha384, b"").len(), 48);
    }
}
