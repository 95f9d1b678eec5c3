//! `love.sound` bindings: newSoundData, newDecoder, and the SoundData and Decoder objects.

use super::{Decoder, Pcm, check_format, decode_all, decoder::DEFAULT_BUFFER};
use crate::runtime::args::{Args, lua_error};
use mlua::{AnyUserData, Lua, MultiValue, Table, UserData, UserDataMethods, Value};
use std::cell::RefCell;
use std::sync::Arc;

pub const RELEASED: &str = "Cannot use object after it has been released.";

/// The samples of one SoundData, shared by every love.thread state it was sent to (LÖVE
/// reference-counts the object: a worker's setSample shows on the main thread). The inner
/// Arc is copied on write, so Sources keep the snapshot they were made from (LÖVE copies
/// the samples into the audio buffer too).
pub type SharedPcm = Arc<parking_lot::Mutex<Arc<Pcm>>>;

/// A SoundData object; `None` once released on this side.
pub struct LuaSoundData(pub RefCell<Option<SharedPcm>>);

/// A Decoder object.
pub struct LuaDecoder(pub RefCell<Option<Decoder>>);

/// Arguments of a method: `self` is argument #1 in LÖVE's messages.
pub fn margs<'a>(lua: &'a Lua, args: MultiValue, name: &'static str) -> Args<'a> {
    let mut v = args;
    v.push_front(Value::Nil);
    Args::new(lua, v, name)
}

impl LuaSoundData {
    pub fn new(pcm: Pcm) -> LuaSoundData {
        LuaSoundData(RefCell::new(Some(Arc::new(parking_lot::Mutex::new(
            Arc::new(pcm),
        )))))
    }
    /// The shared object (what love.thread sends).
    pub fn shared(&self, lua: &Lua) -> mlua::Result<SharedPcm> {
        self.0
            .borrow()
            .clone()
            .ok_or_else(|| lua_error(lua, RELEASED))
    }
    /// A snapshot of the samples as they are now.
    pub fn pcm(&self, lua: &Lua) -> mlua::Result<Arc<Pcm>> {
        Ok(self.shared(lua)?.lock().clone())
    }
}

/// A file argument: a path in the game's filesystem, or a FileData's name and bytes.
pub enum FileArg {
    Name(String),
    Bytes(String, Vec<u8>),
}

/// Reads argument `n` as a file name or a FileData.
pub fn file_arg(args: &Args, n: usize) -> mlua::Result<FileArg> {
    match args.get(n) {
        Value::UserData(ud) => {
            let d = ud
                .borrow::<crate::data::lua::DataObject>()
                .ok()
                .filter(|d| d.kind == crate::data::lua::DataKind::File)
                .ok_or_else(|| args.type_error(n, "string or FileData"))?;
            let bytes = d
                .bytes
                .as_ref()
                .map(|b| b.to_vec())
                .ok_or_else(|| args.error(n, RELEASED))?;
            Ok(FileArg::Bytes(d.filename.clone(), bytes))
        }
        _ => Ok(FileArg::Name(args.string(n)?)),
    }
}

/// Opens a streaming decoder on a game file. A file of a game folder is read as it plays,
/// never whole; otherwise (save directory, mounts, .love archive, FileData) the
/// compressed bytes are read once.
pub fn open_decoder(lua: &Lua, file: FileArg, buffer: usize) -> mlua::Result<Decoder> {
    use crate::filesystem::{Game, Source, normalize};
    let name = match file {
        FileArg::Bytes(name, bytes) => {
            return Decoder::from_bytes(bytes, &name, buffer).map_err(|e| lua_error(lua, e));
        }
        FileArg::Name(n) => n,
    };
    let in_save_dir = lua
        .app_data_ref::<crate::filesystem::save::SaveFs>()
        .is_some_and(|s| normalize(&name).is_some_and(|r| s.save_dir().join(r).is_file()));
    let path = if in_save_dir {
        None
    } else {
        let game = lua.app_data_ref::<Game>();
        match game.as_ref().map(|g| &g.source) {
            Some(Source::Dir(d)) => normalize(&name).map(|r| d.join(r)).filter(|p| p.is_file()),
            _ => None,
        }
    };
    let d = match path {
        Some(p) => Decoder::from_file(p, &name, buffer),
        None => {
            let bytes =
                crate::filesystem::lua::read_file(lua, &name).map_err(|e| lua_error(lua, e))?;
            Decoder::from_bytes(bytes, &name, buffer)
        }
    };
    d.map_err(|e| lua_error(lua, e))
}

