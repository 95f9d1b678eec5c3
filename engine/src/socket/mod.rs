//! LuaSocket, as LÖVE ships it (`require("socket")`): the native `socket.core` part is
//! written here in Rust on `std::net` and `socket2`, the Lua-level modules (`socket`,
//! `socket.url`, `socket.http`, `socket.headers`, `ltn12`, `mime`) are our own Lua files in
//! `lua/`, written from LuaSocket's documentation. This file holds what TCP and UDP share:
//! LuaSocket's error strings, its two-part timeouts (per wait and per call), waiting on a
//! socket with `poll`, and address resolution. `tcp.rs` and `udp.rs` are the socket
//! objects, `mime.rs` the `mime.core` filters, `lua.rs` and `lua_objects.rs` the bindings.
//!
//! Sockets are always non-blocking underneath; a call blocks only as its timeout says, by
//! waiting in `poll`, so a timeout of 0 never blocks and `nil` blocks until done.

pub mod lua;
mod lua_objects;
pub mod mime;
pub mod tcp;
pub mod udp;

use std::io;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::time::{Duration, Instant};

/// A failed socket operation, with the message LuaSocket gives for it.
#[derive(Debug, Clone, PartialEq)]
pub enum SockErr {
    Timeout,
    Closed,
    Msg(String),
}

impl std::fmt::Display for SockErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SockErr::Timeout => f.write_str("timeout"),
            SockErr::Closed => f.write_str("closed"),
            SockErr::Msg(m) => f.write_str(m),
        }
    }
}

impl From<io::Error> for SockErr {
    fn from(e: io::Error) -> Self {
        use io::ErrorKind as K;
        match e.kind() {
            K::WouldBlock | K::TimedOut => SockErr::Timeout,
            // LOVE: LuaSocket reports a reset or aborted connection as "closed".
            K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof => {
                SockErr::Closed
            }
            K::ConnectionRefused => SockErr::Msg("connection refused".into()),
            K::AddrInUse => SockErr::Msg("address already in use".into()),
            K::PermissionDenied => SockErr::Msg("permission denied".into()),
            _ if e.raw_os_error() == Some(libc_errno::EISCONN) => {
                SockErr::Msg("already connected".into())
            }
            _ => SockErr::Msg(strip_os_error(&e.to_string())),
        }
    }
}

/// The errno values LuaSocket names that `io::ErrorKind` does not tell apart.
mod libc_errno {
    #[cfg(unix)]
    pub const EISCONN: i32 = libc::EISCONN;
    #[cfg(not(unix))]
    pub const EISCONN: i32 = 10056;
}

/// "Network is unreachable (os error 101)" → "Network is unreachable", as strerror says it.
fn strip_os_error(s: &str) -> String {
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

pub type SockResult<T> = Result<T, SockErr>;

/// LuaSocket's timeouts in seconds; negative means none (block forever).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timeout {
    /// The longest one wait inside a call may last (`settimeout(t)` or mode `"b"`).
    pub block: f64,
    /// The longest a whole call may last (mode `"t"`).
    pub total: f64,
}

impl Default for Timeout {
    fn default() -> Self {
        Timeout {
            block: -1.0,
            total: -1.0,
        }
    }
}

impl Timeout {
    /// Starts the clock of one call.
    pub fn start(self) -> Deadline {
        Deadline {
            start: Instant::now(),
            t: self,
        }
    }
}

/// One call's timing: how long its next wait may last.
pub struct Deadline {
    start: Instant,
    t: Timeout,
}

impl Deadline {
    /// `None`: wait forever.
    pub fn wait(&self) -> Option<Duration> {
        let left = || (self.t.total - self.start.elapsed().as_secs_f64()).max(0.0);
        let secs = match (self.t.block < 0.0, self.t.total < 0.0) {
            (true, true) => return None,
            (true, false) => left(),
            (false, true) => self.t.block,
            (false, false) => self.t.block.min(left()),
        };
        if secs.is_nan() {
            return Some(Duration::ZERO);
        }
        // Too large to represent (1e300 s): as good as forever.
        Duration::try_from_secs_f64(secs).ok()
    }
}

/// What to wait for on a socket.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ready {
    Read,
    Write,
}

