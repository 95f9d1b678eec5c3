//! `love.audio` bindings: newSource and the listener, master volume and scene effects.
//! Source methods are in `source_lua.rs`.

use super::effects::{
    self, EFFECT_TYPES, Effect, MAX_SCENE_EFFECTS, MAX_SOURCE_EFFECTS, WAVEFORMS,
};
use super::source::{DistanceModel, Source};
use super::source_lua::{LuaSource, new_source_ud, source_arg};
use super::{Audio, SourceRef};
use crate::runtime::args::{Args, enum_error, lua_error};
use crate::sound::lua::{LuaDecoder, LuaSoundData, load_pcm, open_decoder};
use mlua::{Lua, MultiValue, Table, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

pub fn audio(lua: &Lua) -> mlua::Result<mlua::AppDataRefMut<'_, Audio>> {
    lua.app_data_mut::<Audio>()
        .ok_or_else(|| mlua::Error::RuntimeError("love.audio is not initialised".into()))
}

/// The game clock in seconds: the offline mixer follows it.
pub fn now(lua: &Lua) -> f64 {
    lua.app_data_ref::<crate::timer::Timer>()
        .map(|t| t.time())
        .unwrap_or(0.0)
}

/// Called by the runtime after every frame: renders the offline mix up to the game clock.
pub fn frame_end(lua: &Lua) {
    let t = now(lua);
    let dt = lua
        .app_data_ref::<crate::timer::Timer>()
        .map(|t| t.delta())
        .unwrap_or(0.0);
    if let Some(mut a) = lua.app_data_mut::<Audio>()
        && a.wants_clock()
    {
        a.advance(t, Some(dt));
    }
}

/// Catches the offline mix up before a query (tell, isPlaying) so it reads the present.
pub fn sync(lua: &Lua) -> mlua::Result<()> {
    let t = now(lua);
    let mut a = audio(lua)?;
    if a.wants_clock() {
        a.advance(t, None);
    }
    Ok(())
}

const DISTANCE_MODELS: &[(&str, DistanceModel)] = &[
    ("none", DistanceModel::None),
    ("inverse", DistanceModel::Inverse),
    ("inverseclamped", DistanceModel::InverseClamped),
    ("linear", DistanceModel::Linear),
    ("linearclamped", DistanceModel::LinearClamped),
    ("exponent", DistanceModel::Exponent),
    ("exponentclamped", DistanceModel::ExponentClamped),
];

const SOURCE_TYPES: &[(&str, super::source::Kind)] = &[
    ("static", super::source::Kind::Static),
    ("stream", super::source::Kind::Stream),
    ("queue", super::source::Kind::Queue),
];

fn check_source_format(lua: &Lua, channels: u16, bits: u16) -> mlua::Result<()> {
    if !(1..=2).contains(&channels) || !(bits == 8 || bits == 16) {
        return Err(lua_error(
            lua,
            format!("{channels}-channel Sources with {bits} bits per sample are not supported."),
        ));
    }
    Ok(())
}

fn new_source(lua: &Lua, a: MultiValue) -> mlua::Result<Value> {
    let args = Args::new(lua, a, "newSource");
    let src = match args.get(1) {
        Value::UserData(ud) if ud.is::<LuaSoundData>() => {
            let pcm = ud.borrow::<LuaSoundData>()?.pcm(lua)?;
            check_source_format(lua, pcm.channels, pcm.bits)?;
            Source::new_static(pcm)
        }
        Value::UserData(ud) if ud.is::<LuaDecoder>() => {
            let d = ud.borrow::<LuaDecoder>()?;
            let slot = d.0.borrow();
            let dec = slot
                .as_ref()
                .ok_or_else(|| lua_error(lua, crate::sound::lua::RELEASED))?;
            check_source_format(lua, dec.channels(), dec.bits())?;
            Source::new_stream(dec.try_clone().map_err(|e| lua_error(lua, e))?)
        }
        _ => {
            let kind = args.enumeration(2, "source type", SOURCE_TYPES)?;
            let file = crate::sound::lua::file_arg(&args, 1)?;
            if kind == super::source::Kind::Stream {
                let d = open_decoder(lua, file, crate::sound::decoder::DEFAULT_BUFFER)?;
                check_source_format(lua, d.channels(), d.bits())?;
                Source::new_stream(d)
            } else {
                let pcm = load_pcm(lua, file)?;
                check_source_format(lua, pcm.channels, pcm.bits)?;
                Source::new_static(Arc::new(pcm))
            }
        }
    };
    new_source_ud(lua, src)
}