/// Decodes a whole file (newSoundData(filename), static Sources).
pub fn load_pcm(lua: &Lua, file: FileArg) -> mlua::Result<Pcm> {
    let (name, bytes) = match file {
        FileArg::Bytes(name, bytes) => (name, bytes),
        FileArg::Name(name) => {
            let bytes =
                crate::filesystem::lua::read_file(lua, &name).map_err(|e| lua_error(lua, e))?;
            (name, bytes)
        }
    };
    decode_all(bytes, &name).map_err(|e| lua_error(lua, e))
}

fn new_sound_data(lua: &Lua, a: MultiValue) -> mlua::Result<LuaSoundData> {
    let args = Args::new(lua, a, "newSoundData");
    let pcm = match args.get(1) {
        Value::Integer(_) | Value::Number(_) => {
            let samples = args.integer(1)?;
            let rate = args.opt_integer(2, 44100)?;
            let bits = args.opt_integer(3, 16)?;
            let channels = args.opt_integer(4, 2)?;
            if samples <= 0 {
                return Err(lua_error(lua, format!("Invalid sample count: {samples}")));
            }
            if rate <= 0 {
                return Err(lua_error(lua, format!("Invalid sample rate: {rate}")));
            }
            check_format(bits, channels).map_err(|e| lua_error(lua, e))?;
            Pcm::silent(samples as usize, rate as u32, bits as u16, channels as u16)
        }
        Value::UserData(ud) if ud.is::<LuaDecoder>() => {
            let d = ud.borrow::<LuaDecoder>()?;
            let mut slot = d.0.borrow_mut();
            let dec = slot.as_mut().ok_or_else(|| lua_error(lua, RELEASED))?;
            // LOVE: decodes the rest of the Decoder's stream.
            let mut samples = Vec::new();
            while let Some(c) = dec.decode_chunk().map_err(|e| lua_error(lua, e))? {
                samples.extend_from_slice(&c);
            }
            Pcm {
                rate: dec.rate(),
                bits: 16,
                channels: dec.channels(),
                samples,
            }
        }
        _ => load_pcm(lua, file_arg(&args, 1)?)?,
    };
    Ok(LuaSoundData::new(pcm))
}

fn new_decoder(lua: &Lua, a: MultiValue) -> mlua::Result<LuaDecoder> {
    let args = Args::new(lua, a, "newDecoder");
    let file = file_arg(&args, 1)?;
    let buffer = args.opt_integer(2, DEFAULT_BUFFER as i64)?.max(64) as usize;
    Ok(LuaDecoder(RefCell::new(Some(open_decoder(
        lua, file, buffer,
    )?))))
}

fn type_of(name: &str, chain: &[&str]) -> bool {
    chain.contains(&name)
}

impl UserData for LuaSoundData {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        m.add_method("type", |_, _, ()| Ok("SoundData"));
        m.add_method("typeOf", |_, _, n: String| {
            Ok(type_of(&n, &["SoundData", "Data", "Object"]))
        });
        m.add_method("release", |_, this, ()| {
            Ok(this.0.borrow_mut().take().is_some())
        });
        m.add_method("getSampleCount", |lua, this, ()| {
            Ok(this.pcm(lua)?.frames())
        });
        m.add_method("getSampleRate", |lua, this, ()| Ok(this.pcm(lua)?.rate));
        m.add_method("getBitDepth", |lua, this, ()| Ok(this.pcm(lua)?.bits));
        m.add_method("getChannelCount", |lua, this, ()| {
            Ok(this.pcm(lua)?.channels)
        });
        m.add_method("getDuration", |lua, this, ()| Ok(this.pcm(lua)?.duration()));
        m.add_method("getSize", |lua, this, ()| Ok(this.pcm(lua)?.byte_size()));
        m.add_method("getString", |lua, this, ()| {
            let p = this.pcm(lua)?;
            let mut bytes = Vec::with_capacity(p.byte_size());
            for s in &p.samples {
                if p.bits == 8 {
                    bytes.push(((s * 127.0) as i32 + 128).clamp(0, 255) as u8);
                } else {
                    bytes.extend_from_slice(&((s * 32767.0) as i16).to_le_bytes());
                }
            }
            lua.create_string(bytes)
        });
        m.add_method("clone", |lua, this, ()| {
            let p = this.pcm(lua)?;
            Ok(LuaSoundData::new((*p).clone()))
        });
        m.add_method("getPointer", |lua, _, ()| -> mlua::Result<()> {
            Err(lua_error(
                lua,
                "SoundData:getPointer is not implemented yet",
            ))
        });
        m.add_method("getFFIPointer", |lua, _, ()| -> mlua::Result<()> {
            Err(lua_error(
                lua,
                "SoundData:getFFIPointer is not implemented yet",
            ))
        });
        m.add_method("getSample", |lua, this, a: MultiValue| {
            let args = margs(lua, a, "getSample");
            let p = this.pcm(lua)?;
            let idx = sample_index(lua, &args, &p, "get")?;
            Ok(p.samples[idx])
        });
        m.add_method("setSample", |lua, this, a: MultiValue| {
            let args = margs(lua, a, "setSample");
            let shared = this.shared(lua)?;
            let mut p = shared.lock();
            let idx = sample_index(lua, &args, &p, "set")?;
            let v_at = if args.len() >= 4 { 4 } else { 3 };
            let v = args.f32(v_at)?;
            // Copy-on-write: Sources made from this data keep their own snapshot.
            let pcm = Arc::make_mut(&mut p);
            pcm.samples[idx] = pcm.quantize(v);
            Ok(())
        });
    }
}

