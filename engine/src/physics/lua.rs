//! `love.physics` bindings: the module table, the World object, and what the other
//! binding files share (object identity, meter scaling, self-argument checks).
//!
//! Every Box2D object (Body, Fixture, Joint) has one Lua userdata for its whole life, kept in
//! its world's object table, so `fixture:getBody() == body` holds as in LÖVE. That table and
//! user values are dropped by World:destroy.

use super::{JointId, PairKey, PhysicsError, World};
use crate::runtime::args::{Args, lua_error};
use mlua::{
    AnyUserData, Function, IntoLuaMulti, Lua, MultiValue, Table, UserData, UserDataMethods, Value,
};
use rapier2d::math::Vector;
use rapier2d::prelude::{ColliderHandle, RigidBodyHandle};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// love.physics module state: LÖVE's global pixels-per-meter scale.
pub struct PhysicsState {
    pub meter: f32,
    /// Calls a callback over a flat table of argument groups (see `call_batch`).
    pub(crate) batch: Option<Function>,
}

pub(crate) fn meter(lua: &Lua) -> f32 {
    lua.app_data_ref::<PhysicsState>()
        .map(|s| s.meter)
        .unwrap_or(30.0)
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ObjKey {
    World,
    Body(RigidBodyHandle),
    Fixture(ColliderHandle),
    /// The Shape object Fixture:getShape returns.
    FixtureShape(ColliderHandle),
    Joint(JointId),
}

#[derive(Default)]
pub(crate) struct Callbacks {
    pub begin: Option<Function>,
    pub end: Option<Function>,
    pub pre: Option<Function>,
    pub post: Option<Function>,
}

pub(crate) struct WorldBox {
    pub core: RefCell<World>,
    pub objects: RefCell<HashMap<ObjKey, AnyUserData>>,
    /// PERF: fixture userdata by collider arena index (callbacks look them up per contact).
    pub fixture_objs: RefCell<Vec<Option<(ColliderHandle, AnyUserData)>>>,
    pub contact_objs: RefCell<HashMap<PairKey, AnyUserData>>,
    pub user_values: RefCell<HashMap<ObjKey, Value>>,
    pub callbacks: RefCell<Callbacks>,
    pub filter: RefCell<Option<Function>>,
    pub deferred: RefCell<Vec<ObjKey>>,
    pub destroyed: Cell<bool>,
}

pub(crate) type WorldRef = Rc<WorldBox>;

pub(crate) type Ret = mlua::Result<MultiValue>;

pub(crate) use super::lua_update::{destroy, push_contact};

/// A contact ended by a destruction, with its two fixtures' userdata (for endContact).
pub(crate) type Ended = (PairKey, [Value; 2]);

/// Registers `name` as a method taking LÖVE-style positional arguments (self is #1).
pub(crate) fn method<T, M: UserDataMethods<T>>(
    m: &mut M,
    name: &'static str,
    f: fn(&Lua, &Args) -> Ret,
) {
    m.add_function(name, move |lua, mv: MultiValue| {
        let args = Args::new(lua, mv, name);
        f(lua, &args)
    });
}

/// type, typeOf and release, with LÖVE's type hierarchy.
pub(crate) fn object_methods<T: 'static, M: UserDataMethods<T>>(
    m: &mut M,
    names: fn(&T) -> &'static [&'static str],
    released: fn(&T) -> &Cell<bool>,
) {
    m.add_method("type", move |_, this, ()| Ok(names(this)[0]));
    m.add_method("typeOf", move |_, this, name: Value| {
        let n = match name {
            Value::String(s) => s.to_string_lossy(),
            _ => return Ok(false),
        };
        Ok(names(this).contains(&n.as_str()))
    });
    m.add_method("release", move |_, this, ()| {
        let was = released(this).replace(true);
        Ok(!was)
    });
    m.add_meta_method("__tostring", move |_, this, ()| {
        Ok(format!("{}: {:p}", names(this)[0], this as *const T))
    });
}

/// An error raised by a Lua callback, as the game raised it: mlua appends a traceback to
/// errors from functions it calls, which LÖVE's (lua_call) does not.
pub(crate) fn plain(e: mlua::Error) -> mlua::Error {
    let msg = crate::runtime::errors::error_message(&e);
    match msg.split_once("\nstack traceback:") {
        Some((m, _)) => mlua::Error::RuntimeError(m.to_string()),
        None => e,
    }
}

pub(crate) fn released_error(lua: &Lua) -> mlua::Error {
    lua_error(lua, "Cannot use object after it has been released.")
}

pub(crate) fn perr(lua: &Lua, e: PhysicsError) -> mlua::Error {
    lua_error(lua, e.0)
}

