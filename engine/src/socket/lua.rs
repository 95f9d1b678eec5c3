//! Registers LuaSocket's modules in `package.preload` (main state and love.thread states):
//! `socket.core` and `mime.core` are built here in Rust, the rest are our Lua files.
//! `require("enet")` raises an error that says lua-enet is not included.

use super::lua_objects::{TcpUd, UdpUd};
use super::tcp::Tcp;
use super::udp::{DATAGRAM_SIZE, Udp};
use super::{Family, Ready, SockErr, poll_many, resolve};
use crate::runtime::args::Args;
use crate::runtime::watchdog;
use mlua::{IntoLuaMulti, Lua, MultiValue, Table, Value};
use std::net::IpAddr;

type R = mlua::Result<MultiValue>;

const SOCKET_LUA: &str = include_str!("lua/socket.lua");
const URL_LUA: &str = include_str!("lua/url.lua");
const LTN12_LUA: &str = include_str!("lua/ltn12.lua");
const MIME_LUA: &str = include_str!("lua/mime.lua");
const HTTP_LUA: &str = include_str!("lua/http.lua");
const HEADERS_LUA: &str = include_str!("lua/headers.lua");
const CORE_LUA: &str = include_str!("lua/core.lua");

fn fail(lua: &Lua, e: impl std::fmt::Display) -> R {
    (Value::Nil, e.to_string()).into_lua_multi(lua)
}

/// `package.preload` entries for every LuaSocket module.
pub fn register(lua: &Lua, _love: &Table) -> mlua::Result<()> {
    let preload: Table = lua.globals().get::<Table>("package")?.get("preload")?;
    preload.set("socket.core", lua.create_function(|lua, ()| core(lua))?)?;
    preload.set("mime.core", lua.create_function(|lua, ()| mime_core(lua))?)?;
    // LOVE: chunk names as LÖVE gives them in tracebacks: `[socket "ltn12.lua"]`.
    for (name, file, src) in [
        ("socket", "socket.lua", SOCKET_LUA),
        ("socket.url", "url.lua", URL_LUA),
        ("ltn12", "ltn12.lua", LTN12_LUA),
        ("mime", "mime.lua", MIME_LUA),
        ("socket.http", "http.lua", HTTP_LUA),
        ("socket.headers", "headers.lua", HEADERS_LUA),
    ] {
        let chunk = format!("=[socket \"{file}\"]");
        preload.set(
            name,
            lua.create_function(move |lua, args: MultiValue| {
                lua.load(src).set_name(chunk.as_str()).call::<Value>(args)
            })?,
        )?;
    }
    for name in ["enet", "socket.ftp", "socket.smtp", "socket.tp"] {
        preload.set(
            name,
            lua.create_function(move |_, ()| -> mlua::Result<()> {
                Err(mlua::Error::RuntimeError(if name == "enet" {
                    "module 'enet' (lua-enet) is not included in this engine; use LuaSocket \
                     (require('socket')) for networking"
                        .to_string()
                } else {
                    format!("module '{name}' is not implemented yet")
                }))
            })?,
        )?;
    }
    Ok(())
}

fn new_tcp(lua: &Lua, family: Family) -> R {
    match Tcp::new(family) {
        Ok(t) => lua.create_userdata(TcpUd(t))?.into_lua_multi(lua),
        Err(e) => fail(lua, e),
    }
}

fn new_udp(lua: &Lua, family: Family) -> R {
    match Udp::new(family) {
        Ok(u) => lua.create_userdata(UdpUd(u))?.into_lua_multi(lua),
        Err(e) => fail(lua, e),
    }
}

fn family_arg(args: &Args, n: usize) -> mlua::Result<Family> {
    Ok(match args.opt_string(n)?.as_deref() {
        None => Family::Unspec,
        Some("inet") | Some("inet4") => Family::Inet,
        Some("inet6") => Family::Inet6,
        Some(other) => return Err(args.error(n, format!("invalid family '{other}'"))),
    })
}

