//! Protection from runaway scripts: a watchdog thread that stops Lua code which runs too
//! long without returning to the engine (`t.engine.execution_limit`), or a task that runs
//! too long in one resume (`t.engine.task_budget`).
//!
//! How it works. The Lua thread only writes timestamps: [`Watchdog::arm`] when the engine
//! calls into Lua (one frame, `love.load`, `conf.lua`), [`Watchdog::disarm`] when Lua
//! returns, and two tiny C functions that `tasks.lua` calls around every task resume. The
//! watchdog thread sleeps until the earliest deadline; only when one passes does it
//! install a count hook with `lua_sethook`. The hook runs on the Lua thread at the next
//! instruction, removes itself, checks the deadline again (Lua may have returned in the
//! meantime) and raises `execution limit exceeded: ...` where the script is, so the error
//! takes the normal path: `love.errorhandler` (error screen) windowed, traceback and exit
//! status 1 headless, a failed task inside a task.
//!
//! Why a hook only after the deadline: LuaJIT is built with `LUAJIT_ENABLE_CHECKHOOK`, so
//! compiled loops check the hook mask and a hook can stop even `while true do end`; but a
//! hook that stays installed makes JIT code ~40x slower (../shared/STACK.md has figures).
//! Installed only when it fires, the protection costs nothing measurable (docs/tasks.md).
//!
//! Why the cross-thread `lua_sethook` is sound: LuaJIT documents `lua_sethook` as callable
//! asynchronously ("This function can be called asynchronously (e.g. during a signal)",
//! lj_dispatch.c); its own `luajit` executable calls it from a SIGINT handler to stop a
//! running script. It only stores the hook function, mask and count into the
//! `global_State` and rewrites dispatch-table entries: word-sized stores that the running
//! interpreter reads as either the old or the new value, both valid. Hooks are global to
//! the VM in LuaJIT (`G(L)`), so the main state's pointer reaches code running in any
//! coroutine. Two `lua_sethook` calls must not race each other (a half-done dispatch
//! update could leave the interpreter in slow hook mode), so every call — the watchdog's
//! install and the Lua thread's removal — holds `Inner::lock`. The pointer is used only
//! while the VM is alive: the thread is joined when the [`Watchdog`] drops, and the
//! runtime drops it before the `Lua`.

use mlua::{Lua, ffi};
use std::ffi::{CStr, c_int, c_void};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, Ordering::Relaxed, Ordering::SeqCst};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Registry key of the light userdata pointing at the [`Inner`] the hook reads.
const REGISTRY_KEY: &CStr = c"engine.watchdog";

/// State shared by the Lua thread, the watchdog thread and the hook. Times are
/// nanoseconds since `base` plus one, so that 0 means "not running".
struct Inner {
    base: Instant,
    state: AtomicPtr<ffi::lua_State>,
    limit_ns: AtomicU64,
    budget_ns: AtomicU64,
    /// When the engine last called into Lua; 0 when no Lua code runs.
    run_start: AtomicU64,
    /// When the running task was (re)started; 0 outside tasks.
    task_start: AtomicU64,
    hooked: AtomicBool,
    stop: AtomicBool,
    /// Serialises `lua_sethook` calls and the thread's sleeps.
    lock: Mutex<()>,
    wake: Condvar,
}

impl Inner {
    fn now(&self) -> u64 {
        self.base.elapsed().as_nanos() as u64 + 1
    }

