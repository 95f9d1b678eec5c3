//! TCP and UDP objects as Lua userdata, with LuaSocket's methods, classes
//! (`tcp{master}`, `tcp{client}`, `tcp{server}`, `udp{unconnected}`, `udp{connected}`) and
//! return conventions: `1` or a value on success, `nil, message` on failure, and for
//! `receive`/`send` the partial result after the message.

use super::tcp::{Kind, Pattern, Tcp};
use super::udp::{DATAGRAM_SIZE, Udp};
use super::{Opt, OptValue, SockErr, Timeout, addr_parts, get_opt, parse_port};
use crate::runtime::args::Args;
use crate::runtime::watchdog;
use mlua::{
    AnyUserData, IntoLuaMulti, Lua, MultiValue, UserData, UserDataFields, UserDataMethods, Value,
};

pub struct TcpUd(pub Tcp);
pub struct UdpUd(pub Udp);

type R = mlua::Result<MultiValue>;

fn fail(lua: &Lua, e: impl std::fmt::Display) -> R {
    (Value::Nil, e.to_string()).into_lua_multi(lua)
}

fn one(lua: &Lua) -> R {
    1.into_lua_multi(lua)
}

fn done(lua: &Lua, r: Result<(), SockErr>) -> R {
    match r {
        Ok(()) => one(lua),
        Err(e) => fail(lua, e),
    }
}

/// A port argument: a number or a numeric string.
fn port_arg(args: &Args, n: usize) -> mlua::Result<Result<u16, SockErr>> {
    Ok(match args.get(n) {
        Value::Integer(_) | Value::Number(_) => {
            let p = args.number(n)?;
            if (0.0..=65535.0).contains(&p) {
                Ok(p as u16)
            } else {
                Err(SockErr::Msg("service not found".into()))
            }
        }
        _ => parse_port(&args.string(n)?),
    })
}

/// `ip, port, family`. LOVE: LuaSocket gives getsockname's port as a string and
/// getpeername's as a number.
fn address(lua: &Lua, a: Result<socket2::SockAddr, SockErr>, port_string: bool) -> R {
    match a.map(|a| addr_parts(&a)) {
        Ok(Some((ip, port, fam))) if port_string => (ip, port.to_string(), fam).into_lua_multi(lua),
        Ok(Some((ip, port, fam))) => (ip, port, fam).into_lua_multi(lua),
        Ok(None) => fail(lua, "unknown address family"),
        Err(e) => fail(lua, e),
    }
}

/// `setoption(name, value)`: parses LuaSocket's option names and values.
fn option_arg(args: &Args) -> mlua::Result<Opt> {
    let name = args.string(2)?;
    let flag = || args.boolean(3);
    Ok(match name.as_str() {
        "tcp-nodelay" => Opt::TcpNodelay(flag()?),
        "keepalive" => Opt::KeepAlive(flag()?),
        "reuseaddr" => Opt::ReuseAddr(flag()?),
        "reuseport" => Opt::ReusePort(flag()?),
        "broadcast" => Opt::Broadcast(flag()?),
        "dontroute" => Opt::DontRoute(flag()?),
        "ipv6-v6only" => Opt::Ipv6Only(flag()?),
        "ip-multicast-loop" => Opt::MulticastLoop(flag()?),
        "ip-multicast-ttl" => Opt::MulticastTtl(args.number(3)? as u32),
        "linger" => {
            let t = args.table(3)?;
            let on: bool = t.get::<Option<bool>>("on")?.unwrap_or(false);
            let secs: f64 = t.get::<Option<f64>>("timeout")?.unwrap_or(0.0);
            let secs = std::time::Duration::try_from_secs_f64(secs.clamp(0.0, 65535.0));
            Opt::Linger(on.then(|| secs.unwrap_or_default()))
        }
        _ => return Err(args.error(2, format!("unsupported option `{name}'"))),
    })
}

