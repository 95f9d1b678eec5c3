//! The raw fast path of `love.graphics.print(text, x, y, r, sx, sy, ox, oy, kx, ky)`
//! (see `raw.rs`): a string or number and up to nine numbers, read off the Lua stack;
//! no `MultiValue`, no copy of the text.

use super::raw::{FastFn, Stack};
use mlua::Lua;
use std::os::raw::c_int;

/// Room for "-" and 14 digits (integers below 1e14).
const DIGITS: usize = 16;

/// Writes `x` as Lua's `tostring` does (`%.14g`) when it is a whole number below 1e14
/// (other than -0): its plain decimal digits. Returns the length, or None.
fn integer_digits(x: f64, out: &mut [u8; DIGITS]) -> Option<usize> {
    if x.fract() != 0.0 || x.abs() >= 1e14 || (x == 0.0 && x.is_sign_negative()) {
        return None;
    }
    let mut n = x.abs() as u64;
    let mut tmp = [0u8; DIGITS];
    let mut i = DIGITS;
    loop {
        i -= 1;
        tmp[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if x < 0.0 {
        i -= 1;
        tmp[i] = b'-';
    }
    let len = DIGITS - i;
    out[..len].copy_from_slice(&tmp[i..]);
    Some(len)
}

pub struct Print;

impl FastFn for Print {
    fn call(lua: &Lua, a: &Stack) -> Option<c_int> {
        if a.n < 1 || a.n > 10 {
            return None;
        }
        let local = a.placement(2)?;
        // PERF: a whole number (a score, a counter) is formatted here, with no Lua string
        // to intern and collect; it reads exactly as Lua's tostring writes it.
        let mut digits = [0u8; DIGITS];
        let bytes = match a.is_number(1) {
            true => match integer_digits(a.number_f64(1), &mut digits) {
                Some(len) => &digits[..len],
                // LOVE: other numbers print as Lua's tostring writes them.
                None => a.text(1)?,
            },
            false => a.str(1)?,
        };
        // Invalid UTF-8: the ordinary binding raises LÖVE's error.
        let s = std::str::from_utf8(bytes).ok()?;
        let mut g = crate::graphics::lua::try_graphics(lua)?;
        g.print_plain(s, local);
        Some(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(x: f64) -> Option<String> {
        let mut out = [0u8; DIGITS];
        integer_digits(x, &mut out).map(|n| String::from_utf8_lossy(&out[..n]).into_owned())
    }

    #[test]
    fn graphics_print_number_digits_match_tostring() {
        assert_eq!(digits(0.0).as_deref(), Some("0"));
        assert_eq!(digits(7.0).as_deref(), Some("7"));
        assert_eq!(digits(-42.0).as_deref(), Some("-42"));
        assert_eq!(
            digits(99_999_999_999_999.0).as_deref(),
            Some("99999999999999")
        );
        assert_eq!(
            digits(-99_999_999_999_999.0).as_deref(),
            Some("-99999999999999")
        );
        // Lua's %.14g writes these differently: left to lua_tolstring.
        assert_eq!(digits(1e14), None);
        assert_eq!(digits(-0.0), None);
        assert_eq!(digits(0.5), None);
        assert_eq!(digits(f64::NAN), None);
        assert_eq!(digits(f64::INFINITY), None);
    }
}