fn port_of(args: &Args, n: usize) -> mlua::Result<Result<u16, SockErr>> {
    Ok(match args.get(n) {
        Value::Nil if n == 2 => return Err(args.type_error(n, "string")),
        Value::Nil => Ok(0),
        Value::Integer(_) | Value::Number(_) => Ok(args.number(n)? as u16),
        _ => super::parse_port(&args.string(n)?),
    })
}

/// `socket.connect(address, port [, locaddr] [, locport] [, family])`.
fn connect(lua: &Lua, a: MultiValue) -> R {
    let args = Args::new(lua, a, "connect");
    let host = args.string(1)?;
    let port = match port_of(&args, 2)? {
        Ok(p) => p,
        Err(e) => return fail(lua, e),
    };
    let family = family_arg(&args, 5)?;
    let mut t = match Tcp::new(family) {
        Ok(t) => t,
        Err(e) => return fail(lua, e),
    };
    if let Some(local) = args.opt_string(3)? {
        let lport = match port_of(&args, 4)? {
            Ok(p) => p,
            Err(e) => return fail(lua, e),
        };
        if let Err(e) = t.bind(&local, lport) {
            return fail(lua, e);
        }
    }
    let r = t.connect(&host, port);
    watchdog::blocked(lua);
    match r {
        Ok(()) => lua.create_userdata(TcpUd(t))?.into_lua_multi(lua),
        Err(e) => fail(lua, e),
    }
}

/// The descriptor (and dirtiness) of something `select` was given: our sockets directly,
/// anything else through its `getfd`/`dirty` methods, as LuaSocket does.
fn fd_of(probe: &mlua::Function, v: &Value) -> mlua::Result<Option<(super::RawFd, bool)>> {
    if let Value::UserData(ud) = v {
        if let Ok(t) = ud.borrow::<TcpUd>() {
            return Ok(t.0.socket().map(|s| (super::raw_fd(s), t.0.dirty())));
        }
        if let Ok(u) = ud.borrow::<UdpUd>() {
            return Ok(u.0.socket().map(|s| (super::raw_fd(s), false)));
        }
    }
    let (fd, dirty): (Option<f64>, bool) = probe.call(v.clone())?;
    Ok(fd.filter(|&f| f >= 0.0).map(|f| (f as super::RawFd, dirty)))
}

/// Gathers the array part of a select argument: `(value, fd, dirty)` each.
fn entries(probe: &mlua::Function, t: &Value) -> mlua::Result<Vec<(Value, super::RawFd, bool)>> {
    let Value::Table(t) = t else {
        return Ok(Vec::new());
    };
    // (A non-table argument was rejected by `select` already.)
    let mut out = Vec::new();
    for v in t.sequence_values::<Value>() {
        let v = v?;
        if let Some((fd, dirty)) = fd_of(probe, &v)? {
            out.push((v, fd, dirty));
        }
    }
    Ok(out)
}

