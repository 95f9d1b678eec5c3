//! The Source object's methods.

use super::SourceRef;
use super::lua::{audio, now, sync};
use super::source::{Filter, FilterKind, Kind, Source};
use crate::runtime::args::{Args, format_lua_number, lua_error};
use crate::sound::lua::{LuaSoundData, RELEASED, margs};
use mlua::{Lua, MultiValue, Table, UserData, UserDataMethods, Value};
use std::cell::RefCell;
use std::rc::Rc;

pub struct LuaSource(RefCell<Option<SourceRef>>);

impl LuaSource {
    pub fn new(s: SourceRef) -> LuaSource {
        LuaSource(RefCell::new(Some(s)))
    }
    pub fn get(&self, lua: &Lua) -> mlua::Result<SourceRef> {
        self.0
            .borrow()
            .clone()
            .ok_or_else(|| lua_error(lua, RELEASED))
    }
}

pub fn new_source_ud(lua: &Lua, s: Source) -> mlua::Result<Value> {
    Ok(Value::UserData(lua.create_userdata(LuaSource::new(
        Rc::new(RefCell::new(s)),
    ))?))
}

pub fn source_arg(lua: &Lua, args: &Args, n: usize) -> mlua::Result<SourceRef> {
    match args.get(n) {
        Value::UserData(ud) if ud.is::<LuaSource>() => ud.borrow::<LuaSource>()?.get(lua),
        _ => Err(args.type_error(n, "Source")),
    }
}

const SPATIAL: &str = "This spatial audio functionality is only available for mono Sources. Ensure the Source is not multi-channel before calling this function.";

const UNITS: &[(&str, bool)] = &[("seconds", false), ("samples", true)];

const FILTER_TYPES: &[(&str, FilterKind)] = &[
    ("lowpass", FilterKind::Lowpass),
    ("highpass", FilterKind::Highpass),
    ("bandpass", FilterKind::Bandpass),
];

fn spatial(lua: &Lua, s: &Source) -> mlua::Result<()> {
    if s.channels > 1 {
        Err(lua_error(lua, SPATIAL))
    } else {
        Ok(())
    }
}

/// Re-applies the settings of a Source to its voice.
fn refresh(lua: &Lua, s: &SourceRef) -> mlua::Result<()> {
    let au = audio(lua)?;
    s.borrow().apply(&au.listener);
    Ok(())
}

fn parse_filter(lua: &Lua, t: &Table) -> mlua::Result<Filter> {
    let ty: Value = t.get("type")?;
    let ty = match ty {
        Value::String(s) => s.to_string_lossy(),
        _ => return Err(lua_error(lua, "Filter type not specificed.")),
    };
    let kind = FILTER_TYPES
        .iter()
        .find(|(n, _)| *n == ty)
        .map(|(_, k)| *k)
        .ok_or_else(|| {
            crate::runtime::args::enum_error(
                lua,
                "filter type",
                &ty,
                &["lowpass", "highpass", "bandpass"],
            )
        })?;
    let mut f = Filter {
        kind,
        volume: 1.0,
        lowgain: 1.0,
        highgain: 1.0,
    };
    for pair in t.pairs::<Value, Value>() {
        let (k, v) = pair?;
        let Value::String(k) = k else { continue };
        let k = k.to_string_lossy();
        let allowed = match kind {
            FilterKind::Lowpass => ["volume", "highgain"].contains(&k.as_str()),
            FilterKind::Highpass => ["volume", "lowgain"].contains(&k.as_str()),
            FilterKind::Bandpass => ["volume", "lowgain", "highgain"].contains(&k.as_str()),
        };
        if k == "type" {
            continue;
        }
        if !allowed {
            return Err(lua_error(
                lua,
                format!("Invalid '{ty}' Effect parameter: {k}"),
            ));
        }
        let x = match v {
            Value::Integer(i) => i as f32,
            Value::Number(n) => n as f32,
            other => {
                return Err(lua_error(
                    lua,
                    format!("Bad parameter type for {k}: {}", other.type_name()),
                ));
            }
        };
        // OpenAL's ranges: gains 0..1.
        let x = x.clamp(0.0, 1.0);
        match k.as_str() {
            "volume" => f.volume = x,
            "lowgain" => f.lowgain = x,
            _ => f.highgain = x,
        }
    }
    Ok(f)
}