fn option_value(lua: &Lua, args: &Args, s: Option<&socket2::Socket>) -> R {
    let name = args.string(2)?;
    let Some(s) = s else {
        return fail(lua, "getsockopt failed");
    };
    match get_opt(s, &name) {
        Ok(Some(OptValue::Bool(b))) => b.into_lua_multi(lua),
        Ok(Some(OptValue::Number(n))) => n.into_lua_multi(lua),
        Ok(Some(OptValue::Linger(on, secs))) => {
            let t = lua.create_table()?;
            t.set("on", on)?;
            t.set("timeout", secs)?;
            t.into_lua_multi(lua)
        }
        Ok(Some(OptValue::Error(e))) => e.into_lua_multi(lua),
        Ok(None) => Err(args.error(2, format!("unsupported option `{name}'"))),
        Err(e) => fail(lua, e),
    }
}

/// `settimeout(value, mode)`: nil or negative turns a timeout off.
fn set_timeout(args: &Args, t: &mut Timeout) -> mlua::Result<()> {
    let v = args.opt_number(2, -1.0)?;
    match args.opt_string(3)?.as_deref().unwrap_or("b") {
        "b" => t.block = v,
        // LOVE: LuaSocket takes "r" as a synonym of "t".
        "t" | "r" => t.total = v,
        _ => return Err(args.error(3, "invalid timeout mode")),
    }
    Ok(())
}

/// The TCP object of argument 1, checked against the classes a method accepts.
fn with_tcp<T>(
    args: &Args,
    need: &[Kind],
    f: impl FnOnce(&mut Tcp) -> mlua::Result<T>,
) -> mlua::Result<T> {
    let expected = match need {
        [k] => k.class(),
        _ => "tcp{any}",
    };
    let Value::UserData(ud) = args.get(1) else {
        return Err(args.type_error(1, expected));
    };
    let Ok(mut t) = ud.borrow_mut::<TcpUd>() else {
        return Err(args.error(1, format!("{expected} expected, got userdata")));
    };
    if !need.contains(&t.0.kind) {
        return Err(args.error(1, format!("{expected} expected, got userdata")));
    }
    f(&mut t.0)
}

const ANY: &[Kind] = &[Kind::Master, Kind::Client, Kind::Server];

/// Registers a TCP method: `$name`, the classes it accepts, and its body.
macro_rules! tcp_method {
    ($m:expr, $name:literal, $need:expr, |$lua:ident, $args:ident, $t:ident| $body:expr) => {
        $m.add_function($name, |$lua: &Lua, a: MultiValue| -> R {
            let $args = Args::new($lua, a, $name);
            with_tcp(&$args, $need, |$t| $body)
        });
    };
}