pub(crate) fn v2(x: f64, y: f64, scale: f32) -> Vector {
    Vector::new(x as f32 / scale, y as f32 / scale)
}

pub struct LWorld {
    pub(crate) w: WorldRef,
    released: Cell<bool>,
}

impl UserData for LWorld {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        object_methods(m, |_| &["World", "Object"], |t| &t.released);
        method(m, "update", super::lua_update::world_update);
        method(m, "getGravity", |lua, a| {
            let w = world(lua, a, 1)?;
            let g = w.core.borrow().gravity() * meter(lua);
            (g.x, g.y).into_lua_multi(lua)
        });
        method(m, "setGravity", |lua, a| {
            let w = world(lua, a, 1)?;
            let g = v2(a.number(2)?, a.number(3)?, meter(lua));
            w.core.borrow_mut().set_gravity(g);
            Ok(MultiValue::new())
        });
        method(m, "isSleepingAllowed", |lua, a| {
            world(lua, a, 1)?
                .core
                .borrow()
                .sleeping_allowed()
                .into_lua_multi(lua)
        });
        method(m, "setSleepingAllowed", |lua, a| {
            let w = world(lua, a, 1)?;
            let on = a.opt_bool(2, false);
            w.core.borrow_mut().set_sleeping_allowed(on);
            Ok(MultiValue::new())
        });
        method(m, "getBodyCount", |lua, a| {
            world(lua, a, 1)?
                .core
                .borrow()
                .body_count()
                .into_lua_multi(lua)
        });
        method(m, "getJointCount", |lua, a| {
            world(lua, a, 1)?
                .core
                .borrow()
                .joint_count()
                .into_lua_multi(lua)
        });
        method(m, "getContactCount", |lua, a| {
            world(lua, a, 1)?
                .core
                .borrow_mut()
                .touching_now()
                .len()
                .into_lua_multi(lua)
        });
        method(m, "getBodies", |lua, a| {
            let w = world(lua, a, 1)?;
            let list = w.core.borrow().body_list();
            let t = lua.create_table()?;
            for (i, h) in list.into_iter().enumerate() {
                t.raw_set(i + 1, push_body(lua, &w, h)?)?;
            }
            t.into_lua_multi(lua)
        });
        method(m, "getJoints", |lua, a| {
            let w = world(lua, a, 1)?;
            let list = w.core.borrow().joint_list();
            let t = lua.create_table()?;
            for (i, id) in list.into_iter().enumerate() {
                t.raw_set(i + 1, super::lua_joint::push_joint(lua, &w, id)?)?;
            }
            t.into_lua_multi(lua)
        });
        method(m, "getContacts", |lua, a| {
            let w = world(lua, a, 1)?;
            let keys = w.core.borrow_mut().touching_now().to_vec();
            contacts_table(lua, &w, keys)?.into_lua_multi(lua)
        });
        method(m, "isLocked", |lua, a| {
            world(lua, a, 1)?.core.borrow().locked.into_lua_multi(lua)
        });
        method(m, "isDestroyed", |lua, a| {
            let w = any_world(lua, a, 1)?;
            w.destroyed.get().into_lua_multi(lua)
        });
        method(m, "destroy", |lua, a| {
            let w = any_world(lua, a, 1)?;
            if w.core.borrow().locked {
                return Err(perr(lua, PhysicsError::assertion("IsLocked() == false")));
            }
            if !w.destroyed.replace(true) {
                *w.core.borrow_mut() = World::new(Vector::ZERO, true);
                w.objects.borrow_mut().clear();
                w.fixture_objs.borrow_mut().clear();
                w.contact_objs.borrow_mut().clear();
                w.user_values.borrow_mut().clear();
                *w.callbacks.borrow_mut() = Callbacks::default();
                *w.filter.borrow_mut() = None;
            }
            Ok(MultiValue::new())
        });
        method(m, "setCallbacks", |lua, a| {
            let w = world(lua, a, 1)?;
            let f = |n: usize| match a.get(n) {
                Value::Function(f) => Ok(Some(f.clone())),
                Value::Nil => Ok(None),
                _ => Err(a.type_error(n, "function")),
            };
            let cbs = Callbacks {
                begin: f(2)?,
                end: f(3)?,
                pre: f(4)?,
                post: f(5)?,
            };
            let any =
                cbs.begin.is_some() || cbs.end.is_some() || cbs.pre.is_some() || cbs.post.is_some();
            *w.callbacks.borrow_mut() = cbs;
            w.core.borrow_mut().set_track_touch(any);
            Ok(MultiValue::new())
        });
        method(m, "getCallbacks", |lua, a| {
            let w = world(lua, a, 1)?;
            let c = w.callbacks.borrow();
            (
                c.begin.clone(),
                c.end.clone(),
                c.pre.clone(),
                c.post.clone(),
            )
                .into_lua_multi(lua)
        });
        method(m, "setContactFilter", |lua, a| {
            world(lua, a, 1)?;
            // A Lua filter would have to run inside rapier's step, which cannot call Lua.
            Err(lua_error(
                lua,
                "World:setContactFilter is not implemented yet (use categories, masks and groups, or preSolve)",
            ))
        });
        method(m, "getContactFilter", |lua, a| {
            world(lua, a, 1)?
                .filter
                .borrow()
                .clone()
                .into_lua_multi(lua)
        });
        method(m, "rayCast", world_ray_cast);
        method(m, "queryBoundingBox", |lua, a| {
            let w = world(lua, a, 1)?;
            let s = meter(lua);
            let (p1, p2) = (
                v2(a.number(2)?, a.number(3)?, s),
                v2(a.number(4)?, a.number(5)?, s),
            );
            let Value::Function(cb) = a.get(6).clone() else {
                return Err(a.type_error(6, "function"));
            };
            let found = w.core.borrow_mut().query_aabb(p1.min(p2), p1.max(p2));
            for h in found {
                if !w.core.borrow().fixture_exists(h) {
                    continue;
                }
                let f = push_fixture(lua, &w, h)?;
                let go: Value = cb.call(f).map_err(plain)?;
                if !matches!(go, Value::Boolean(true)) && !truthy(&go) {
                    break;
                }
            }
            Ok(MultiValue::new())
        });
        method(m, "translateOrigin", |lua, a| {
            let w = world(lua, a, 1)?;
            let o = v2(a.number(2)?, a.number(3)?, meter(lua));
            w.core.borrow_mut().translate_origin(o);
            Ok(MultiValue::new())
        });
    }
}

