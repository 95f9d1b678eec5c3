//! The frame loop. Owns the [`Runtime`] and drives it: windowed through winit's
//! `ApplicationHandler` (`windowed.rs`), or headless with no window system at all
//! (`headless.rs`). Both call the same `Runtime::start`/`frame` and present through the
//! same renderer; only where the pixels go differs.

pub mod headless;
pub mod input;
pub mod keys;
pub mod stats;
pub mod windowed;

use crate::runtime::{Options, Runtime, Step};
use crate::window::Request;
use std::path::PathBuf;

/// Everything `engine run` was asked to do.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    pub runtime: Options,
    /// Stop after this many frames (exit status 0 unless the game quit first).
    pub frames: Option<u64>,
    /// Save the last frame as a PNG (headless).
    pub screenshot: Option<PathBuf>,
    /// Print frame-time figures at exit.
    pub stats: bool,
}

/// Runs a game to its end; returns the process exit status.
pub fn run(opts: RunOptions) -> i32 {
    if opts.runtime.headless {
        headless::run(&opts)
    } else {
        windowed::run(&opts)
    }
}

/// Creates the runtime, printing a boot failure as one clear line.
fn boot(opts: &RunOptions) -> Option<Runtime> {
    match Runtime::new(&opts.runtime) {
        Ok(rt) => Some(rt),
        Err(e) => {
            eprintln!("{e}");
            None
        }
    }
}

/// The frame limit was reached.
fn frames_done(opts: &RunOptions, frames: u64) -> bool {
    opts.frames.is_some_and(|n| frames >= n)
}

/// Applies the window changes the game asked for that only touch graphics state
/// (headless has no more than that); returns them for a real window to apply too.
fn apply_window_requests(rt: &Runtime) -> Vec<Request> {
    let reqs = rt
        .window()
        .map(|mut w| w.take_requests())
        .unwrap_or_default();
    for r in &reqs {
        if let Request::SetMode(s) = r
            && let Some(mut g) = rt.graphics()
        {
            g.resize(s.width, s.height);
            g.set_vsync(s.vsync != 0);
            g.set_msaa(s.msaa);
        }
        if let Request::SetVSync(v) = r
            && let Some(mut g) = rt.graphics()
        {
            g.set_vsync(*v != 0);
        }
    }
    // The mouse state exists headless too; nothing applies its requests there.
    if rt.window().is_some_and(|w| w.headless)
        && let Some(mut m) = rt.mouse()
    {
        m.take_requests();
    }
    reqs
}

/// Saves the headless screen as a PNG.
fn save_screenshot(rt: &Runtime, path: &std::path::Path) -> Result<(), String> {
    let g = rt.graphics().ok_or("graphics is not available")?;
    let (w, h, px) = g.read_screen()?;
    image::save_buffer(path, &px, w, h, image::ExtendedColorType::Rgba8)
        .map_err(|e| format!("cannot write screenshot '{}': {e}", path.display()))
}

/// Runs one main-loop iteration, recording its time for `--stats`.
pub(crate) fn timed_frame(rt: &mut Runtime, stats: &mut stats::FrameStats) -> Step {
    let t0 = std::time::Instant::now();
    let step = rt.frame();
    let dt = t0.elapsed();
    let (presented, calls) = rt
        .graphics()
        .map(|g| (g.frames, g.last_frame.drawcalls))
        .unwrap_or((0, 0));
    stats.record(dt, presented, calls);
    step
}

pub(crate) fn step_result(step: Step) -> Option<Step> {
    match step {
        Step::Continue | Step::Wait => None,
        other => Some(other),
    }
}