impl UserData for TcpUd {
    // LOVE: `sock.class` is the class name (a field of LuaSocket's method table).
    fn add_fields<F: UserDataFields<Self>>(f: &mut F) {
        f.add_field_method_get("class", |_, this| Ok(this.0.kind.class()));
    }

    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        m.add_meta_function("__tostring", |_, ud: AnyUserData| {
            let class = ud.borrow_scoped::<TcpUd, _>(|t| t.0.kind.class())?;
            Ok(format!("{class}: {:p}", ud.to_pointer()))
        });
        tcp_method!(m, "bind", &[Kind::Master], |lua, args, t| {
            let host = args.string(2)?;
            match port_arg(&args, 3)? {
                Ok(p) => done(lua, t.bind(&host, p)),
                Err(e) => fail(lua, e),
            }
        });
        tcp_method!(m, "setsockname", &[Kind::Master], |lua, args, t| {
            let host = args.string(2)?;
            match port_arg(&args, 3)? {
                Ok(p) => done(lua, t.bind(&host, p)),
                Err(e) => fail(lua, e),
            }
        });
        tcp_method!(m, "listen", &[Kind::Master], |lua, args, t| {
            let backlog = args.opt_integer(2, 32)? as i32;
            done(lua, t.listen(backlog))
        });
        for name in ["connect", "setpeername"] {
            m.add_function(name, move |lua, a: MultiValue| -> R {
                let args = Args::new(
                    lua,
                    a,
                    if name == "connect" {
                        "connect"
                    } else {
                        "setpeername"
                    },
                );
                // LOVE: any TCP object may connect (the OS answers "already connected").
                with_tcp(&args, ANY, |t| {
                    let host = args.string(2)?;
                    let r = match port_arg(&args, 3)? {
                        Ok(p) => t.connect(&host, p),
                        Err(e) => Err(e),
                    };
                    watchdog::blocked(lua);
                    done(lua, r)
                })
            });
        }
        tcp_method!(m, "accept", &[Kind::Server], |lua, args, t| {
            let r = t.accept();
            watchdog::blocked(lua);
            match r {
                Ok(c) => lua.create_userdata(TcpUd(c))?.into_lua_multi(lua),
                Err(e) => fail(lua, e),
            }
        });
        tcp_method!(m, "send", &[Kind::Client], |lua, args, t| {
            let data = match args.get(2) {
                Value::String(s) => s.as_bytes().to_vec(),
                _ => args.string(2)?.into_bytes(),
            };
            let len = data.len() as i64;
            // Lua's string.sub rules for i and j.
            let norm = |x: i64| if x < 0 { len + x + 1 } else { x };
            let i = norm(args.opt_integer(3, 1)?).max(1);
            let j = norm(args.opt_integer(4, -1)?).min(len);
            let slice = if i <= j {
                &data[(i - 1) as usize..j as usize]
            } else {
                &[][..]
            };
            let (sent, err) = t.send(slice);
            watchdog::blocked(lua);
            let last = sent as i64 + i - 1;
            match err {
                None => (last, Value::Nil, Value::Nil).into_lua_multi(lua),
                Some(e) => (Value::Nil, e.to_string(), last).into_lua_multi(lua),
            }
        });
        tcp_method!(m, "receive", &[Kind::Client], |lua, args, t| {
            let pattern = match args.get(2) {
                Value::Nil => Pattern::Line,
                Value::Integer(_) | Value::Number(_) => {
                    let n = args.number(2)?;
                    if n < 0.0 {
                        return Err(args.error(2, "invalid receive pattern"));
                    }
                    Pattern::Bytes(n as usize)
                }
                _ => match args.string(2)?.as_str() {
                    "*l" | "l" => Pattern::Line,
                    "*a" | "a" => Pattern::All,
                    s if s.starts_with("*l") => Pattern::Line,
                    s if s.starts_with("*a") => Pattern::All,
                    _ => return Err(args.error(2, "invalid receive pattern")),
                },
            };
            let prefix = match args.get(3) {
                Value::Nil => Vec::new(),
                Value::String(s) => s.as_bytes().to_vec(),
                _ => args.string(3)?.into_bytes(),
            };
            let (data, err) = t.receive(pattern, &prefix);
            watchdog::blocked(lua);
            let data = lua.create_string(&data)?;
            match err {
                None => (data, Value::Nil, Value::Nil).into_lua_multi(lua),
                Some(e) => (Value::Nil, e.to_string(), data).into_lua_multi(lua),
            }
        });
        tcp_method!(m, "settimeout", ANY, |lua, args, t| {
            set_timeout(&args, &mut t.timeout)?;
            one(lua)
        });
        tcp_method!(m, "gettimeout", ANY, |lua, _args, t| {
            (t.timeout.block, t.timeout.total).into_lua_multi(lua)
        });
        tcp_method!(m, "setoption", ANY, |lua, args, t| {
            let opt = option_arg(&args)?;
            if t.closed {
                return fail(lua, "setsockopt failed");
            }
            done(lua, t.set_option(opt))
        });
        tcp_method!(m, "getoption", ANY, |lua, args, t| {
            option_value(lua, &args, t.socket())
        });
        tcp_method!(m, "getsockname", ANY, |lua, _args, t| address(
            lua,
            t.local_addr(),
            true
        ));
        tcp_method!(m, "getpeername", ANY, |lua, _args, t| address(
            lua,
            t.peer_addr(),
            false
        ));
        tcp_method!(m, "getstats", ANY, |lua, _args, t| {
            (t.received, t.sent, t.birth.elapsed().as_secs_f64()).into_lua_multi(lua)
        });
        tcp_method!(m, "setstats", ANY, |lua, args, t| {
            t.received = args.opt_number(2, t.received)?;
            t.sent = args.opt_number(3, t.sent)?;
            if let Some(age) = args.get(4).as_f64() {
                let now = std::time::Instant::now();
                t.birth = now
                    .checked_sub(
                        std::time::Duration::try_from_secs_f64(age.max(0.0)).unwrap_or_default(),
                    )
                    .unwrap_or(now);
            }
            one(lua)
        });
        tcp_method!(m, "getfamily", ANY, |lua, _args, t| t
            .family
            .getfamily()
            .into_lua_multi(lua));
        tcp_method!(m, "getfd", ANY, |lua, _args, t| t.fd().into_lua_multi(lua));
        tcp_method!(m, "setfd", ANY, |_lua, args, _t| {
            Err(args.lua_error("socket setfd is not implemented yet"))
        });
        tcp_method!(m, "dirty", ANY, |lua, _args, t| t
            .dirty()
            .into_lua_multi(lua));
        tcp_method!(m, "shutdown", &[Kind::Client], |lua, args, t| {
            let how = match args.opt_string(2)?.as_deref().unwrap_or("both") {
                "both" => std::net::Shutdown::Both,
                "send" => std::net::Shutdown::Write,
                "receive" => std::net::Shutdown::Read,
                other => return Err(args.error(2, format!("invalid option '{other}'"))),
            };
            // LOVE: LuaSocket ignores shutdown errors and returns 1.
            let _ = t.shutdown(how);
            one(lua)
        });
        tcp_method!(m, "close", ANY, |lua, _args, t| {
            t.close();
            one(lua)
        });
    }
}