/// getSample(i) / getSample(i, channel) (1-based channel) → interleaved index.
fn sample_index(lua: &Lua, args: &Args, p: &Pcm, verb: &str) -> mlua::Result<usize> {
    let i = args.integer(2)?;
    let ch = p.channels as i64;
    // setSample(i, v) vs setSample(i, channel, v): three arguments after self mean a channel.
    let with_channel = if verb == "set" {
        args.len() >= 4
    } else {
        !args.is_none_or_nil(3)
    };
    if with_channel {
        let c = args.integer(3)?;
        if c < 1 || c > ch {
            return Err(lua_error(
                lua,
                format!("Attempt to {verb} sample from out-of-range channel!"),
            ));
        }
        if i < 0 || i >= p.frames() as i64 {
            return Err(lua_error(
                lua,
                format!("Attempt to {verb} out-of-range sample!"),
            ));
        }
        Ok((i * ch + c - 1) as usize)
    } else {
        if i < 0 || i >= p.samples.len() as i64 {
            return Err(lua_error(
                lua,
                format!("Attempt to {verb} out-of-range sample!"),
            ));
        }
        Ok(i as usize)
    }
}

impl UserData for LuaDecoder {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        m.add_method("type", |_, _, ()| Ok("Decoder"));
        m.add_method("typeOf", |_, _, n: String| {
            Ok(type_of(&n, &["Decoder", "Object"]))
        });
        m.add_method("release", |_, this, ()| {
            Ok(this.0.borrow_mut().take().is_some())
        });
        fn with<R>(
            lua: &Lua,
            this: &LuaDecoder,
            f: impl FnOnce(&mut Decoder) -> Result<R, String>,
        ) -> mlua::Result<R> {
            let mut slot = this.0.borrow_mut();
            let d = slot.as_mut().ok_or_else(|| lua_error(lua, RELEASED))?;
            f(d).map_err(|e| lua_error(lua, e))
        }
        m.add_method("getSampleRate", |lua, this, ()| {
            with(lua, this, |d| Ok(d.rate()))
        });
        m.add_method("getChannelCount", |lua, this, ()| {
            with(lua, this, |d| Ok(d.channels()))
        });
        m.add_method("getBitDepth", |lua, this, ()| {
            with(lua, this, |d| Ok(d.bits()))
        });
        m.add_method("getDuration", |lua, this, ()| {
            with(lua, this, |d| Ok(d.duration()))
        });
        m.add_method("clone", |lua, this, ()| {
            let d = with(lua, this, |d| d.try_clone())?;
            Ok(LuaDecoder(RefCell::new(Some(d))))
        });
        m.add_method("seek", |lua, this, a: MultiValue| {
            let args = margs(lua, a, "seek");
            let t = args.number(2)?;
            if t < 0.0 {
                return Err(args.error(2, "can't seek to a negative position"));
            }
            with(lua, this, |d| d.seek(t))
        });
        m.add_method("decode", |lua, this, ()| {
            let chunk = with(lua, this, |d| {
                Ok(d.decode_chunk()?.map(|s| (s, d.rate(), d.channels())))
            })?;
            match chunk {
                Some((samples, rate, channels)) => {
                    let pcm = Pcm {
                        rate,
                        bits: 16,
                        channels,
                        samples: samples.iter().map(|s| super::quantize(*s, 16)).collect(),
                    };
                    Ok(Value::UserData(
                        lua.create_userdata(LuaSoundData::new(pcm))?,
                    ))
                }
                None => Ok(Value::Nil),
            }
        });
    }
}

/// A SoundData argument, if the value is one.
pub fn as_sound_data(v: &Value) -> Option<AnyUserData> {
    match v {
        Value::UserData(ud) if ud.is::<LuaSoundData>() => Some(ud.clone()),
        _ => None,
    }
}

pub fn register(lua: &Lua, love: &Table) -> mlua::Result<()> {
    let t = lua.create_table()?;
    t.set("newSoundData", lua.create_function(new_sound_data)?)?;
    t.set("newDecoder", lua.create_function(new_decoder)?)?;
    love.set("sound", t)
}
