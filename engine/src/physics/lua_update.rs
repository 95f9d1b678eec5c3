//! World:update and everything that calls back into Lua from it: the phases of a step and
//! the callbacks at Box2D's moments, deferred destruction, Contact objects.

use super::lua::{
    Ended, ObjKey, PhysicsState, Ret, WorldRef, fixture_ud, forget, meter, perr, plain,
    push_fixture, world,
};
use super::lua_contact::LContact;
use super::world::TouchEvent;
use super::{PairKey, PhysicsError};
use crate::runtime::args::Args;
use mlua::{Function, Lua, MultiValue, Table, Value};
use rapier2d::prelude::ColliderHandle;

// PERF: one Rust→Lua call per phase instead of one per contact; the callback calls are then
// Lua→Lua. Fixtures cannot disappear in between: destruction is deferred while locked.
pub(super) const BATCH: &str = r#"
local cb, t, n, stride = ...
if stride == 3 then
    for i = 1, n, 3 do cb(t[i], t[i + 1], t[i + 2]) end
else
    for i = 1, n, 7 do
        if t[i + 5] then cb(t[i], t[i + 1], t[i + 2], t[i + 3], t[i + 4], t[i + 5], t[i + 6])
        else cb(t[i], t[i + 1], t[i + 2], t[i + 3], t[i + 4]) end
    end
end
"#;

/// Calls `cb` once per group of `stride` values in `t` (1..=n).
fn call_batch(lua: &Lua, cb: &Function, t: Table, n: usize, stride: usize) -> mlua::Result<()> {
    if n == 0 {
        return Ok(());
    }
    let batch = lua
        .app_data_ref::<PhysicsState>()
        .and_then(|s| s.batch.clone());
    match batch {
        Some(b) => b.call::<()>((cb.clone(), t, n, stride)),
        None => Err(mlua::Error::RuntimeError(
            "love.physics is not initialised".into(),
        )),
    }
}

/// World:update(dt [, velocityiterations, positioniterations]): Box2D's step with its
/// callbacks at Box2D's moments — begin/end after collision detection, preSolve before the
/// solver (collision detection then runs first on its own), postSolve after it.
pub(crate) fn world_update(lua: &Lua, a: &Args) -> Ret {
    let w = world(lua, a, 1)?;
    let dt = a.number(2)? as f32;
    let vi = a.opt_integer(3, 8)?;
    {
        let mut core = w.core.borrow_mut();
        if core.locked {
            return Err(perr(lua, PhysicsError::assertion("IsLocked() == false")));
        }
        core.set_iterations(vi);
        core.locked = true;
    }
    let result = run_update(lua, &w, dt);
    w.core.borrow_mut().locked = false;
    let deferred = std::mem::take(&mut *w.deferred.borrow_mut());
    let mut ended = Vec::new();
    for key in deferred {
        ended.extend(destroy_now(&w, key));
    }
    result.map_err(plain)?;
    dispatch_ends(lua, &w, ended).map_err(plain)?;
    // Contact objects live as long as their contact.
    let mut objs = w.contact_objs.borrow_mut();
    if !objs.is_empty() {
        let core = w.core.borrow();
        objs.retain(|k, _| core.pair_alive(k) && (!core.touch_fresh || core.is_touching_pair(k)));
    }
    Ok(MultiValue::new())
}

fn run_update(lua: &Lua, w: &WorldRef, dt: f32) -> mlua::Result<()> {
    let has_pre = w.callbacks.borrow().pre.is_some();
    let events = if has_pre {
        w.core.borrow_mut().detect()
    } else {
        w.core.borrow_mut().step(dt)
    };
    dispatch_touch(lua, w, &events)?;
    if has_pre {
        let pairs = w.core.borrow().solvable_pairs();
        // PERF: the callback is fetched once per phase, not per contact.
        let pre = w.callbacks.borrow().pre.clone();
        if let Some(cb) = pre {
            let t = lua.create_table_with_capacity(pairs.len() * 3, 0)?;
            let mut n = 0;
            for k in pairs {
                if !pair_alive(w, &k) {
                    continue;
                }
                t.raw_set(n + 1, push_fixture(lua, w, k.a)?)?;
                t.raw_set(n + 2, push_fixture(lua, w, k.b)?)?;
                t.raw_set(n + 3, push_contact(lua, w, k)?)?;
                n += 3;
            }
            call_batch(lua, &cb, t, n, 3)?;
        }
        let events = w.core.borrow_mut().step(dt);
        dispatch_touch(lua, w, &events)?;
    }
    let post = w.callbacks.borrow().post.clone();
    if let Some(cb) = post {
        let s = meter(lua) as f64;
        let pairs = w.core.borrow().solvable_pairs();
        let t = lua.create_table_with_capacity(pairs.len() * 7, 0)?;
        let mut n = 0;
        for k in pairs {
            if !pair_alive(w, &k) {
                continue;
            }
            let (enabled, impulses, count) = w.core.borrow().contact_impulses(&k);
            if !enabled {
                continue;
            }
            t.raw_set(n + 1, push_fixture(lua, w, k.a)?)?;
            t.raw_set(n + 2, push_fixture(lua, w, k.b)?)?;
            t.raw_set(n + 3, push_contact(lua, w, k)?)?;
            for (i, (ni, ti)) in impulses.iter().take(count).enumerate() {
                t.raw_set(n + 4 + 2 * i, *ni as f64 * s)?;
                t.raw_set(n + 5 + 2 * i, *ti as f64 * s)?;
            }
            n += 7;
        }
        call_batch(lua, &cb, t, n, 7)?;
    }
    Ok(())
}