/// The UDP object of argument 1; `need` is the class a method requires, if any.
fn with_udp<T>(
    args: &Args,
    need: Option<&'static str>,
    f: impl FnOnce(&mut Udp) -> mlua::Result<T>,
) -> mlua::Result<T> {
    let expected = need.unwrap_or("udp{any}");
    let Value::UserData(ud) = args.get(1) else {
        return Err(args.type_error(1, expected));
    };
    let Ok(mut u) = ud.borrow_mut::<UdpUd>() else {
        return Err(args.error(1, format!("{expected} expected, got userdata")));
    };
    if need.is_some_and(|c| c != u.0.class()) {
        return Err(args.error(1, format!("{expected} expected, got userdata")));
    }
    f(&mut u.0)
}

macro_rules! udp_method {
    ($m:expr, $name:literal, $need:expr, |$lua:ident, $args:ident, $u:ident| $body:expr) => {
        $m.add_function($name, |$lua: &Lua, a: MultiValue| -> R {
            let $args = Args::new($lua, a, $name);
            with_udp(&$args, $need, |$u| $body)
        });
    };
}

const UNCONNECTED: Option<&str> = Some("udp{unconnected}");
const CONNECTED: Option<&str> = Some("udp{connected}");

fn bytes_arg(args: &Args, n: usize) -> mlua::Result<Vec<u8>> {
    Ok(match args.get(n) {
        Value::String(s) => s.as_bytes().to_vec(),
        _ => args.string(n)?.into_bytes(),
    })
}

fn size_arg(args: &Args, n: usize) -> mlua::Result<usize> {
    Ok(args.opt_number(n, DATAGRAM_SIZE as f64)?.max(0.0) as usize)
}

impl UserData for UdpUd {
    fn add_fields<F: UserDataFields<Self>>(f: &mut F) {
        f.add_field_method_get("class", |_, this| Ok(this.0.class()));
    }

