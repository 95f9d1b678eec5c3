//! Keyboard naming for the LÖVE 11.5 API: this module owns the translation from winit's
//! physical `KeyCode`s to LÖVE `Scancode` names (`scancode_name` / `scancode_from_name`), the
//! translation from winit's logical `Key` to LÖVE `KeyConstant` names (`key_name`), and the
//! canonical name lists (`SCANCODE_NAMES`, `KEY_NAMES`) used to validate strings passed to
//! `love.keyboard.isDown`, `isScancodeDown`, `getKeyFromScancode` and friends.

use winit::keyboard::{Key, KeyCode, NamedKey};

/// Generates `scancode_name` and the list of mapped physical codes from one table.
/// Where several codes share a name, the first one listed is what `scancode_from_name` returns.
macro_rules! scancode_table {
    ($($code:ident => $name:literal),* $(,)?) => {
        /// LÖVE 11.5 Scancode name of a physical key; `"unknown"` when LÖVE has no name for it.
        pub fn scancode_name(code: KeyCode) -> &'static str {
            match code {
                $(KeyCode::$code => $name,)*
                _ => "unknown",
            }
        }

        /// Every physical code that `scancode_name` maps to something other than `"unknown"`.
        const MAPPED_CODES: &[KeyCode] = &[$(KeyCode::$code),*];
    };
}

scancode_table! {
    KeyA => "a", KeyB => "b", KeyC => "c", KeyD => "d", KeyE => "e", KeyF => "f", KeyG => "g",
    KeyH => "h", KeyI => "i", KeyJ => "j", KeyK => "k", KeyL => "l", KeyM => "m", KeyN => "n",
    KeyO => "o", KeyP => "p", KeyQ => "q", KeyR => "r", KeyS => "s", KeyT => "t", KeyU => "u",
    KeyV => "v", KeyW => "w", KeyX => "x", KeyY => "y", KeyZ => "z",
    Digit1 => "1", Digit2 => "2", Digit3 => "3", Digit4 => "4", Digit5 => "5",
    Digit6 => "6", Digit7 => "7", Digit8 => "8", Digit9 => "9", Digit0 => "0",
    Enter => "return", Escape => "escape", Backspace => "backspace", Tab => "tab", Space => "space",
    Minus => "-", Equal => "=", BracketLeft => "[", BracketRight => "]", Backslash => "\\",
    Semicolon => ";", Quote => "'", Backquote => "`", Comma => ",", Period => ".", Slash => "/",
    CapsLock => "capslock",
    F1 => "f1", F2 => "f2", F3 => "f3", F4 => "f4", F5 => "f5", F6 => "f6", F7 => "f7",
    F8 => "f8", F9 => "f9", F10 => "f10", F11 => "f11", F12 => "f12",
    PrintScreen => "printscreen", ScrollLock => "scrolllock", Pause => "pause",
    Insert => "insert", Home => "home", PageUp => "pageup", Delete => "delete", End => "end",
    PageDown => "pagedown", ArrowRight => "right", ArrowLeft => "left", ArrowDown => "down",
    ArrowUp => "up",
    NumLock => "numlock", NumpadDivide => "kp/", NumpadMultiply => "kp*", NumpadSubtract => "kp-",
    NumpadAdd => "kp+", NumpadEnter => "kpenter", Numpad1 => "kp1", Numpad2 => "kp2",
    Numpad3 => "kp3", Numpad4 => "kp4", Numpad5 => "kp5", Numpad6 => "kp6", Numpad7 => "kp7",
    Numpad8 => "kp8", Numpad9 => "kp9", Numpad0 => "kp0", NumpadDecimal => "kp.",
    IntlBackslash => "nonusbackslash", ContextMenu => "application", Power => "power",
    NumpadEqual => "kp=",
    F13 => "f13", F14 => "f14", F15 => "f15", F16 => "f16", F17 => "f17", F18 => "f18",
    F19 => "f19", F20 => "f20", F21 => "f21", F22 => "f22", F23 => "f23", F24 => "f24",
    Open => "execute", Help => "help", Select => "select", Again => "again", Undo => "undo",
    Cut => "cut", Copy => "copy", Paste => "paste", Find => "find", AudioVolumeMute => "mute",
    AudioVolumeUp => "volumeup", AudioVolumeDown => "volumedown", NumpadComma => "kp,",
    IntlRo => "international1", KanaMode => "international2", IntlYen => "international3",
    Convert => "international4", NonConvert => "international5",
    Lang1 => "lang1", Lang2 => "lang2", Lang3 => "lang3", Lang4 => "lang4", Lang5 => "lang5",
    Katakana => "lang3", Hiragana => "lang4",
    Abort => "cancel", Props => "crsel",
    NumpadParenLeft => "kp(", NumpadParenRight => "kp)", NumpadBackspace => "kpbackspace",
    NumpadHash => "kp#", NumpadStar => "kp*", NumpadMemoryStore => "kpmemstore",
    NumpadMemoryRecall => "kpmemrecall", NumpadMemoryClear => "kpmemclear",
    NumpadMemoryAdd => "kpmem+", NumpadMemorySubtract => "kpmem-", NumpadClear => "kpclear",
    NumpadClearEntry => "kpclearentry",
    ControlLeft => "lctrl", ShiftLeft => "lshift", AltLeft => "lalt", SuperLeft => "lgui",
    ControlRight => "rctrl", ShiftRight => "rshift", AltRight => "ralt", SuperRight => "rgui",
    MediaTrackNext => "audionext", MediaTrackPrevious => "audioprev", MediaStop => "audiostop",
    MediaPlayPause => "audioplay", MediaSelect => "mediaselect", LaunchMail => "mail",
    LaunchApp2 => "calculator", LaunchApp1 => "computer", BrowserSearch => "acsearch",
    BrowserHome => "achome", BrowserBack => "acback", BrowserForward => "acforward",
    BrowserStop => "acstop", BrowserRefresh => "acrefresh", BrowserFavorites => "acbookmarks",
    Eject => "eject", Sleep => "sleep",
}

