//! SDL game controller mapping strings (`guid,name,a:b0,leftx:a0,dpup:h0.1,...,platform:Linux,`):
//! parsing, editing (`setGamepadMapping`) and writing back (`getGamepadMappingString`,
//! `saveGamepadMappings`). Plain Rust, no Lua, no device.

/// LÖVE's GamepadButton names, in SDL's order.
pub const GAMEPAD_BUTTONS: [&str; 15] = [
    "a",
    "b",
    "x",
    "y",
    "back",
    "guide",
    "start",
    "leftstick",
    "rightstick",
    "leftshoulder",
    "rightshoulder",
    "dpup",
    "dpdown",
    "dpleft",
    "dpright",
];

/// LÖVE's GamepadAxis names, in SDL's order.
pub const GAMEPAD_AXES: [&str; 6] = [
    "leftx",
    "lefty",
    "rightx",
    "righty",
    "triggerleft",
    "triggerright",
];

/// SDL's names for the two triggers in mapping strings.
fn sdl_axis_name(love: &str) -> &str {
    match love {
        "triggerleft" => "lefttrigger",
        "triggerright" => "righttrigger",
        other => other,
    }
}

fn love_axis_name(sdl: &str) -> &str {
    match sdl {
        "lefttrigger" => "triggerleft",
        "righttrigger" => "triggerright",
        other => other,
    }
}

/// JoystickHat names with SDL's hat bit masks (up 1, right 2, down 4, left 8).
pub const HATS: [(&str, u8); 9] = [
    ("c", 0),
    ("u", 1),
    ("r", 2),
    ("d", 4),
    ("l", 8),
    ("ru", 3),
    ("rd", 6),
    ("lu", 9),
    ("ld", 12),
];

pub fn hat_name(mask: u8) -> &'static str {
    HATS.iter()
        .find(|(_, m)| *m == mask)
        .map(|(n, _)| *n)
        .unwrap_or("c")
}

/// Where a gamepad input comes from on the raw joystick (0-based indices, as in SDL strings).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Source {
    Button(usize),
    Axis(usize),
    Hat(usize, u8),
}

impl Source {
    fn parse(s: &str) -> Option<Source> {
        // SDL allows "+a1"/"-a1"/"a1~" half-axis forms; the sign is ignored here.
        let s = s.trim_start_matches(['+', '-']).trim_end_matches('~');
        if let Some(n) = s.strip_prefix('b') {
            return n.parse().ok().map(Source::Button);
        }
        if let Some(n) = s.strip_prefix('a') {
            return n.parse().ok().map(Source::Axis);
        }
        let (h, m) = s.strip_prefix('h')?.split_once('.')?;
        Some(Source::Hat(h.parse().ok()?, m.parse().ok()?))
    }

    fn write(&self) -> String {
        match self {
            Source::Button(i) => format!("b{i}"),
            Source::Axis(i) => format!("a{i}"),
            Source::Hat(i, m) => format!("h{i}.{m}"),
        }
    }
}

/// One controller's mapping. `binds` keeps SDL's field order; targets use SDL's names.
#[derive(Clone, Debug, PartialEq)]
pub struct Mapping {
    pub guid: String,
    pub name: String,
    binds: Vec<(String, Source)>,
    /// Fields kept as they came (`platform:Linux`, unknown targets, half axes we cannot model).
    extra: Vec<String>,
}

impl Mapping {
    pub fn new(guid: &str, name: &str) -> Mapping {
        Mapping {
            guid: guid.to_string(),
            name: name.to_string(),
            binds: Vec::new(),
            extra: Vec::new(),
        }
    }

    /// Parses one mapping line; `None` when it is not `guid,name,...`.
    pub fn parse(line: &str) -> Option<Mapping> {
        let mut parts = line.trim().split(',');
        let guid = parts.next()?.trim();
        let name = parts.next()?;
        if !valid_guid(guid) {
            return None;
        }
        let mut m = Mapping::new(guid, name);
        for field in parts {
            let field = field.trim();
            if field.is_empty() {
                continue;
            }
            match field.split_once(':') {
                Some((target, src))
                    if is_target(love_axis_name(target)) && Source::parse(src).is_some() =>
                {
                    if let Some(s) = Source::parse(src) {
                        m.binds.push((target.to_string(), s));
                    }
                }
                _ => m.extra.push(field.to_string()),
            }
        }
        Some(m)
    }

    /// The SDL string, as `getGamepadMappingString` returns it.
    pub fn to_sdl(&self) -> String {
        let mut out = format!("{},{},", self.guid, self.name);
        for (t, s) in &self.binds {
            out.push_str(&format!("{t}:{},", s.write()));
        }
        for e in &self.extra {
            out.push_str(e);
            out.push(',');
        }
        if !self.extra.iter().any(|e| e.starts_with("platform:")) {
            out.push_str(&format!("platform:{},", platform()));
        }
        out
    }

