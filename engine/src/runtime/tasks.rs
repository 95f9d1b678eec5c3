//! `engine.task`: coroutine tasks for per-entity scripts, and `engine.overExecUsage`.
//!
//! The scheduler is Lua (`tasks.lua`): tasks are coroutines, and keeping the bookkeeping on
//! the Lua side lets LuaJIT compile it and avoids a Rust call per task. Rust supplies the
//! two C functions that tell the watchdog when a task resume starts and ends (the task
//! budget) and reads `t.engine.task_errors`. boot.lua steps the tasks in the default
//! `love.run` and draws the task-error overlay; docs/tasks.md has the whole design.

use super::conf::{EngineConf, TaskErrors};
use super::watchdog::Watchdog;
use mlua::{Lua, Table};

/// Registry key of the scheduler's internal table (`step`, overlay, traceback of a raised
/// task error), which boot.lua receives.
const INTERNAL: &str = "engine.tasks.internal";

/// The global `engine` table, created on first use: every engine extension lives there.
pub fn engine_table(lua: &Lua) -> mlua::Result<Table> {
    match lua.globals().get::<Option<Table>>("engine")? {
        Some(t) => Ok(t),
        None => {
            let t = lua.create_table()?;
            lua.globals().set("engine", t.clone())?;
            Ok(t)
        }
    }
}

/// Loads the scheduler and sets `engine.task` and `engine.overExecUsage`.
pub fn register(lua: &Lua, watchdog: &Watchdog) -> mlua::Result<()> {
    let (enter, leave, over) = watchdog.functions(lua)?;
    let env = lua.create_table()?;
    env.set("enter", enter)?;
    env.set("leave", leave)?;
    env.set(
        "fixerror",
        lua.create_function(|lua, v: mlua::Value| super::errors::fix_error_value(lua, v))?,
    )?;
    let parts: Table = lua
        .load(include_str!("tasks.lua"))
        .set_name("=[engine tasks]")
        .call(env)?;
    let engine = engine_table(lua)?;
    engine.set("task", parts.get::<Table>("api")?)?;
    engine.set("overExecUsage", over)?;
    lua.set_named_registry_value(INTERNAL, parts.get::<Table>("internal")?)
}

/// Applies `t.engine` once conf.lua has been read.
pub fn configure(lua: &Lua, conf: &EngineConf) -> mlua::Result<()> {
    let internal = internal(lua)?;
    let mode = match conf.task_errors {
        TaskErrors::Print => "print",
        TaskErrors::Raise => "raise",
    };
    let f: mlua::Function = internal.get("configure")?;
    f.call((mode, conf.task_budget > 0.0))
}

/// The scheduler's internal table, for boot.lua.
pub fn internal(lua: &Lua) -> mlua::Result<Table> {
    lua.named_registry_value(INTERNAL)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vm() -> (Lua, Watchdog) {
        // SAFETY: the scheduler needs `debug`, as games do.
        let lua = unsafe { Lua::unsafe_new_with(mlua::StdLib::ALL, mlua::LuaOptions::new()) };
        let w = Watchdog::new(&lua, 0.0, 0.0).expect("watchdog");
        register(&lua, &w).expect("register");
        (lua, w)
    }

    #[test]
    fn tasks_spawn_wait_step_order() {
        let (lua, _w) = vm();
        let log: String = lua
            .load(
                r#"
                local T, log = engine.task, {}
                T.spawn(function() log[#log+1] = "a0"; T.wait(0.5); log[#log+1] = "a1" end)
                T.spawn(function() log[#log+1] = "b0"; T.wait(); log[#log+1] = "b1" end)
                for f = 1, 3 do log[#log+1] = "f" .. f; T.step(0.25) end
                return table.concat(log, " ")
                "#,
            )
            .eval()
            .expect("runs");
        // Waits started outside a step count from the next one: b resumes on frame 2,
        // a after 0.5 s counted from frame 1, on frame 3.
        assert_eq!(log, "a0 b0 f1 f2 b1 f3 a1");
    }

    #[test]
    fn tasks_many_waiting_cost_nothing_until_due() {
        let (lua, _w) = vm();
        let n: i64 = lua
            .load(
                r#"
                local T, woke = engine.task, 0
                for i = 1, 10000 do T.spawn(function() T.wait(100 + i) woke = woke + 1 end) end
                for f = 1, 10 do T.step(1) end
                return woke
                "#,
            )
            .eval()
            .expect("runs");
        assert_eq!(n, 0);
    }
}