/// Physical key for a LÖVE Scancode name (inverse of [`scancode_name`]). `None` for
/// `"unknown"`, for names LÖVE accepts but winit cannot report (e.g. `"menu"`, `"www"`), and
/// for names LÖVE does not know.
pub fn scancode_from_name(name: &str) -> Option<KeyCode> {
    MAPPED_CODES
        .iter()
        .copied()
        .find(|&code| scancode_name(code) == name)
}

/// Keypad KeyConstant of a physical numpad key. LÖVE reports these whatever the logical key
/// is (NumLock state and layout do not change the name).
fn keypad_key_name(code: KeyCode) -> Option<&'static str> {
    Some(match code {
        KeyCode::Numpad0 => "kp0",
        KeyCode::Numpad1 => "kp1",
        KeyCode::Numpad2 => "kp2",
        KeyCode::Numpad3 => "kp3",
        KeyCode::Numpad4 => "kp4",
        KeyCode::Numpad5 => "kp5",
        KeyCode::Numpad6 => "kp6",
        KeyCode::Numpad7 => "kp7",
        KeyCode::Numpad8 => "kp8",
        KeyCode::Numpad9 => "kp9",
        KeyCode::NumpadDecimal => "kp.",
        KeyCode::NumpadComma => "kp,",
        KeyCode::NumpadDivide => "kp/",
        KeyCode::NumpadMultiply | KeyCode::NumpadStar => "kp*",
        KeyCode::NumpadSubtract => "kp-",
        KeyCode::NumpadAdd => "kp+",
        KeyCode::NumpadEnter => "kpenter",
        KeyCode::NumpadEqual => "kp=",
        _ => return None,
    })
}

