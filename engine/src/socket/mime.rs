//! `mime.core`: LuaSocket's low-level MIME filters. Each works on a stream cut into
//! chunks: it takes what was left over from the last chunk plus the next one, and returns
//! what it could convert and what it must keep for later; a missing next chunk means the
//! end of the stream (flush, pad). `mime.lua` builds the high-level filters on these.

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const CRLF: &[u8] = b"\r\n";
const EQCRLF: &[u8] = b"=\r\n";

fn b64_group(g: &[u8], out: &mut Vec<u8>) {
    let b = [g[0], *g.get(1).unwrap_or(&0), *g.get(2).unwrap_or(&0)];
    let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
    for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
        out.push(if i <= g.len() {
            B64[((n >> shift) & 63) as usize]
        } else {
            b'='
        });
    }
}

/// `b64(C, D)`: base64 of C..D in whole groups, and the bytes left over; with no D, the
/// rest is padded and nothing is left.
pub fn b64(c: &[u8], d: Option<&[u8]>) -> (Vec<u8>, Option<Vec<u8>>) {
    let all: Vec<u8> = [c, d.unwrap_or(&[])].concat();
    let whole = all.len() / 3 * 3;
    let mut out = Vec::with_capacity(all.len() / 3 * 4 + 4);
    for g in all[..whole].chunks(3) {
        b64_group(g, &mut out);
    }
    let rest = &all[whole..];
    match d {
        Some(_) => (out, Some(rest.to_vec())),
        None => {
            if !rest.is_empty() {
                b64_group(rest, &mut out);
            }
            (out, None)
        }
    }
}

fn b64_value(c: u8) -> Option<u8> {
    B64.iter().position(|&x| x == c).map(|p| p as u8)
}

/// `unb64(C, D)`: decodes whole groups of four (characters outside the alphabet are
/// skipped); an incomplete group is left over, or dropped at the end.
pub fn unb64(c: &[u8], d: Option<&[u8]>) -> (Vec<u8>, Option<Vec<u8>>) {
    let mut out = Vec::new();
    let mut atom: Vec<u8> = Vec::with_capacity(4);
    for &ch in c.iter().chain(d.unwrap_or(&[])) {
        if ch != b'=' && b64_value(ch).is_none() {
            continue;
        }
        atom.push(ch);
        if atom.len() == 4 {
            let vals: Vec<u32> = atom
                .iter()
                .map(|&x| u32::from(b64_value(x).unwrap_or(0)))
                .collect();
            let n = (vals[0] << 18) | (vals[1] << 12) | (vals[2] << 6) | vals[3];
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            let valid = if atom[2] == b'=' {
                1
            } else if atom[3] == b'=' {
                2
            } else {
                3
            };
            out.extend_from_slice(&bytes[..valid]);
            atom.clear();
        }
    }
    (out, d.map(|_| atom))
}

/// `eol(context, D, marker)`: every CR, LF, CRLF or LFCR becomes `marker`; the context is
/// the last CR/LF seen (0 for none), so a pair split across chunks counts once.
pub fn eol(mut ctx: u8, d: &[u8], marker: &[u8]) -> (Vec<u8>, u8) {
    let mut out = Vec::with_capacity(d.len());
    for &c in d {
        if c == b'\r' || c == b'\n' {
            if ctx == b'\r' || ctx == b'\n' {
                if c == ctx {
                    out.extend_from_slice(marker);
                }
                ctx = 0;
            } else {
                out.extend_from_slice(marker);
                ctx = c;
            }
        } else {
            out.push(c);
            ctx = 0;
        }
    }
    (out, ctx)
}

/// `wrp(left, D, length)`: breaks lines (CRLF) so none is longer than `length`; `left` is
/// the room on the current line. With no D: a final CRLF if the line is not empty.
pub fn wrp(mut left: i64, d: Option<&[u8]>, length: i64) -> (Option<Vec<u8>>, i64) {
    let Some(d) = d else {
        return ((left < length).then(|| CRLF.to_vec()), length);
    };
    let mut out = Vec::with_capacity(d.len() + d.len() / 32);
    for &c in d {
        match c {
            b'\r' => {}
            b'\n' => {
                out.extend_from_slice(CRLF);
                left = length;
            }
            _ => {
                if left <= 0 {
                    out.extend_from_slice(CRLF);
                    left = length;
                }
                out.push(c);
                left -= 1;
            }
        }
    }
    (Some(out), left)
}

