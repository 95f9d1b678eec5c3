//! The `utf8` library of Lua 5.3, which LÖVE 11 bundles for LuaJIT (`require("utf8")`):
//! decoding and encoding as that library does it (code points up to U+10FFFF, overlong
//! forms rejected, surrogates accepted), and its position rules. `lua.rs` is the binding.

pub mod lua;

/// The largest code point `utf8.char` and the decoder accept.
pub const MAX_UNICODE: u32 = 0x10FFFF;

/// Whether `b` is a continuation byte (10xxxxxx).
pub fn is_cont(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// Decodes the character at byte `i`: its code point and length, or `None` when the
/// bytes there are not valid UTF-8. Bytes past the end read as 0 (Lua's terminator).
pub fn decode(s: &[u8], i: usize) -> Option<(u32, usize)> {
    let at = |k: usize| s.get(k).copied().unwrap_or(0);
    let first = at(i);
    if first < 0x80 {
        return Some((first as u32, 1));
    }
    let mut c = first as u32;
    let mut res: u32 = 0;
    let mut count = 0usize;
    while c & 0x40 != 0 {
        count += 1;
        let cc = at(i + count);
        if !is_cont(cc) || count > 5 {
            return None;
        }
        res = (res << 6) | (cc as u32 & 0x3F);
        c <<= 1;
    }
    res |= (c & 0x7F) << (count * 5);
    const LIMITS: [u32; 4] = [u32::MAX, 0x80, 0x800, 0x10000];
    if count == 0 || count > 3 || res > MAX_UNICODE || res < LIMITS[count] {
        return None;
    }
    Some((res, count + 1))
}

/// The UTF-8 bytes of a code point (any value up to 0x7FFFFFFF, as Lua's encoder).
pub fn encode(code: u32, out: &mut Vec<u8>) {
    if code < 0x80 {
        out.push(code as u8);
        return;
    }
    let mut tail: Vec<u8> = Vec::with_capacity(5);
    let mut c = code;
    // The first byte's free bits shrink by one for every continuation byte.
    let mut max_first: u32 = 0x3F;
    while c > max_first {
        tail.push(0x80 | (c & 0x3F) as u8);
        c >>= 6;
        max_first >>= 1;
    }
    out.push(((!max_first << 1) | c) as u8);
    out.extend(tail.iter().rev());
}

/// Lua's relative string position: negative counts from the end.
pub fn relative(pos: i64, len: usize) -> i64 {
    if pos >= 0 {
        pos
    } else if pos.unsigned_abs() as usize > len {
        0
    } else {
        len as i64 + pos + 1
    }
}

/// `utf8.len` over bytes `i..=j` (1-based, already checked): the count, or the 1-based
/// position of the first invalid byte.
pub fn len(s: &[u8], i: usize, j: i64) -> Result<usize, usize> {
    let mut pos = i - 1;
    let mut n = 0;
    while (pos as i64) < j {
        match decode(s, pos) {
            Some((_, l)) => pos += l,
            None => return Err(pos + 1),
        }
        n += 1;
    }
    Ok(n)
}

/// `utf8.offset` was asked to start inside a character.
#[derive(Debug, PartialEq)]
pub struct ContinuationByte;

/// `utf8.offset(s, n, i)` with `i` a checked 0-based position: the 1-based position of
/// the n-th character, `Ok(None)` when there is none, `Err` when `i` is inside one.
pub fn offset(s: &[u8], mut n: i64, mut pos: usize) -> Result<Option<usize>, ContinuationByte> {
    let at = |k: usize| s.get(k).copied().unwrap_or(0);
    if n == 0 {
        while pos > 0 && is_cont(at(pos)) {
            pos -= 1;
        }
        return Ok(Some(pos + 1));
    }
    if is_cont(at(pos)) {
        return Err(ContinuationByte);
    }
    if n < 0 {
        while n < 0 && pos > 0 {
            pos -= 1;
            while pos > 0 && is_cont(at(pos)) {
                pos -= 1;
            }
            n += 1;
        }
    } else {
        n -= 1;
        while n > 0 && pos < s.len() {
            pos += 1;
            while is_cont(at(pos)) {
                pos += 1;
            }
            n -= 1;
        }
    }
    Ok((n == 0).then_some(pos + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_decode_encode_limits() {
        assert_eq!(decode("€".as_bytes(), 0), Some((8364, 3)));
        assert_eq!(decode(b"\xF4\x8F\xBF\xBF", 0), Some((0x10FFFF, 4)));
        assert_eq!(decode(b"\xF4\x90\x80\x80", 0), None);
        assert_eq!(decode(b"\xC0\x80", 0), None);
        assert_eq!(decode(b"\x80", 0), None);
        assert_eq!(decode(b"\xed\xa0\x80", 0), Some((0xD800, 3)));
        let mut out = Vec::new();
        for c in [72, 228, 8364, 128512] {
            encode(c, &mut out);
        }
        assert_eq!(out, "Hä€😀".as_bytes());
    }

    #[test]
    fn utf8_len_and_offset() {
        let s = "häll€".as_bytes();
        assert_eq!(len(s, 1, s.len() as i64), Ok(5));
        assert_eq!(len(s, 3, s.len() as i64), Err(3));
        assert_eq!(offset(s, 3, 0), Ok(Some(4)));
        let a = "a€b".as_bytes();
        assert_eq!(offset(a, -1, a.len()), Ok(Some(5)));
        assert_eq!(offset(a, -2, a.len()), Ok(Some(2)));
        assert_eq!(offset(a, 1, 2), Err(ContinuationByte));
        assert_eq!(offset(b"abc", 5, 0), Ok(None));
        assert_eq!(relative(-1, 3), 3);
        assert_eq!(relative(-5, 3), 0);
    }
}
