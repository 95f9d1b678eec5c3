//! `love.thread` bindings: Channel objects, and Thread objects that run Lua code in a
//! state of their own on an OS thread, with the modules that work off the main thread
//! (love.thread, love.filesystem, love.data loaded; love.timer, love.math, love.system,
//! love.image, love.sound by `require("love.timer")` etc., as in LÖVE; LuaSocket).

use super::{Channel, Shared, named};
use crate::data::lua::{DataKind, DataObject};
use crate::filesystem::Game;
use crate::filesystem::save::SaveFs;
use crate::graphics::lua::objects::{LoveObject, add_object_methods};
use crate::runtime::args::{Args, lua_error};
use mlua::{Lua, MultiValue, RegistryKey, Table, UserData, UserDataMethods, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

pub(crate) struct ChannelObject(Arc<Channel>);

/// Errors of finished threads, waiting to become `threaderror` events on the main thread.
static THREAD_ERRORS: Mutex<Vec<(u64, String)>> = Mutex::new(Vec::new());

const VALUE_EXPECTED: &str = "boolean, number, string, love type, or table expected";

fn to_shared(v: &Value, depth: u32) -> Option<Shared> {
    Some(match v {
        Value::Nil => Shared::Nil,
        Value::Boolean(b) => Shared::Bool(*b),
        Value::Integer(i) => Shared::Number(*i as f64),
        Value::Number(n) => Shared::Number(*n),
        Value::String(s) => Shared::Str(s.as_bytes().to_vec()),
        Value::Table(t) if depth < 32 => {
            let mut out = Vec::new();
            for pair in t.pairs::<Value, Value>() {
                let (k, v) = pair.ok()?;
                out.push((to_shared(&k, depth + 1)?, to_shared(&v, depth + 1)?));
            }
            Shared::Table(out)
        }
        Value::UserData(ud) if ud.is::<ChannelObject>() => Shared::Channel(super::ChannelRef(
            ud.borrow::<ChannelObject>().ok()?.0.clone(),
        )),
        Value::UserData(ud) if ud.is::<crate::image::lua::ImageDataUd>() => {
            let d = ud.borrow::<crate::image::lua::ImageDataUd>().ok()?;
            Shared::Image(Box::new(d.0.clone()?))
        }
        Value::UserData(ud) if ud.is::<crate::image::lua_compressed::CompressedUd>() => {
            let c = ud
                .borrow::<crate::image::lua_compressed::CompressedUd>()
                .ok()?;
            Shared::Compressed(c.0.clone()?)
        }
        Value::UserData(ud) if ud.is::<crate::sound::lua::LuaSoundData>() => {
            let s = ud.borrow::<crate::sound::lua::LuaSoundData>().ok()?;
            let pcm = s.0.borrow().clone()?;
            Shared::Sound(pcm)
        }
        Value::UserData(ud) => {
            let d = ud.borrow::<DataObject>().ok()?;
            let name = match d.kind {
                DataKind::File => "FileData",
                _ => "ByteData",
            };
            Shared::Data(name, d.bytes.clone()?, d.filename.clone())
        }
        _ => return None,
    })
}

fn from_shared(lua: &Lua, v: Shared) -> mlua::Result<Value> {
    Ok(match v {
        Shared::Nil => Value::Nil,
        Shared::Bool(b) => Value::Boolean(b),
        Shared::Number(n) => Value::Number(n),
        Shared::Str(s) => Value::String(lua.create_string(&s)?),
        Shared::Table(pairs) => {
            let t = lua.create_table()?;
            for (k, v) in pairs {
                t.raw_set(from_shared(lua, k)?, from_shared(lua, v)?)?;
            }
            Value::Table(t)
        }
        Shared::Data(kind, bytes, name) => {
            let d = if kind == "FileData" {
                DataObject::file(&name, bytes)
            } else {
                DataObject::new(DataKind::Byte, bytes)
            };
            Value::UserData(lua.create_userdata(d)?)
        }
        Shared::Image(d) => {
            Value::UserData(lua.create_userdata(crate::image::lua::ImageDataUd(Some(*d)))?)
        }
        Shared::Compressed(c) => Value::UserData(
            lua.create_userdata(crate::image::lua_compressed::CompressedUd(Some(c)))?,
        ),
        Shared::Sound(p) => Value::UserData(lua.create_userdata(
            crate::sound::lua::LuaSoundData(std::cell::RefCell::new(Some(p))),
        )?),
        Shared::Channel(c) => Value::UserData(lua.create_userdata(ChannelObject(c.0))?),
    })
}

fn channel_self(args: &Args) -> mlua::Result<Arc<Channel>> {
    match args.get(1) {
        Value::UserData(ud) => ud
            .borrow::<ChannelObject>()
            .map(|c| c.0.clone())
            .map_err(|_| args.type_error(1, "Channel")),
        _ => Err(args.type_error(1, "Channel")),
    }
}

fn value_arg(args: &Args, n: usize) -> mlua::Result<Shared> {
    to_shared(args.get(n), 0).ok_or_else(|| args.error(n, VALUE_EXPECTED))
}

fn timeout_arg(args: &Args, n: usize) -> mlua::Result<Option<f64>> {
    if args.is_none_or_nil(n) {
        Ok(None)
    } else {
        args.number(n).map(Some)
    }
}

// LOVE: releasing a Channel or Thread only drops this reference; other holders keep it.
impl LoveObject for ChannelObject {
    fn types(&self) -> &'static [&'static str] {
        &["Channel", "Object"]
    }
    fn release(&mut self) -> bool {
        true
    }
}

