//! `love.graphics.newShader`, `validateShader`, `setShader`/`getShader` and the Shader
//! object (`send`, `sendColor`, `hasUniform`, `getWarnings`).

use super::graphics;
use super::objects::{LoveObject, RELEASED, add_object_methods, texture_arg};
use crate::graphics::shader::uniforms::{Base, Uniform};
use crate::graphics::shader::{self, CompileError, Program, Shader, ShaderRef, wgsl};
use crate::runtime::args::{Args, lua_error, type_name};
use mlua::{AnyUserData, Lua, MultiValue, Table, UserData, UserDataMethods, Value};
use std::cell::RefCell;
use std::rc::Rc;

pub struct ShaderUd(pub Option<ShaderRef>);

impl LoveObject for ShaderUd {
    fn types(&self) -> &'static [&'static str] {
        &["Shader", "Object"]
    }
    fn release(&mut self) -> bool {
        self.0.take().is_some()
    }
}

/// Registry table: shader pointer → its userdata (weak), so getShader returns the object.
const OBJECTS: &str = "engine.graphics.shaders";

fn key(s: &ShaderRef) -> Value {
    Value::LightUserData(mlua::LightUserData(Rc::as_ptr(s) as *mut std::ffi::c_void))
}

fn push_shader(lua: &Lua, s: ShaderRef) -> mlua::Result<AnyUserData> {
    // Made on first use: games without shaders don't pay for it.
    let objects: Table = match lua.named_registry_value::<Value>(OBJECTS)? {
        Value::Table(t) => t,
        _ => {
            let objects = lua.create_table()?;
            let meta = lua.create_table()?;
            meta.set("__mode", "v")?;
            objects.set_metatable(Some(meta))?;
            lua.set_named_registry_value(OBJECTS, &objects)?;
            objects
        }
    };
    if let Value::UserData(ud) = objects.raw_get::<Value>(key(&s))?
        && ud
            .borrow::<ShaderUd>()
            .is_ok_and(|u| u.0.as_ref().is_some_and(|x| Rc::ptr_eq(x, &s)))
    {
        return Ok(ud);
    }
    let k = key(&s);
    let ud = lua.create_userdata(ShaderUd(Some(s)))?;
    objects.raw_set(k, &ud)?;
    Ok(ud)
}

const MISSING_UNIFORM: &str =
    "does not exist.\nA common error is to define but not use the variable.";

/// A shader source argument: code, or a file name read through love.filesystem.
fn source(lua: &Lua, args: &Args, n: usize) -> mlua::Result<Option<String>> {
    let s = match args.get(n) {
        Value::Nil => return Ok(None),
        Value::String(_) | Value::Integer(_) | Value::Number(_) => args.string(n)?,
        _ => return Err(args.type_error(n, "string")),
    };
    let fs: Option<Table> = lua
        .globals()
        .get::<Table>("love")
        .and_then(|l| l.get::<Table>("filesystem"))
        .ok();
    if let Some(fs) = fs {
        let info: Value = fs.get::<mlua::Function>("getInfo")?.call(s.as_str())?;
        if !info.is_nil() {
            let read: Value = fs.get::<mlua::Function>("read")?.call(s.as_str())?;
            return match read {
                Value::String(code) => Ok(Some(code.to_string_lossy())),
                _ => Err(lua_error(lua, "Could not read from file.")),
            };
        }
    }
    // LOVE: something that looks like a file path gets a file error, not a GLSL one.
    if !s.is_empty()
        && s.len() < 64
        && !s.contains('\n')
        && let Some(dot) = s.find('.')
        && !s[dot..].contains([';', ' '])
    {
        return Err(lua_error(
            lua,
            format!("Could not open file {s}. Does not exist."),
        ));
    }
    Ok(Some(s))
}

