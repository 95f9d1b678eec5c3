//! `conf.lua`: LÖVE 11.5's defaults for the table `t`, and reading back what the game set.

use crate::window::WindowSettings;
use mlua::{Lua, Table, Value};

/// The module names `t.modules` lists, all enabled by default.
pub const MODULES: &[&str] = &[
    "audio", "data", "event", "font", "graphics", "image", "joystick", "keyboard", "math", "mouse",
    "physics", "sound", "system", "thread", "timer", "touch", "video", "window",
];

#[derive(Clone, Debug)]
pub struct Conf {
    pub identity: Option<String>,
    pub version: String,
    pub console: bool,
    pub title: String,
    pub window: WindowSettings,
    /// `t.window = false`: the game runs without a window.
    pub window_enabled: bool,
    pub disabled_modules: Vec<String>,
}

impl Default for Conf {
    fn default() -> Self {
        Conf {
            identity: None,
            version: "11.5".into(),
            console: false,
            title: "Untitled".into(),
            window: WindowSettings::default(),
            window_enabled: true,
            disabled_modules: Vec::new(),
        }
    }
}

impl Conf {
    pub fn module_enabled(&self, name: &str) -> bool {
        !self.disabled_modules.iter().any(|m| m == name)
    }
}

/// Builds the table passed to `love.conf(t)`, filled with LÖVE 11.5's defaults.
pub fn default_table(lua: &Lua) -> mlua::Result<Table> {
    let d = Conf::default();
    let t = lua.create_table()?;
    t.set("identity", Value::Nil)?;
    t.set("appendidentity", false)?;
    t.set("version", d.version.as_str())?;
    t.set("console", false)?;
    t.set("accelerometerjoystick", true)?;
    t.set("externalstorage", false)?;
    t.set("gammacorrect", false)?;

    let audio = lua.create_table()?;
    audio.set("mic", false)?;
    audio.set("mixwithsystem", true)?;
    t.set("audio", audio)?;

    let w = lua.create_table()?;
    let s = &d.window;
    w.set("title", d.title.as_str())?;
    w.set("icon", Value::Nil)?;
    w.set("width", s.width)?;
    w.set("height", s.height)?;
    w.set("borderless", s.borderless)?;
    w.set("resizable", s.resizable)?;
    w.set("minwidth", s.minwidth)?;
    w.set("minheight", s.minheight)?;
    w.set("fullscreen", s.fullscreen)?;
    w.set("fullscreentype", s.fullscreentype.as_str())?;
    w.set("vsync", s.vsync)?;
    w.set("msaa", s.msaa)?;
    w.set("depth", Value::Nil)?;
    w.set("stencil", Value::Nil)?;
    w.set("display", s.display)?;
    w.set("highdpi", s.highdpi)?;
    w.set("usedpiscale", s.usedpiscale)?;
    w.set("x", Value::Nil)?;
    w.set("y", Value::Nil)?;
    t.set("window", w)?;

    let m = lua.create_table()?;
    for name in MODULES {
        m.set(*name, true)?;
    }
    t.set("modules", m)?;
    Ok(t)
}

/// Reads the table back after `love.conf(t)` ran.
pub fn read_table(lua: &Lua, t: &Table) -> mlua::Result<Conf> {
    let mut c = Conf::default();
    if let Value::String(s) = t.get::<Value>("identity")? {
        c.identity = Some(s.to_string_lossy());
    }
    if let Value::String(s) = t.get::<Value>("version")? {
        c.version = s.to_string_lossy();
    }
    c.console = matches!(t.get::<Value>("console")?, Value::Boolean(true));
    match t.get::<Value>("window")? {
        Value::Table(w) => {
            if let Value::String(s) = w.get::<Value>("title")? {
                c.title = s.to_string_lossy();
            }
            crate::window::lua::apply_flags(lua, &w, &mut c.window)?;
        }
        Value::Boolean(false) => c.window_enabled = false,
        _ => {}
    }
    if let Value::Table(m) = t.get::<Value>("modules")? {
        for name in MODULES {
            if let Value::Boolean(false) = m.get::<Value>(*name)? {
                c.disabled_modules.push(name.to_string());
            }
        }
    }
    if !c.module_enabled("window") {
        c.window_enabled = false;
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conf_defaults_match_love() {
        let lua = Lua::new();
        let t = default_table(&lua).expect("table");
        let c = read_table(&lua, &t).expect("read");
        assert_eq!(c.title, "Untitled");
        assert_eq!((c.window.width, c.window.height), (800, 600));
        assert_eq!(c.window.vsync, 1);
        assert!(c.window_enabled && c.disabled_modules.is_empty());
    }

    #[test]
    fn conf_game_values_win() {
        let lua = Lua::new();
        let t = default_table(&lua).expect("table");
        lua.globals().set("t", t.clone()).expect("set");
        lua.load(
            "t.window.title = 'Hi'; t.window.width = 320; t.window.resizable = true; \
             t.window.vsync = 0; t.modules.audio = false; t.identity = 'mygame'",
        )
        .exec()
        .expect("conf");
        let c = read_table(&lua, &t).expect("read");
        assert_eq!(c.title, "Hi");
        assert_eq!(c.window.width, 320);
        assert!(c.window.resizable);
        assert_eq!(c.window.vsync, 0);
        assert_eq!(c.identity.as_deref(), Some("mygame"));
        assert!(!c.module_enabled("audio"));
    }
}