fn filter_table(lua: &Lua, f: &Filter) -> mlua::Result<Table> {
    let t = lua.create_table()?;
    t.set("type", f.kind.name())?;
    t.set("volume", f.volume)?;
    if f.kind != FilterKind::Lowpass {
        t.set("lowgain", f.lowgain)?;
    }
    if f.kind != FilterKind::Highpass {
        t.set("highgain", f.highgain)?;
    }
    Ok(t)
}

/// A method on an unreleased Source: `f(lua, args, source)`.
fn method<M, R>(m: &mut M, name: &'static str, f: fn(&Lua, &Args, &SourceRef) -> mlua::Result<R>)
where
    M: UserDataMethods<LuaSource>,
    R: mlua::IntoLuaMulti + 'static,
{
    m.add_method(name, move |lua, this, a: MultiValue| {
        let s = this.get(lua)?;
        let args = margs(lua, a, name);
        f(lua, &args, &s)
    });
}

fn v3(s: [f32; 3]) -> (f32, f32, f32) {
    (s[0], s[1], s[2])
}

impl UserData for LuaSource {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        m.add_method("type", |_, _, ()| Ok("Source"));
        m.add_method("typeOf", |_, _, n: String| {
            Ok(n == "Source" || n == "Object")
        });
        m.add_method("release", |_, this, ()| {
            Ok(this.0.borrow_mut().take().is_some())
        });
        method(m, "play", |lua, _, s| {
            let t = now(lua);
            audio(lua)?.play(s, t).map_err(|e| lua_error(lua, e))
        });
        method(m, "stop", |lua, _, s| {
            audio(lua)?.stop(s);
            Ok(())
        });
        method(m, "pause", |lua, _, s| {
            audio(lua)?.pause(s);
            Ok(())
        });
        method(m, "isPlaying", |lua, _, s| {
            sync(lua)?;
            Ok(s.borrow().is_playing())
        });
        method(m, "clone", |lua, _, s| {
            let c = s.borrow().try_clone().map_err(|e| lua_error(lua, e))?;
            new_source_ud(lua, c)
        });
        method(m, "getType", |_, _, s| Ok(s.borrow().kind.name()));
        method(m, "getChannelCount", |_, _, s| Ok(s.borrow().channels));
        method(m, "getFreeBufferCount", |lua, _, s| {
            sync(lua)?;
            Ok(s.borrow().free_buffers())
        });
        method(m, "getDuration", |_, args, s| {
            let samples = if args.is_none_or_nil(2) {
                false
            } else {
                args.enumeration(2, "time unit", UNITS)?
            };
            let s = s.borrow();
            Ok(match s.duration_frames() {
                Some(f) if samples => f,
                Some(f) => f / s.rate as f64,
                None => -1.0,
            })
        });
        method(m, "tell", |lua, args, s| {
            let samples = if args.is_none_or_nil(2) {
                false
            } else {
                args.enumeration(2, "time unit", UNITS)?
            };
            sync(lua)?;
            let s = s.borrow();
            let f = s.lock().tell_frames();
            Ok(if samples {
                f.floor()
            } else {
                f / s.rate as f64
            })
        });
        method(m, "seek", |lua, args, s| {
            let offset = args.number(2)?;
            // NaN would leave the play position undefined: treat it as the start.
            let offset = if offset.is_nan() { 0.0 } else { offset };
            let samples = if args.is_none_or_nil(3) {
                false
            } else {
                args.enumeration(3, "time unit", UNITS)?
            };
            if offset < 0.0 {
                return Err(args.error(2, "can't seek to a negative position"));
            }
            sync(lua)?;
            let s = s.borrow();
            let frames = if samples {
                offset
            } else {
                offset * s.rate as f64
            };
            s.seek(frames);
            Ok(())
        });
        method(m, "setVolume", |lua, args, s| {
            let v = args.f32(2)?;
            s.borrow_mut().s.volume = v.max(0.0);
            refresh(lua, s)
        });
        method(m, "getVolume", |_, _, s| Ok(s.borrow().s.volume));
        method(m, "setPitch", |lua, args, s| {
            let p = args.f32(2)?;
            if !(p.is_finite() && p > 0.0) {
                return Err(lua_error(
                    lua,
                    "Pitch has to be non-zero, positive, finite number.",
                ));
            }
            s.borrow_mut().s.pitch = p;
            refresh(lua, s)
        });
        method(m, "getPitch", |_, _, s| Ok(s.borrow().s.pitch));
        method(m, "setLooping", |lua, args, s| {
            let on = args.boolean(2)?;
            if s.borrow().kind == Kind::Queue {
                return Err(lua_error(lua, "Queueable Sources can not be looped."));
            }
            s.borrow_mut().s.looping = on;
            refresh(lua, s)
        });
        method(m, "isLooping", |_, _, s| Ok(s.borrow().s.looping));
        method(m, "setVolumeLimits", |lua, args, s| {
            let (lo, hi) = (args.f32(2)?, args.f32(3)?);
            if !(0.0..=1.0).contains(&lo) || !(0.0..=1.0).contains(&hi) {
                return Err(lua_error(
                    lua,
                    format!(
                        "Invalid volume limits: [{}:{}]. Must be in [0:1]",
                        format_lua_number(lo as f64),
                        format_lua_number(hi as f64)
                    ),
                ));
            }
            {
                let mut b = s.borrow_mut();
                b.s.min_volume = lo;
                b.s.max_volume = hi;
            }
            refresh(lua, s)
        });
        method(m, "getVolumeLimits", |_, _, s| {
            let b = s.borrow();
            Ok((b.s.min_volume, b.s.max_volume))
        });
        method(m, "setPosition", |lua, args, s| {
            spatial(lua, &s.borrow())?;
            let p = [args.f32(2)?, args.f32(3)?, args.opt_f32(4, 0.0)?];
            s.borrow_mut().s.position = p;
            refresh(lua, s)
        });
        method(m, "getPosition", |lua, _, s| {
            let b = s.borrow();
            spatial(lua, &b)?;
            Ok(v3(b.s.position))
        });
        method(m, "setVelocity", |lua, args, s| {
            spatial(lua, &s.borrow())?;
            let p = [args.f32(2)?, args.f32(3)?, args.opt_f32(4, 0.0)?];
            s.borrow_mut().s.velocity = p;
            refresh(lua, s)
        });
        method(m, "getVelocity", |lua, _, s| {
            let b = s.borrow();
            spatial(lua, &b)?;
            Ok(v3(b.s.velocity))
        });
        method(m, "setDirection", |lua, args, s| {
            spatial(lua, &s.borrow())?;
            let p = [args.f32(2)?, args.f32(3)?, args.opt_f32(4, 0.0)?];
            s.borrow_mut().s.direction = p;
            refresh(lua, s)
        });
        method(m, "getDirection", |lua, _, s| {
            let b = s.borrow();
            spatial(lua, &b)?;
            Ok(v3(b.s.direction))
        });
        method(m, "setCone", |lua, args, s| {
            spatial(lua, &s.borrow())?;
            let inner = args.f32(2)?.to_degrees() as i32;
            let outer = args.f32(3)?.to_degrees() as i32;
            let ov = args.opt_f32(4, 0.0)?;
            let ohg = args.opt_f32(5, 1.0)?;
            s.borrow_mut().s.cone = (inner, outer, ov, ohg);
            refresh(lua, s)
        });
        method(m, "getCone", |lua, _, s| {
            let b = s.borrow();
            spatial(lua, &b)?;
            let c = b.s.cone;
            Ok((
                (c.0 as f32).to_radians(),
                (c.1 as f32).to_radians(),
                c.2,
                c.3,
            ))
        });
        method(m, "setRelative", |lua, args, s| {
            spatial(lua, &s.borrow())?;
            let on = args.boolean(2)?;
            s.borrow_mut().s.relative = on;
            refresh(lua, s)
        });
        method(m, "isRelative", |lua, _, s| {
            let b = s.borrow();
            spatial(lua, &b)?;
            Ok(b.s.relative)
        });
        method(m, "setAttenuationDistances", |lua, args, s| {
            spatial(lua, &s.borrow())?;
            let (r, mx) = (args.f32(2)?, args.f32(3)?);
            {
                let mut b = s.borrow_mut();
                b.s.ref_distance = r;
                b.s.max_distance = mx;
            }
            refresh(lua, s)
        });
        method(m, "getAttenuationDistances", |lua, _, s| {
            let b = s.borrow();
            spatial(lua, &b)?;
            Ok((b.s.ref_distance, b.s.max_distance))
        });
        method(m, "setRolloff", |lua, args, s| {
            spatial(lua, &s.borrow())?;
            let r = args.f32(2)?;
            s.borrow_mut().s.rolloff = r;
            refresh(lua, s)
        });
        method(m, "getRolloff", |lua, _, s| {
            let b = s.borrow();
            spatial(lua, &b)?;
            Ok(b.s.rolloff)
        });
        method(m, "setAirAbsorption", |lua, args, s| {
            spatial(lua, &s.borrow())?;
            let a = args.f32(2)?;
            s.borrow_mut().s.air_absorption = a.clamp(0.0, 10.0);
            refresh(lua, s)
        });
        method(m, "getAirAbsorption", |lua, _, s| {
            let b = s.borrow();
            spatial(lua, &b)?;
            Ok(b.s.air_absorption)
        });
        method(m, "queue", |lua, args, s| {
            let sd = match args.get(2) {
                Value::UserData(ud) if ud.is::<LuaSoundData>() => {
                    ud.borrow::<LuaSoundData>()?.pcm(lua)?
                }
                _ => return Err(args.type_error(2, "SoundData")),
            };
            let b = s.borrow();
            if b.kind != Kind::Queue {
                return Err(lua_error(
                    lua,
                    "Only queueable Sources can be queued with sound data.",
                ));
            }
            if sd.rate != b.rate || sd.bits != b.bits || sd.channels != b.channels {
                return Err(lua_error(
                    lua,
                    "Queued sound data must have same format as sound Source.",
                ));
            }
            sync(lua)?;
            Ok(b.queue(&sd))
        });
        method(m, "setFilter", |lua, args, s| {
            let f = match args.get(2) {
                Value::Nil => None,
                Value::Table(t) => Some(parse_filter(lua, t)?),
                _ => return Err(args.type_error(2, "table")),
            };
            s.borrow_mut().s.filter = f;
            refresh(lua, s)?;
            Ok(true)
        });
        method(m, "getFilter", |lua, _, s| {
            let f = s.borrow().s.filter;
            match f {
                Some(f) => Ok(Value::Table(filter_table(lua, &f)?)),
                None => Ok(Value::Nil),
            }
        });
        method(m, "setEffect", |lua, args, s| {
            let name = args.string(2)?;
            let filter = match args.get(3) {
                Value::Table(t) => Some(Some(parse_filter(lua, t)?)),
                Value::Nil => Some(None),
                Value::Boolean(true) => Some(None),
                Value::Boolean(false) => None,
                _ => return Err(args.type_error(3, "boolean")),
            };
            let exists = audio(lua)?.effects.get(&name).is_some();
            let mut b = s.borrow_mut();
            match filter {
                None => Ok(b.s.effects.remove(&name).is_some()),
                Some(f) => {
                    if !exists || b.s.effects.len() >= super::effects::MAX_SOURCE_EFFECTS {
                        return Ok(false);
                    }
                    // Takes effect from the Source's next play (its voice's routing is fixed).
                    b.s.effects.insert(name, f);
                    Ok(true)
                }
            }
        });
        method(m, "getEffect", |lua, args, s| {
            let name = args.string(2)?;
            let f = s.borrow().s.effects.get(&name).copied().flatten();
            match f {
                Some(f) => Ok(Value::Table(filter_table(lua, &f)?)),
                None => Ok(Value::Nil),
            }
        });
        method(m, "getActiveEffects", |lua, _, s| {
            let names: Vec<String> = s.borrow().s.effects.keys().cloned().collect();
            lua.create_sequence_from(names)
        });
    }
}
