//! `love.data.pack`/`unpack`/`getPackedSize`: Lua 5.3's `string.pack` format language,
//! which LÖVE exposes to LuaJIT games.

#[derive(Clone, Debug, PartialEq)]
pub enum Packed {
    Int(i64),
    Num(f64),
    Str(Vec<u8>),
}

#[derive(Clone, Copy, Debug)]
enum Item {
    Int {
        size: usize,
        signed: bool,
    },
    Float,
    Double,
    /// Length-prefixed string with an unsigned length of `size` bytes.
    Str(usize),
    /// Fixed-size string.
    Fixed(usize),
    Zero,
    Pad,
    Align(usize),
}

struct Parser<'a> {
    fmt: &'a [u8],
    pos: usize,
    little: bool,
    max_align: usize,
}

fn native_little() -> bool {
    cfg!(target_endian = "little")
}

impl<'a> Parser<'a> {
    fn new(fmt: &'a str) -> Parser<'a> {
        Parser {
            fmt: fmt.as_bytes(),
            pos: 0,
            little: native_little(),
            max_align: 1,
        }
    }

    fn number(&mut self) -> Option<usize> {
        let start = self.pos;
        while self.pos < self.fmt.len() && self.fmt[self.pos].is_ascii_digit() {
            self.pos += 1;
        }
        std::str::from_utf8(&self.fmt[start..self.pos])
            .ok()?
            .parse()
            .ok()
    }

    fn size(&mut self, default: usize) -> Result<usize, String> {
        match self.number() {
            None => Ok(default),
            Some(n) if (1..=16).contains(&n) => Ok(n),
            Some(n) => Err(format!("integral size ({n}) out of limits [1,16]")),
        }
    }

    /// The next item, with its alignment requirement; `None` at the end.
    fn next(&mut self) -> Result<Option<(Item, usize)>, String> {
        loop {
            let Some(&c) = self.fmt.get(self.pos) else {
                return Ok(None);
            };
            self.pos += 1;
            let item = match c {
                b' ' => continue,
                b'<' => {
                    self.little = true;
                    continue;
                }
                b'>' => {
                    self.little = false;
                    continue;
                }
                b'=' => {
                    self.little = native_little();
                    continue;
                }
                b'!' => {
                    self.max_align = self.size(8)?;
                    continue;
                }
                b'b' => Item::Int {
                    size: 1,
                    signed: true,
                },
                b'B' => Item::Int {
                    size: 1,
                    signed: false,
                },
                b'h' => Item::Int {
                    size: 2,
                    signed: true,
                },
                b'H' => Item::Int {
                    size: 2,
                    signed: false,
                },
                b'i' => Item::Int {
                    size: self.size(4)?,
                    signed: true,
                },
                b'I' => Item::Int {
                    size: self.size(4)?,
                    signed: false,
                },
                b'l' | b'j' => Item::Int {
                    size: 8,
                    signed: true,
                },
                b'L' | b'J' | b'T' => Item::Int {
                    size: 8,
                    signed: false,
                },
                b'f' => Item::Float,
                b'd' | b'n' => Item::Double,
                b's' => Item::Str(self.size(8)?),
                b'c' => Item::Fixed(self.number().ok_or("missing size for format option 'c'")?),
                b'z' => Item::Zero,
                b'x' => Item::Pad,
                b'X' => {
                    let (next, align) = self.next()?.ok_or("invalid next option for option 'X'")?;
                    let _ = next;
                    Item::Align(align)
                }
                other => return Err(format!("invalid format option '{}'", other as char)),
            };
            let natural = match item {
                Item::Int { size, .. } => size,
                Item::Float => 4,
                Item::Double => 8,
                _ => 1,
            };
            return Ok(Some((item, natural.min(self.max_align))));
        }
    }
}

fn padding(pos: usize, align: usize) -> usize {
    if align <= 1 {
        0
    } else {
        (align - pos % align) % align
    }
}

fn put_int(out: &mut Vec<u8>, v: i64, size: usize, little: bool) {
    let mut bytes: Vec<u8> = (0..size)
        .map(|i| {
            if i < 8 {
                (v >> (8 * i)) as u8
            } else if v < 0 {
                0xFF
            } else {
                0
            }
        })
        .collect();
    if !little {
        bytes.reverse();
    }
    out.extend_from_slice(&bytes);
}

/// Packs `values` according to `fmt`.
pub fn pack(fmt: &str, values: &[Packed]) -> Result<Vec<u8>, String> {
    let mut p = Parser::new(fmt);
    let mut out = Vec::new();
    let mut vals = values.iter();
    let mut arg = 0;
    while let Some((item, align)) = p.next()? {
        let a = match item {
            Item::Align(a) => a,
            _ => align,
        };
        out.extend(std::iter::repeat_n(0u8, padding(out.len(), a)));
        let mut take = || {
            arg += 1;
            vals.next()
                .cloned()
                .ok_or(format!("bad argument #{} to 'pack' (no value)", arg + 2))
        };
        match item {
            Item::Int { size, signed } => {
                let v = match take()? {
                    Packed::Int(i) => i,
                    Packed::Num(n) if n.fract() == 0.0 => n as i64,
                    Packed::Num(_) => return Err("number has no integer representation".into()),
                    Packed::Str(_) => return Err("number expected, got string".into()),
                };
                if size < 8 {
                    let bits = 8 * size as u32;
                    let ok = if signed {
                        let lim = 1i64 << (bits - 1);
                        (-lim..lim).contains(&v)
                    } else {
                        (0..(1i64 << bits)).contains(&v) || (v < 0 && v >= -(1i64 << (bits - 1)))
                    };
                    if !ok {
                        return Err(if signed {
                            "integer overflow".into()
                        } else {
                            "unsigned overflow".into()
                        });
                    }
                }
                put_int(&mut out, v, size, p.little);
            }
            Item::Float | Item::Double => {
                let v = match take()? {
                    Packed::Int(i) => i as f64,
                    Packed::Num(n) => n,
                    Packed::Str(_) => return Err("number expected, got string".into()),
                };
                let mut b = if matches!(item, Item::Float) {
                    (v as f32).to_le_bytes().to_vec()
                } else {
                    v.to_le_bytes().to_vec()
                };
                if !p.little {
                    b.reverse();
                }
                out.extend_from_slice(&b);
            }
            Item::Str(_) | Item::Fixed(_) | Item::Zero => {
                let size = match item {
                    Item::Str(n) | Item::Fixed(n) => n,
                    _ => 0,
                };
                let s = match take()? {
                    Packed::Str(s) => s,
                    Packed::Int(i) => i.to_string().into_bytes(),
                    Packed::Num(n) => crate::runtime::args::format_lua_number(n).into_bytes(),
                };
                match item {
                    Item::Str(_) => {
                        if size < 8 && s.len() as u64 >= 1u64 << (8 * size) {
                            return Err("string length does not fit in given size".into());
                        }
                        put_int(&mut out, s.len() as i64, size, p.little);
                        out.extend_from_slice(&s);
                    }
                    Item::Fixed(_) => {
                        if s.len() > size {
                            return Err("string longer than given size".into());
                        }
                        out.extend_from_slice(&s);
                        out.extend(std::iter::repeat_n(0u8, size - s.len()));
                    }
                    _ => {
                        if s.contains(&0) {
                            return Err("string contains zeros".into());
                        }
                        out.extend_from_slice(&s);
                        out.push(0);
                    }
                }
            }
            Item::Pad => out.push(0),
            Item::Align(_) => {}
        }
    }
    Ok(out)
}

/// Unpacks values from `data` starting at byte `pos` (0-based); returns them and the
/// position after the last byte read.
pub fn unpack(fmt: &str, data: &[u8], mut pos: usize) -> Result<(Vec<Packed>, usize), String> {
    let mut p = Parser::new(fmt);
    let mut out = Vec::new();
    let short = || "data string too short".to_string();
    while let Some((item, align)) = p.next()? {
        let a = match item {
            Item::Align(a) => a,
            _ => align,
        };
        pos += padding(pos, a);
        let read = |pos: usize, n: usize| data.get(pos..pos + n).ok_or_else(short);
        match item {
            Item::Int { size, signed } => {
                let mut b = read(pos, size)?.to_vec();
                if !p.little {
                    b.reverse();
                }
                let mut v: u64 = 0;
                for (i, byte) in b.iter().take(8).enumerate() {
                    v |= (*byte as u64) << (8 * i);
                }
                let v = if signed && size < 8 {
                    let shift = 64 - 8 * size as u32;
                    ((v << shift) as i64) >> shift
                } else {
                    v as i64
                };
                out.push(Packed::Int(v));
                pos += size;
            }
            Item::Float => {
                let mut b: [u8; 4] = read(pos, 4)?.try_into().map_err(|_| short())?;
                if !p.little {
                    b.reverse();
                }
                out.push(Packed::Num(f32::from_le_bytes(b) as f64));
                pos += 4;
            }
            Item::Double => {
                let mut b: [u8; 8] = read(pos, 8)?.try_into().map_err(|_| short())?;
                if !p.little {
                    b.reverse();
                }
                out.push(Packed::Num(f64::from_le_bytes(b)));
                pos += 8;
            }
            Item::Str(size) => {
                let mut b = read(pos, size)?.to_vec();
                if !p.little {
                    b.reverse();
                }
                let len = b
                    .iter()
                    .take(8)
                    .enumerate()
                    .fold(0usize, |acc, (i, x)| acc | (*x as usize) << (8 * i));
                pos += size;
                out.push(Packed::Str(read(pos, len)?.to_vec()));
                pos += len;
            }
            Item::Fixed(size) => {
                out.push(Packed::Str(read(pos, size)?.to_vec()));
                pos += size;
            }
            Item::Zero => {
                let rest = data.get(pos..).ok_or_else(short)?;
                let end = rest
                    .iter()
                    .position(|b| *b == 0)
                    .ok_or("unfinished string for format 'z'")?;
                out.push(Packed::Str(rest[..end].to_vec()));
                pos += end + 1;
            }
            Item::Pad => pos += 1,
            Item::Align(_) => {}
        }
    }
    Ok((out, pos))
}

/// Size in bytes of what `fmt` packs; variable-size formats are an error.
pub fn packed_size(fmt: &str) -> Result<usize, String> {
    let mut p = Parser::new(fmt);
    let mut total = 0usize;
    while let Some((item, align)) = p.next()? {
        let a = match item {
            Item::Align(a) => a,
            _ => align,
        };
        total += padding(total, a);
        total += match item {
            Item::Int { size, .. } => size,
            Item::Float => 4,
            Item::Double => 8,
            Item::Fixed(n) => n,
            Item::Pad => 1,
            Item::Align(_) => 0,
            Item::Str(_) | Item::Zero => return Err("variable-size format in packsize".into()),
        };
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_pack_roundtrip() {
        let vals = vec![
            Packed::Int(-2),
            Packed::Int(65535),
            Packed::Num(1.5),
            Packed::Str(b"hi".to_vec()),
            Packed::Str(b"zero".to_vec()),
        ];
        let b = pack("<i2I2ds1z", &vals).expect("pack");
        assert_eq!(&b[..4], &[0xFE, 0xFF, 0xFF, 0xFF]);
        let (back, pos) = unpack("<i2I2ds1z", &b, 0).expect("unpack");
        assert_eq!(back, vals);
        assert_eq!(pos, b.len());
    }

    #[test]
    fn data_pack_big_endian_and_sizes() {
        assert_eq!(
            pack(">I4", &[Packed::Int(1)]).expect("pack"),
            vec![0, 0, 0, 1]
        );
        assert_eq!(packed_size("i4i8d").expect("size"), 20);
        assert_eq!(packed_size("!4 b i4").expect("size"), 8);
        assert!(packed_size("s").is_err());
        assert_eq!(
            pack("B", &[Packed::Int(300)]).err().as_deref(),
            Some("unsigned overflow")
        );
        assert!(unpack("i4", &[1, 2], 0).is_err());
    }
}