#[cfg(unix)]
pub type RawFd = std::os::fd::RawFd;
#[cfg(windows)]
pub type RawFd = std::os::windows::io::RawSocket;

/// The descriptor of a socket2 socket, as `getfd` reports it.
pub fn raw_fd(s: &socket2::Socket) -> RawFd {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        s.as_raw_fd()
    }
    #[cfg(windows)]
    {
        use std::os::windows::io::AsRawSocket;
        s.as_raw_socket()
    }
}

/// Waits until `fd` is ready or `timeout` passes; false on timeout.
pub fn wait_fd(fd: RawFd, what: Ready, timeout: Option<Duration>) -> io::Result<bool> {
    let mut set = [(fd, what)];
    Ok(!poll_many(&mut set, timeout)?.is_empty())
}

/// Waits until one of `fds` is ready or `timeout` passes; the indices of the ready ones.
#[cfg(unix)]
pub fn poll_many(fds: &mut [(RawFd, Ready)], timeout: Option<Duration>) -> io::Result<Vec<usize>> {
    let mut pfds: Vec<libc::pollfd> = fds
        .iter()
        .map(|&(fd, r)| libc::pollfd {
            fd,
            events: match r {
                Ready::Read => libc::POLLIN,
                Ready::Write => libc::POLLOUT,
            },
            revents: 0,
        })
        .collect();
    let start = Instant::now();
    loop {
        let ms: libc::c_int = match timeout {
            None => -1,
            Some(d) => {
                let left = d.saturating_sub(start.elapsed());
                // Round up so that a short positive wait does not become a busy 0.
                left.as_micros().div_ceil(1000).min(i32::MAX as u128) as libc::c_int
            }
        };
        // SAFETY: `pfds` is a valid array of `pfds.len()` pollfd structs for the call.
        let n = unsafe { libc::poll(pfds.as_mut_ptr(), pfds.len() as libc::nfds_t, ms) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        return Ok(pfds
            .iter()
            .enumerate()
            .filter(|(_, p)| p.revents != 0)
            .map(|(i, _)| i)
            .collect());
    }
}

/// Without `poll`: sleep a little and let the caller try again (it treats every
/// descriptor as possibly ready, and a non-blocking call tells the truth).
#[cfg(not(unix))]
pub fn poll_many(fds: &mut [(RawFd, Ready)], timeout: Option<Duration>) -> io::Result<Vec<usize>> {
    let step = Duration::from_millis(1);
    std::thread::sleep(timeout.map_or(step, |t| t.min(step)));
    Ok((0..fds.len()).collect())
}

/// Which address family a socket was asked for (`tcp()`, `tcp4()`, `tcp6()`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Family {
    Unspec,
    Inet,
    Inet6,
}

impl Family {
    pub fn of(addr: &SocketAddr) -> Family {
        if addr.is_ipv4() {
            Family::Inet
        } else {
            Family::Inet6
        }
    }

    /// As `getsockname` and `getfamily` name it.
    pub fn name(self) -> &'static str {
        match self {
            Family::Inet => "inet",
            Family::Inet6 => "inet6",
            Family::Unspec => "unspec",
        }
    }

    /// As `getfamily` names it (LÖVE's LuaSocket says "inet4").
    pub fn getfamily(self) -> &'static str {
        match self {
            Family::Inet6 => "inet6",
            _ => "inet4",
        }
    }

    pub fn domain(self) -> socket2::Domain {
        match self {
            Family::Inet6 => socket2::Domain::IPV6,
            _ => socket2::Domain::IPV4,
        }
    }
}

/// getaddrinfo's message for a name that does not resolve (`socket.dns` functions say
/// "host not found" instead).
pub const HOST_UNKNOWN: &str = "host or service not provided, or not known";