/// `socket.select(recvt, sendt [, timeout])`: the ready ones, each table indexed both by
/// position and by socket (`t[sock] = position`), and "timeout" when none is.
fn select(lua: &Lua, a: MultiValue) -> R {
    let args = Args::new(lua, a, "select");
    for n in [1, 2] {
        if !matches!(args.get(n), Value::Nil | Value::Table(_)) {
            return Err(args.type_error(n, "table"));
        }
    }
    let (recvt, sendt) = (args.get(1).clone(), args.get(2).clone());
    let timeout = if args.is_none_or_nil(3) {
        None
    } else {
        Some(args.number(3)?)
    };
    let probe: mlua::Function = lua
        .named_registry_value::<mlua::Function>("engine.socket.probe")
        .or_else(|_| -> mlua::Result<mlua::Function> {
            let f: mlua::Function = lua
                .load("local v = ... local f = v.getfd if not f then return nil, false end return f(v), v.dirty ~= nil and v:dirty() or false")
                .set_name("=[socket select]")
                .into_function()?;
            lua.set_named_registry_value("engine.socket.probe", f.clone())?;
            Ok(f)
        })?;
    let recv = entries(&probe, &recvt)?;
    let send = entries(&probe, &sendt)?;
    let any_dirty = recv.iter().any(|e| e.2);
    let mut fds: Vec<(super::RawFd, Ready)> = recv
        .iter()
        .map(|e| (e.1, Ready::Read))
        .chain(send.iter().map(|e| (e.1, Ready::Write)))
        .collect();
    let wait = match timeout {
        _ if any_dirty => Some(std::time::Duration::ZERO),
        // Too large to represent: wait forever.
        Some(t) if t >= 0.0 => std::time::Duration::try_from_secs_f64(t).ok(),
        _ => None,
    };
    let ready = if fds.is_empty() {
        if let Some(w) = wait {
            std::thread::sleep(w);
        }
        Vec::new()
    } else {
        poll_many(&mut fds, wait).map_err(|e| mlua::Error::RuntimeError(e.to_string()))?
    };
    watchdog::blocked(lua);
    let rt = lua.create_table()?;
    let wt = lua.create_table()?;
    let add = |t: &Table, v: &Value| -> mlua::Result<()> {
        let i = t.raw_len() + 1;
        if t.raw_get::<Value>(v.clone())?.is_nil() {
            t.raw_set(i, v.clone())?;
            t.raw_set(v.clone(), i)?;
        }
        Ok(())
    };
    for e in recv.iter().filter(|e| e.2) {
        add(&rt, &e.0)?;
    }
    for i in ready {
        if i < recv.len() {
            add(&rt, &recv[i].0)?;
        } else {
            add(&wt, &send[i - recv.len()].0)?;
        }
    }
    let err = if rt.raw_len() == 0 && wt.raw_len() == 0 {
        Value::String(lua.create_string("timeout")?)
    } else {
        Value::Nil
    };
    (rt, wt, err).into_lua_multi(lua)
}

/// `{name = ..., alias = {}, ip = {...}}`, as the dns functions describe a host.
fn resolved(lua: &Lua, name: &str, ips: &[IpAddr]) -> mlua::Result<Table> {
    let t = lua.create_table()?;
    t.set("name", name)?;
    t.set("alias", lua.create_table()?)?;
    let list = lua.create_table()?;
    for (i, ip) in ips.iter().enumerate() {
        list.set(i + 1, ip.to_string())?;
    }
    t.set("ip", list)?;
    Ok(t)
}

/// The addresses of a name. LOVE: toip/tohostname call a failure "host not found",
/// getaddrinfo/getnameinfo give getaddrinfo's own message.
fn lookup(host: &str) -> Result<Vec<IpAddr>, SockErr> {
    let mut ips: Vec<IpAddr> = Vec::new();
    let found = resolve(host, 0, Family::Unspec)?;
    for a in found {
        if !ips.contains(&a.ip()) {
            ips.push(a.ip());
        }
    }
    Ok(ips)
}