/// `qpwrp(left, D, length)`: soft line breaks (`=` CRLF) for quoted-printable text,
/// never inside an `=XX` escape.
pub fn qpwrp(mut left: i64, d: Option<&[u8]>, length: i64) -> (Option<Vec<u8>>, i64) {
    let Some(d) = d else {
        return ((left < length).then(|| EQCRLF.to_vec()), length);
    };
    let mut out = Vec::with_capacity(d.len() + d.len() / 32);
    for &c in d {
        match c {
            b'\r' => {}
            b'\n' => {
                out.extend_from_slice(CRLF);
                left = length;
            }
            _ => {
                let room = if c == b'=' { 3 } else { 1 };
                if left <= room {
                    out.extend_from_slice(EQCRLF);
                    left = length;
                }
                out.push(c);
                left -= 1;
            }
        }
    }
    (Some(out), left)
}

/// `dot(state, D)`: SMTP dot-stuffing: a `.` at the start of a line gets doubled. The
/// state counts how much of a CRLF was just seen (2: at a line start).
pub fn dot(mut state: u8, d: &[u8]) -> (Vec<u8>, u8) {
    let mut out = Vec::with_capacity(d.len());
    for &c in d {
        out.push(c);
        state = match c {
            b'\r' => 1,
            b'\n' if state == 1 => 2,
            b'.' if state == 2 => {
                out.push(b'.');
                0
            }
            _ => 0,
        };
    }
    (out, state)
}

fn hex_digit(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|v| v as u8)
}

fn qp_quote(c: u8, out: &mut Vec<u8>) {
    out.extend_from_slice(format!("={c:02X}").as_bytes());
}

/// How quoted-printable treats a byte.
#[derive(PartialEq)]
enum QpClass {
    Plain,
    Quoted,
    /// Space or tab: escaped only when a line break follows it.
    IfLast,
    Cr,
}

fn qp_class(b: u8) -> QpClass {
    match b {
        b'\r' => QpClass::Cr,
        b' ' | b'\t' => QpClass::IfLast,
        33..=60 | 62..=126 => QpClass::Plain,
        _ => QpClass::Quoted,
    }
}

/// Feeds one byte to the quoted-printable encoder whose undecided bytes are `atom`
/// (at most 3: a CR waiting for its LF, a blank waiting to see whether CRLF follows).
fn qp_feed(atom: &mut Vec<u8>, c: u8, marker: &[u8], out: &mut Vec<u8>) {
    atom.push(c);
    while let Some(&first) = atom.first() {
        match qp_class(first) {
            QpClass::Cr => {
                if atom.len() < 2 {
                    return;
                }
                if atom[1] == b'\n' {
                    out.extend_from_slice(marker);
                    atom.clear();
                    return;
                }
                qp_quote(first, out);
            }
            QpClass::IfLast => {
                if atom.len() < 3 {
                    return;
                }
                if atom[1] == b'\r' && atom[2] == b'\n' {
                    qp_quote(first, out);
                    out.extend_from_slice(marker);
                    atom.clear();
                    return;
                }
                out.push(first);
            }
            QpClass::Quoted => qp_quote(first, out),
            QpClass::Plain => out.push(first),
        }
        atom.remove(0);
    }
}

/// `qp(C, D, marker)`: quoted-printable encoding. CRLF is a line break (written as
/// `marker`); a blank is escaped when a break follows it. Bytes that cannot be decided
/// yet are left over; at the end (no D) they are written out, then a soft line break.
pub fn qp(c: &[u8], d: Option<&[u8]>, marker: &[u8]) -> (Vec<u8>, Option<Vec<u8>>) {
    let mut out = Vec::with_capacity(c.len() + c.len() / 8);
    let mut atom = Vec::with_capacity(3);
    for &b in c.iter().chain(d.unwrap_or(&[])) {
        qp_feed(&mut atom, b, marker, &mut out);
    }
    if d.is_some() {
        return (out, Some(atom));
    }
    for &b in &atom {
        if qp_class(b) == QpClass::Plain {
            out.push(b);
        } else {
            qp_quote(b, &mut out);
        }
    }
    if !atom.is_empty() {
        out.extend_from_slice(EQCRLF);
    }
    (out, None)
}