impl LoveObject for ThreadObject {
    fn types(&self) -> &'static [&'static str] {
        &["Thread", "Object"]
    }
    fn release(&mut self) -> bool {
        true
    }
}

impl UserData for ChannelObject {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        m.add_function("push", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "push");
            let c = channel_self(&args)?;
            Ok(c.push(value_arg(&args, 2)?))
        });
        m.add_function("supply", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "supply");
            let c = channel_self(&args)?;
            let v = value_arg(&args, 2)?;
            let r = c.supply(v, timeout_arg(&args, 3)?);
            crate::runtime::watchdog::blocked(lua);
            Ok(r)
        });
        m.add_function("pop", |lua, a: MultiValue| {
            let c = channel_self(&Args::new(lua, a, "pop"))?;
            from_shared(lua, c.pop().unwrap_or(Shared::Nil))
        });
        m.add_function("peek", |lua, a: MultiValue| {
            let c = channel_self(&Args::new(lua, a, "peek"))?;
            from_shared(lua, c.peek().unwrap_or(Shared::Nil))
        });
        m.add_function("demand", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "demand");
            let c = channel_self(&args)?;
            let v = c.demand(timeout_arg(&args, 2)?);
            crate::runtime::watchdog::blocked(lua);
            from_shared(lua, v.unwrap_or(Shared::Nil))
        });
        m.add_function("getCount", |lua, a: MultiValue| {
            Ok(channel_self(&Args::new(lua, a, "getCount"))?.count())
        });
        m.add_function("hasRead", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "hasRead");
            let c = channel_self(&args)?;
            Ok(c.has_read(args.number(2)? as u64))
        });
        m.add_function("clear", |lua, a: MultiValue| {
            channel_self(&Args::new(lua, a, "clear"))?.clear();
            Ok(())
        });
        m.add_function("performAtomic", |lua, a: MultiValue| {
            let args = Args::new(lua, a.clone(), "performAtomic");
            let c = channel_self(&args)?;
            let Value::Function(f) = args.get(2).clone() else {
                return Err(args.type_error(2, "function"));
            };
            let mut rest: Vec<Value> = a.into_iter().collect();
            let me = rest.remove(0);
            rest.remove(0);
            rest.insert(0, me);
            c.atomic(|| f.call::<MultiValue>(MultiValue::from_vec(rest)))
        });
    }
}

/// A Thread: its code, and what its last run left behind.
struct ThreadObject {
    id: u64,
    name: String,
    code: Arc<Vec<u8>>,
    running: Arc<AtomicBool>,
    error: Arc<Mutex<Option<String>>>,
    handle: Option<std::thread::JoinHandle<()>>,
}

/// Started threads by id, so an error can be reported with its Thread object.
#[derive(Default)]
struct Started(HashMap<u64, RegistryKey>);

fn thread_self<R>(
    args: &Args,
    f: impl FnOnce(&mut ThreadObject) -> mlua::Result<R>,
) -> mlua::Result<R> {
    match args.get(1) {
        Value::UserData(ud) => {
            let mut t = ud
                .borrow_mut::<ThreadObject>()
                .map_err(|_| args.type_error(1, "Thread"))?;
            f(&mut t)
        }
        _ => Err(args.type_error(1, "Thread")),
    }
}

