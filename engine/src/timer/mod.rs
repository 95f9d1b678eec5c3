//! Frame timing: delta time, FPS, the game clock.
//!
//! With a fixed dt (`--fixed-dt`), the clock is virtual: `step` returns exactly that dt and
//! `getTime` advances by it, so a run is the same every time. Knows nothing of Lua.

pub mod lua;

use std::time::{Duration, Instant};

pub struct Timer {
    start: Instant,
    last_step: Instant,
    fixed_dt: Option<f64>,
    virtual_time: f64,
    dt: f64,
    // FPS is the number of steps in the last whole second, as LÖVE counts it.
    fps: u32,
    frames_this_second: u32,
    second_start: f64,
    average_delta: f64,
    delta_sum: f64,
}

impl Timer {
    pub fn new(fixed_dt: Option<f64>) -> Timer {
        let now = Instant::now();
        Timer {
            start: now,
            last_step: now,
            fixed_dt,
            virtual_time: 0.0,
            dt: 0.0,
            fps: 0,
            frames_this_second: 0,
            second_start: 0.0,
            average_delta: 0.0,
            delta_sum: 0.0,
        }
    }

    /// Seconds since the engine started (virtual when dt is fixed).
    pub fn time(&self) -> f64 {
        match self.fixed_dt {
            Some(_) => self.virtual_time,
            None => self.start.elapsed().as_secs_f64(),
        }
    }

    /// Measures the time since the last step; returns it as the new delta.
    pub fn step(&mut self) -> f64 {
        let now = Instant::now();
        self.dt = match self.fixed_dt {
            Some(dt) => {
                self.virtual_time += dt;
                dt
            }
            None => now.duration_since(self.last_step).as_secs_f64(),
        };
        self.last_step = now;
        self.frames_this_second += 1;
        self.delta_sum += self.dt;
        let t = self.time();
        if t - self.second_start >= 1.0 {
            let elapsed = t - self.second_start;
            self.fps = (self.frames_this_second as f64 / elapsed).round() as u32;
            self.average_delta = self.delta_sum / self.frames_this_second.max(1) as f64;
            self.frames_this_second = 0;
            self.delta_sum = 0.0;
            self.second_start = t;
        }
        self.dt
    }

    pub fn delta(&self) -> f64 {
        self.dt
    }

    pub fn fps(&self) -> u32 {
        self.fps
    }

    pub fn average_delta(&self) -> f64 {
        self.average_delta
    }

    pub fn sleep(seconds: f64) {
        if seconds > 0.0 && seconds.is_finite() {
            std::thread::sleep(Duration::from_secs_f64(seconds));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timer_fixed_dt_is_exact_and_virtual() {
        let mut t = Timer::new(Some(0.25));
        assert_eq!(t.step(), 0.25);
        assert_eq!(t.step(), 0.25);
        assert_eq!(t.time(), 0.5);
        for _ in 0..6 {
            t.step();
        }
        // two virtual seconds at 4 steps per second
        assert_eq!(t.fps(), 4);
        assert_eq!(t.average_delta(), 0.25);
    }

    #[test]
    fn timer_step_measures_real_time() {
        let mut t = Timer::new(None);
        Timer::sleep(0.01);
        let dt = t.step();
        assert!(dt >= 0.01, "{dt}");
        assert_eq!(t.delta(), dt);
    }
}
