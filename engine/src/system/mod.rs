//! `love.system`: the OS name, the clipboard, processor count, power state (from
//! /sys/class/power_supply on Linux), opening URLs, preferred locales.
//!
//! The clipboard is the system's where a window system is reachable (arboard), and a
//! process-local one otherwise (headless, no display).

pub mod lua;

/// LÖVE's OS names.
pub fn os_name() -> &'static str {
    match std::env::consts::OS {
        "linux" => "Linux",
        "windows" => "Windows",
        "macos" => "OS X",
        "android" => "Android",
        "ios" => "iOS",
        _ => "Linux",
    }
}

#[derive(Default)]
pub struct Clipboard {
    local: String,
    system: Option<arboard::Clipboard>,
    tried: bool,
}

impl Clipboard {
    fn system(&mut self) -> Option<&mut arboard::Clipboard> {
        if !self.tried {
            self.tried = true;
            let has_display = std::env::var_os("DISPLAY").is_some()
                || std::env::var_os("WAYLAND_DISPLAY").is_some();
            if has_display {
                self.system = arboard::Clipboard::new().ok();
            }
        }
        self.system.as_mut()
    }

    pub fn set(&mut self, text: &str) {
        self.local = text.to_string();
        if let Some(c) = self.system() {
            let _ = c.set_text(text.to_string());
        }
    }

    pub fn get(&mut self) -> String {
        if let Some(c) = self.system()
            && let Ok(t) = c.get_text()
        {
            return t;
        }
        self.local.clone()
    }
}

/// `getPowerInfo`: state name, battery percent, seconds left.
#[derive(Debug, PartialEq)]
pub struct PowerInfo {
    pub state: &'static str,
    pub percent: Option<i64>,
    pub seconds: Option<i64>,
}

fn read_trim(path: &std::path::Path) -> Option<String> {
    std::fs::read_to_string(path)
        .ok()
        .map(|s| s.trim().to_string())
}

/// Reads the power state from a `/sys/class/power_supply`-shaped folder.
pub fn power_info_from(dir: &std::path::Path) -> PowerInfo {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return PowerInfo {
            state: "unknown",
            percent: None,
            seconds: None,
        };
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if read_trim(&p.join("type")).as_deref() != Some("Battery") {
            continue;
        }
        if read_trim(&p.join("present")).as_deref() == Some("0") {
            continue;
        }
        let state = match read_trim(&p.join("status")).as_deref() {
            Some("Charging") => "charging",
            Some("Full") => "charged",
            Some("Discharging") | Some("Not charging") => "battery",
            _ => "unknown",
        };
        let percent = read_trim(&p.join("capacity")).and_then(|c| c.parse::<i64>().ok());
        let num = |f: &str| read_trim(&p.join(f)).and_then(|v| v.parse::<f64>().ok());
        // Seconds left only while discharging: energy/power (µWh/µW) or charge/current.
        let seconds = if state == "battery" {
            match (
                num("energy_now"),
                num("power_now"),
                num("charge_now"),
                num("current_now"),
            ) {
                (Some(e), Some(w), _, _) if w > 0.0 => Some((e / w * 3600.0) as i64),
                (_, _, Some(c), Some(i)) if i > 0.0 => Some((c / i * 3600.0) as i64),
                _ => None,
            }
        } else {
            None
        };
        return PowerInfo {
            state,
            percent,
            seconds,
        };
    }
    PowerInfo {
        state: "nobattery",
        percent: None,
        seconds: None,
    }
}

pub fn power_info() -> PowerInfo {
    if cfg!(target_os = "linux") {
        power_info_from(std::path::Path::new("/sys/class/power_supply"))
    } else {
        PowerInfo {
            state: "unknown",
            percent: None,
            seconds: None,
        }
    }
}

/// Opens a URL with the desktop's handler (xdg-open, open, start); false if none started.
pub fn open_url(url: &str) -> bool {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    cmd.arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

/// Preferred locales from the environment (`LANGUAGE`, then `LC_ALL`, `LC_MESSAGES`,
/// `LANG`), as `ll_CC`, most preferred first; empty when only "C"/"POSIX" is set.
pub fn preferred_locales(get: impl Fn(&str) -> Option<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |raw: &str| {
        let l = raw.split(['.', '@']).next().unwrap_or("").replace('-', "_");
        if !l.is_empty() && l != "C" && l != "POSIX" && !out.contains(&l) {
            out.push(l);
        }
    };
    if let Some(list) = get("LANGUAGE") {
        list.split(':').for_each(&mut add);
    }
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = get(var).filter(|v| !v.is_empty()) {
            add(&v);
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_get_preferred_locales_from_env() {
        let env = |k: &str| match k {
            "LANGUAGE" => Some("fr_FR:en".to_string()),
            "LANG" => Some("de_DE.UTF-8".to_string()),
            _ => None,
        };
        assert_eq!(preferred_locales(env), ["fr_FR", "en", "de_DE"]);
        assert!(preferred_locales(|k| (k == "LANG").then(|| "C.UTF-8".into())).is_empty());
    }

    #[test]
    fn system_get_power_info_reads_sysfs() {
        let dir = std::env::temp_dir().join(format!("engine-power-{}", std::process::id()));
        let bat = dir.join("BAT0");
        std::fs::create_dir_all(&bat).expect("temp dir");
        assert_eq!(power_info_from(&dir).state, "nobattery");
        for (f, v) in [
            ("type", "Battery"),
            ("status", "Discharging"),
            ("capacity", "42"),
            ("energy_now", "20000000"),
            ("power_now", "10000000"),
        ] {
            std::fs::write(bat.join(f), v).expect("write");
        }
        assert_eq!(
            power_info_from(&dir),
            PowerInfo {
                state: "battery",
                percent: Some(42),
                seconds: Some(7200)
            }
        );
        std::fs::write(bat.join("status"), "Charging").expect("write");
        assert_eq!(power_info_from(&dir).state, "charging");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(power_info_from(&dir).state, "unknown");
    }
}