    fn guard(&self) -> MutexGuard<'_, ()> {
        // A poisoned lock only means a thread panicked while holding `()`: nothing to repair.
        self.lock.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The earliest deadline now in force, if Lua is running and a limit is on.
    fn deadline(&self) -> Option<u64> {
        let run = self.run_start.load(Relaxed);
        if run == 0 {
            return None;
        }
        let limit = self.limit_ns.load(Relaxed);
        let budget = self.budget_ns.load(Relaxed);
        let task = self.task_start.load(Relaxed);
        let a = (limit > 0).then(|| run + limit);
        let b = (budget > 0 && task != 0).then(|| task + budget);
        match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Time spent blocked in the engine is not script time: start the clocks again.
    fn restart(&self) {
        let now = self.now();
        if self.run_start.load(Relaxed) != 0 {
            self.run_start.store(now, SeqCst);
        }
        if self.task_start.load(Relaxed) != 0 {
            self.task_start.store(now, SeqCst);
        }
    }

    /// Removes the hook; called on the Lua thread.
    fn unhook(&self) {
        if self.hooked.load(SeqCst) {
            let _g = self.guard();
            let l = self.state.load(SeqCst);
            if !l.is_null() {
                // SAFETY: `l` belongs to the live VM (see the module comment); the lock
                // keeps this call from racing the watchdog's.
                unsafe { ffi::lua_sethook(l, None, 0, 0) };
            }
            self.hooked.store(false, SeqCst);
        }
    }
}

/// The engine's side of the watchdog: configure, arm around calls into Lua, disarm.
pub struct Watchdog {
    inner: Arc<Inner>,
    thread: Option<JoinHandle<()>>,
}

/// Keeps the shared state alive for as long as the Lua VM (app data outlives `lua_close`),
/// so the C functions and the hook never see a dangling pointer.
struct Shared(#[allow(dead_code)] Arc<Inner>);

impl Watchdog {
    /// Starts the watchdog thread for `lua` with the given limits (seconds; 0 = off).
    pub fn new(lua: &Lua, limit: f64, budget: f64) -> mlua::Result<Watchdog> {
        let inner = Arc::new(Inner {
            base: Instant::now(),
            state: AtomicPtr::new(std::ptr::null_mut()),
            limit_ns: AtomicU64::new(0),
            budget_ns: AtomicU64::new(0),
            run_start: AtomicU64::new(0),
            task_start: AtomicU64::new(0),
            hooked: AtomicBool::new(false),
            stop: AtomicBool::new(false),
            lock: Mutex::new(()),
            wake: Condvar::new(),
        });
        let ptr = Arc::as_ptr(&inner) as *mut c_void;
        lua.set_app_data(Shared(inner.clone()));
        let mut main: *mut ffi::lua_State = std::ptr::null_mut();
        // SAFETY: the closure only reads the state pointer and stores a light userdata
        // in the registry; the stack is balanced.
        unsafe {
            lua.exec_raw::<()>((), |l| {
                main = l;
                ffi::lua_pushlightuserdata(l, ptr);
                ffi::lua_setfield(l, ffi::LUA_REGISTRYINDEX, REGISTRY_KEY.as_ptr());
            })?;
        }
        inner.state.store(main, SeqCst);
        let w = Watchdog {
            thread: Some(spawn_thread(inner.clone())?),
            inner,
        };
        w.configure(limit, budget);
        Ok(w)
    }

    /// Sets the limits (seconds; 0 turns one off).
    pub fn configure(&self, limit: f64, budget: f64) {
        let ns = |s: f64| (s.max(0.0) * 1e9) as u64;
        self.inner.limit_ns.store(ns(limit), SeqCst);
        self.inner.budget_ns.store(ns(budget), SeqCst);
    }

    /// The engine is about to call into Lua.
    pub fn arm(&self) {
        let i = &self.inner;
        if i.limit_ns.load(Relaxed) == 0 && i.budget_ns.load(Relaxed) == 0 {
            return;
        }
        i.task_start.store(0, Relaxed);
        i.run_start.store(i.now(), SeqCst);
        let _g = i.guard();
        i.wake.notify_one();
    }

    /// Lua returned to the engine.
    pub fn disarm(&self) {
        self.inner.run_start.store(0, SeqCst);
        self.inner.task_start.store(0, SeqCst);
        self.inner.unhook();
    }

    /// Wraps the engine functions that may block for long — `love.graphics.present` (vsync,
    /// a hidden window), `love.timer.sleep`, `love.event.wait`, `love.window.showMessageBox` — so that the time they take
    /// does not count as script time: the clock restarts when one returns. It has to happen
    /// in Rust, before control is back in Lua: a hook set meanwhile fires at the very next
    /// Lua instruction, and then finds the deadline moved and does nothing.
    pub fn exempt_blocking_calls(&self, lua: &Lua, love: &mlua::Table) -> mlua::Result<()> {
        use mlua::Value;
        for (module, name) in [
            ("graphics", "present"),
            ("timer", "sleep"),
            ("event", "wait"),
            ("window", "showMessageBox"),
        ] {
            let Value::Table(m) = love.get::<Value>(module)? else {
                continue;
            };
            let Value::Function(orig) = m.get::<Value>(name)? else {
                continue;
            };
            let inner = self.inner.clone();
            let f = lua.create_function(move |_, args: mlua::MultiValue| {
                let r = orig.call::<mlua::MultiValue>(args);
                inner.restart();
                r
            })?;
            m.set(name, f)?;
        }
        Ok(())
    }

    /// Registers the C functions `tasks.lua` and games call: `enter()` / `leave(prev)`
    /// around a task resume, and `engine.overExecUsage(fraction)`.
    pub fn functions(
        &self,
        lua: &Lua,
    ) -> mlua::Result<(mlua::Function, mlua::Function, mlua::Function)> {
        let ptr = Arc::as_ptr(&self.inner) as *mut c_void;
        let make = |f: ffi::lua_CFunction| -> mlua::Result<mlua::Function> {
            // SAFETY: pushes one C closure with one light-userdata upvalue; the pointee is
            // kept alive by the `Shared` app data for the VM's whole life.
            unsafe {
                lua.exec_raw((), |l| {
                    ffi::lua_pushlightuserdata(l, ptr);
                    ffi::lua_pushcclosure(l, f, 1);
                })
            }
        };
        Ok((make(task_enter)?, make(task_leave)?, make(over_exec_usage)?))
    }
}

/// Restarts the script clock after a binding that may block for as long as the game asked
/// (a socket wait, `Channel:demand`, `Thread:wait`): that time is not script time. Does
/// nothing in states without a watchdog (love.thread threads).
pub fn blocked(lua: &Lua) {
    if let Some(s) = lua.app_data_ref::<Shared>() {
        s.0.restart();
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.inner.stop.store(true, SeqCst);
        {
            let _g = self.inner.guard();
            self.inner.wake.notify_one();
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        self.disarm();
    }
}

fn spawn_thread(inner: Arc<Inner>) -> mlua::Result<JoinHandle<()>> {
    std::thread::Builder::new()
        .name("engine-watchdog".into())
        .spawn(move || watch(&inner))
        .map_err(|e| mlua::Error::RuntimeError(format!("cannot start the watchdog thread: {e}")))
}

/// The watchdog thread: sleeps while no Lua runs, else until the next deadline.
fn watch(i: &Inner) {
    let mut g = i.guard();
    loop {
        if i.stop.load(SeqCst) {
            return;
        }
        let budget = i.budget_ns.load(Relaxed);
        // A task may start while this thread sleeps (tasks.lua does not wake it), so with
        // a budget on, look again at least this often.
        let poll = Duration::from_nanos((budget / 10).clamp(1_000_000, 10_000_000));
        let Some(deadline) = i.deadline() else {
            g = i.wake.wait(g).unwrap_or_else(|p| p.into_inner());
            continue;
        };
        let now = i.now();
        let sleep = if now >= deadline {
            if !i.hooked.swap(true, SeqCst) {
                let l = i.state.load(SeqCst);
                // SAFETY: see the module comment: lua_sethook may be called
                // asynchronously; `l` is alive until this thread is joined; the held lock
                // keeps it from racing the Lua thread's own lua_sethook calls.
                unsafe { ffi::lua_sethook(l, Some(hook), ffi::LUA_MASKCOUNT, 1) };
            }
            poll
        } else {
            let until = Duration::from_nanos(deadline - now);
            if budget > 0 && i.task_start.load(Relaxed) == 0 {
                until.min(poll)
            } else {
                until
            }
        };
        g = i
            .wake
            .wait_timeout(g, sleep)
            .map(|(g, _)| g)
            .unwrap_or_else(|p| p.into_inner().0);
    }
}

/// `1.0` → "1.0", `0.2` → "0.2", `0.25` → "0.25": as written in conf.lua.
pub fn fmt_secs(s: f64) -> String {
    let short = format!("{s:.1}");
    if short.parse::<f64>().is_ok_and(|v| (v - s).abs() < 1e-9) {
        short
    } else {
        format!("{s}")
    }
}

fn inner_from_registry(l: *mut ffi::lua_State) -> *const Inner {
    // SAFETY: reads one registry field and pops it.
    unsafe {
        ffi::lua_getfield(l, ffi::LUA_REGISTRYINDEX, REGISTRY_KEY.as_ptr());
        let p = ffi::lua_touserdata(l, -1) as *const Inner;
        ffi::lua_pop(l, 1);
        p
    }
}

/// The hook: runs on the Lua thread at the next instruction after the watchdog set it.
unsafe extern "C-unwind" fn hook(l: *mut ffi::lua_State, ar: *mut ffi::lua_Debug) {
    let p = inner_from_registry(l);
    if p.is_null() {
        return;
    }
    let msg = {
        // SAFETY: the registry holds a pointer kept alive by the `Shared` app data.
        let i = unsafe { &*p };
        i.unhook();
        let now = i.now();
        let run = i.run_start.load(SeqCst);
        let task = i.task_start.load(SeqCst);
        let limit = i.limit_ns.load(SeqCst);
        let budget = i.budget_ns.load(SeqCst);
        let what = if run != 0 && limit > 0 && now >= run + limit {
            // Start the clock again: a script that catches the error with pcall and goes
            // on looping is stopped again one limit later.
            i.run_start.store(now, SeqCst);
            format!(
                "execution limit exceeded: the script ran for {} s without returning to the engine",
                fmt_secs(limit as f64 / 1e9)
            )
        } else if run != 0 && task != 0 && budget > 0 && now >= task + budget {
            i.task_start.store(now, SeqCst);
            format!(
                "task budget exceeded: the task ran for {} s without waiting \
                 (engine.overExecUsage() tells a task when to wait)",
                fmt_secs(budget as f64 / 1e9)
            )
        } else {
            // Lua returned to the engine (or the task yielded) before the hook ran.
            return;
        };
        format!("{}{what}", where_(l, ar))
    };
    // SAFETY: no Rust value with a destructor is alive past this point: `msg` is moved
    // into the Lua string and dropped before lua_error unwinds.
    unsafe {
        ffi::lua_pushlstring(l, msg.as_ptr() as *const _, msg.len());
        drop(msg);
        ffi::lua_error(l);
    }
}

/// "main.lua:12: " for the function the hook interrupted, as `error()` would add.
fn where_(l: *mut ffi::lua_State, ar: *mut ffi::lua_Debug) -> String {
    // SAFETY: `ar` is the hook's activation record, valid during the hook.
    unsafe {
        if ar.is_null() || ffi::lua_getinfo(l, c"Sl".as_ptr(), ar) == 0 {
            return String::new();
        }
        let ar = &*ar;
        if ar.currentline <= 0 {
            return String::new();
        }
        let src = CStr::from_ptr(ar.short_src.as_ptr()).to_string_lossy();
        format!("{src}:{}: ", ar.currentline)
    }
}

fn upvalue(l: *mut ffi::lua_State) -> *const Inner {
    // SAFETY: the closure was created by `Watchdog::functions` with this upvalue.
    unsafe { ffi::lua_touserdata(l, ffi::lua_upvalueindex(1)) as *const Inner }
}

/// `enter()` → the previous task start (a number), before a task resume.
unsafe extern "C-unwind" fn task_enter(l: *mut ffi::lua_State) -> c_int {
    let p = upvalue(l);
    // SAFETY: kept alive by the `Shared` app data; only atomics are touched.
    let prev = unsafe { (*p).task_start.swap((*p).now(), SeqCst) };
    unsafe { ffi::lua_pushnumber(l, prev as ffi::lua_Number) };
    1
}

/// `leave(prev)`: after a task resume, restores the enclosing task's start (0: none).
unsafe extern "C-unwind" fn task_leave(l: *mut ffi::lua_State) -> c_int {
    let p = upvalue(l);
    // SAFETY: as in `task_enter`; lua_tonumber gives 0 for a missing argument.
    unsafe {
        let prev = ffi::lua_tonumber(l, 1);
        (*p).task_start.store(prev.max(0.0) as u64, SeqCst);
    }
    0
}

/// `engine.overExecUsage([fraction])`: true once the running task has used `fraction`
/// (default 0.95) of its budget in this resume; outside a task, of the execution limit.
/// False when that limit is off.
unsafe extern "C-unwind" fn over_exec_usage(l: *mut ffi::lua_State) -> c_int {
    let p = upvalue(l);
    // SAFETY: the error path raises before any Rust value with a destructor exists (the
    // message is a static string); the rest reads atomics.
    unsafe {
        let fraction = match ffi::lua_type(l, 1) {
            ffi::LUA_TNONE | ffi::LUA_TNIL => 0.95,
            _ if ffi::lua_isnumber(l, 1) != 0 => ffi::lua_tonumber(l, 1),
            t => {
                // LÖVE's wording, with the name spelled out (luaL_argerror says '?' when
                // the function is called through pcall).
                let got = CStr::from_ptr(ffi::lua_typename(l, t));
                ffi::lua_pushfstring(
                    l,
                    c"bad argument #1 to 'overExecUsage' (number expected, got %s)".as_ptr(),
                    got.as_ptr(),
                );
                ffi::lua_error(l);
            }
        };
        let i = &*p;
        let now = i.now();
        let task = i.task_start.load(Relaxed);
        let run = i.run_start.load(Relaxed);
        let budget = i.budget_ns.load(Relaxed);
        let limit = i.limit_ns.load(Relaxed);
        let used = if task != 0 && budget > 0 {
            Some((now.saturating_sub(task)) as f64 / budget as f64)
        } else if run != 0 && limit > 0 {
            Some((now.saturating_sub(run)) as f64 / limit as f64)
        } else {
            None
        };
        ffi::lua_pushboolean(l, used.is_some_and(|u| u >= fraction) as c_int);
    }
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watchdog_fmt_secs() {
        assert_eq!(fmt_secs(5.0), "5.0");
        assert_eq!(fmt_secs(0.2), "0.2");
        assert_eq!(fmt_secs(0.25), "0.25");
    }

    fn vm() -> Lua {
        // SAFETY: tests need `jit`, as games do.
        unsafe { Lua::unsafe_new_with(mlua::StdLib::ALL, mlua::LuaOptions::new()) }
    }

    #[test]
    fn watchdog_stops_jit_loop() {
        let lua = vm();
        let w = Watchdog::new(&lua, 0.1, 0.0).expect("watchdog");
        let t = Instant::now();
        w.arm();
        let r = lua.load("local n = 0 while true do n = n + 1 end").exec();
        w.disarm();
        let e = r.expect_err("stopped").to_string();
        assert!(
            e.contains("execution limit exceeded: the script ran for 0.1 s"),
            "{e}"
        );
        assert!(
            t.elapsed() < Duration::from_millis(150),
            "{:?}",
            t.elapsed()
        );
        // Disarmed: the same VM runs on without the hook.
        assert_eq!(lua.load("return 1 + 1").eval::<i32>().expect("runs"), 2);
    }

    #[test]
    fn watchdog_silent_when_lua_returns_in_time() {
        let lua = vm();
        let w = Watchdog::new(&lua, 0.05, 0.0).expect("watchdog");
        for _ in 0..5 {
            w.arm();
            lua.load("local n = 0 for i = 1, 1e5 do n = n + i end")
                .exec()
                .expect("in time");
            w.disarm();
            std::thread::sleep(Duration::from_millis(60));
        }
    }
}