fn new_queueable_source(lua: &Lua, a: MultiValue) -> mlua::Result<Value> {
    let args = Args::new(lua, a, "newQueueableSource");
    let rate = args.integer(1)?;
    let bits = args.integer(2)?;
    let channels = args.integer(3)?;
    let buffers = args.opt_integer(4, 0)?;
    check_source_format(lua, channels.clamp(0, 64) as u16, bits.clamp(0, 64) as u16)?;
    if rate <= 0 {
        return Err(lua_error(lua, format!("Invalid sample rate: {rate}")));
    }
    // LOVE: 0 or less means the default of 8; at most 64.
    let buffers = if buffers < 1 { 8 } else { buffers.min(64) } as usize;
    new_source_ud(
        lua,
        Source::new_queue(rate as u32, bits as u16, channels as u16, buffers),
    )
}

/// Sources given as one Source, a table of them, or several arguments.
fn sources_of(lua: &Lua, args: &Args, fname: &str) -> mlua::Result<Vec<SourceRef>> {
    let _ = fname;
    if let Value::Table(t) = args.get(1) {
        let mut out = Vec::new();
        for v in t.sequence_values::<Value>() {
            let v = v?;
            match &v {
                Value::UserData(ud) if ud.is::<LuaSource>() => {
                    out.push(ud.borrow::<LuaSource>()?.get(lua)?);
                }
                _ => return Err(args.type_error(1, "Source")),
            }
        }
        return Ok(out);
    }
    let mut out = vec![source_arg(lua, args, 1)?];
    for i in 2..=args.len() {
        out.push(source_arg(lua, args, i)?);
    }
    Ok(out)
}

fn play(lua: &Lua, a: MultiValue) -> mlua::Result<bool> {
    let args = Args::new(lua, a, "play");
    let list = sources_of(lua, &args, "play")?;
    let t = now(lua);
    let mut au = audio(lua)?;
    let mut ok = true;
    for s in &list {
        ok &= au.play(s, t).map_err(|e| lua_error(lua, e))?;
    }
    Ok(ok)
}

fn stop(lua: &Lua, a: MultiValue) -> mlua::Result<()> {
    let args = Args::new(lua, a, "stop");
    let list = if args.is_empty() {
        audio(lua)?.active_sources()
    } else {
        sources_of(lua, &args, "stop")?
    };
    let mut au = audio(lua)?;
    for s in &list {
        au.stop(s);
    }
    Ok(())
}

fn pause(lua: &Lua, a: MultiValue) -> mlua::Result<Value> {
    let args = Args::new(lua, a, "pause");
    if args.is_empty() {
        let list: Vec<SourceRef> = audio(lua)?
            .active_sources()
            .into_iter()
            .filter(|s| s.borrow().is_playing())
            .collect();
        let t = lua.create_table()?;
        for s in list {
            audio(lua)?.pause(&s);
            t.raw_push(lua.create_userdata(LuaSource::new(s))?)?;
        }
        return Ok(Value::Table(t));
    }
    let list = sources_of(lua, &args, "pause")?;
    let mut au = audio(lua)?;
    for s in &list {
        au.pause(s);
    }
    Ok(Value::Nil)
}

fn vec3(args: &Args, from: usize, z_default: Option<f32>) -> mlua::Result<[f32; 3]> {
    Ok([
        args.f32(from)?,
        args.f32(from + 1)?,
        match z_default {
            Some(d) => args.opt_f32(from + 2, d)?,
            None => args.f32(from + 2)?,
        },
    ])
}

fn listener_fn(
    lua: &Lua,
    name: &'static str,
    set: fn(&mut Audio, &Args) -> mlua::Result<()>,
) -> mlua::Result<mlua::Function> {
    lua.create_function(move |lua, a: MultiValue| {
        let args = Args::new(lua, a, name);
        let mut au = audio(lua)?;
        set(&mut au, &args)?;
        au.refresh_all();
        Ok(())
    })
}

