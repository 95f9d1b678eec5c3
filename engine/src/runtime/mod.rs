//! The Lua VM and the game's life in it: boot (the `love` table, `conf.lua`, `arg`,
//! LÖVE's default `love.run`), the error path (`love.errorhandler`, tracebacks), and the
//! per-frame entry points the app calls. Module state lives in the VM's app data
//! (`Graphics`, `Timer`, `EventQueue`, ...), so bindings and the app reach the same state.

pub mod args;
pub mod conf;
pub mod errors;

use crate::event::EventQueue;
use crate::filesystem::Game;
use crate::graphics::Graphics;
use crate::keyboard::Keyboard;
use crate::mouse::Mouse;
use crate::timer::Timer;
use crate::window::WindowState;
use conf::Conf;
use mlua::{Function, Lua, LuaOptions, StdLib, Table, Value};
use std::path::PathBuf;

/// How the game should be run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub path: PathBuf,
    /// Arguments after the game path, passed to `love.load`.
    pub game_args: Vec<String>,
    pub headless: bool,
    pub fixed_dt: Option<f64>,
}

/// A game that could not start: the message says which file and line.
#[derive(Debug)]
pub struct BootError(pub String);

impl std::fmt::Display for BootError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What one frame asked for.
#[derive(Debug, PartialEq)]
pub enum Step {
    Continue,
    Quit(i32),
    Restart,
}

pub struct Runtime {
    lua: Lua,
    pub conf: Conf,
    boot: Table,
}

fn boot_err(e: mlua::Error) -> BootError {
    BootError(errors::error_message(&e))
}

impl Runtime {
    /// Opens the game, reads conf.lua, builds the `love` table and compiles main.lua.
    /// Nothing of the game's main code has run yet.
    pub fn new(opts: &Options) -> Result<Runtime, BootError> {
        let game = Game::open(&opts.path).map_err(BootError)?;
        let main_name = game.main.clone();
        // SAFETY: LÖVE games use `debug`, `ffi` and `jit`, which mlua only opens unsafely;
        // the engine runs trusted game code as LÖVE does.
        let lua = unsafe { Lua::unsafe_new_with(StdLib::ALL, LuaOptions::new()) };
        lua.set_app_data(game);
        let love = Self::build_love(&lua).map_err(boot_err)?;
        set_arg(&lua, opts).map_err(boot_err)?;

        let conf = read_conf(&lua, &love)?;
        lua.set_app_data(Timer::new(opts.fixed_dt));
        lua.set_app_data(WindowState::new(
            conf.title.clone(),
            conf.window.clone(),
            opts.headless,
        ));
        lua.set_app_data(Graphics::new(conf.window.width, conf.window.height));
        for m in &conf.disabled_modules {
            love.set(m.as_str(), Value::Nil).map_err(boot_err)?;
        }

        let main = crate::filesystem::lua::load_chunk(&lua, &main_name)
            .map_err(|e| BootError(format!("Syntax error: {e}")))?;
        let boot = lua.create_table().map_err(boot_err)?;
        errors::register(&lua, &boot).map_err(boot_err)?;
        boot.set("headless", opts.headless).map_err(boot_err)?;
        boot.set("main", main).map_err(boot_err)?;
        let boot: Table = lua
            .load(include_str!("boot.lua"))
            .set_name("@boot.lua")
            .call(boot)
            .map_err(boot_err)?;
        Ok(Runtime { lua, conf, boot })
    }

    fn build_love(lua: &Lua) -> mlua::Result<Table> {
        lua.set_app_data(EventQueue::default());
        lua.set_app_data(Keyboard::default());
        lua.set_app_data(Mouse::default());
        // Placeholders until conf.lua has been read.
        lua.set_app_data(Timer::new(None));
        lua.set_app_data(WindowState::new(String::new(), Default::default(), true));
        lua.set_app_data(Graphics::new(800, 600));

        let love = lua.create_table()?;
        love.set(
            "getVersion",
            lua.create_function(|_, ()| Ok((11, 5, 0, "Mysterious Mysteries")))?,
        )?;
        love.set("_version", "11.5")?;
        love.set("_version_major", 11)?;
        love.set("_version_minor", 5)?;
        love.set("_version_revision", 0)?;
        love.set("_version_codename", "Mysterious Mysteries")?;
        love.set("_os", crate::system::os_name())?;
        love.set("_exe", true)?;
        love.set(
            "isVersionCompatible",
            lua.create_function(|lua, a: mlua::MultiValue| {
                let args = args::Args::new(lua, a, "isVersionCompatible");
                let v = match args.get(1) {
                    Value::String(s) => s.to_string_lossy(),
                    _ => format!("{}.{}", args.integer(1)?, args.opt_integer(2, 0)?),
                };
                let mut parts = v.split('.');
                let major = parts.next().and_then(|p| p.parse::<i64>().ok());
                let minor = parts
                    .next()
                    .and_then(|p| p.parse::<i64>().ok())
                    .unwrap_or(0);
                Ok(major == Some(11) && minor <= 5)
            })?,
        )?;
        lua.globals().set("love", love.clone())?;
        // print goes to stdout line by line, even into a pipe.
        lua.load("io.stdout:setvbuf('line')").exec()?;

        crate::event::lua::register(lua, &love)?;
        crate::filesystem::lua::register(lua, &love)?;
        crate::graphics::lua::register(lua, &love)?;
        crate::image::lua::register(lua, &love)?;
        crate::keyboard::lua::register(lua, &love)?;
        crate::mouse::lua::register(lua, &love)?;
        crate::system::lua::register(lua, &love)?;
        crate::timer::lua::register(lua, &love)?;
        crate::window::lua::register(lua, &love)?;
        Ok(love)
    }

