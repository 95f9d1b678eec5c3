//! A TCP socket as LuaSocket models it: a *master* (fresh, may bind or connect) becomes a
//! *server* on `listen` or a *client* on `connect`/`accept`. Clients read through a
//! buffer, so `receive` can take lines, everything, or a byte count, and hand back what
//! it got so far when a timeout or the peer's close interrupts it.

use super::{
    Deadline, Family, Opt, Ready, SockErr, SockResult, Timeout, new_socket, raw_fd, resolve,
    set_opt, wait_fd,
};
use socket2::{SockAddr, Socket, Type};
use std::io;
use std::mem::MaybeUninit;
use std::time::Instant;

/// LuaSocket's class of a TCP object.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Master,
    Client,
    Server,
}

impl Kind {
    pub fn class(self) -> &'static str {
        match self {
            Kind::Master => "tcp{master}",
            Kind::Client => "tcp{client}",
            Kind::Server => "tcp{server}",
        }
    }
}

/// What `receive` reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pattern {
    /// `*l`: one line, without its end of line (every CR in it is dropped).
    Line,
    /// `*a`: everything until the peer closes.
    All,
    /// That many bytes.
    Bytes(usize),
}

/// Bytes read from the socket at a time.
const CHUNK: usize = 8192;

pub struct Tcp {
    pub kind: Kind,
    pub family: Family,
    sock: Option<Socket>,
    /// Options set so far, applied again when `tcp()` makes (or remakes) the socket on
    /// bind/connect.
    opts: Vec<Opt>,
    /// Whether the socket's family was left to the address (`tcp()`).
    lazy: bool,
    bound: bool,
    /// `close` was called.
    pub closed: bool,
    pub timeout: Timeout,
    buf: Vec<u8>,
    pos: usize,
    pub received: f64,
    pub sent: f64,
    pub birth: Instant,
}

impl Tcp {
    /// `socket.tcp()` (family unspec: the socket is made on bind/connect), `tcp4`, `tcp6`.
    pub fn new(family: Family) -> SockResult<Tcp> {
        let sock = match family {
            Family::Unspec => None,
            f => Some(new_socket(f, Type::STREAM)?),
        };
        Ok(Tcp::with_socket(Kind::Master, family, sock))
    }

    fn with_socket(kind: Kind, family: Family, sock: Option<Socket>) -> Tcp {
        Tcp {
            kind,
            family,
            sock,
            opts: Vec::new(),
            lazy: family == Family::Unspec,
            bound: false,
            closed: false,
            timeout: Timeout::default(),
            buf: Vec::new(),
            pos: 0,
            received: 0.0,
            sent: 0.0,
            birth: Instant::now(),
        }
    }

    pub fn socket(&self) -> Option<&Socket> {
        self.sock.as_ref()
    }

    /// The descriptor, or -1 once closed (or not made yet).
    pub fn fd(&self) -> f64 {
        self.sock.as_ref().map_or(-1.0, |s| raw_fd(s) as f64)
    }

    fn sock(&self) -> SockResult<&Socket> {
        self.sock
            .as_ref()
            .ok_or_else(|| SockErr::Msg("Bad file descriptor".into()))
    }

    /// Whether the socket may still change family: made by `tcp()`, not bound or
    /// connected yet.
    fn free_family(&self) -> bool {
        self.lazy && !self.bound && self.kind == Kind::Master
    }

    /// The family to resolve names for.
    fn resolve_family(&self) -> Family {
        if self.free_family() {
            Family::Unspec
        } else {
            self.family
        }
    }

    /// Makes the socket for `family` if `tcp()` left it for later (or made it for
    /// another family while trying the addresses of a name).
    fn ensure(&mut self, family: Family) -> SockResult<&Socket> {
        if self.free_family() && self.sock.is_some() && self.family != family {
            self.sock = None;
        }
        if self.sock.is_none() {
            let s = new_socket(family, Type::STREAM)?;
            for o in &self.opts {
                set_opt(&s, o)?;
            }
            self.family = family;
            self.sock = Some(s);
        }
        self.sock()
    }

    pub fn set_option(&mut self, opt: Opt) -> SockResult<()> {
        if let Some(s) = &self.sock {
            set_opt(s, &opt)?;
        }
        self.opts.push(opt);
        Ok(())
    }

    /// Binds (without listening: `socket.bind` in socket.lua listens too).
    pub fn bind(&mut self, host: &str, port: u16) -> SockResult<()> {
        let mut last = SockErr::Msg(super::HOST_UNKNOWN.into());
        for addr in resolve(host, port, self.resolve_family())? {
            let s = self.ensure(Family::of(&addr))?;
            match s.bind(&addr.into()) {
                Ok(()) => {
                    self.bound = true;
                    return Ok(());
                }
                Err(e) => last = e.into(),
            }
        }
        Err(last)
    }