/// US-layout (unshifted name, shifted character) of a physical key. Used to undo Shift in
/// winit's logical key, since LÖVE's KeyConstant is the layout's unshifted character.
fn us_shift_pair(code: KeyCode) -> Option<(&'static str, char)> {
    Some(match code {
        KeyCode::Digit1 => ("1", '!'),
        KeyCode::Digit2 => ("2", '@'),
        KeyCode::Digit3 => ("3", '#'),
        KeyCode::Digit4 => ("4", '$'),
        KeyCode::Digit5 => ("5", '%'),
        KeyCode::Digit6 => ("6", '^'),
        KeyCode::Digit7 => ("7", '&'),
        KeyCode::Digit8 => ("8", '*'),
        KeyCode::Digit9 => ("9", '('),
        KeyCode::Digit0 => ("0", ')'),
        KeyCode::Minus => ("-", '_'),
        KeyCode::Equal => ("=", '+'),
        KeyCode::BracketLeft => ("[", '{'),
        KeyCode::BracketRight => ("]", '}'),
        KeyCode::Backslash => ("\\", '|'),
        KeyCode::Semicolon => (";", ':'),
        KeyCode::Quote => ("'", '"'),
        KeyCode::Backquote => ("`", '~'),
        KeyCode::Comma => (",", '<'),
        KeyCode::Period => (".", '>'),
        KeyCode::Slash => ("/", '?'),
        _ => return None,
    })
}

/// KeyConstant LÖVE's default (US) keymap gives a physical key; used when winit has no
/// usable logical key.
fn fallback_key_name(code: KeyCode) -> &'static str {
    match scancode_name(code) {
        "acsearch" => "appsearch",
        "achome" => "apphome",
        "acback" => "appback",
        "acforward" => "appforward",
        "acstop" => "appstop",
        "acrefresh" => "apprefresh",
        "acbookmarks" => "appbookmarks",
        name if KEY_NAMES.contains(&name) => name,
        _ => "unknown",
    }
}

/// KeyConstant of a winit named (non-character) key; `None` when LÖVE has no name for it.
/// Modifier sides come from the physical `code`.
fn named_key_name(key: NamedKey, code: KeyCode) -> Option<&'static str> {
    let right = matches!(
        code,
        KeyCode::ShiftRight | KeyCode::ControlRight | KeyCode::AltRight | KeyCode::SuperRight
    );
    let side = |r: &'static str, l: &'static str| if right { r } else { l };
    Some(match key {
        NamedKey::Enter => "return",
        NamedKey::Escape => "escape",
        NamedKey::Backspace => "backspace",
        NamedKey::Tab => "tab",
        NamedKey::Space => "space",
        NamedKey::ArrowUp => "up",
        NamedKey::ArrowDown => "down",
        NamedKey::ArrowLeft => "left",
        NamedKey::ArrowRight => "right",
        NamedKey::Home => "home",
        NamedKey::End => "end",
        NamedKey::PageUp => "pageup",
        NamedKey::PageDown => "pagedown",
        NamedKey::Insert => "insert",
        NamedKey::Delete => "delete",
        NamedKey::NumLock => "numlock",
        NamedKey::CapsLock => "capslock",
        NamedKey::ScrollLock => "scrolllock",
        NamedKey::Shift => side("rshift", "lshift"),
        NamedKey::Control => side("rctrl", "lctrl"),
        NamedKey::Alt => side("ralt", "lalt"),
        NamedKey::AltGraph => "ralt",
        NamedKey::Super | NamedKey::Meta | NamedKey::Hyper => side("rgui", "lgui"),
        NamedKey::ModeChange => "mode",
        NamedKey::Help => "help",
        NamedKey::PrintScreen => "printscreen",
        NamedKey::Pause => "pause",
        NamedKey::ContextMenu => "application",
        NamedKey::Power => "power",
        NamedKey::Execute => "execute",
        NamedKey::Select => "select",
        NamedKey::Again => "again",
        NamedKey::Undo => "undo",
        NamedKey::Cut => "cut",
        NamedKey::Copy => "copy",
        NamedKey::Paste => "paste",
        NamedKey::Find => "find",
        NamedKey::Cancel => "cancel",
        NamedKey::Clear => "clear",
        NamedKey::AudioVolumeMute => "mute",
        NamedKey::AudioVolumeUp => "volumeup",
        NamedKey::AudioVolumeDown => "volumedown",
        NamedKey::MediaTrackNext => "audionext",
        NamedKey::MediaTrackPrevious => "audioprev",
        NamedKey::MediaStop => "audiostop",
        NamedKey::MediaPlayPause | NamedKey::MediaPlay | NamedKey::MediaPause => "audioplay",
        NamedKey::LaunchMediaPlayer | NamedKey::LaunchMusicPlayer => "mediaselect",
        NamedKey::LaunchWebBrowser => "www",
        NamedKey::LaunchMail => "mail",
        NamedKey::LaunchApplication2 => "calculator",
        NamedKey::LaunchApplication1 => "computer",
        NamedKey::BrowserSearch => "appsearch",
        NamedKey::BrowserHome => "apphome",
        NamedKey::BrowserBack => "appback",
        NamedKey::BrowserForward => "appforward",
        NamedKey::BrowserStop => "appstop",
        NamedKey::BrowserRefresh => "apprefresh",
        NamedKey::BrowserFavorites => "appbookmarks",
        NamedKey::BrightnessDown => "brightnessdown",
        NamedKey::BrightnessUp => "brightnessup",
        NamedKey::DisplaySwap => "displayswitch",
        NamedKey::Eject => "eject",
        NamedKey::Standby => "sleep",
        NamedKey::F1 => "f1",
        NamedKey::F2 => "f2",
        NamedKey::F3 => "f3",
        NamedKey::F4 => "f4",
        NamedKey::F5 => "f5",
        NamedKey::F6 => "f6",
        NamedKey::F7 => "f7",
        NamedKey::F8 => "f8",
        NamedKey::F9 => "f9",
        NamedKey::F10 => "f10",
        NamedKey::F11 => "f11",
        NamedKey::F12 => "f12",
        NamedKey::F13 => "f13",
        NamedKey::F14 => "f14",
        NamedKey::F15 => "f15",
        NamedKey::F16 => "f16",
        NamedKey::F17 => "f17",
        NamedKey::F18 => "f18",
        NamedKey::F19 => "f19",
        NamedKey::F20 => "f20",
        NamedKey::F21 => "f21",
        NamedKey::F22 => "f22",
        NamedKey::F23 => "f23",
        NamedKey::F24 => "f24",
        _ => return None,
    })
}