/// settings table → Effect, with LÖVE's messages for a missing or wrong type or parameter.
fn parse_effect(lua: &Lua, t: &Table) -> mlua::Result<Effect> {
    let ty: Value = t.get("type")?;
    let ty = match ty {
        Value::Nil => return Err(lua_error(lua, "Effect type not specificed.")),
        Value::String(s) => s.to_string_lossy(),
        other => {
            return Err(lua_error(
                lua,
                format!("Effect type not specificed. (got {})", other.type_name()),
            ));
        }
    };
    let kind = EFFECT_TYPES
        .iter()
        .find(|(n, _)| *n == ty)
        .map(|(_, k)| *k)
        .ok_or_else(|| {
            let names: Vec<&str> = EFFECT_TYPES.iter().map(|(n, _)| *n).collect();
            enum_error(lua, "effect type", &ty, &names)
        })?;
    let specs = effects::params(kind);
    let mut given = BTreeMap::new();
    for pair in t.pairs::<Value, Value>() {
        let (k, v) = pair?;
        let Value::String(k) = k else { continue };
        let k = k.to_string_lossy();
        if k == "type" {
            continue;
        }
        let spec = specs
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, s)| *s)
            .ok_or_else(|| lua_error(lua, format!("Invalid '{ty}' Effect parameter: {k}")))?;
        let bad = || {
            lua_error(
                lua,
                format!("Bad parameter type for {k}: {}", v.type_name()),
            )
        };
        let val = match spec {
            effects::Kind::Number(..) => match v {
                Value::Integer(i) => effects::Value::Number(i as f32),
                Value::Number(n) => effects::Value::Number(n as f32),
                _ => return Err(bad()),
            },
            effects::Kind::Bool(_) => match v {
                Value::Boolean(b) => effects::Value::Bool(b),
                _ => return Err(bad()),
            },
            effects::Kind::Waveform(_) => match &v {
                Value::String(s) => {
                    let s = s.to_string_lossy();
                    if !WAVEFORMS.iter().any(|(n, _)| *n == s) {
                        let names: Vec<&str> = WAVEFORMS.iter().map(|(n, _)| *n).collect();
                        return Err(enum_error(lua, "effect waveform type", &s, &names));
                    }
                    effects::Value::Waveform(s)
                }
                _ => return Err(bad()),
            },
        };
        given.insert(k, val);
    }
    Ok(Effect { kind, given })
}