    pub fn listen(&mut self, backlog: i32) -> SockResult<()> {
        self.sock()?.listen(backlog)?;
        self.kind = Kind::Server;
        Ok(())
    }

    /// Connects, waiting as the timeout allows. The object is a client afterwards even
    /// when this times out (LuaSocket: a non-blocking connect goes on in the background).
    pub fn connect(&mut self, host: &str, port: u16) -> SockResult<()> {
        let dl = self.timeout.start();
        let addrs = resolve(host, port, self.resolve_family())?;
        let mut last = SockErr::Msg("connection refused".into());
        for addr in addrs {
            self.ensure(Family::of(&addr))?;
            let r = self.connect_one(&addr.into(), &dl);
            match r {
                Ok(()) | Err(SockErr::Timeout) => {
                    self.kind = Kind::Client;
                    return r;
                }
                Err(e) => last = e,
            }
        }
        self.kind = Kind::Client;
        Err(last)
    }

    fn connect_one(&self, addr: &SockAddr, dl: &Deadline) -> SockResult<()> {
        let s = self.sock()?;
        match s.connect(addr) {
            Ok(()) => return Ok(()),
            Err(e) if in_progress(&e) => {}
            Err(e) => return Err(e.into()),
        }
        if !wait_fd(raw_fd(s), Ready::Write, dl.wait())? {
            return Err(SockErr::Timeout);
        }
        match s.take_error()? {
            Some(e) => Err(e.into()),
            None => Ok(()),
        }
    }

