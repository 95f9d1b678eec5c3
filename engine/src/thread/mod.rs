//! `love.thread` core: channels (thread-safe FIFO queues of plain values) and the
//! registry of named channels shared by every thread. Knows nothing of Lua: threads run
//! their own Lua state, created in `lua.rs`, and talk only through channels.

pub mod lua;

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// When a wait of `t` seconds ends; `None` (forever) when that is too far to represent.
fn deadline_after(t: f64) -> Option<Instant> {
    let d = Duration::try_from_secs_f64(t.max(0.0)).ok()?;
    Instant::now().checked_add(d)
}

/// A value that can cross threads: LÖVE's Variant (booleans, numbers, strings, tables
/// of those, Data objects, ImageData, CompressedImageData, SoundData and Channels).
#[derive(Clone, Debug, PartialEq)]
pub enum Shared {
    Nil,
    Bool(bool),
    Number(f64),
    Str(Vec<u8>),
    Table(Vec<(Shared, Shared)>),
    /// A Data object's type name, bytes and file name (FileData).
    Data(&'static str, Vec<u8>, String),
    /// A copy of an ImageData.
    Image(Box<crate::image::ImageData>),
    /// A CompressedImageData (immutable, so shared).
    Compressed(Arc<crate::image::compressed::CompressedData>),
    /// A SoundData's samples (copied on write, so shared).
    Sound(Arc<crate::sound::Pcm>),
    /// A Channel: the same queue on both sides.
    Channel(ChannelRef),
}

/// A Channel inside a [`Shared`] value; equal when it is the same channel.
#[derive(Clone)]
pub struct ChannelRef(pub Arc<Channel>);

impl PartialEq for ChannelRef {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for ChannelRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Channel({:p})", Arc::as_ptr(&self.0))
    }
}

#[derive(Default)]
struct State {
    queue: VecDeque<Shared>,
    sent: u64,
    received: u64,
}

#[derive(Default)]
pub struct Channel {
    state: Mutex<State>,
    changed: Condvar,
    /// Held for the whole of performAtomic; other operations take it briefly.
    atomic: Mutex<()>,
}

thread_local! {
    /// Channels whose atomic lock this thread holds (performAtomic), by address.
    static HELD: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Channel {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn held(&self) -> bool {
        let me = self as *const Channel as usize;
        HELD.with(|h| h.borrow().contains(&me))
    }

    /// Runs `f` on the state, respecting another thread's performAtomic.
    fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        if self.held() {
            return f(&mut self.lock());
        }
        let _a = self.atomic.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut self.lock())
    }

    /// Adds a value; returns its id for hasRead.
    pub fn push(&self, v: Shared) -> u64 {
        let id = self.with(|s| {
            s.queue.push_back(v);
            s.sent += 1;
            s.sent
        });
        self.changed.notify_all();
        id
    }

    pub fn pop(&self) -> Option<Shared> {
        let v = self.with(|s| {
            let v = s.queue.pop_front();
            if v.is_some() {
                s.received += 1;
            }
            v
        });
        if v.is_some() {
            self.changed.notify_all();
        }
        v
    }

    pub fn peek(&self) -> Option<Shared> {
        self.with(|s| s.queue.front().cloned())
    }

    pub fn count(&self) -> usize {
        self.with(|s| s.queue.len())
    }

    pub fn has_read(&self, id: u64) -> bool {
        self.with(|s| s.received >= id)
    }

    pub fn clear(&self) {
        self.with(|s| {
            s.queue.clear();
            s.received = s.sent;
        });
        self.changed.notify_all();
    }

    /// Waits for a value (at most `timeout` seconds when given).
    pub fn demand(&self, timeout: Option<f64>) -> Option<Shared> {
        let deadline = timeout.and_then(deadline_after);
        let mut s = self.lock();
        loop {
            if let Some(v) = s.queue.pop_front() {
                s.received += 1;
                drop(s);
                self.changed.notify_all();
                return Some(v);
            }
            s = match deadline {
                None => self.changed.wait(s).unwrap_or_else(|p| p.into_inner()),
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        return None;
                    }
                    self.changed
                        .wait_timeout(s, d - now)
                        .unwrap_or_else(|p| p.into_inner())
                        .0
                }
            };
        }
    }

    /// Pushes and waits until the value has been read; false on timeout.
    pub fn supply(&self, v: Shared, timeout: Option<f64>) -> bool {
        let id = self.push(v);
        let deadline = timeout.and_then(deadline_after);
        let mut s = self.lock();
        loop {
            if s.received >= id {
                return true;
            }
            s = match deadline {
                None => self.changed.wait(s).unwrap_or_else(|p| p.into_inner()),
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        return false;
                    }
                    self.changed
                        .wait_timeout(s, d - now)
                        .unwrap_or_else(|p| p.into_inner())
                        .0
                }
            };
        }
    }

    /// Runs `f` while no other thread can use the channel.
    pub fn atomic<R>(&self, f: impl FnOnce() -> R) -> R {
        if self.held() {
            return f();
        }
        let _a = self.atomic.lock().unwrap_or_else(|p| p.into_inner());
        let me = self as *const Channel as usize;
        HELD.with(|h| h.borrow_mut().push(me));
        struct Release(usize);
        impl Drop for Release {
            fn drop(&mut self) {
                HELD.with(|h| h.borrow_mut().retain(|c| *c != self.0));
            }
        }
        let _r = Release(me);
        f()
    }
}

/// The named channel `name`, shared by all threads (created on first use).
pub fn named(name: &str) -> Arc<Channel> {
    static NAMED: OnceLock<Mutex<HashMap<String, Arc<Channel>>>> = OnceLock::new();
    let map = NAMED.get_or_init(Default::default);
    let mut m = map.lock().unwrap_or_else(|p| p.into_inner());
    m.entry(name.to_string()).or_default().clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_channel_fifo_and_has_read() {
        let c = Channel::default();
        let a = c.push(Shared::Number(1.0));
        let b = c.push(Shared::Str(b"x".to_vec()));
        assert_eq!((a, b, c.count()), (1, 2, 2));
        assert!(!c.has_read(1));
        assert_eq!(c.pop(), Some(Shared::Number(1.0)));
        assert!(c.has_read(1) && !c.has_read(2));
        assert_eq!(c.peek(), Some(Shared::Str(b"x".to_vec())));
        c.clear();
        assert!(c.has_read(2) && c.count() == 0);
        assert_eq!(c.demand(Some(0.01)), None);
    }

    #[test]
    fn thread_channel_across_threads() {
        let c = named("test-across");
        let c2 = c.clone();
        let h = std::thread::spawn(move || c2.supply(Shared::Bool(true), Some(5.0)));
        assert_eq!(c.demand(Some(5.0)), Some(Shared::Bool(true)));
        assert_eq!(h.join().ok(), Some(true));
        let n = c.atomic(|| {
            c.push(Shared::Nil);
            c.count()
        });
        assert_eq!(n, 1);
    }
}
