//! The Lua VM and the game's life in it: boot (the `love` table, `conf.lua`, `arg`,
//! LÖVE's default `love.run`), the error path (`love.errorhandler`, tracebacks), and the
//! per-frame entry points the app calls. Module state lives in the VM's app data
//! (`Graphics`, `Timer`, `EventQueue`, ...), so bindings and the app reach the same state.

pub mod args;
pub mod conf;
pub mod errors;
pub mod missing;
pub mod reload;
pub mod tasks;
pub mod watchdog;

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
pub use tasks::engine_table;
use watchdog::Watchdog;

/// How the game should be run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub path: PathBuf,
    /// Arguments after the game path, passed to `love.load`.
    pub game_args: Vec<String>,
    pub headless: bool,
    pub fixed_dt: Option<f64>,
    /// Hot reload: `None` = on for game folders, off for .love files.
    pub reload: Option<bool>,
    /// Headless: write the audio mix to this WAV file (`--audio-out`).
    pub audio_out: Option<PathBuf>,
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
    /// The main loop is blocked in `love.event.wait` with no event queued: run the next
    /// frame (which resumes it) once an event has arrived.
    Wait,
    Quit(i32),
    Restart,
}

pub struct Runtime {
    /// Declared before `lua`: it must stop (and drop) before the VM closes.
    watchdog: Watchdog,
    lua: Lua,
    pub conf: Conf,
    boot: Table,
    watcher: Option<reload::Watcher>,
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
        lua.set_app_data(opts.clone());
        // Guards conf.lua with the default limits until it has set its own.
        let defaults = conf::EngineConf::default();
        let watchdog = Watchdog::new(&lua, defaults.execution_limit, defaults.task_budget)
            .map_err(boot_err)?;
        let love = Self::build_love(&lua).map_err(boot_err)?;
        tasks::register(&lua, &watchdog).map_err(boot_err)?;
        set_arg(&lua, opts).map_err(boot_err)?;

        watchdog.arm();
        let conf = read_conf(&lua, &love);
        watchdog.disarm();
        let conf = conf?;
        let ec = &conf.engine;
        watchdog.configure(ec.execution_limit, ec.task_budget);
        tasks::configure(&lua, ec).map_err(boot_err)?;
        if ec.memory_limit > 0.0 {
            lua.set_memory_limit((ec.memory_limit * 1024.0 * 1024.0) as usize)
                .map_err(|e| BootError(format!("Error: conf.lua: t.engine.memory_limit: {e}")))?;
        }
        lua.set_app_data(Timer::new(opts.fixed_dt));
        lua.set_app_data(WindowState::new(
            conf.title.clone(),
            conf.window.clone(),
            opts.headless,
        ));
        crate::graphics::lua::install_state(
            &lua,
            Graphics::new(conf.window.width, conf.window.height),
        );
        if let Some(id) = &conf.identity {
            crate::filesystem::lua::set_identity(&lua, id);
        }
        if opts.fixed_dt.is_some() {
            // Deterministic runs: the same random numbers every time (LÖVE seeds with the clock).
            crate::math::lua::seed_all(&lua, 0x5EED).map_err(boot_err)?;
        } else {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            crate::math::lua::seed_all(&lua, now).map_err(boot_err)?;
        }
        for m in &conf.disabled_modules {
            love.set(m.as_str(), Value::Nil).map_err(boot_err)?;
        }
        watchdog
            .exempt_blocking_calls(&lua, &love)
            .map_err(boot_err)?;