fn dns(lua: &Lua) -> mlua::Result<Table> {
    let d = lua.create_table()?;
    d.set(
        "toip",
        lua.create_function(|lua, a: MultiValue| -> R {
            let host = Args::new(lua, a, "toip").string(1)?;
            let ips: Vec<IpAddr> = match lookup(&host) {
                Ok(ips) => ips.into_iter().filter(|ip| ip.is_ipv4()).collect(),
                Err(_) => return fail(lua, "host not found"),
            };
            match ips.first() {
                Some(ip) => (ip.to_string(), resolved(lua, &host, &ips)?).into_lua_multi(lua),
                None => fail(lua, "host not found"),
            }
        })?,
    )?;
    d.set(
        "tohostname",
        lua.create_function(|lua, a: MultiValue| -> R {
            let host = Args::new(lua, a, "tohostname").string(1)?;
            let ips = match lookup(&host) {
                Ok(ips) => ips,
                Err(_) => return fail(lua, "host not found"),
            };
            let name = ips.first().map(|ip| super::reverse_lookup(*ip));
            match name {
                Some(Ok(n)) => (n.clone(), resolved(lua, &n, &ips)?).into_lua_multi(lua),
                Some(Err(e)) => fail(lua, e),
                None => fail(lua, "host not found"),
            }
        })?,
    )?;
    d.set(
        "gethostname",
        lua.create_function(|lua, ()| -> R {
            match super::hostname() {
                Ok(h) => h.into_lua_multi(lua),
                Err(e) => fail(lua, e),
            }
        })?,
    )?;
    d.set(
        "getaddrinfo",
        lua.create_function(|lua, a: MultiValue| -> R {
            let host = Args::new(lua, a, "getaddrinfo").string(1)?;
            let ips = match lookup(&host) {
                Ok(ips) => ips,
                Err(e) => return fail(lua, e),
            };
            let list = lua.create_table()?;
            for (i, ip) in ips.iter().enumerate() {
                let e = lua.create_table()?;
                e.set("family", if ip.is_ipv4() { "inet" } else { "inet6" })?;
                e.set("addr", ip.to_string())?;
                list.set(i + 1, e)?;
            }
            list.into_lua_multi(lua)
        })?,
    )?;
    d.set(
        "getnameinfo",
        lua.create_function(|lua, a: MultiValue| -> R {
            let args = Args::new(lua, a, "getnameinfo");
            let host = args.opt_string(1)?;
            let serv = args.opt_string(2)?;
            let names = match &host {
                Some(h) => {
                    let ips = match lookup(h) {
                        Ok(ips) => ips,
                        Err(e) => return fail(lua, e),
                    };
                    let t = lua.create_table()?;
                    for (i, ip) in ips.iter().enumerate() {
                        let n = super::reverse_lookup(*ip).unwrap_or_else(|_| ip.to_string());
                        t.set(i + 1, n)?;
                    }
                    Value::Table(t)
                }
                None => Value::Nil,
            };
            let service = serv.map(|s| match s.as_str() {
                "21" => "ftp".to_string(),
                "22" => "ssh".to_string(),
                "25" => "smtp".to_string(),
                "80" => "http".to_string(),
                "443" => "https".to_string(),
                _ => s,
            });
            (names, service).into_lua_multi(lua)
        })?,
    )?;
    Ok(d)
}

/// The `socket.core` table.
fn core(lua: &Lua) -> mlua::Result<Table> {
    let c = lua.create_table()?;
    c.set("_VERSION", "LuaSocket 3.0-rc1")?;
    c.set("_SETSIZE", 1024)?;
    c.set("_SOCKETINVALID", -1)?;
    c.set("_DATAGRAMSIZE", DATAGRAM_SIZE)?;
    c.set(
        "gettime",
        lua.create_function(|_, ()| {
            Ok(std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0.0, |d| d.as_secs_f64()))
        })?,
    )?;
    c.set(
        "sleep",
        lua.create_function(|lua, a: MultiValue| {
            let secs = Args::new(lua, a, "sleep").number(1)?;
            if secs > 0.0 {
                std::thread::sleep(std::time::Duration::from_secs_f64(secs.min(1e9)));
                watchdog::blocked(lua);
            }
            Ok(())
        })?,
    )?;
    c.set(
        "tcp",
        lua.create_function(|lua, ()| new_tcp(lua, Family::Unspec))?,
    )?;
    c.set(
        "tcp4",
        lua.create_function(|lua, ()| new_tcp(lua, Family::Inet))?,
    )?;
    c.set(
        "tcp6",
        lua.create_function(|lua, ()| new_tcp(lua, Family::Inet6))?,
    )?;
    c.set(
        "udp",
        lua.create_function(|lua, ()| new_udp(lua, Family::Unspec))?,
    )?;
    c.set(
        "udp4",
        lua.create_function(|lua, ()| new_udp(lua, Family::Inet))?,
    )?;
    c.set(
        "udp6",
        lua.create_function(|lua, ()| new_udp(lua, Family::Inet6))?,
    )?;
    c.set("connect", lua.create_function(connect)?)?;
    c.set("select", lua.create_function(select)?)?;
    c.set("dns", dns(lua)?)?;
    c.set("__unload", lua.create_function(|_, ()| Ok(()))?)?;
    // skip, newtry, protect: plain Lua (see core.lua).
    lua.load(CORE_LUA)
        .set_name("=[socket \"core.lua\"]")
        .call::<()>(c.clone())?;
    Ok(c)
}

/// Converts a chunk argument: `None` for nil or absent.
fn opt_bytes(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::String(s) => Some(s.as_bytes().to_vec()),
        Value::Integer(i) => Some(i.to_string().into_bytes()),
        Value::Number(n) => Some(crate::runtime::args::format_lua_number(*n).into_bytes()),
        _ => None,
    }
}