fn effect_table(lua: &Lua, fx: &Effect) -> mlua::Result<Table> {
    let t = lua.create_table()?;
    t.set("type", fx.type_name())?;
    for (k, v) in &fx.given {
        match v {
            effects::Value::Number(n) => t.set(k.as_str(), *n)?,
            effects::Value::Bool(b) => t.set(k.as_str(), *b)?,
            effects::Value::Waveform(w) => t.set(k.as_str(), w.as_str())?,
        }
    }
    Ok(t)
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let headless = lua
        .app_data_ref::<crate::runtime::Options>()
        .map(|o| (o.headless, o.audio_out.clone()))
        .unwrap_or((true, None));
    lua.set_app_data(Audio::new(headless.0, headless.1));
    let t = lua.create_table()?;
    t.set("newSource", lua.create_function(new_source)?)?;
    t.set(
        "newQueueableSource",
        lua.create_function(new_queueable_source)?,
    )?;
    t.set("play", lua.create_function(play)?)?;
    t.set("stop", lua.create_function(stop)?)?;
    t.set("pause", lua.create_function(pause)?)?;
    t.set(
        "getActiveSourceCount",
        lua.create_function(|lua, ()| {
            sync(lua)?;
            Ok(audio(lua)?.active_count())
        })?,
    )?;
    t.set(
        "setVolume",
        lua.create_function(|lua, a: MultiValue| {
            let v = Args::new(lua, a, "setVolume").f32(1)?;
            audio(lua)?.set_volume(v.max(0.0));
            Ok(())
        })?,
    )?;
    t.set(
        "getVolume",
        lua.create_function(|lua, ()| Ok(audio(lua)?.volume))?,
    )?;
    t.set(
        "setPosition",
        listener_fn(lua, "setPosition", |au, args| {
            au.listener.position = vec3(args, 1, Some(0.0))?;
            Ok(())
        })?,
    )?;
    t.set(
        "getPosition",
        lua.create_function(|lua, ()| {
            let p = audio(lua)?.listener.position;
            Ok((p[0], p[1], p[2]))
        })?,
    )?;
    t.set(
        "setVelocity",
        listener_fn(lua, "setVelocity", |au, args| {
            au.listener.velocity = vec3(args, 1, Some(0.0))?;
            Ok(())
        })?,
    )?;
    t.set(
        "getVelocity",
        lua.create_function(|lua, ()| {
            let p = audio(lua)?.listener.velocity;
            Ok((p[0], p[1], p[2]))
        })?,
    )?;
    t.set(
        "setOrientation",
        listener_fn(lua, "setOrientation", |au, args| {
            au.listener.forward = vec3(args, 1, None)?;
            au.listener.up = vec3(args, 4, None)?;
            Ok(())
        })?,
    )?;
    t.set(
        "getOrientation",
        lua.create_function(|lua, ()| {
            let au = audio(lua)?;
            let (f, u) = (au.listener.forward, au.listener.up);
            Ok((f[0], f[1], f[2], u[0], u[1], u[2]))
        })?,
    )?;
    t.set(
        "setDistanceModel",
        listener_fn(lua, "setDistanceModel", |au, args| {
            au.listener.model = args.enumeration(1, "distance model", DISTANCE_MODELS)?;
            Ok(())
        })?,
    )?;
    t.set(
        "getDistanceModel",
        lua.create_function(|lua, ()| {
            let m = audio(lua)?.listener.model;
            Ok(DISTANCE_MODELS
                .iter()
                .find(|(_, v)| *v == m)
                .map(|(n, _)| *n)
                .unwrap_or("inverseclamped"))
        })?,
    )?;
    t.set(
        "setDopplerScale",
        listener_fn(lua, "setDopplerScale", |au, args| {
            let s = args.f32(1)?;
            // LOVE: a negative scale is ignored.
            if s >= 0.0 {
                au.listener.doppler = s;
            }
            Ok(())
        })?,
    )?;
    t.set(
        "getDopplerScale",
        lua.create_function(|lua, ()| Ok(audio(lua)?.listener.doppler))?,
    )?;
    t.set(
        "setMixWithSystem",
        lua.create_function(|lua, a: MultiValue| {
            Args::new(lua, a, "setMixWithSystem").boolean(1)?;
            // LOVE: only meaningful on iOS; elsewhere it returns false.
            Ok(false)
        })?,
    )?;
    t.set(
        "getRecordingDevices",
        // No capture devices are opened; an empty list, as LÖVE gives without a microphone.
        lua.create_function(|lua, ()| lua.create_table())?,
    )?;
    t.set("isEffectsSupported", lua.create_function(|_, ()| Ok(true))?)?;
    t.set(
        "getMaxSceneEffects",
        lua.create_function(|_, ()| Ok(MAX_SCENE_EFFECTS))?,
    )?;
    t.set(
        "getMaxSourceEffects",
        lua.create_function(|_, ()| Ok(MAX_SOURCE_EFFECTS))?,
    )?;
    t.set(
        "setEffect",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "setEffect");
            let name = args.string(1)?;
            match args.get(2) {
                Value::Nil | Value::Boolean(false) => Ok(audio(lua)?.remove_effect(&name)),
                Value::Boolean(true) => Err(args.type_error(2, "table")),
                Value::Table(t) => {
                    let fx = parse_effect(lua, t)?;
                    let mut au = audio(lua)?;
                    if au.effects.get(&name).is_none() && au.effects.map.len() >= MAX_SCENE_EFFECTS
                    {
                        return Ok(false);
                    }
                    let t = now(lua);
                    au.set_effect(&name, fx, t).map_err(|e| lua_error(lua, e))?;
                    Ok(true)
                }
                _ => Err(args.type_error(2, "table")),
            }
        })?,
    )?;
    t.set(
        "getEffect",
        lua.create_function(|lua, a: MultiValue| {
            let name = Args::new(lua, a, "getEffect").string(1)?;
            let fx = audio(lua)?.effects.get(&name).cloned();
            match fx {
                Some(fx) => Ok(Value::Table(effect_table(lua, &fx)?)),
                None => Ok(Value::Nil),
            }
        })?,
    )?;
    t.set(
        "getActiveEffects",
        lua.create_function(|lua, ()| {
            let names: Vec<String> = audio(lua)?.effects.map.keys().cloned().collect();
            lua.create_sequence_from(names)
        })?,
    )?;
    love.set("audio", t)
}