/// The stages of `newShader(a, b)` / `validateShader(gles, a, b)` (`first` is a's
/// argument), found as LÖVE finds them, compiled.
fn build(lua: &Lua, args: &Args, first: usize) -> mlua::Result<Result<Program, CompileError>> {
    if args.is_none_or_nil(first) {
        return Err(args.type_error(first, "string"));
    }
    let a = source(lua, args, first)?;
    let b = source(lua, args, first + 1)?;
    if let Some(code) = [&a, &b].into_iter().flatten().find(|c| wgsl::is_wgsl(c)) {
        return Ok(wgsl::compile(code));
    }
    let (mut vertex, mut pixel) = (None, None);
    for code in [&a, &b].into_iter().flatten() {
        if shader::is_vertex_code(code) {
            vertex = Some(code.as_str());
        }
        if shader::is_pixel_code(code).0 {
            pixel = Some(code.as_str());
        }
    }
    if vertex.is_none() && pixel.is_none() {
        return Err(args.error(first, "missing 'position' or 'effect' function?"));
    }
    if a.is_some() && b.is_some() {
        if vertex.is_none() {
            return Err(lua_error(
                lua,
                "Could not parse vertex shader code (missing 'position' function?)",
            ));
        }
        if pixel.is_none() {
            return Err(lua_error(
                lua,
                "Could not parse pixel shader code (missing 'effect' function?)",
            ));
        }
    }
    let lang = |x: Option<&str>, y: Option<&str>| x.or(y).and_then(shader::language);
    let target = lang(pixel, vertex);
    if lang(vertex, pixel) != target {
        return Err(lua_error(
            lua,
            "vertex and pixel shader languages must match",
        ));
    }
    if let Some(t) = target
        .as_deref()
        .filter(|t| !matches!(*t, "glsl1" | "glsl3"))
    {
        return Err(lua_error(lua, format!("Invalid shader language: {t}")));
    }
    Ok(shader::compile(pixel, vertex))
}

fn shader_of(lua: &Lua, args: &Args) -> mlua::Result<ShaderRef> {
    match args.get(1) {
        Value::UserData(ud) => match ud.borrow::<ShaderUd>() {
            Ok(s) => s.0.clone().ok_or_else(|| lua_error(lua, RELEASED)),
            Err(_) => Err(args.type_error(1, "Shader")),
        },
        _ => Err(args.type_error(1, "Shader")),
    }
}

/// A Lua number (or numeric string) for a value read out of a table.
fn table_number(args: &Args, v: &Value, index: usize) -> mlua::Result<f32> {
    match v {
        Value::Integer(i) => Ok(*i as f32),
        Value::Number(x) => Ok(*x as f32),
        Value::String(s) => s
            .to_str()
            .ok()
            .and_then(|s| crate::runtime::args::parse_lua_number(&s))
            .map(|x| x as f32)
            .ok_or_else(|| args.error(index, "number expected, got string")),
        other => Err(args.error(index, format!("number expected, got {}", type_name(other)))),
    }
}

fn table_component(args: &Args, u: &Uniform, v: &Value, index: usize) -> mlua::Result<f32> {
    if u.base == Base::Bool {
        return match v {
            Value::Boolean(b) => Ok(*b as i32 as f32),
            other => Err(args.error(index, format!("boolean expected, got {}", type_name(other)))),
        };
    }
    let x = table_number(args, v, index)?;
    Ok(if u.base == Base::Float { x } else { x.trunc() })
}

/// Values of `send(name, v1, v2, ...)` from argument `start`, column-major per element.
/// LOVE: a bad value inside a table is reported at the stack slot LÖVE read it into
/// (past the arguments), hence the odd argument numbers.
fn values(lua: &Lua, args: &Args, u: &Uniform, mut start: usize) -> mlua::Result<Vec<f32>> {
    let mut column_major = false;
    if u.is_matrix() && matches!(args.get(start), Value::String(_)) {
        column_major =
            args.enumeration(start, "matrix layout", &[("row", false), ("column", true)])?;
        start += 1;
    }
    let nargs = args.len();
    let count = (nargs + 1)
        .saturating_sub(start)
        .max(1)
        .min(u.count as usize);
    let mut out = Vec::with_capacity(count * u.components() as usize);
    for i in 0..count {
        let n = start + i;
        if u.components() == 1 {
            out.push(match u.base {
                Base::Bool => args.boolean(n)? as i32 as f32,
                Base::Float => args.number(n)? as f32,
                _ => args.integer(n)? as f32,
            });
            continue;
        }
        let t = args.table(n)?;
        if !u.is_matrix() {
            for k in 1..=u.rows as usize {
                out.push(table_component(args, u, &t.raw_get(k)?, nargs + 1 + k)?);
            }
            continue;
        }
        let (rows, cols) = (u.rows as usize, u.cols as usize);
        let mut m = vec![0.0; rows * cols];
        if matches!(t.raw_get::<Value>(1)?, Value::Table(_)) {
            // LOVE: a table of rows (or of columns with "column").
            let (outer, inner) = if column_major {
                (cols, rows)
            } else {
                (rows, cols)
            };
            for o in 0..outer {
                let line: Value = t.raw_get(o + 1)?;
                for k in 0..inner {
                    let v = match &line {
                        Value::Table(l) => l.raw_get(k + 1)?,
                        _ => Value::Nil,
                    };
                    let x = table_number(args, &v, nargs + 3 + k)?;
                    let (r, c) = if column_major { (k, o) } else { (o, k) };
                    m[c * rows + r] = x;
                }
            }
        } else {
            for c in 0..cols {
                for r in 0..rows {
                    let idx = if column_major {
                        c * rows + r
                    } else {
                        r * cols + c
                    };
                    let x = table_number(args, &t.raw_get(idx + 1)?, nargs + 2 + c * rows + r)?;
                    m[c * rows + r] = x;
                }
            }
        }
        out.extend(m);
    }
    let _ = lua;
    Ok(out)
}