fn pair_alive(w: &WorldRef, k: &PairKey) -> bool {
    w.core.borrow().pair_alive(k)
}

/// The Contact object of a pair: one per contact while it lasts, as LÖVE keeps it.
pub(crate) fn push_contact(lua: &Lua, w: &WorldRef, k: PairKey) -> mlua::Result<Value> {
    if let Some(ud) = w.contact_objs.borrow().get(&k) {
        return Ok(Value::UserData(ud.clone()));
    }
    let ud = lua.create_userdata(LContact::new(w.clone(), k))?;
    w.contact_objs.borrow_mut().insert(k, ud.clone());
    Ok(Value::UserData(ud))
}

fn dispatch_touch(lua: &Lua, w: &WorldRef, events: &[TouchEvent]) -> mlua::Result<()> {
    for e in events {
        let (k, cb) = match e {
            TouchEvent::Begin(k) => (k, w.callbacks.borrow().begin.clone()),
            TouchEvent::End(k) => (k, w.callbacks.borrow().end.clone()),
        };
        let Some(cb) = cb else { continue };
        if !pair_alive(w, k) {
            continue;
        }
        let (fa, fb) = (push_fixture(lua, w, k.a)?, push_fixture(lua, w, k.b)?);
        cb.call::<()>((fa, fb, push_contact(lua, w, *k)?))?;
        if let TouchEvent::End(k) = e {
            w.contact_objs.borrow_mut().remove(k);
        }
    }
    Ok(())
}

fn lua_contact_value(lua: &Lua, w: &WorldRef, k: PairKey) -> mlua::Result<Value> {
    Ok(Value::UserData(
        lua.create_userdata(LContact::new(w.clone(), k))?,
    ))
}

/// endContact for pairs whose fixture was destroyed (Box2D calls it from DestroyBody).
pub(crate) fn dispatch_ends(_lua: &Lua, w: &WorldRef, ended: Vec<Ended>) -> mlua::Result<()> {
    let Some(cb) = w.callbacks.borrow().end.clone() else {
        return Ok(());
    };
    for (k, [fa, fb]) in ended {
        let c = w
            .contact_objs
            .borrow_mut()
            .remove(&k)
            .map(Value::UserData)
            .map_or_else(|| lua_contact_value(_lua, w, k), Ok)?;
        cb.call::<()>((fa, fb, c))?;
    }
    Ok(())
}

/// Destroys now (outside World:update); returns the ended pairs with their fixtures' userdata
/// (kept alive for the endContact call).
pub(crate) fn destroy_now(w: &WorldRef, key: ObjKey) -> Vec<Ended> {
    let lookup = |h: ColliderHandle| fixture_ud(w, h).map(Value::UserData).unwrap_or(Value::Nil);
    let (fixtures, joints) = {
        let core = w.core.borrow();
        match key {
            ObjKey::Body(h) => (
                core.body_data(h)
                    .map(|d| d.fixtures.clone())
                    .unwrap_or_default(),
                core.joints_of_body(h),
            ),
            _ => (Vec::new(), Vec::new()),
        }
    };
    let keys: Vec<PairKey> = {
        let core = w.core.borrow();
        let mine = |k: &PairKey| match key {
            ObjKey::Body(_) => fixtures.contains(&k.a) || fixtures.contains(&k.b),
            ObjKey::Fixture(h) => k.a == h || k.b == h,
            ObjKey::Joint(_) | ObjKey::World | ObjKey::FixtureShape(_) => false,
        };
        core.touching_pairs()
            .iter()
            .filter(|k| mine(k))
            .copied()
            .collect()
    };
    let out: Vec<Ended> = keys
        .into_iter()
        .map(|k| (k, [lookup(k.a), lookup(k.b)]))
        .collect();
    {
        let mut core = w.core.borrow_mut();
        match key {
            ObjKey::Body(h) => {
                core.destroy_body(h);
            }
            ObjKey::Fixture(h) => {
                core.destroy_fixture(h);
            }
            ObjKey::Joint(id) => core.destroy_joint(id),
            ObjKey::World | ObjKey::FixtureShape(_) => {}
        }
    }
    for f in fixtures {
        forget(w, ObjKey::Fixture(f));
        forget(w, ObjKey::FixtureShape(f));
    }
    if let ObjKey::Fixture(f) = key {
        forget(w, ObjKey::FixtureShape(f));
    }
    for j in joints {
        forget(w, ObjKey::Joint(j));
    }
    forget(w, key);
    out
}

/// Destroys an object, or defers it to the end of World:update as LÖVE does.
pub(crate) fn destroy(lua: &Lua, w: &WorldRef, key: ObjKey) -> mlua::Result<()> {
    if w.core.borrow().locked {
        let mut d = w.deferred.borrow_mut();
        if !d.contains(&key) {
            d.push(key);
        }
        return Ok(());
    }
    let ended = destroy_now(w, key);
    dispatch_ends(lua, w, ended).map_err(plain)
}