/// KeyConstant of a typed character (already known not to come from the numpad).
fn char_key_name(text: &str, code: KeyCode) -> String {
    let mut chars = text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return if text.is_empty() {
            fallback_key_name(code).to_string()
        } else {
            text.to_lowercase()
        };
    };
    match c {
        ' ' => "space".to_string(),
        '\r' | '\n' => "return".to_string(),
        '\t' => "tab".to_string(),
        '\u{8}' => "backspace".to_string(),
        '\u{1b}' => "escape".to_string(),
        '\u{7f}' => "delete".to_string(),
        c if c.is_control() => fallback_key_name(code).to_string(),
        c => match us_shift_pair(code) {
            Some((base, shifted)) if shifted == c => base.to_string(),
            _ => c.to_lowercase().collect(),
        },
    }
}

/// LÖVE 11.5 KeyConstant for a logical key pressed on physical key `code`.
///
/// Characters are lower-cased (`"a"`, `"é"`); Shift-produced US symbols on their US key are
/// mapped back to the unshifted key (`"!"` on Digit1 is `"1"`), since LÖVE names keys by the
/// layout's unshifted character. Callers that can should pass winit's
/// `key_without_modifiers()`. Numpad keys always give `"kp…"` names; modifier sides come from
/// `code`. Keys without a LÖVE name give `"unknown"`.
pub fn key_name(key: &Key, code: KeyCode) -> String {
    if let Some(kp) = keypad_key_name(code) {
        return kp.to_string();
    }
    match key {
        Key::Character(text) => char_key_name(text.as_str(), code),
        Key::Named(named) => named_key_name(*named, code)
            .unwrap_or_else(|| fallback_key_name(code))
            .to_string(),
        Key::Dead(Some(c)) => char_key_name(c.encode_utf8(&mut [0; 4]), code),
        Key::Dead(None) | Key::Unidentified(_) => fallback_key_name(code).to_string(),
    }
}

/// The KeyConstant a Scancode gives on a US layout (`"unknown"` where there is none).
pub fn us_key_from_scancode(scancode: &str) -> &'static str {
    match scancode_from_name(scancode) {
        Some(code) => keypad_key_name(code).unwrap_or_else(|| fallback_key_name(code)),
        None => "unknown",
    }
}