/// `send(name, [layout,] data, offset, size)`.
fn data_values(lua: &Lua, args: &Args, u: &Uniform, mut start: usize) -> mlua::Result<Vec<f32>> {
    let mut column_major = false;
    if u.is_matrix() && matches!(args.get(start), Value::String(_)) {
        column_major =
            args.enumeration(start, "matrix layout", &[("row", false), ("column", true)])?;
        start += 1;
    }
    let bytes = crate::data::lua::data_bytes(args.get(start))
        .ok_or_else(|| args.type_error(start, "Data"))?;
    let size = bytes.len() as i64;
    let offset = args.opt_integer(start + 1, 0)?;
    if offset < 0 {
        return Err(lua_error(lua, "Offset cannot be negative."));
    }
    if offset >= size {
        return Err(lua_error(
            lua,
            "Offset must be less than the size of the Data.",
        ));
    }
    let elem = u.components() as i64 * 4;
    let mut datasize = (size - offset).min(elem * u.count as i64);
    if !args.is_none_or_nil(start + 2) {
        let n = args.integer(start + 2)?;
        if n <= 0 {
            return Err(lua_error(lua, "Size must be greater than 0."));
        }
        if n > size - offset {
            return Err(lua_error(
                lua,
                "Size and offset must fit within the Data's bounds.",
            ));
        }
        if n % elem != 0 {
            return Err(lua_error(
                lua,
                format!("Size ({n}) must be a multiple of the uniform's size in bytes ({elem})."),
            ));
        }
        datasize = n.min(elem * u.count as i64);
    }
    let elements = datasize / elem;
    if elements == 0 {
        return Err(lua_error(lua, "Size to copy must be greater than 0."));
    }
    let raw = &bytes[offset as usize..(offset + elements * elem) as usize];
    let word = |i: usize| [raw[i * 4], raw[i * 4 + 1], raw[i * 4 + 2], raw[i * 4 + 3]];
    let per = u.components() as usize;
    let (rows, cols) = (u.rows as usize, u.cols as usize);
    let mut out = Vec::with_capacity(raw.len() / 4);
    for e in 0..elements as usize {
        for i in 0..per {
            // Stored column-major; row-major data (the default for matrices) is transposed.
            let src = if u.is_matrix() && !column_major {
                let (c, r) = (i / rows, i % rows);
                r * cols + c
            } else {
                i
            };
            let w = word(e * per + src);
            out.push(match u.base {
                Base::Float => f32::from_le_bytes(w),
                Base::Int => i32::from_le_bytes(w) as f32,
                Base::Uint => u32::from_le_bytes(w) as f32,
                Base::Bool => (i32::from_le_bytes(w) != 0) as i32 as f32,
            });
        }
    }
    Ok(out)
}

fn is_data(v: &Value) -> bool {
    matches!(v, Value::UserData(_)) && crate::data::lua::data_bytes(v).is_some()
}

/// A uniform the shader uses, or LÖVE's error.
fn used_uniform<'p>(lua: &Lua, p: &'p Program, name: &str) -> mlua::Result<&'p Uniform> {
    p.uniform(name)
        .filter(|u| u.used)
        .ok_or_else(|| lua_error(lua, format!("Shader uniform '{name}' {MISSING_UNIFORM}")))
}