/// Resolves `host:port` for a socket of `family`. `"*"` is the wildcard address, as in
/// LuaSocket's bind.
pub fn resolve(host: &str, port: u16, family: Family) -> SockResult<Vec<SocketAddr>> {
    let wildcard = host == "*";
    let found: Vec<SocketAddr> = if wildcard {
        match family {
            Family::Inet6 => vec![SocketAddr::new(
                IpAddr::V6(std::net::Ipv6Addr::UNSPECIFIED),
                port,
            )],
            _ => vec![SocketAddr::new(
                IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED),
                port,
            )],
        }
    } else if let Ok(ip) = host.parse::<IpAddr>() {
        vec![SocketAddr::new(ip, port)]
    } else {
        (host, port)
            .to_socket_addrs()
            .map_err(|_| SockErr::Msg(HOST_UNKNOWN.into()))?
            .collect()
    };
    let found: Vec<SocketAddr> = found
        .into_iter()
        .filter(|a| family == Family::Unspec || Family::of(a) == family)
        .collect();
    if found.is_empty() {
        return Err(SockErr::Msg(HOST_UNKNOWN.into()));
    }
    Ok(found)
}

/// Parses a port argument: a number, or a numeric string as LuaSocket accepts.
pub fn parse_port(s: &str) -> SockResult<u16> {
    s.trim()
        .parse::<u16>()
        .map_err(|_| SockErr::Msg("service not supported for socket type".into()))
}

/// A fresh non-blocking socket of the given family and type.
pub fn new_socket(family: Family, ty: socket2::Type) -> SockResult<socket2::Socket> {
    let proto = if ty == socket2::Type::STREAM {
        socket2::Protocol::TCP
    } else {
        socket2::Protocol::UDP
    };
    let s = socket2::Socket::new(family.domain(), ty, Some(proto))?;
    s.set_nonblocking(true)?;
    if family == Family::Inet6 {
        // LOVE: LuaSocket makes inet6 sockets v6-only.
        let _ = s.set_only_v6(true);
    }
    Ok(s)
}

/// `(ip, port, family)` of a socket address, as getsockname/getpeername return them.
pub fn addr_parts(a: &socket2::SockAddr) -> Option<(String, u16, &'static str)> {
    let a = a.as_socket()?;
    Some((a.ip().to_string(), a.port(), Family::of(&a).name()))
}

/// A socket option LuaSocket knows, with its value.
#[derive(Debug, Clone, PartialEq)]
pub enum Opt {
    TcpNodelay(bool),
    KeepAlive(bool),
    ReuseAddr(bool),
    ReusePort(bool),
    Linger(Option<Duration>),
    Broadcast(bool),
    DontRoute(bool),
    Ipv6Only(bool),
    MulticastTtl(u32),
    MulticastLoop(bool),
}

/// Applies one option to a socket.
pub fn set_opt(s: &socket2::Socket, opt: &Opt) -> SockResult<()> {
    match opt {
        Opt::TcpNodelay(v) => s.set_tcp_nodelay(*v)?,
        Opt::KeepAlive(v) => s.set_keepalive(*v)?,
        Opt::ReuseAddr(v) => s.set_reuse_address(*v)?,
        #[cfg(unix)]
        Opt::ReusePort(v) => s.set_reuse_port(*v)?,
        #[cfg(not(unix))]
        Opt::ReusePort(_) => return Err(SockErr::Msg("unsupported option `reuseport'".into())),
        Opt::Linger(v) => s.set_linger(*v)?,
        Opt::Broadcast(v) => s.set_broadcast(*v)?,
        Opt::DontRoute(_) => return Err(SockErr::Msg("unsupported option `dontroute'".into())),
        Opt::Ipv6Only(v) => s.set_only_v6(*v)?,
        Opt::MulticastTtl(v) => s.set_multicast_ttl_v4(*v)?,
        Opt::MulticastLoop(v) => s.set_multicast_loop_v4(*v)?,
    }
    Ok(())
}

/// Reads one option back: `(bool)` or a number, as `getoption` returns it.
pub fn get_opt(s: &socket2::Socket, name: &str) -> SockResult<Option<OptValue>> {
    Ok(Some(match name {
        "tcp-nodelay" => OptValue::Bool(s.tcp_nodelay()?),
        "keepalive" => OptValue::Bool(s.keepalive()?),
        "reuseaddr" => OptValue::Bool(s.reuse_address()?),
        #[cfg(unix)]
        "reuseport" => OptValue::Bool(s.reuse_port()?),
        "broadcast" => OptValue::Bool(s.broadcast()?),
        "ipv6-v6only" => OptValue::Bool(s.only_v6()?),
        "linger" => {
            let l = s.linger()?;
            OptValue::Linger(l.is_some(), l.map_or(0, |d| d.as_secs()))
        }
        "ip-multicast-ttl" => OptValue::Number(s.multicast_ttl_v4()? as f64),
        "ip-multicast-loop" => OptValue::Bool(s.multicast_loop_v4()?),
        "error" => OptValue::Error(s.take_error()?.map(|e| SockErr::from(e).to_string())),
        _ => return Ok(None),
    }))
}