fn truthy(v: &Value) -> bool {
    !matches!(v, Value::Nil | Value::Boolean(false))
}

/// The World at argument n, not destroyed.
pub(crate) fn world(lua: &Lua, a: &Args, n: usize) -> mlua::Result<WorldRef> {
    let w = any_world(lua, a, n)?;
    if w.destroyed.get() {
        return Err(lua_error(lua, "Attempt to use destroyed world."));
    }
    Ok(w)
}

fn any_world(lua: &Lua, a: &Args, n: usize) -> mlua::Result<WorldRef> {
    if let Value::UserData(ud) = a.get(n)
        && let Ok(w) = ud.borrow::<LWorld>()
    {
        if w.released.get() {
            return Err(released_error(lua));
        }
        return Ok(w.w.clone());
    }
    Err(a.type_error(n, "World"))
}

/// The one userdata of a body (made on first use).
pub(crate) fn push_body(lua: &Lua, w: &WorldRef, h: RigidBodyHandle) -> mlua::Result<Value> {
    push_obj(lua, w, ObjKey::Body(h), || {
        lua.create_userdata(super::lua_body::LBody::new(w.clone(), h))
    })
}

pub(crate) fn push_fixture(lua: &Lua, w: &WorldRef, h: ColliderHandle) -> mlua::Result<Value> {
    if let Some(ud) = fixture_ud(w, h) {
        return Ok(Value::UserData(ud));
    }
    let ud = lua.create_userdata(super::lua_fixture::LFixture::new(w.clone(), h))?;
    let i = h.into_raw_parts().0 as usize;
    let mut v = w.fixture_objs.borrow_mut();
    if v.len() <= i {
        v.resize(i + 1, None);
    }
    v[i] = Some((h, ud.clone()));
    Ok(Value::UserData(ud))
}

pub(crate) fn fixture_ud(w: &WorldRef, h: ColliderHandle) -> Option<AnyUserData> {
    let v = w.fixture_objs.borrow();
    match v.get(h.into_raw_parts().0 as usize) {
        Some(Some((k, ud))) if *k == h => Some(ud.clone()),
        _ => None,
    }
}

pub(crate) fn push_obj(
    _lua: &Lua,
    w: &WorldRef,
    key: ObjKey,
    make: impl FnOnce() -> mlua::Result<AnyUserData>,
) -> mlua::Result<Value> {
    if let Some(ud) = w.objects.borrow().get(&key) {
        return Ok(Value::UserData(ud.clone()));
    }
    let ud = make()?;
    w.objects.borrow_mut().insert(key, ud.clone());
    Ok(Value::UserData(ud))
}