    fn add_methods<M: UserDataMethods<Self>>(m: &mut M) {
        m.add_meta_function("__tostring", |_, ud: AnyUserData| {
            let class = ud.borrow_scoped::<UdpUd, _>(|u| u.0.class())?;
            Ok(format!("{class}: {:p}", ud.to_pointer()))
        });
        udp_method!(m, "setsockname", UNCONNECTED, |lua, args, u| {
            let host = args.string(2)?;
            match port_arg(&args, 3)? {
                Ok(p) => done(lua, u.bind(&host, p)),
                Err(e) => fail(lua, e),
            }
        });
        udp_method!(m, "setpeername", None, |lua, args, u| {
            let host = args.string(2)?;
            if host == "*" {
                return done(lua, u.connect(None));
            }
            match port_arg(&args, 3)? {
                Ok(p) => done(lua, u.connect(Some((&host, p)))),
                Err(e) => fail(lua, e),
            }
        });
        udp_method!(m, "sendto", UNCONNECTED, |lua, args, u| {
            let data = bytes_arg(&args, 2)?;
            let host = args.string(3)?;
            let r = match port_arg(&args, 4)? {
                Ok(p) => u.send_to(&data, &host, p),
                Err(e) => Err(e),
            };
            watchdog::blocked(lua);
            match r {
                Ok(n) => n.into_lua_multi(lua),
                Err(e) => fail(lua, e),
            }
        });
        udp_method!(m, "send", CONNECTED, |lua, args, u| {
            let data = bytes_arg(&args, 2)?;
            let r = u.send(&data);
            watchdog::blocked(lua);
            match r {
                Ok(n) => n.into_lua_multi(lua),
                Err(e) => fail(lua, e),
            }
        });
        udp_method!(m, "receive", None, |lua, args, u| {
            let size = size_arg(&args, 2)?;
            let r = u.receive_from(size);
            watchdog::blocked(lua);
            match r {
                Ok((data, _)) => lua.create_string(&data)?.into_lua_multi(lua),
                Err(e) => fail(lua, e),
            }
        });
        udp_method!(m, "receivefrom", UNCONNECTED, |lua, args, u| {
            let size = size_arg(&args, 2)?;
            let r = u.receive_from(size);
            watchdog::blocked(lua);
            match r {
                Ok((data, from)) => (
                    lua.create_string(&data)?,
                    from.ip().to_string(),
                    from.port(),
                )
                    .into_lua_multi(lua),
                Err(e) => fail(lua, e),
            }
        });
        udp_method!(m, "getsockname", None, |lua, _args, u| address(
            lua,
            u.local_addr(),
            true
        ));
        udp_method!(m, "getpeername", CONNECTED, |lua, _args, u| {
            match u.peer {
                Some(p) => {
                    (p.ip().to_string(), p.port(), super::Family::of(&p).name()).into_lua_multi(lua)
                }
                None => fail(lua, "not connected"),
            }
        });
        udp_method!(m, "settimeout", None, |lua, args, u| {
            set_timeout(&args, &mut u.timeout)?;
            one(lua)
        });
        udp_method!(m, "gettimeout", None, |lua, _args, u| {
            (u.timeout.block, u.timeout.total).into_lua_multi(lua)
        });
        udp_method!(m, "setoption", None, |lua, args, u| {
            let opt = option_arg(&args)?;
            done(lua, u.set_option(opt))
        });
        udp_method!(m, "getoption", None, |lua, args, u| option_value(
            lua,
            &args,
            u.socket()
        ));
        udp_method!(m, "getfamily", None, |lua, _args, u| u
            .family
            .getfamily()
            .into_lua_multi(lua));
        udp_method!(m, "getfd", None, |lua, _args, u| u.fd().into_lua_multi(lua));
        udp_method!(m, "setfd", None, |_lua, args, _u| {
            Err(args.lua_error("socket setfd is not implemented yet"))
        });
        udp_method!(m, "dirty", None, |lua, _args, _u| false.into_lua_multi(lua));
        udp_method!(m, "close", None, |lua, _args, u| {
            u.close();
            one(lua)
        });
    }
}