fn send(lua: &Lua, a: MultiValue, color: bool) -> mlua::Result<()> {
    let args = Args::new(lua, a, if color { "sendColor" } else { "send" });
    let s = shader_of(lua, &args)?;
    let name = args.string(2)?;
    let program = s.borrow().program.clone();
    if name == "MainTex" && !color {
        // LOVE: every draw binds its own texture as MainTex.
        texture_arg(&args, lua, 3)?;
        return Ok(());
    }
    if let Some(k) = program.texture(&name).filter(|&k| program.textures[k].used) {
        if color {
            return Err(lua_error(
                lua,
                "sendColor can only be used on vec3 or vec4 uniforms.",
            ));
        }
        if is_data(args.get(3)) {
            return Err(lua_error(
                lua,
                "Uniform sampler values (textures) cannot be sent to Shaders via Data objects.",
            ));
        }
        let t = texture_arg(&args, lua, 3)?;
        if t.kind != program.textures[k].kind {
            return Err(args.error(3, "invalid texture type for uniform"));
        }
        super::canvas_formats::check_sampled(lua, &t)?;
        s.borrow_mut().textures[k] = Some(t);
    } else {
        let u = used_uniform(lua, &program, &name)?;
        if color && !(u.base == Base::Float && u.cols == 1 && matches!(u.rows, 3 | 4)) {
            return Err(lua_error(
                lua,
                "sendColor can only be used on vec3 or vec4 uniforms.",
            ));
        }
        let data_at = if u.is_matrix() && matches!(args.get(3), Value::String(_)) {
            4
        } else {
            3
        };
        let vals = if is_data(args.get(data_at)) {
            data_values(lua, &args, u, 3)?
        } else {
            values(lua, &args, u, 3)?
        };
        s.borrow_mut().set(u, 0, &vals);
    }
    // LOVE: a send to the active shader applies to later draws only.
    let mut g = graphics(lua)?;
    if g.state.shader.as_ref().is_some_and(|c| Rc::ptr_eq(c, &s)) {
        g.sync_shader();
    }
    Ok(())
}

impl UserData for ShaderUd {
    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        add_object_methods(m);
        m.add_function("send", |lua, a: MultiValue| send(lua, a, false));
        m.add_function("sendColor", |lua, a: MultiValue| send(lua, a, true));
        m.add_function("hasUniform", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "hasUniform");
            let s = shader_of(lua, &args)?;
            let name = args.string(2)?;
            let p = s.borrow().program.clone();
            Ok(name == "MainTex"
                || p.uniform(&name).is_some_and(|u| u.used)
                || p.texture(&name).is_some_and(|k| p.textures[k].used))
        });
        m.add_function("getWarnings", |lua, a: MultiValue| {
            let args = Args::new(lua, a, "getWarnings");
            let s = shader_of(lua, &args)?;
            let w = s.borrow().program.warnings.clone();
            Ok(format!("vertex shader:\npixel shader:\n{w}"))
        });
    }
}

pub fn register(lua: &Lua, g: &Table) -> mlua::Result<()> {
    g.set(
        "newShader",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "newShader");
            match build(lua, &args, 1)? {
                Ok(p) => push_shader(lua, Rc::new(RefCell::new(Shader::new(p)))),
                // LOVE: compile errors carry no file:line prefix.
                Err(e) => Err(mlua::Error::RuntimeError(e.message())),
            }
        })?,
    )?;
    g.set(
        "validateShader",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "validateShader");
            args.boolean(1)?;
            Ok(match build(lua, &args, 2)? {
                Ok(_) => (true, None),
                Err(e) => (false, Some(e.validate_message())),
            })
        })?,
    )?;
    g.set(
        "setShader",
        lua.create_function(|lua, a: MultiValue| {
            let args = Args::new(lua, a, "setShader");
            let s = match args.get(1) {
                Value::Nil => None,
                _ => Some(shader_of(lua, &args)?),
            };
            graphics(lua)?.set_shader(s);
            Ok(())
        })?,
    )?;
    g.set(
        "getShader",
        lua.create_function(|lua, ()| {
            let s = graphics(lua)?.state.shader.clone();
            match s {
                Some(s) => Ok(Value::UserData(push_shader(lua, s)?)),
                None => Ok(Value::Nil),
            }
        })?,
    )?;
    Ok(())
}