/// The modules a thread's Lua state gets (what works off the main thread).
fn thread_state(game: Game, save: SaveFs) -> mlua::Result<Lua> {
    // SAFETY: as for the main state, games use debug/ffi/jit in threads too.
    let lua = unsafe { Lua::unsafe_new_with(mlua::StdLib::ALL, mlua::LuaOptions::new()) };
    lua.set_app_data(game);
    lua.set_app_data(save);
    lua.set_app_data(crate::timer::Timer::new(None));
    let love = lua.create_table()?;
    lua.globals().set("love", love.clone())?;
    let all = lua.create_table()?;
    crate::thread::lua::register(&lua, &all)?;
    crate::filesystem::lua::register(&lua, &all)?;
    crate::data::lua::register(&lua, &all)?;
    crate::timer::lua::register(&lua, &all)?;
    crate::math::lua::register(&lua, &all)?;
    crate::system::lua::register(&lua, &all)?;
    crate::image::lua::register(&lua, &all)?;
    crate::sound::lua::register(&lua, &all)?;
    crate::socket::lua::register(&lua, &all)?;
    crate::utf8::lua::register(&lua, &all)?;
    for name in ["thread", "filesystem", "data"] {
        love.set(name, all.get::<Value>(name)?)?;
    }
    let preload: Table = lua.globals().get::<Table>("package")?.get("preload")?;
    for pair in all.pairs::<String, Value>() {
        let (name, module) = pair?;
        let love2 = love.clone();
        let key = name.clone();
        preload.set(
            format!("love.{name}"),
            lua.create_function(move |_, _: MultiValue| {
                love2.set(key.as_str(), module.clone())?;
                Ok(module.clone())
            })?,
        )?;
    }
    preload.set(
        "love",
        lua.create_function(|lua, _: MultiValue| lua.globals().get::<Value>("love"))?,
    )?;
    Ok(lua)
}

fn run_thread(
    name: &str,
    code: &[u8],
    args: Vec<Shared>,
    game: Game,
    save: SaveFs,
) -> Result<(), String> {
    let lua = thread_state(game, save).map_err(|e| crate::runtime::errors::error_message(&e))?;
    let chunk = lua
        .load(code)
        .set_name(name)
        .into_function()
        .map_err(|e| crate::runtime::errors::error_message(&e))?;
    let mut vals = MultiValue::new();
    for a in args {
        vals.push_back(from_shared(&lua, a).map_err(|e| e.to_string())?);
    }
    let runner: mlua::Function = lua
        .load(
            "local f = ... return function(...) \
             return xpcall(f, function(e) return debug.traceback(tostring(e), 2) end, ...) end",
        )
        .call(chunk)
        .map_err(|e| e.to_string())?;
    let (ok, err): (bool, Value) = runner
        .call(vals)
        .map_err(|e| crate::runtime::errors::error_message(&e))?;
    if ok {
        Ok(())
    } else {
        Err(match err {
            Value::String(s) => s.to_string_lossy(),
            other => format!("{other:?}"),
        })
    }
}

/// Turns errors of finished threads into `threaderror` events (called once per frame).
pub fn deliver_errors(lua: &Lua) {
    let errors: Vec<(u64, String)> = match THREAD_ERRORS.lock() {
        Ok(mut e) => std::mem::take(&mut *e),
        Err(_) => return,
    };
    for (id, msg) in errors {
        let key = lua
            .app_data_mut::<Started>()
            .and_then(|mut s| s.0.remove(&id));
        let Some(key) = key else { continue };
        let Ok(thread) = lua.registry_value::<Value>(&key) else {
            continue;
        };
        let _ = lua.remove_registry_value(key);
        let push: Option<mlua::Function> = lua
            .globals()
            .get::<Table>("love")
            .and_then(|l| l.get::<Table>("event"))
            .and_then(|e| e.get("push"))
            .ok();
        if let Some(push) = push {
            let _ = push.call::<()>(("threaderror", thread, msg));
        }
    }
}