/// Feeds one byte to the quoted-printable decoder whose pending bytes are `atom`.
fn unqp_feed(atom: &mut Vec<u8>, c: u8, out: &mut Vec<u8>) {
    atom.push(c);
    match atom[0] {
        b'=' => {
            if atom.len() < 3 {
                return;
            }
            if atom[1] != b'\r' || atom[2] != b'\n' {
                match (hex_digit(atom[1]), hex_digit(atom[2])) {
                    (Some(h), Some(l)) => out.push(h << 4 | l),
                    // Not an escape: kept as it is.
                    _ => out.extend_from_slice(atom),
                }
            }
        }
        b'\r' => {
            if atom.len() < 2 {
                return;
            }
            // LOVE: a CR not followed by LF is dropped with the byte after it.
            if atom[1] == b'\n' {
                out.extend_from_slice(CRLF);
            }
        }
        // Only tabs and printable ASCII survive; other bytes are not quoted-printable.
        b if b == b'\t' || (32..127).contains(&b) => out.push(b),
        _ => {}
    }
    atom.clear();
}

/// `unqp(C, D)`: decodes quoted-printable: `=XX` escapes, soft breaks (`=` CRLF)
/// removed; an escape or CR cut by the chunk's end is left over (dropped at the end).
pub fn unqp(c: &[u8], d: Option<&[u8]>) -> (Vec<u8>, Option<Vec<u8>>) {
    let mut out = Vec::with_capacity(c.len());
    let mut atom = Vec::with_capacity(3);
    for &b in c.iter().chain(d.unwrap_or(&[])) {
        unqp_feed(&mut atom, b, &mut out);
    }
    (out, d.map(|_| atom))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_b64_round_trip_and_chunks() {
        assert_eq!(b64(b"diego:password", None).0, b"ZGllZ286cGFzc3dvcmQ=");
        let (a, rest) = b64(b"ab", Some(b"cde"));
        assert_eq!((a, rest), (b"YWJj".to_vec(), Some(b"de".to_vec())));
        assert_eq!(unb64(b"ZGllZ286cGFzc3dvcmQ=", None).0, b"diego:password");
        assert_eq!(
            unb64(b"YW", Some(b"Jj\nZA")),
            (b"abc".to_vec(), Some(b"ZA".to_vec()))
        );
    }

    #[test]
    fn mime_eol_wrp_dot() {
        assert_eq!(
            eol(0, b"a\nb\r\nc\rd\n\ne", b"\r\n").0,
            b"a\r\nb\r\nc\r\nd\r\n\r\ne"
        );
        assert_eq!(
            wrp(3, Some(b"abcdef"), 3),
            (Some(b"abc\r\ndef".to_vec()), 0)
        );
        assert_eq!(wrp(0, None, 3).0, Some(b"\r\n".to_vec()));
        assert_eq!(dot(2, b".a\r\n.b").0, b"..a\r\n..b");
    }

    #[test]
    fn mime_qp_round_trip() {
        // Only the blank right before a break is escaped; the end gets a soft break.
        let (enc, _) = qp(b"caf\xe9  = ok  \r\nend ", None, b"\r\n");
        assert_eq!(enc, b"caf=E9  =3D ok =20\r\nend=20=\r\n");
        assert_eq!(unqp(&enc, None).0, b"caf\xe9  = ok  \r\nend ");
        let (a, rest) = qp(b"ab  ", Some(b""), b"\r\n");
        assert_eq!((a, rest), (b"ab".to_vec(), Some(b"  ".to_vec())));
        assert_eq!(
            unqp(b"a\rb\nc\r\n\n\r", Some(b"")),
            (b"ac\r\n".to_vec(), Some(b"\r".to_vec()))
        );
        assert_eq!(unqp(b"a=4", Some(b"1=\r\nb")).0, b"aAb");
    }
}
