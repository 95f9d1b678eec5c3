//! `Shared<T>`: state reached both from mlua bindings and from the LuaJIT FFI fast paths
//! (`jit_paths.rs`), which get no Lua state and so cannot use app data or userdata
//! borrows. Borrowing is checked like a `RefCell`: one `Guard` (or one `with`) at a
//! time; a second borrow fails (None) instead of aliasing.

use std::cell::{Cell, UnsafeCell};
use std::ops::{Deref, DerefMut};
use std::rc::{Rc, Weak};

pub struct SharedCell<T> {
    busy: Cell<bool>,
    v: UnsafeCell<T>,
}

pub struct Shared<T>(Rc<SharedCell<T>>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

/// Exclusive access; released when dropped.
pub struct Guard<T>(Rc<SharedCell<T>>);

impl<T> Shared<T> {
    pub fn new(v: T) -> Shared<T> {
        Shared(Rc::new(SharedCell {
            busy: Cell::new(false),
            v: UnsafeCell::new(v),
        }))
    }

    /// The value, or None while another guard holds it.
    #[inline]
    pub fn try_borrow(&self) -> Option<Guard<T>> {
        if self.0.busy.replace(true) {
            return None;
        }
        Some(Guard(self.0.clone()))
    }

    /// Runs `f` on the value unless it is borrowed (the FFI paths' entry: no clone).
    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        self.0.with(f)
    }

    /// A reference that does not keep the value alive (the FFI paths' caches).
    pub fn downgrade(&self) -> Weak<SharedCell<T>> {
        Rc::downgrade(&self.0)
    }
}

impl<T> SharedCell<T> {
    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        struct Release<'a>(&'a Cell<bool>);
        impl Drop for Release<'_> {
            fn drop(&mut self) {
                self.0.set(false);
            }
        }
        if self.busy.replace(true) {
            return None;
        }
        let _release = Release(&self.busy);
        // SAFETY: `busy` was false and is now true, so no other reference to the value
        // exists until `_release` clears it (guards and `with` both check it).
        Some(f(unsafe { &mut *self.v.get() }))
    }
}

impl<T> Deref for Guard<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: this guard set `busy`; no other reference exists while it lives.
        unsafe { &*self.0.v.get() }
    }
}

impl<T> DerefMut for Guard<T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `deref`; `&mut self` makes this the only use of the guard.
        unsafe { &mut *self.0.v.get() }
    }
}

impl<T> Drop for Guard<T> {
    fn drop(&mut self) {
        self.0.busy.set(false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_borrows_are_exclusive() {
        let s = Shared::new(5);
        let g = s.try_borrow().expect("first borrow");
        assert!(s.try_borrow().is_none());
        assert_eq!(s.with(|v| *v), None);
        drop(g);
        assert_eq!(s.with(|v| *v + 1), Some(6));
        let w = s.downgrade();
        drop(s);
        assert!(w.upgrade().is_none());
    }

    #[test]
    fn shared_with_releases_after_a_panic() {
        let s = Shared::new(1);
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            s.with(|_| panic!("boom"));
        }));
        assert!(r.is_err());
        assert!(s.try_borrow().is_some());
    }
}
