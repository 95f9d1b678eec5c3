//! Headless driver: no display, window system or sound card. Frames render into an
//! offscreen texture of the configured size; `--frames` and `--fixed-dt` make runs
//! repeatable; `--screenshot` saves the last frame.

use super::stats::FrameStats;
use super::{
    RunOptions, apply_window_requests, boot, frames_done, save_screenshot, step_result, timed_frame,
};
use crate::graphics::gpu::Gpu;
use crate::runtime::{Runtime, Step};

pub fn run(opts: &RunOptions) -> i32 {
    let mut stats = FrameStats::new(std::time::Instant::now());
    let code = run_inner(opts, &mut stats);
    if opts.stats {
        eprintln!("{}", stats.report());
    }
    code
}

fn run_inner(opts: &RunOptions, stats: &mut FrameStats) -> i32 {
    let mut gpu: Option<Gpu> = None;
    loop {
        let Some(mut rt) = boot(opts) else { return 1 };
        if let Err(code) = attach_gpu(&rt, &mut gpu) {
            return code;
        }
        match run_game(opts, &mut rt, stats) {
            Step::Restart => {
                // LOVE: love.event.quit("restart") starts the game afresh; keep the GPU.
                gpu = rt.graphics().and_then(|mut g| g.detach());
                continue;
            }
            Step::Quit(code) => {
                if let Some(path) = &opts.screenshot
                    && let Err(e) = save_screenshot(&rt, path)
                {
                    eprintln!("engine: {e}");
                    return 1;
                }
                return code;
            }
            Step::Continue | Step::Wait => return 0,
        }
    }
}

fn attach_gpu(rt: &Runtime, reuse: &mut Option<Gpu>) -> Result<(), i32> {
    let conf = &rt.conf;
    if !conf.window_enabled || !conf.module_enabled("graphics") {
        return Ok(());
    }
    let (w, h) = (conf.window.width, conf.window.height);
    let gpu = match reuse.take() {
        Some(mut g) => {
            g.resize(w, h);
            g
        }
        None => Gpu::headless(w, h).map_err(|e| {
            eprintln!("engine: {e}");
            1
        })?,
    };
    if let Some(mut g) = rt.graphics() {
        g.attach(gpu);
        g.set_msaa(conf.window.msaa);
    }
    if let Some(mut win) = rt.window() {
        win.open = true;
    }
    Ok(())
}

fn run_game(opts: &RunOptions, rt: &mut Runtime, stats: &mut FrameStats) -> Step {
    let mut frames = 0u64;
    if let Some(s) = step_result(rt.start()) {
        return s;
    }
    loop {
        if frames_done(opts, frames) {
            return Step::Quit(0);
        }
        apply_window_requests(rt);
        rt.poll_reload();
        // Joysticks work headless too (no backend available is fine).
        crate::event::lua::pump(rt.lua());
        let step = timed_frame(rt, stats);
        frames += 1;
        if let Some(s) = step_result(step) {
            return s;
        }
    }
}