    pub fn lua(&self) -> &Lua {
        &self.lua
    }

    /// Runs main.lua, then love.run (which calls love.load).
    pub fn start(&mut self) -> Step {
        self.call_boot("start")
    }

    /// One iteration of the game's main loop.
    pub fn frame(&mut self) -> Step {
        self.call_boot("frame")
    }

    fn call_boot(&mut self, name: &str) -> Step {
        let f: Function = match self.boot.get(name) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("engine: internal error: {e}");
                return Step::Quit(1);
            }
        };
        match f.call::<Value>(()) {
            Ok(Value::Nil) => Step::Continue,
            Ok(Value::String(s)) if s == "restart" => Step::Restart,
            Ok(Value::Integer(i)) => Step::Quit(i as i32),
            Ok(Value::Number(n)) => Step::Quit(n as i32),
            Ok(_) => Step::Quit(0),
            Err(e) => {
                // Only errors in the boot code itself get here (e.g. out of memory).
                eprintln!("Error: {}", errors::error_message(&e));
                Step::Quit(1)
            }
        }
    }

    /// Pushes an event for love.run to deliver.
    pub fn push_event(&self, e: crate::event::Event) {
        if let Some(mut q) = self.lua.app_data_mut::<EventQueue>() {
            q.push(e);
        }
    }

    pub fn graphics(&self) -> Option<mlua::AppDataRefMut<'_, Graphics>> {
        self.lua.app_data_mut::<Graphics>()
    }

    pub fn window(&self) -> Option<mlua::AppDataRefMut<'_, WindowState>> {
        self.lua.app_data_mut::<WindowState>()
    }

    pub fn keyboard(&self) -> Option<mlua::AppDataRefMut<'_, Keyboard>> {
        self.lua.app_data_mut::<Keyboard>()
    }

    pub fn mouse(&self) -> Option<mlua::AppDataRefMut<'_, Mouse>> {
        self.lua.app_data_mut::<Mouse>()
    }
}

/// The global `arg` as LÖVE 11 sets it (checked against LÖVE 11.4): `arg[-2]` the
/// executable, `arg[-1]` the boot script, `arg[1]` the game path, then the game's arguments.
fn set_arg(lua: &Lua, opts: &Options) -> mlua::Result<()> {
    let t = lua.create_table()?;
    let exe = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "engine".into());
    t.raw_set(-2, exe)?;
    t.raw_set(-1, "embedded boot.lua")?;
    t.raw_set(1, opts.path.to_string_lossy().into_owned())?;
    for (i, a) in opts.game_args.iter().enumerate() {
        t.raw_set(i + 2, a.as_str())?;
    }
    lua.globals().set("arg", t)
}

/// Runs conf.lua (if the game has one) and `love.conf(t)`.
fn read_conf(lua: &Lua, love: &Table) -> Result<Conf, BootError> {
    let has_conf = lua
        .app_data_ref::<Game>()
        .map(|g| g.is_file("conf.lua"))
        .unwrap_or(false);
    let t = conf::default_table(lua).map_err(boot_err)?;
    if has_conf {
        let chunk = crate::filesystem::lua::load_chunk(lua, "conf.lua")
            .map_err(|e| BootError(format!("Syntax error: {e}")))?;
        chunk
            .call::<()>(())
            .map_err(|e| BootError(format!("Error: {}", errors::error_message(&e))))?;
        if let Ok(Value::Function(f)) = love.get::<Value>("conf") {
            f.call::<()>(t.clone())
                .map_err(|e| BootError(format!("Error: {}", errors::error_message(&e))))?;
        }
    }
    conf::read_table(lua, &t)
        .map_err(|e| BootError(format!("Error: conf.lua: {}", errors::error_message(&e))))
}