impl UserData for ThreadObject {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        m.add_function("start", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "start");
            let mut vals = Vec::new();
            for i in 2..=args.len() {
                vals.push(value_arg(&args, i)?);
            }
            let game = lua.app_data_ref::<Game>().map(|g| g.clone());
            let save = lua.app_data_ref::<SaveFs>().map(|s| s.share());
            let (Some(game), Some(save)) = (game, save) else {
                return Err(lua_error(
                    lua,
                    "love.filesystem is needed to start a thread",
                ));
            };
            let id = thread_self(&args, |t| {
                if t.running.load(Ordering::SeqCst) {
                    return Err(lua_error(
                        lua,
                        "Cannot start a thread that is already running.",
                    ));
                }
                if let Some(h) = t.handle.take() {
                    let _ = h.join();
                }
                if let Ok(mut e) = t.error.lock() {
                    *e = None;
                }
                t.running.store(true, Ordering::SeqCst);
                let (running, error, code, name, id) = (
                    t.running.clone(),
                    t.error.clone(),
                    t.code.clone(),
                    t.name.clone(),
                    t.id,
                );
                let spawned = std::thread::Builder::new()
                    .name(format!("love.thread {id}"))
                    .spawn(move || {
                        let r = run_thread(&name, &code, vals, game, save);
                        if let Err(msg) = r {
                            if let Ok(mut e) = error.lock() {
                                *e = Some(msg.clone());
                            }
                            if let Ok(mut q) = THREAD_ERRORS.lock() {
                                q.push((id, msg));
                            }
                        }
                        running.store(false, Ordering::SeqCst);
                    });
                match spawned {
                    Ok(h) => t.handle = Some(h),
                    Err(e) => {
                        t.running.store(false, Ordering::SeqCst);
                        return Err(lua_error(lua, format!("Could not start thread: {e}")));
                    }
                }
                Ok(t.id)
            })?;
            let key = lua.create_registry_value(args.get(1).clone())?;
            if let Some(mut s) = lua.app_data_mut::<Started>() {
                s.0.insert(id, key);
            }
            Ok(())
        });
        m.add_function("wait", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "wait");
            let h = thread_self(&args, |t| Ok(t.handle.take()))?;
            if let Some(h) = h {
                let _ = h.join();
                crate::runtime::watchdog::blocked(lua);
            }
            Ok(())
        });
        m.add_function("isRunning", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "isRunning");
            thread_self(&args, |t| Ok(t.running.load(Ordering::SeqCst)))
        });
        m.add_function("getError", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getError");
            thread_self(&args, |t| Ok(t.error.lock().ok().and_then(|e| e.clone())))
        });
    }
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    lua.set_app_data(Started::default());
    let t = lua.create_table()?;
    t.set(
        "getChannel",
        lua.create_function(|lua, a: MultiValue| {
            let name = Args::new(lua, a, "getChannel").string(1)?;
            lua.create_userdata(ChannelObject(named(&name)))
        })?,
    )?;
    t.set(
        "newChannel",
        lua.create_function(|lua, ()| {
            lua.create_userdata(ChannelObject(Arc::new(Channel::default())))
        })?,
    )?;
    t.set(
        "newThread",
        lua.create_function(|lua, a: MultiValue| {
            static NEXT: AtomicU64 = AtomicU64::new(1);
            let args = Args::new(lua, a, "newThread");
            // A FileData, a file name, or code (LOVE: a string with a newline, or > 1 KB).
            let (name, code) = match args.get(1) {
                Value::UserData(ud) => {
                    let d = ud
                        .borrow::<DataObject>()
                        .map_err(|_| args.type_error(1, "string"))?;
                    let bytes = d.bytes.clone().ok_or_else(|| {
                        lua_error(lua, "Cannot use object after it has been released.")
                    })?;
                    (format!("@{}", d.filename), bytes)
                }
                _ => {
                    let s = args.string(1)?;
                    if s.contains('\n') || s.len() > 1024 {
                        ("=string".to_string(), s.into_bytes())
                    } else {
                        let bytes = crate::filesystem::lua::read_file(lua, &s)
                            .map_err(|e| lua_error(lua, e))?;
                        (format!("@{s}"), bytes)
                    }
                }
            };
            lua.create_userdata(ThreadObject {
                id: NEXT.fetch_add(1, Ordering::Relaxed),
                name,
                code: Arc::new(code),
                running: Arc::new(AtomicBool::new(false)),
                error: Arc::new(Mutex::new(None)),
                handle: None,
            })
        })?,
    )?;
    love.set("thread", t)
}
