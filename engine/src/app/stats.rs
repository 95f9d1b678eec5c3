//! `--stats`: frame-time figures printed when the engine exits (stderr), for people who
//! measure: time from start to the first presented frame, and per-frame times.

use std::time::{Duration, Instant};

pub struct FrameStats {
    started: Instant,
    first_frame: Option<Duration>,
    frame_times: Vec<f64>,
    last_drawcalls: u32,
}

impl FrameStats {
    pub fn new(started: Instant) -> FrameStats {
        FrameStats {
            started,
            first_frame: None,
            frame_times: Vec::new(),
            last_drawcalls: 0,
        }
    }

    /// Records one main-loop iteration that took `dt`, after which `presented` frames
    /// had been presented in all.
    pub fn record(&mut self, dt: Duration, presented: u64, drawcalls: u32) {
        if self.first_frame.is_none() && presented > 0 {
            self.first_frame = Some(self.started.elapsed());
        }
        self.frame_times.push(dt.as_secs_f64() * 1000.0);
        self.last_drawcalls = drawcalls;
    }

    pub fn report(&self) -> String {
        let mut t = self.frame_times.clone();
        t.sort_by(|a, b| a.total_cmp(b));
        let n = t.len();
        let pct = |p: f64| {
            if n == 0 {
                0.0
            } else {
                t[((n - 1) as f64 * p).round() as usize]
            }
        };
        let mean = if n == 0 {
            0.0
        } else {
            t.iter().sum::<f64>() / n as f64
        };
        let first = self
            .first_frame
            .map(|d| format!("{:.1} ms", d.as_secs_f64() * 1000.0))
            .unwrap_or_else(|| "none presented".into());
        format!(
            "engine stats: first frame presented after {first}; {n} frames; frame time mean {mean:.3} ms, \
             median {:.3} ms, p99 {:.3} ms, max {:.3} ms; draw calls in the last frame: {}",
            pct(0.5),
            pct(0.99),
            pct(1.0),
            self.last_drawcalls
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_report_percentiles() {
        let mut s = FrameStats::new(Instant::now());
        for i in 1..=100 {
            s.record(Duration::from_millis(i), 1, 3);
        }
        let r = s.report();
        assert!(r.contains("100 frames"), "{r}");
        assert!(r.contains("median 51.000 ms"), "{r}");
        assert!(r.contains("max 100.000 ms"), "{r}");
        assert!(r.contains("last frame: 3"), "{r}");
    }
}