/// Forgets a destroyed object's userdata and user value.
pub(crate) fn forget(w: &WorldRef, key: ObjKey) {
    if let ObjKey::Fixture(h) = key
        && let Some(slot) = w
            .fixture_objs
            .borrow_mut()
            .get_mut(h.into_raw_parts().0 as usize)
    {
        *slot = None;
    }
    w.objects.borrow_mut().remove(&key);
    w.user_values.borrow_mut().remove(&key);
}

pub(crate) fn contacts_table(lua: &Lua, w: &WorldRef, keys: Vec<PairKey>) -> mlua::Result<Table> {
    let t = lua.create_table()?;
    for (i, k) in keys.into_iter().enumerate() {
        t.raw_set(i + 1, push_contact(lua, w, k)?)?;
    }
    Ok(t)
}

/// World:rayCast(x1, y1, x2, y2, callback): Box2D's protocol — the callback gets
/// (fixture, x, y, xn, yn, fraction) and returns -1 (ignore), 0 (stop), a fraction (clip)
/// or 1 (go on).
fn world_ray_cast(lua: &Lua, a: &Args) -> Ret {
    let w = world(lua, a, 1)?;
    let s = meter(lua);
    let p1 = v2(a.number(2)?, a.number(3)?, s);
    let p2 = v2(a.number(4)?, a.number(5)?, s);
    let Value::Function(cb) = a.get(6).clone() else {
        return Err(a.type_error(6, "function"));
    };
    let hits = w.core.borrow_mut().ray_cast_all(p1, p2);
    let mut max_fraction = 1.0f32;
    for (h, point, normal, fraction) in hits {
        if fraction > max_fraction || !w.core.borrow().fixture_exists(h) {
            continue;
        }
        let f = push_fixture(lua, &w, h)?;
        let r: Value = cb
            .call((f, point.x * s, point.y * s, normal.x, normal.y, fraction))
            .map_err(plain)?;
        let r = match r {
            Value::Number(n) => n as f32,
            Value::Integer(i) => i as f32,
            _ => return Err(lua_error(lua, "Raycast callback didn't return a number!")),
        };
        if r == 0.0 {
            break;
        }
        if r >= 0.0 && r < max_fraction {
            max_fraction = r;
        }
    }
    Ok(MultiValue::new())
}

fn new_world(lua: &Lua, a: &Args) -> Ret {
    let s = meter(lua);
    let g = v2(a.opt_number(1, 0.0)?, a.opt_number(2, 0.0)?, s);
    let sleep = a.opt_bool(3, true);
    let wb = Rc::new(WorldBox {
        core: RefCell::new(World::new(g, sleep)),
        objects: RefCell::new(HashMap::new()),
        fixture_objs: RefCell::new(Vec::new()),
        contact_objs: RefCell::new(HashMap::new()),
        user_values: RefCell::new(HashMap::new()),
        callbacks: RefCell::new(Callbacks::default()),
        filter: RefCell::new(None),
        deferred: RefCell::new(Vec::new()),
        destroyed: Cell::new(false),
    });
    let ud = lua.create_userdata(LWorld {
        w: wb.clone(),
        released: Cell::new(false),
    })?;
    wb.objects.borrow_mut().insert(ObjKey::World, ud.clone());
    ud.into_lua_multi(lua)
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let batch = lua
        .load(super::lua_update::BATCH)
        .set_name("=physics")
        .into_function()?;
    lua.set_app_data(PhysicsState {
        meter: 30.0,
        batch: Some(batch),
    });
    let t = lua.create_table()?;
    let add = |name: &'static str, f: fn(&Lua, &Args) -> Ret| -> mlua::Result<()> {
        t.set(
            name,
            lua.create_function(move |lua, mv: MultiValue| f(lua, &Args::new(lua, mv, name)))?,
        )
    };
    add("newWorld", new_world)?;
    add("getMeter", |lua, _| meter(lua).into_lua_multi(lua))?;
    add("setMeter", |lua, a| {
        let m = a.number(1)? as f32;
        if m < 1.0 {
            return Err(lua_error(lua, "Physics error: invalid meter"));
        }
        if let Some(mut s) = lua.app_data_mut::<PhysicsState>() {
            s.meter = m;
        }
        Ok(MultiValue::new())
    })?;
    add("newBody", super::lua_body::new_body)?;
    add("newFixture", super::lua_fixture::new_fixture)?;
    add("getDistance", super::lua_fixture::get_distance)?;
    super::lua_shape::register(lua, &t)?;
    super::lua_joint_new::register(lua, &t)?;
    lua.load(include_str!("metatables.lua"))
        .set_name("=[love \"physics.lua\"]")
        .call::<()>(t.clone())?;
    love.set("physics", t)
}
