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
    /// `t.engine`: the engine's own settings (tasks, runaway-script protection).
    pub engine: EngineConf,
}

/// What a task error does: print it and go on, or send it to `love.errorhandler`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskErrors {
    Print,
    Raise,
}

/// `t.engine.*`, the settings LÖVE has no place for.
#[derive(Clone, Debug, PartialEq)]
pub struct EngineConf {
    pub task_errors: TaskErrors,
    /// Seconds of Lua code without returning to the engine before it is stopped; 0 = off.
    pub execution_limit: f64,
    /// Seconds one task may run in one resume before it is stopped; 0 = off.
    pub task_budget: f64,
    /// Megabytes the Lua heap may use; 0 = no limit.
    pub memory_limit: f64,
}

impl Default for EngineConf {
    fn default() -> Self {
        EngineConf {
            task_errors: TaskErrors::Print,
            execution_limit: 5.0,
            task_budget: 0.1,
            memory_limit: 0.0,
        }
    }
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
            engine: EngineConf::default(),
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

    let e = lua.create_table()?;
    let ed = &d.engine;
    e.set("task_errors", "print")?;
    e.set("execution_limit", ed.execution_limit)?;
    e.set("task_budget", ed.task_budget)?;
    // Off by default; `false` reads the same as 0.
    e.set("memory_limit", false)?;
    t.set("engine", e)?;
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
    if let Value::Table(e) = t.get::<Value>("engine")? {
        c.engine = read_engine(&e)?;
    }
    Ok(c)
}

/// Reads `t.engine`; a wrong value is an error naming the field.
fn read_engine(e: &Table) -> mlua::Result<EngineConf> {
    let mut c = EngineConf::default();
    match e.get::<Value>("task_errors")? {
        Value::Nil => {}
        Value::String(s) if s == "print" => c.task_errors = TaskErrors::Print,
        Value::String(s) if s == "raise" => c.task_errors = TaskErrors::Raise,
        other => {
            return Err(mlua::Error::RuntimeError(format!(
                "Invalid t.engine.task_errors '{}', expected one of: 'print', 'raise'",
                value_text(&other)
            )));
        }
    }
    c.execution_limit = seconds(e, "execution_limit", c.execution_limit)?;
    c.task_budget = seconds(e, "task_budget", c.task_budget)?;
    c.memory_limit = seconds(e, "memory_limit", c.memory_limit)?;
    Ok(c)
}

/// A non-negative number field; nil keeps the default, false means 0 (off).
fn seconds(e: &Table, name: &str, default: f64) -> mlua::Result<f64> {
    match e.get::<Value>(name)? {
        Value::Nil => Ok(default),
        Value::Boolean(false) => Ok(0.0),
        Value::Integer(i) if i >= 0 => Ok(i as f64),
        Value::Number(n) if n >= 0.0 && n.is_finite() => Ok(n),
        other => Err(mlua::Error::RuntimeError(format!(
            "t.engine.{name} must be a number >= 0 (0 turns it off), got {}",
            value_text(&other)
        ))),
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_string_lossy(),
        Value::Integer(i) => i.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.type_name().to_string(),
    }
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

    #[test]
    fn conf_engine_defaults_and_values() {
        let lua = Lua::new();
        let t = default_table(&lua).expect("table");
        assert_eq!(
            read_table(&lua, &t).expect("read").engine,
            EngineConf::default()
        );
        lua.globals().set("t", t.clone()).expect("set");
        lua.load(
            "t.engine.task_errors = 'raise'; t.engine.execution_limit = 0.2; \
             t.engine.task_budget = 0; t.engine.memory_limit = 64",
        )
        .exec()
        .expect("conf");
        let e = read_table(&lua, &t).expect("read").engine;
        assert_eq!(e.task_errors, TaskErrors::Raise);
        assert_eq!(
            (e.execution_limit, e.task_budget, e.memory_limit),
            (0.2, 0.0, 64.0)
        );
    }

    #[test]
    fn conf_engine_bad_values_name_the_field() {
        let lua = Lua::new();
        let t = default_table(&lua).expect("table");
        lua.globals().set("t", t.clone()).expect("set");
        lua.load("t.engine.task_errors = 'loud'")
            .exec()
            .expect("conf");
        let e = read_table(&lua, &t).expect_err("bad mode");
        assert!(
            e.to_string()
                .contains("Invalid t.engine.task_errors 'loud'"),
            "{e}"
        );
        lua.load("t.engine.task_errors = nil; t.engine.execution_limit = -1")
            .exec()
            .expect("conf");
        let e = read_table(&lua, &t).expect_err("negative");
        assert!(
            e.to_string()
                .contains("t.engine.execution_limit must be a number >= 0"),
            "{e}"
        );
    }
}