        let main = crate::filesystem::lua::load_chunk(&lua, &main_name)
            .map_err(|e| BootError(format!("Syntax error: {e}")))?;
        let boot = lua.create_table().map_err(boot_err)?;
        errors::register(&lua, &boot).map_err(boot_err)?;
        boot.set("headless", opts.headless).map_err(boot_err)?;
        boot.set("version", conf.version.as_str())
            .map_err(boot_err)?;
        boot.set("main", main).map_err(boot_err)?;
        boot.set("tasks", tasks::internal(&lua).map_err(boot_err)?)
            .map_err(boot_err)?;
        boot.set("memory_limit", ec.memory_limit)
            .map_err(boot_err)?;
        boot.set(
            "lift_memory_limit",
            lua.create_function(|lua, ()| lua.set_memory_limit(0).map(|_| ()))
                .map_err(boot_err)?,
        )
        .map_err(boot_err)?;
        let boot: Table = lua
            .load(include_str!("boot.lua"))
            .set_name("@boot.lua")
            .call(boot)
            .map_err(boot_err)?;
        let watcher = Self::setup_reload(&lua, &boot, opts, &main_name).map_err(boot_err)?;
        Ok(Runtime {
            watchdog,
            lua,
            conf,
            boot,
            watcher,
        })
    }

    /// Loads reload.lua, adds `engine.reload`, and starts the watcher when enabled.
    fn setup_reload(
        lua: &Lua,
        boot: &Table,
        opts: &Options,
        main_name: &str,
    ) -> mlua::Result<Option<reload::Watcher>> {
        boot.set(
            "compile",
            lua.create_function(|lua, file: String| {
                match crate::filesystem::lua::load_chunk(lua, &file) {
                    Ok(f) => Ok((Value::Function(f), Value::Nil)),
                    Err(e) => Ok((Value::Nil, Value::String(lua.create_string(&e)?))),
                }
            })?,
        )?;
        lua.load(include_str!("reload.lua"))
            .set_name("@reload.lua")
            .call::<()>(boot.clone())?;
        lua.set_app_data(reload::ReloadRequest::default());
        let engine = tasks::engine_table(lua)?;
        engine.set(
            "reload",
            lua.create_function(|lua, ()| {
                if let Some(mut r) = lua.app_data_mut::<reload::ReloadRequest>() {
                    r.0 = true;
                }
                Ok(())
            })?,
        )?;
        if let Some(mut files) = lua.app_data_mut::<reload::LoadedFiles>() {
            files.0.insert(main_name.to_string(), None);
        }
        let dir = match lua.app_data_ref::<Game>().map(|g| g.source.clone()) {
            Some(crate::filesystem::Source::Dir(d)) => Some(d),
            _ => None,
        };
        let enabled = opts.reload.unwrap_or(dir.is_some());
        match (enabled, dir) {
            (true, Some(d)) => match reload::Watcher::new(&d) {
                Ok(w) => Ok(Some(w)),
                Err(e) => {
                    eprintln!("engine: hot reload is off: {e}");
                    Ok(None)
                }
            },
            (true, None) => {
                eprintln!("engine: hot reload needs a game folder; it is off for .love files");
                Ok(None)
            }
            _ => Ok(None),
        }
    }

    /// Between two frames: reloads the Lua files that changed on disk (or all of them
    /// after `engine.reload()`), printing the outcome; a failure keeps the old code.
    pub fn poll_reload(&mut self) {
        let requested = self
            .lua
            .app_data_mut::<reload::ReloadRequest>()
            .map(|mut r| std::mem::take(&mut r.0))
            .unwrap_or(false);
        let changed = self.watcher.as_mut().map(|w| w.poll()).unwrap_or_default();
        let loaded = self
            .lua
            .app_data_ref::<reload::LoadedFiles>()
            .map(|f| f.0.clone())
            .unwrap_or_default();
        let mut files: Vec<(String, Option<String>)> = Vec::new();
        let mut first_change: Option<std::time::Instant> = None;
        if requested {
            files = loaded.iter().map(|(f, m)| (f.clone(), m.clone())).collect();
        } else {
            for (f, t) in changed {
                // Assets: Images made from a changed file get its new pixels in place.
                match crate::graphics::lua::objects::reload_image_file(&self.lua, &f) {
                    Some(Ok(n)) => eprintln!(
                        "engine: reloaded {f} ({n} image{}, {:.0} ms after the change)",
                        if n == 1 { "" } else { "s" },
                        t.elapsed().as_secs_f64() * 1000.0
                    ),
                    Some(Err(e)) => eprintln!("engine: reload of {f} failed: {e}"),
                    None => {}
                }
                if let Some(m) = loaded.get(&f) {
                    let exists = self
                        .lua
                        .app_data_ref::<Game>()
                        .is_some_and(|g| g.is_file(&f));
                    if !exists {
                        // LOVE-style tolerance: a module removed from disk keeps running.
                        continue;
                    }
                    files.push((f, m.clone()));
                    first_change = Some(first_change.map_or(t, |p| p.min(t)));
                }
            }
        }
        if files.is_empty() {
            return;
        }
        // Modules first, main.lua last: main may require them.
        files.sort_by_key(|(f, m)| (m.is_none(), f.clone()));
        let result = (|| -> mlua::Result<Vec<String>> {
            let list = self.lua.create_table()?;
            for (i, (f, m)) in files.iter().enumerate() {
                list.raw_set(
                    i + 1,
                    self.lua.create_sequence_from([
                        Value::String(self.lua.create_string(f)?),
                        match m {
                            Some(m) => Value::String(self.lua.create_string(m)?),
                            None => Value::Boolean(false),
                        },
                    ])?,
                )?;
            }
            // reload.lua takes a missing module name as nil.
            for pair in list.sequence_values::<Table>() {
                let p = pair?;
                if let Value::Boolean(false) = p.raw_get::<Value>(2)? {
                    p.raw_set(2, Value::Nil)?;
                }
            }
            let f: Function = self.boot.get("reload")?;
            f.call(list)
        })();
        let names: Vec<&str> = files.iter().map(|(f, _)| f.as_str()).collect();
        let errors = match result {
            Ok(e) => e,
            Err(e) => vec![errors::error_message(&e)],
        };
        if errors.is_empty() {
            let after = first_change
                .map(|t| {
                    format!(
                        " ({:.0} ms after the change)",
                        t.elapsed().as_secs_f64() * 1000.0
                    )
                })
                .unwrap_or_default();
            eprintln!("engine: reloaded {}{after}", names.join(", "));
            if let Some(mut g) = self.graphics() {
                g.overlay.clear();
            }
        } else {
            for e in &errors {
                eprintln!("engine: reload failed, the old code keeps running: {e}");
            }
            if let Some(mut g) = self.graphics() {
                g.overlay = errors
                    .iter()
                    .map(|e| format!("reload failed: {e}"))
                    .collect();
            }
        }
    }

    fn build_love(lua: &Lua) -> mlua::Result<Table> {
        lua.set_app_data(EventQueue::default());
        lua.set_app_data(Keyboard::default());
        lua.set_app_data(Mouse::default());
        // Placeholders until conf.lua has been read.
        lua.set_app_data(Timer::new(None));
        lua.set_app_data(WindowState::new(String::new(), Default::default(), true));
        crate::graphics::lua::install_state(lua, Graphics::new(800, 600));

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

        crate::audio::lua::register(lua, &love)?;
        crate::data::lua::register(lua, &love)?;
        crate::event::lua::register(lua, &love)?;
        crate::filesystem::lua::register(lua, &love)?;
        crate::font::lua::register(lua, &love)?;
        crate::graphics::lua::register(lua, &love)?;
        crate::image::lua::register(lua, &love)?;
        crate::joystick::lua::register(lua, &love)?;
        crate::keyboard::lua::register(lua, &love)?;
        crate::math::lua::register(lua, &love)?;
        crate::mouse::lua::register(lua, &love)?;
        crate::sound::lua::register(lua, &love)?;
        lua.set_app_data(reload::LoadedFiles::default());
        crate::physics::lua::register(lua, &love)?;
        crate::socket::lua::register(lua, &love)?;
        crate::utf8::lua::register(lua, &love)?;
        crate::system::lua::register(lua, &love)?;
        crate::thread::lua::register(lua, &love)?;
        crate::timer::lua::register(lua, &love)?;
        crate::touch::lua::register(lua, &love)?;
        crate::window::lua::register(lua, &love)?;
        missing::register(lua, &love)?;
        register_loaded(lua, &love)?;
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
        crate::thread::lua::deliver_errors(&self.lua);
        let step = self.call_boot("frame");
        crate::audio::lua::frame_end(&self.lua);
        step
    }

    fn call_boot(&mut self, name: &str) -> Step {
        let f: Function = match self.boot.get(name) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("engine: internal error: {e}");
                return Step::Quit(1);
            }
        };
        // The watchdog stops Lua code that runs past t.engine.execution_limit.
        self.watchdog.arm();
        let r = f.call::<Value>(());
        self.watchdog.disarm();
        match r {
            Ok(Value::Nil) => Step::Continue,
            Ok(Value::String(s)) if s == "restart" => Step::Restart,
            Ok(Value::String(s)) if s == "wait" => Step::Wait,
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

    pub fn graphics(&self) -> Option<crate::graphics::lua::GraphicsGuard> {
        crate::graphics::lua::try_graphics(&self.lua)
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

/// LOVE: `require("love")` and `require("love.graphics")` give the loaded modules (libraries
/// and loader code written for threads call them on the main state too).
fn register_loaded(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let loaded: Table = lua.globals().get::<Table>("package")?.get("loaded")?;
    loaded.set("love", love.clone())?;
    for pair in love.pairs::<String, Value>() {
        let (name, module) = pair?;
        if let Value::Table(m) = module {
            loaded.set(format!("love.{name}"), m)?;
        }
    }
    Ok(())
}