/// An option's value as read back.
#[derive(Debug, Clone, PartialEq)]
pub enum OptValue {
    Bool(bool),
    Number(f64),
    /// `{on = bool, timeout = seconds}`.
    Linger(bool, u64),
    /// SO_ERROR: the pending error, if any.
    Error(Option<String>),
}

/// `socket.dns.gethostname()`.
pub fn hostname() -> SockResult<String> {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for its length; gethostname NUL-terminates within it
        // (we also cap the read at the first NUL).
        let r = unsafe { libc::gethostname(buf.as_mut_ptr() as *mut libc::c_char, buf.len() - 1) };
        if r != 0 {
            return Err(io::Error::last_os_error().into());
        }
        let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
        Ok(String::from_utf8_lossy(&buf[..end]).into_owned())
    }
    #[cfg(not(unix))]
    {
        std::env::var("COMPUTERNAME").map_err(|_| SockErr::Msg("host not found".into()))
    }
}

/// Reverse lookup of an IP address (`socket.dns.tohostname`, `getnameinfo`).
pub fn reverse_lookup(ip: IpAddr) -> SockResult<String> {
    #[cfg(unix)]
    {
        let sa = socket2::SockAddr::from(SocketAddr::new(ip, 0));
        let mut host = [0 as libc::c_char; 1025];
        // SAFETY: `sa` is a valid sockaddr of `sa.len()` bytes; `host` a writable buffer
        // of its length; no service buffer is asked for.
        let r = unsafe {
            libc::getnameinfo(
                sa.as_ptr() as *const libc::sockaddr,
                sa.len(),
                host.as_mut_ptr(),
                host.len() as libc::socklen_t,
                std::ptr::null_mut(),
                0,
                libc::NI_NAMEREQD,
            )
        };
        if r != 0 {
            return Err(SockErr::Msg("host not found".into()));
        }
        // SAFETY: getnameinfo succeeded, so `host` holds a NUL-terminated string.
        let s = unsafe { std::ffi::CStr::from_ptr(host.as_ptr()) };
        Ok(s.to_string_lossy().into_owned())
    }
    #[cfg(not(unix))]
    {
        let _ = ip;
        Err(SockErr::Msg("host not found".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socket_deadline_block_and_total() {
        let d = Timeout::default().start();
        assert_eq!(d.wait(), None);
        let d = Timeout {
            block: 0.5,
            total: -1.0,
        }
        .start();
        assert_eq!(d.wait(), Some(Duration::from_millis(500)));
        let d = Timeout {
            block: 5.0,
            total: 0.0,
        }
        .start();
        assert_eq!(d.wait(), Some(Duration::ZERO));
    }

    #[test]
    fn socket_errors_read_as_luasocket() {
        let e: SockErr = io::Error::from(io::ErrorKind::ConnectionRefused).into();
        assert_eq!(e.to_string(), "connection refused");
        let e: SockErr = io::Error::from(io::ErrorKind::WouldBlock).into();
        assert_eq!(e, SockErr::Timeout);
        assert_eq!(strip_os_error("No route (os error 113)"), "No route");
    }

    #[test]
    fn socket_resolve_wildcard_and_literal() {
        assert_eq!(
            resolve("no.such.host.invalid", 1, Family::Unspec).err(),
            Some(SockErr::Msg(HOST_UNKNOWN.into()))
        );
        let a = resolve("*", 80, Family::Unspec).unwrap_or_default();
        assert_eq!(a[0].to_string(), "0.0.0.0:80");
        let a = resolve("::1", 8, Family::Unspec).unwrap_or_default();
        assert_eq!(a[0].to_string(), "[::1]:8");
        assert!(resolve("::1", 8, Family::Inet).is_err());
    }
}