/// The Scancode of a KeyConstant on a US layout (`"unknown"` where there is none).
pub fn us_scancode_from_key(key: &str) -> &'static str {
    SCANCODE_NAMES
        .iter()
        .copied()
        .find(|&s| s != "unknown" && us_key_from_scancode(s) == key)
        .unwrap_or("unknown")
}

/// Every LÖVE 11.5 Scancode name (including `"unknown"` and LÖVE's own `"thsousandsseparator"`
/// spelling). A superset of what [`scancode_name`] returns: names winit cannot report are
/// valid for `isScancodeDown` but never pressed.
#[rustfmt::skip]
pub const SCANCODE_NAMES: &[&str] = &[
    "unknown",
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
    "s", "t", "u", "v", "w", "x", "y", "z",
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "0",
    "return", "escape", "backspace", "tab", "space",
    "-", "=", "[", "]", "\\", "nonus#", ";", "'", "`", ",", ".", "/",
    "capslock",
    "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12",
    "printscreen", "scrolllock", "pause", "insert", "home", "pageup", "delete", "end",
    "pagedown", "right", "left", "down", "up",
    "numlock", "kp/", "kp*", "kp-", "kp+", "kpenter",
    "kp1", "kp2", "kp3", "kp4", "kp5", "kp6", "kp7", "kp8", "kp9", "kp0", "kp.",
    "nonusbackslash", "application", "power", "kp=",
    "f13", "f14", "f15", "f16", "f17", "f18", "f19", "f20", "f21", "f22", "f23", "f24",
    "execute", "help", "menu", "select", "stop", "again", "undo", "cut", "copy", "paste", "find",
    "mute", "volumeup", "volumedown", "kp,", "kp=400",
    "international1", "international2", "international3", "international4", "international5",
    "international6", "international7", "international8", "international9",
    "lang1", "lang2", "lang3", "lang4", "lang5", "lang6", "lang7", "lang8", "lang9",
    "alterase", "sysreq", "cancel", "clear", "prior", "return2", "separator", "out", "oper",
    "clearagain", "crsel", "exsel",
    "kp00", "kp000", "thsousandsseparator", "decimalseparator", "currencyunit",
    "currencysubunit", "kp(", "kp)", "kp{", "kp}", "kptab", "kpbackspace",
    "kpa", "kpb", "kpc", "kpd", "kpe", "kpf", "kpxor", "kpower", "kp%", "kp<", "kp>", "kp&",
    "kp&&", "kp|", "kp||", "kp:", "kp#", "kp ", "kp@", "kp!",
    "kpmemstore", "kpmemrecall", "kpmemclear", "kpmem+", "kpmem-", "kpmem*", "kpmem/", "kp+-",
    "kpclear", "kpclearentry", "kpbinary", "kpoctal", "kpdecimal", "kphex",
    "lctrl", "lshift", "lalt", "lgui", "rctrl", "rshift", "ralt", "rgui", "mode",
    "audionext", "audioprev", "audiostop", "audioplay", "audiomute", "mediaselect", "www",
    "mail", "calculator", "computer", "acsearch", "achome", "acback", "acforward", "acstop",
    "acrefresh", "acbookmarks",
    "brightnessdown", "brightnessup", "displayswitch", "kbdillumtoggle", "kbdillumdown",
    "kbdillumup", "eject", "sleep", "app1", "app2",
];

