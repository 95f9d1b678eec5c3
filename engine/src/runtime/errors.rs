//! Turning mlua's error values into the plain strings LÖVE games see.
//!
//! A binding that fails returns `mlua::Error`; mlua raises it in Lua as a wrapped userdata
//! whose text starts with `runtime error:`. Games compare and print error strings, so the
//! runtime replaces `pcall`, `xpcall`, `coroutine.resume`/`wrap` and the error handler's
//! input with the message alone (see `boot.lua`). Panics inside bindings become Lua errors.

use mlua::{Error, Lua, MultiValue, Value};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The message a game should see for `err`: no `runtime error:` prefix, no mlua wrapping.
pub fn error_message(err: &Error) -> String {
    match err {
        Error::RuntimeError(m) => m.clone(),
        Error::CallbackError { cause, .. } => error_message(cause),
        Error::WithContext { cause, .. } => error_message(cause),
        Error::SyntaxError { message, .. } => message.clone(),
        Error::MemoryError(_) => "not enough memory".to_string(),
        Error::ExternalError(e) => e.to_string(),
        Error::BadArgument { to, pos, cause, .. } => {
            // A method called on the wrong value: mlua names the Rust type and the method
            // ("TextureUd.getWidth"); LÖVE says `bad argument #1 to 'getWidth' (Texture
            // expected, got number)`.
            if let Some((ty, method)) = to.as_deref().and_then(|t| t.split_once('.')) {
                let got = match unwrap_cause(cause) {
                    Error::FromLuaConversionError { from, .. } if *from == "missing argument" => {
                        "no value"
                    }
                    Error::FromLuaConversionError { from, .. } => from,
                    _ => "userdata",
                };
                return format!(
                    "bad argument #{pos} to '{method}' ({} expected, got {got})",
                    love_type_name(ty)
                );
            }
            format!(
                "bad argument #{pos} to '{}' ({})",
                to.as_deref().unwrap_or("?"),
                error_message(cause)
            )
        }
        Error::FromLuaConversionError { from, to, message } => {
            let m = message.as_deref().unwrap_or("");
            format!(
                "{to} expected, got {from}{}{m}",
                if m.is_empty() { "" } else { ": " }
            )
        }
        other => other.to_string(),
    }
}

fn unwrap_cause(err: &Error) -> &Error {
    match err {
        Error::CallbackError { cause, .. } | Error::WithContext { cause, .. } => {
            unwrap_cause(cause)
        }
        other => other,
    }
}

/// The LÖVE type a binding's Rust userdata type stands for.
fn love_type_name(rust: &str) -> &str {
    match rust {
        "TextureUd" => "Texture",
        "RandomObject" => "RandomGenerator",
        "BezierObject" => "BezierCurve",
        "DataObject" => "Data",
        "CursorObj" => "Cursor",
        "FileObject" => "File",
        "FontUd" => "Font",
        "TextUd" => "Text",
        "LBody" => "Body",
        "LContact" => "Contact",
        "LFixture" => "Fixture",
        "LJoint" => "Joint",
        "LShape" => "Shape",
        "LWorld" => "World",
        other => {
            let t = other.strip_prefix("Lua").unwrap_or(other);
            ["Object", "Obj", "Ud"]
                .iter()
                .find_map(|suffix| t.strip_suffix(suffix))
                .unwrap_or(t)
        }
    }
}

/// An error value as a game should see it: mlua's wrapped errors become their message.
pub fn fix_error_value(lua: &Lua, v: Value) -> mlua::Result<Value> {
    match v {
        Value::Error(e) => Ok(Value::String(lua.create_string(error_message(&e))?)),
        other => Ok(other),
    }
}

/// Runs a binding body, turning a Rust panic into a Lua error instead of a crash.
pub fn guard<R>(f: impl FnOnce() -> mlua::Result<R>) -> mlua::Result<R> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(p) => {
            let what = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(Error::RuntimeError(format!(
                "internal engine error: {what}"
            )))
        }
    }
}

/// Registers the Lua function `fixerror(value)` used by boot.lua.
pub fn register(lua: &Lua, boot: &mlua::Table) -> mlua::Result<()> {
    let f = lua.create_function(|lua, v: MultiValue| {
        let first = v.into_iter().next().unwrap_or(Value::Nil);
        fix_error_value(lua, first)
    })?;
    boot.set("fixerror", f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_love_type_names() {
        assert_eq!(love_type_name("TextureUd"), "Texture");
        assert_eq!(love_type_name("LuaSource"), "Source");
        assert_eq!(love_type_name("ParticleSystemUd"), "ParticleSystem");
        assert_eq!(love_type_name("ChannelObject"), "Channel");
        assert_eq!(love_type_name("JoystickObj"), "Joystick");
        assert_eq!(love_type_name("LuaSoundData"), "SoundData");
        assert_eq!(love_type_name("RandomObject"), "RandomGenerator");
    }
}
