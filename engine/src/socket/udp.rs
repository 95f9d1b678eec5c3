//! A UDP socket as LuaSocket models it: *unconnected* (sendto/receivefrom) or, after
//! `setpeername`, *connected* (send/receive with one peer). The peer is kept here rather
//! than with a kernel `connect`, so `setpeername("*")` can forget it on every platform;
//! a connected socket ignores datagrams from anyone else, as a connected one would.

use super::{
    Family, Opt, Ready, SockErr, SockResult, Timeout, new_socket, raw_fd, resolve, set_opt, wait_fd,
};
use socket2::{SockAddr, Socket, Type};
use std::io;
use std::mem::MaybeUninit;
use std::net::SocketAddr;

/// LuaSocket's largest datagram by default (`socket._DATAGRAMSIZE`).
pub const DATAGRAM_SIZE: usize = 8192;

pub struct Udp {
    pub family: Family,
    sock: Option<Socket>,
    /// Options set so far, applied when `udp()` makes the socket.
    opts: Vec<Opt>,
    pub peer: Option<SocketAddr>,
    pub timeout: Timeout,
}

impl Udp {
    pub fn new(family: Family) -> SockResult<Udp> {
        let sock = match family {
            Family::Unspec => None,
            f => Some(new_socket(f, Type::DGRAM)?),
        };
        Ok(Udp {
            family,
            sock,
            opts: Vec::new(),
            peer: None,
            timeout: Timeout::default(),
        })
    }

    pub fn class(&self) -> &'static str {
        if self.peer.is_some() {
            "udp{connected}"
        } else {
            "udp{unconnected}"
        }
    }

    pub fn socket(&self) -> Option<&Socket> {
        self.sock.as_ref()
    }

    pub fn fd(&self) -> f64 {
        self.sock.as_ref().map_or(-1.0, |s| raw_fd(s) as f64)
    }

    fn ensure(&mut self, family: Family) -> SockResult<&Socket> {
        if self.sock.is_none() {
            let s = new_socket(family, Type::DGRAM)?;
            for o in &self.opts {
                set_opt(&s, o)?;
            }
            self.family = family;
            self.sock = Some(s);
        }
        self.sock
            .as_ref()
            .ok_or_else(|| SockErr::Msg("Bad file descriptor".into()))
    }

    pub fn set_option(&mut self, opt: Opt) -> SockResult<()> {
        if let Some(s) = &self.sock {
            set_opt(s, &opt)?;
        }
        self.opts.push(opt);
        Ok(())
    }

    /// `setsockname`: binds.
    pub fn bind(&mut self, host: &str, port: u16) -> SockResult<()> {
        let mut last = SockErr::Msg(super::HOST_UNKNOWN.into());
        for addr in resolve(host, port, self.family)? {
            match self.ensure(Family::of(&addr))?.bind(&addr.into()) {
                Ok(()) => return Ok(()),
                Err(e) => last = e.into(),
            }
        }
        Err(last)
    }

    /// `setpeername(host, port)`; `None` (the address `"*"`) forgets the peer.
    pub fn connect(&mut self, to: Option<(&str, u16)>) -> SockResult<()> {
        let Some((host, port)) = to else {
            self.peer = None;
            return Ok(());
        };
        let addr = resolve(host, port, self.family)?[0];
        let s = self.ensure(Family::of(&addr))?;
        if s.local_addr()
            .ok()
            .and_then(|a| a.as_socket())
            .is_none_or(|a| a.port() == 0)
        {
            // Give it a local address now, as a kernel connect would.
            let any: SocketAddr = if addr.is_ipv4() {
                "0.0.0.0:0".parse().map_err(|_| SockErr::Closed)?
            } else {
                "[::]:0".parse().map_err(|_| SockErr::Closed)?
            };
            s.bind(&any.into())?;
        }
        self.peer = Some(addr);
        Ok(())
    }

    /// `sendto(data, host, port)`.
    pub fn send_to(&mut self, data: &[u8], host: &str, port: u16) -> SockResult<usize> {
        let addr = resolve(host, port, self.family)?[0];
        self.ensure(Family::of(&addr))?;
        self.send_addr(data, addr)
    }

    /// `send(data)` to the peer.
    pub fn send(&mut self, data: &[u8]) -> SockResult<usize> {
        let peer = self.peer.ok_or(SockErr::Closed)?;
        self.send_addr(data, peer)
    }

    fn send_addr(&self, data: &[u8], addr: SocketAddr) -> SockResult<usize> {
        let dl = self.timeout.start();
        let s = self.sock.as_ref().ok_or(SockErr::Closed)?;
        let to: SockAddr = addr.into();
        loop {
            match s.send_to(data, &to) {
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if !wait_fd(raw_fd(s), Ready::Write, dl.wait())? {
                        return Err(SockErr::Timeout);
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                // LOVE: LuaSocket's udp says "refused" where tcp says "connection refused".
                Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                    return Err(SockErr::Msg("refused".into()));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// One datagram of at most `size` bytes, and who sent it.
    pub fn receive_from(&mut self, size: usize) -> SockResult<(Vec<u8>, SocketAddr)> {
        let dl = self.timeout.start();
        let s = self.sock.as_ref().ok_or(SockErr::Closed)?;
        let mut buf = vec![MaybeUninit::<u8>::uninit(); size.max(1)];
        loop {
            match s.recv_from(&mut buf) {
                Ok((n, from)) => {
                    let Some(from) = from.as_socket() else {
                        continue;
                    };
                    if self.peer.is_some_and(|p| p != from) {
                        continue;
                    }
                    // SAFETY: recv_from initialised the first `n` bytes.
                    let got = unsafe { std::slice::from_raw_parts(buf.as_ptr() as *const u8, n) };
                    return Ok((got[..n.min(size)].to_vec(), from));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if !wait_fd(raw_fd(s), Ready::Read, dl.wait())? {
                        return Err(SockErr::Timeout);
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                    return Err(SockErr::Msg("refused".into()));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    pub fn close(&mut self) {
        self.sock = None;
        self.peer = None;
    }

    pub fn local_addr(&self) -> SockResult<SockAddr> {
        let s = self
            .sock
            .as_ref()
            .ok_or_else(|| SockErr::Msg("Bad file descriptor".into()))?;
        Ok(s.local_addr()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socket_udp_echo_and_peer_filter() -> SockResult<()> {
        let mut a = Udp::new(Family::Unspec)?;
        a.bind("127.0.0.1", 0)?;
        let port = a.local_addr()?.as_socket().map_or(0, |x| x.port());
        let mut b = Udp::new(Family::Unspec)?;
        assert_eq!(b.send_to(b"ping", "127.0.0.1", port)?, 4);
        a.timeout = Timeout {
            block: 1.0,
            total: -1.0,
        };
        let (data, from) = a.receive_from(DATAGRAM_SIZE)?;
        assert_eq!(data, b"ping");
        b.connect(Some(("127.0.0.1", port)))?;
        assert_eq!(b.class(), "udp{connected}");
        a.send_to(b"pong", "127.0.0.1", from.port())?;
        b.timeout = Timeout {
            block: 1.0,
            total: -1.0,
        };
        assert_eq!(b.receive_from(2)?.0, b"po");
        a.timeout = Timeout {
            block: 0.0,
            total: -1.0,
        };
        assert_eq!(a.receive_from(10).err(), Some(SockErr::Timeout));
        Ok(())
    }
}