/// Every LÖVE 11.5 KeyConstant name (including `"unknown"`). Non-ASCII characters are also
/// reported by [`key_name`] but are not listed here.
#[rustfmt::skip]
pub const KEY_NAMES: &[&str] = &[
    "unknown",
    "return", "escape", "backspace", "tab", "space",
    "!", "\"", "#", "%", "$", "&", "'", "(", ")", "*", "+", ",", "-", ".", "/",
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
    ":", ";", "<", "=", ">", "?", "@", "[", "\\", "]", "^", "_", "`",
    "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
    "s", "t", "u", "v", "w", "x", "y", "z",
    "capslock",
    "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12",
    "printscreen", "scrolllock", "pause", "insert", "home", "pageup", "delete", "end",
    "pagedown", "right", "left", "down", "up",
    "numlock", "kp/", "kp*", "kp-", "kp+", "kpenter",
    "kp0", "kp1", "kp2", "kp3", "kp4", "kp5", "kp6", "kp7", "kp8", "kp9", "kp.", "kp,", "kp=",
    "application", "power",
    "f13", "f14", "f15", "f16", "f17", "f18", "f19", "f20", "f21", "f22", "f23", "f24",
    "execute", "help", "menu", "select", "stop", "again", "undo", "cut", "copy", "paste", "find",
    "mute", "volumeup", "volumedown",
    "alterase", "sysreq", "cancel", "clear", "prior", "return2", "separator", "out", "oper",
    "clearagain",
    "thsousandsseparator", "decimalseparator", "currencyunit", "currencysubunit",
    "lctrl", "lshift", "lalt", "lgui", "rctrl", "rshift", "ralt", "rgui", "mode",
    "audionext", "audioprev", "audiostop", "audioplay", "audiomute", "mediaselect", "www",
    "mail", "calculator", "computer", "appsearch", "apphome", "appback", "appforward",
    "appstop", "apprefresh", "appbookmarks",
    "brightnessdown", "brightnessup", "displayswitch", "kbdillumtoggle", "kbdillumdown",
    "kbdillumup", "eject", "sleep",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(s: &str) -> Key {
        Key::Character(s.into())
    }

    #[test]
    fn keys_scancode_names_roundtrip() {
        for &code in MAPPED_CODES {
            let name = scancode_name(code);
            assert!(SCANCODE_NAMES.contains(&name), "{code:?} -> {name}");
            let back = scancode_from_name(name).expect("mapped code has a name");
            assert_eq!(scancode_name(back), name);
        }
        for &name in SCANCODE_NAMES {
            if let Some(code) = scancode_from_name(name) {
                assert_eq!(scancode_name(code), name);
            }
        }
        assert_eq!(scancode_from_name("a"), Some(KeyCode::KeyA));
        assert_eq!(scancode_from_name("0"), Some(KeyCode::Digit0));
        assert_eq!(scancode_from_name("return"), Some(KeyCode::Enter));
        assert_eq!(scancode_from_name("kpenter"), Some(KeyCode::NumpadEnter));
        assert_eq!(scancode_from_name("lang4"), Some(KeyCode::Lang4));
        assert_eq!(scancode_from_name("kp*"), Some(KeyCode::NumpadMultiply));
        assert_eq!(scancode_from_name("\\"), Some(KeyCode::Backslash));
        assert_eq!(scancode_from_name("unknown"), None);
        assert_eq!(scancode_from_name("menu"), None);
        assert_eq!(scancode_from_name("bogus"), None);
        assert_eq!(scancode_name(KeyCode::IntlBackslash), "nonusbackslash");
        assert_eq!(scancode_name(KeyCode::SuperRight), "rgui");
        assert_eq!(scancode_name(KeyCode::BrowserBack), "acback");
        assert_eq!(scancode_name(KeyCode::F24), "f24");
        assert_eq!(scancode_name(KeyCode::F25), "unknown");
        assert_eq!(scancode_name(KeyCode::Fn), "unknown");
        let mut sorted = SCANCODE_NAMES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(
            sorted.len(),
            SCANCODE_NAMES.len(),
            "duplicate scancode name"
        );
    }

    #[test]
    fn keys_keypad_reports_kp_names() {
        let home = Key::Named(NamedKey::Home);
        assert_eq!(key_name(&home, KeyCode::Numpad7), "kp7");
        assert_eq!(key_name(&ch("7"), KeyCode::Numpad7), "kp7");
        assert_eq!(key_name(&ch("0"), KeyCode::Numpad0), "kp0");
        assert_eq!(key_name(&ch(","), KeyCode::NumpadDecimal), "kp.");
        assert_eq!(key_name(&ch("/"), KeyCode::NumpadDivide), "kp/");
        assert_eq!(key_name(&ch("*"), KeyCode::NumpadMultiply), "kp*");
        assert_eq!(key_name(&ch("-"), KeyCode::NumpadSubtract), "kp-");
        assert_eq!(key_name(&ch("+"), KeyCode::NumpadAdd), "kp+");
        assert_eq!(key_name(&ch("="), KeyCode::NumpadEqual), "kp=");
        let enter = Key::Named(NamedKey::Enter);
        assert_eq!(key_name(&enter, KeyCode::NumpadEnter), "kpenter");
        assert_eq!(key_name(&enter, KeyCode::Enter), "return");
        assert_eq!(key_name(&ch("7"), KeyCode::Digit7), "7");
    }

    #[test]
    fn keys_modifier_sides() {
        let shift = Key::Named(NamedKey::Shift);
        assert_eq!(key_name(&shift, KeyCode::ShiftLeft), "lshift");
        assert_eq!(key_name(&shift, KeyCode::ShiftRight), "rshift");
        let ctrl = Key::Named(NamedKey::Control);
        assert_eq!(key_name(&ctrl, KeyCode::ControlLeft), "lctrl");
        assert_eq!(key_name(&ctrl, KeyCode::ControlRight), "rctrl");
        let alt = Key::Named(NamedKey::Alt);
        assert_eq!(key_name(&alt, KeyCode::AltLeft), "lalt");
        assert_eq!(key_name(&alt, KeyCode::AltRight), "ralt");
        let altgr = Key::Named(NamedKey::AltGraph);
        assert_eq!(key_name(&altgr, KeyCode::AltRight), "ralt");
        let sup = Key::Named(NamedKey::Super);
        assert_eq!(key_name(&sup, KeyCode::SuperLeft), "lgui");
        assert_eq!(key_name(&sup, KeyCode::SuperRight), "rgui");
    }

    #[test]
    fn keys_letters_lowercase() {
        assert_eq!(key_name(&ch("a"), KeyCode::KeyA), "a");
        assert_eq!(key_name(&ch("A"), KeyCode::KeyA), "a");
        // AZERTY: the key in the US "Q" position types "a".
        assert_eq!(key_name(&ch("A"), KeyCode::KeyQ), "a");
        assert_eq!(key_name(&ch("É"), KeyCode::Digit2), "é");
        assert_eq!(key_name(&ch("!"), KeyCode::Digit1), "1");
        assert_eq!(key_name(&ch("_"), KeyCode::Minus), "-");
        assert_eq!(key_name(&ch("\""), KeyCode::Quote), "'");
        assert_eq!(key_name(&ch("!"), KeyCode::Slash), "!");
        assert_eq!(key_name(&ch(" "), KeyCode::Space), "space");
        assert_eq!(key_name(&ch("\u{1}"), KeyCode::KeyA), "a");
        assert_eq!(key_name(&Key::Dead(Some('^')), KeyCode::BracketLeft), "^");
    }

    #[test]
    fn keys_named_keys_and_fallbacks() {
        let named = |n: NamedKey, c: KeyCode| key_name(&Key::Named(n), c);
        assert_eq!(named(NamedKey::Space, KeyCode::Space), "space");
        assert_eq!(named(NamedKey::Escape, KeyCode::Escape), "escape");
        assert_eq!(named(NamedKey::ArrowUp, KeyCode::ArrowUp), "up");
        assert_eq!(named(NamedKey::F24, KeyCode::F24), "f24");
        assert_eq!(
            named(NamedKey::ContextMenu, KeyCode::ContextMenu),
            "application"
        );
        assert_eq!(
            named(NamedKey::BrowserBack, KeyCode::BrowserBack),
            "appback"
        );
        assert_eq!(named(NamedKey::F30, KeyCode::F30), "unknown");
        let unid = Key::Unidentified(winit::keyboard::NativeKey::Unidentified);
        assert_eq!(key_name(&unid, KeyCode::BrowserHome), "apphome");
        assert_eq!(key_name(&unid, KeyCode::KeyZ), "z");
        assert_eq!(key_name(&unid, KeyCode::Lang1), "unknown");
        for &code in MAPPED_CODES {
            let name = fallback_key_name(code);
            assert!(KEY_NAMES.contains(&name), "{code:?} -> {name}");
            if let Some(kp) = keypad_key_name(code) {
                assert!(KEY_NAMES.contains(&kp));
            }
        }
        let mut sorted = KEY_NAMES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), KEY_NAMES.len(), "duplicate key name");
    }
}
