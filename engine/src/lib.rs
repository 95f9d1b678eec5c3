//! engine: runs games written for LÖVE 11.5 (Lua) on wgpu, with LuaJIT.
//!
//! The binary `engine` is a thin CLI over [`app::run`]. Rust hosts can embed the engine
//! the same way: build [`app::RunOptions`] and call [`app::run`], or drive a
//! [`runtime::Runtime`] frame by frame.

pub mod app;
pub mod audio;
pub mod data;
pub mod event;
pub mod filesystem;
pub mod font;
pub mod graphics;
pub mod image;
pub mod joystick;
pub mod keyboard;
pub mod math;
pub mod mouse;
pub mod physics;
pub mod runtime;
pub mod socket;
pub mod sound;
pub mod system;
pub mod thread;
pub mod timer;
pub mod touch;
pub mod utf8;
pub mod window;

pub use app::{RunOptions, run};