    /// Binds a LÖVE gamepad button or axis name to a raw input (replacing an earlier bind).
    pub fn set(&mut self, target: &str, src: Source) {
        let sdl = sdl_axis_name(target).to_string();
        self.binds.retain(|(t, _)| *t != sdl);
        self.binds.push((sdl, src));
    }

    /// Raw source of a LÖVE gamepad button or axis name.
    pub fn source(&self, target: &str) -> Option<Source> {
        let sdl = sdl_axis_name(target);
        self.binds.iter().find(|(t, _)| t == sdl).map(|(_, s)| *s)
    }
}

fn is_target(love_name: &str) -> bool {
    GAMEPAD_BUTTONS.contains(&love_name) || GAMEPAD_AXES.contains(&love_name)
}

/// SDL joystick GUIDs are 32 hex digits.
pub fn valid_guid(guid: &str) -> bool {
    guid.len() == 32 && guid.chars().all(|c| c.is_ascii_hexdigit())
}

pub fn platform() -> &'static str {
    match std::env::consts::OS {
        "windows" => "Windows",
        "macos" => "Mac OS X",
        "android" => "Android",
        "ios" => "iOS",
        _ => "Linux",
    }
}

/// The mappings the game set or loaded, newest definition per GUID.
#[derive(Default)]
pub struct MappingDb {
    list: Vec<Mapping>,
}

impl MappingDb {
    pub fn get(&self, guid: &str) -> Option<&Mapping> {
        self.list.iter().find(|m| m.guid.eq_ignore_ascii_case(guid))
    }

    pub fn insert(&mut self, m: Mapping) {
        self.list.retain(|o| !o.guid.eq_ignore_ascii_case(&m.guid));
        self.list.push(m);
    }

    /// `setGamepadMapping`: edits (or creates) the mapping of `guid`.
    pub fn set(&mut self, guid: &str, target: &str, src: Source) {
        let mut m = self
            .get(guid)
            .cloned()
            .unwrap_or_else(|| Mapping::new(guid, "Controller"));
        m.set(target, src);
        self.insert(m);
    }

    /// Loads every mapping line of `text` (comments and blank lines skipped); lines for
    /// another platform are ignored as SDL does. Returns how many were read, or `None`
    /// when there is text but nothing in it is a mapping.
    pub fn load(&mut self, text: &str) -> Option<usize> {
        let mut n = 0;
        let mut any_line = false;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            any_line = true;
            let Some(m) = Mapping::parse(line) else {
                continue;
            };
            let other_platform = m
                .extra
                .iter()
                .filter_map(|e| e.strip_prefix("platform:"))
                .any(|p| p != platform());
            n += 1;
            if !other_platform {
                self.insert(m);
            }
        }
        if n == 0 && any_line { None } else { Some(n) }
    }

    /// Every mapping, one SDL line each (`saveGamepadMappings`).
    pub fn save(&self) -> String {
        self.list.iter().map(|m| m.to_sdl() + "\n").collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const X360: &str = "030000005e0400008e02000014010000,X360 Controller,a:b0,b:b1,leftx:a0,lefttrigger:a2,dpup:h0.1,platform:Linux,";

    #[test]
    fn joystick_mapping_parse_and_write_roundtrip() {
        let m = Mapping::parse(X360).expect("parses");
        assert_eq!(m.name, "X360 Controller");
        assert_eq!(m.source("a"), Some(Source::Button(0)));
        assert_eq!(m.source("triggerleft"), Some(Source::Axis(2)));
        assert_eq!(m.source("dpup"), Some(Source::Hat(0, 1)));
        assert_eq!(m.source("y"), None);
        assert_eq!(m.to_sdl(), X360);
        assert!(Mapping::parse("xyz,Pad,a:b0").is_none());
    }

    #[test]
    fn joystick_set_gamepad_mapping_edits_db() {
        let mut db = MappingDb::default();
        db.set("030000005e0400008e02000014010000", "a", Source::Button(3));
        db.set("030000005e0400008e02000014010000", "a", Source::Button(1));
        db.set(
            "030000005e0400008e02000014010000",
            "dpup",
            Source::Hat(0, 1),
        );
        let m = db.get("030000005E0400008E02000014010000").expect("mapped");
        assert_eq!(m.source("a"), Some(Source::Button(1)));
        assert!(
            db.save()
                .starts_with("030000005e0400008e02000014010000,Controller,a:b1,dpup:h0.1,")
        );
    }

    #[test]
    fn joystick_load_gamepad_mappings_counts_and_rejects() {
        let mut db = MappingDb::default();
        let text = format!(
            "# comment\n{X360}\n03000000aaaa0000bbbb000000000000,Win Pad,a:b0,platform:Windows,\n"
        );
        assert_eq!(db.load(&text), Some(2));
        assert!(db.get("03000000aaaa0000bbbb000000000000").is_none() || platform() == "Windows");
        assert_eq!(db.load("garbage"), None);
        assert_eq!(db.load(""), Some(0));
    }
}