    /// Waits for a connection as the timeout allows.
    pub fn accept(&mut self) -> SockResult<Tcp> {
        let dl = self.timeout.start();
        let s = self.sock().map_err(|_| SockErr::Closed)?;
        loop {
            match s.accept() {
                Ok((c, _)) => {
                    c.set_nonblocking(true)?;
                    return Ok(Tcp::with_socket(Kind::Client, self.family, Some(c)));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if !wait_fd(raw_fd(s), Ready::Read, dl.wait())? {
                        return Err(SockErr::Timeout);
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Sends all of `data` as the timeout allows: how much went, and why it stopped.
    pub fn send(&mut self, data: &[u8]) -> (usize, Option<SockErr>) {
        let dl = self.timeout.start();
        let Some(s) = self.sock.as_ref() else {
            return (0, Some(SockErr::Closed));
        };
        let mut sent = 0;
        while sent < data.len() {
            match s.send(&data[sent..]) {
                Ok(n) => sent += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    match wait_fd(raw_fd(s), Ready::Write, dl.wait()) {
                        Ok(true) => {}
                        Ok(false) => return self.count_sent(sent, Some(SockErr::Timeout)),
                        Err(e) => return self.count_sent(sent, Some(e.into())),
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return self.count_sent(sent, Some(e.into())),
            }
        }
        self.count_sent(sent, None)
    }

    fn count_sent(&mut self, n: usize, e: Option<SockErr>) -> (usize, Option<SockErr>) {
        self.sent += n as f64;
        (n, e)
    }

    /// Reads more into the buffer, waiting as `dl` allows.
    fn fill(&mut self, dl: &Deadline) -> SockResult<()> {
        if self.pos < self.buf.len() {
            return Ok(());
        }
        self.buf.clear();
        self.pos = 0;
        let s = self.sock.as_ref().ok_or(SockErr::Closed)?;
        let mut chunk = [MaybeUninit::<u8>::uninit(); CHUNK];
        loop {
            match s.recv(&mut chunk) {
                Ok(0) => return Err(SockErr::Closed),
                Ok(n) => {
                    // SAFETY: recv initialised the first `n` bytes.
                    let got = unsafe { std::slice::from_raw_parts(chunk.as_ptr() as *const u8, n) };
                    self.buf.extend_from_slice(got);
                    self.received += n as f64;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if !wait_fd(raw_fd(s), Ready::Read, dl.wait())? {
                        return Err(SockErr::Timeout);
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Buffered bytes not yet handed to Lua (`dirty`).
    pub fn dirty(&self) -> bool {
        self.pos < self.buf.len()
    }

    /// `receive(pattern, prefix)`: the data (prefix first) and, when it stopped early, why;
    /// then the data is the partial result.
    pub fn receive(&mut self, pattern: Pattern, prefix: &[u8]) -> (Vec<u8>, Option<SockErr>) {
        let dl = self.timeout.start();
        let mut out = prefix.to_vec();
        let err = match pattern {
            Pattern::Line => self.recv_line(&mut out, &dl),
            Pattern::All => self.recv_all(&mut out, &dl),
            // LOVE: the prefix counts toward the wanted size.
            Pattern::Bytes(n) => self.recv_raw(&mut out, n.saturating_sub(prefix.len()), &dl),
        };
        (out, err.err())
    }

    fn recv_line(&mut self, out: &mut Vec<u8>, dl: &Deadline) -> SockResult<()> {
        loop {
            self.fill(dl)?;
            let avail = &self.buf[self.pos..];
            let (take, done) = match avail.iter().position(|&b| b == b'\n') {
                Some(i) => (i, true),
                None => (avail.len(), false),
            };
            out.extend(avail[..take].iter().filter(|&&b| b != b'\r'));
            self.pos += take + usize::from(done);
            if done {
                return Ok(());
            }
        }
    }

    fn recv_all(&mut self, out: &mut Vec<u8>, dl: &Deadline) -> SockResult<()> {
        let mut total = 0;
        loop {
            match self.fill(dl) {
                Ok(()) => {
                    total += self.buf.len() - self.pos;
                    out.extend_from_slice(&self.buf[self.pos..]);
                    self.pos = self.buf.len();
                }
                // LOVE: "*a" succeeds at the peer's close if anything came in this call.
                Err(SockErr::Closed) if total > 0 => return Ok(()),
                Err(e) => return Err(e),
            }
        }
    }

    fn recv_raw(&mut self, out: &mut Vec<u8>, mut wanted: usize, dl: &Deadline) -> SockResult<()> {
        while wanted > 0 {
            self.fill(dl)?;
            let n = wanted.min(self.buf.len() - self.pos);
            out.extend_from_slice(&self.buf[self.pos..self.pos + n]);
            self.pos += n;
            wanted -= n;
        }
        Ok(())
    }

    pub fn shutdown(&self, how: std::net::Shutdown) -> SockResult<()> {
        self.sock()?.shutdown(how)?;
        Ok(())
    }

    pub fn close(&mut self) {
        self.closed = true;
        self.sock = None;
        self.buf.clear();
        self.pos = 0;
    }

    pub fn local_addr(&self) -> SockResult<SockAddr> {
        Ok(self.sock()?.local_addr()?)
    }

    pub fn peer_addr(&self) -> SockResult<SockAddr> {
        Ok(self.sock()?.peer_addr()?)
    }
}

fn in_progress(e: &io::Error) -> bool {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::EINPROGRESS) {
        return true;
    }
    e.kind() == io::ErrorKind::WouldBlock
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair() -> SockResult<(Tcp, Tcp)> {
        let mut server = Tcp::new(Family::Inet)?;
        server.bind("127.0.0.1", 0)?;
        server.listen(32)?;
        let port = server.local_addr()?.as_socket().map_or(0, |a| a.port());
        let mut client = Tcp::new(Family::Unspec)?;
        client.connect("127.0.0.1", port)?;
        let conn = server.accept()?;
        Ok((client, conn))
    }

    #[test]
    fn socket_tcp_receive_patterns() -> SockResult<()> {
        let (mut c, mut s) = pair()?;
        assert_eq!(c.send(b"one\r\ntwo\nabcdef").0, 15);
        assert_eq!(s.receive(Pattern::Line, b""), (b"one".to_vec(), None));
        assert_eq!(s.receive(Pattern::Line, b"x"), (b"xtwo".to_vec(), None));
        assert_eq!(s.receive(Pattern::Bytes(3), b""), (b"abc".to_vec(), None));
        s.timeout = Timeout {
            block: 0.05,
            total: -1.0,
        };
        assert_eq!(
            s.receive(Pattern::Bytes(5), b""),
            (b"def".to_vec(), Some(SockErr::Timeout))
        );
        c.close();
        assert_eq!(
            s.receive(Pattern::All, b""),
            (Vec::new(), Some(SockErr::Closed))
        );
        Ok(())
    }

    #[test]
    fn socket_tcp_connect_refused() -> SockResult<()> {
        // Bind a port and close it again so that nobody listens there.
        let mut t = Tcp::new(Family::Inet)?;
        t.bind("127.0.0.1", 0)?;
        let port = t.local_addr()?.as_socket().map_or(0, |a| a.port());
        t.close();
        let mut c = Tcp::new(Family::Unspec)?;
        assert_eq!(
            c.connect("127.0.0.1", port),
            Err(SockErr::Msg("connection refused".into()))
        );
        Ok(())
    }
}