/// A filter's output: nil where LuaSocket gives nil for an empty final result.
fn out_str(lua: &Lua, v: Option<Vec<u8>>) -> mlua::Result<Value> {
    Ok(match v {
        Some(b) => Value::String(lua.create_string(&b)?),
        None => Value::Nil,
    })
}

/// The `mime.core` table.
fn mime_core(lua: &Lua) -> mlua::Result<Table> {
    use super::mime as m;
    let t = lua.create_table()?;
    t.set("_VERSION", "MIME 1.0.3")?;
    // Two-chunk filters: (C, D) → (converted, left over); with no D the end is reached.
    type Two = fn(&[u8], Option<&[u8]>) -> (Vec<u8>, Option<Vec<u8>>);
    for (name, f) in [
        ("b64", m::b64 as Two),
        ("unb64", m::unb64),
        ("unqp", m::unqp),
    ] {
        t.set(
            name,
            lua.create_function(move |lua, (c, d): (Value, Value)| -> R {
                let Some(c) = opt_bytes(&c) else {
                    return (Value::Nil, Value::Nil).into_lua_multi(lua);
                };
                let d = opt_bytes(&d);
                let (a, rest) = f(&c, d.as_deref());
                let a = if a.is_empty() && d.is_none() {
                    None
                } else {
                    Some(a)
                };
                (out_str(lua, a)?, out_str(lua, rest)?).into_lua_multi(lua)
            })?,
        )?;
    }
    t.set(
        "qp",
        lua.create_function(
            |lua, (c, d, marker): (Value, Value, Option<mlua::LuaString>)| -> R {
                let Some(c) = opt_bytes(&c) else {
                    return (Value::Nil, Value::Nil).into_lua_multi(lua);
                };
                let marker = marker.map_or(b"\r\n".to_vec(), |s| s.as_bytes().to_vec());
                let d = opt_bytes(&d);
                let (a, rest) = m::qp(&c, d.as_deref(), &marker);
                let a = if a.is_empty() && d.is_none() {
                    None
                } else {
                    Some(a)
                };
                (out_str(lua, a)?, out_str(lua, rest)?).into_lua_multi(lua)
            },
        )?,
    )?;
    type Wrap = fn(i64, Option<&[u8]>, i64) -> (Option<Vec<u8>>, i64);
    for (name, f) in [("wrp", m::wrp as Wrap), ("qpwrp", m::qpwrp)] {
        t.set(
            name,
            lua.create_function(move |lua, a: MultiValue| -> R {
                let args = Args::new(lua, a, if name == "wrp" { "wrp" } else { "qpwrp" });
                let left = args.number(1)? as i64;
                let d = opt_bytes(args.get(2));
                let length = args.opt_number(3, 76.0)? as i64;
                let (out, left) = f(left, d.as_deref(), length);
                (out_str(lua, out)?, left).into_lua_multi(lua)
            })?,
        )?;
    }
    t.set(
        "eol",
        lua.create_function(|lua, a: MultiValue| -> R {
            let args = Args::new(lua, a, "eol");
            let ctx = args.number(1)? as u8;
            let Some(d) = opt_bytes(args.get(2)) else {
                return (Value::Nil, 0).into_lua_multi(lua);
            };
            let marker = opt_bytes(args.get(3)).unwrap_or_else(|| b"\r\n".to_vec());
            let (out, ctx) = m::eol(ctx, &d, &marker);
            (lua.create_string(&out)?, ctx).into_lua_multi(lua)
        })?,
    )?;
    t.set(
        "dot",
        lua.create_function(|lua, a: MultiValue| -> R {
            let args = Args::new(lua, a, "dot");
            let state = args.number(1)? as u8;
            let Some(d) = opt_bytes(args.get(2)) else {
                return (Value::Nil, 2).into_lua_multi(lua);
            };
            let (out, state) = m::dot(state, &d);
            (lua.create_string(&out)?, state).into_lua_multi(lua)
        })?,
    )?;
    Ok(t)
}
