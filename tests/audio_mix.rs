//! The audio mix, checked sample by sample through the headless capture path:
//! `engine run --headless --fixed-dt DT --audio-out mix.wav`. The offline mixer runs at
//! 44100 Hz on the virtual clock, so these results are the same on every machine.

mod common;
use common::*;
use std::path::PathBuf;

const RATE: f64 = 44100.0;

/// Runs `main.lua` headless for `frames` frames of `dt` and returns the captured mix
/// as (left, right) channels, plus stdout.
fn mix(name: &str, main: &str, frames: u32, dt: f64) -> (Vec<f32>, Vec<f32>, String) {
    // No window: the mix needs no GPU.
    let conf = "function love.conf(t) t.window = false end";
    let dir = game(name, &[("main.lua", main), ("conf.lua", conf)]);
    let wav: PathBuf = dir.join("mix.wav");
    let out = engine()
        .args(["run", "--headless", "--fixed-dt", &dt.to_string()])
        .args(["--frames", &frames.to_string(), "--audio-out"])
        .arg(&wav)
        .arg(&dir)
        .output()
        .expect("engine runs");
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(!stderr.contains("ALSA"), "no ALSA noise: {stderr}");
    let bytes = std::fs::read(&wav).expect("mix.wav written");
    assert_eq!(&bytes[0..4], b"RIFF");
    assert_eq!(u16::from_le_bytes([bytes[22], bytes[23]]), 2, "stereo");
    assert_eq!(
        u32::from_le_bytes([bytes[24], bytes[25], bytes[26], bytes[27]]),
        44100
    );
    let data = &bytes[44..];
    let (mut l, mut r) = (Vec::new(), Vec::new());
    for f in data.chunks_exact(4) {
        l.push(i16::from_le_bytes([f[0], f[1]]) as f32 / 32767.0);
        r.push(i16::from_le_bytes([f[2], f[3]]) as f32 / 32767.0);
    }
    (l, r, stdout)
}

fn peak(s: &[f32]) -> f32 {
    s.iter().fold(0.0, |m, x| m.max(x.abs()))
}

/// Frequency by upward zero crossings.
fn freq(s: &[f32]) -> f64 {
    let ups = s.windows(2).filter(|w| w[0] <= 0.0 && w[1] > 0.0).count();
    ups as f64 / (s.len() as f64 / RATE)
}

/// A Lua helper that builds a mono sine SoundData of `secs` seconds at 44100 Hz.
const SINE: &str = r#"
local function sine(hz, secs, amp)
    local n = math.floor(44100 * secs)
    local sd = love.sound.newSoundData(n, 44100, 16, 1)
    for i = 0, n - 1 do sd:setSample(i, (amp or 1) * math.sin(2 * math.pi * hz * i / 44100)) end
    return sd
end
"#;

#[test]
fn audio_mix_volume_half_440hz() {
    let main = format!(
        "{SINE}
        function love.load()
            local s = love.audio.newSource(sine(440, 1), 'static')
            s:setVolume(0.5)
            s:play()
        end"
    );
    let (l, r, _) = mix("mix-volume", &main, 20, 0.05);
    assert_eq!(
        l.len(),
        44100,
        "one second at 44100 Hz, in step with 20 frames of 0.05 s"
    );
    let body = &l[2000..40000];
    assert!((peak(body) - 0.5).abs() < 0.002, "peak {}", peak(body));
    assert!((freq(body) - 440.0).abs() < 3.0, "freq {}", freq(body));
    assert_eq!(l, r, "a centred mono source is the same in both ears");
}

#[test]
fn audio_mix_pitch_doubles_frequency() {
    let main = format!(
        "{SINE}
        function love.load()
            local s = love.audio.newSource(sine(440, 2), 'static')
            s:setPitch(2)
            s:play()
        end"
    );
    let (l, _, _) = mix("mix-pitch", &main, 20, 0.05);
    let body = &l[2000..40000];
    assert!((freq(body) - 880.0).abs() < 5.0, "freq {}", freq(body));
    // Two seconds of data at pitch 2 last one second.
    assert!(peak(&l[44100 - 200..44100 - 100]) > 0.5);
}

#[test]
fn audio_mix_two_sources_sum() {
    let main = format!(
        "{SINE}
        function love.load()
            local a = love.audio.newSource(sine(440, 1, 0.25), 'static')
            local b = a:clone()
            love.audio.play(a, b)
        end"
    );
    let (l, _, _) = mix("mix-sum", &main, 10, 0.05);
    let body = &l[1000..20000];
    assert!((peak(body) - 0.5).abs() < 0.002, "peak {}", peak(body));
}

#[test]
fn audio_mix_looping_source_loops() {
    let main = format!(
        "{SINE}
        function love.load()
            local s = love.audio.newSource(sine(440, 0.1), 'static')
            s:setLooping(true)
            s:play()
        end"
    );
    let (l, _, _) = mix("mix-loop", &main, 20, 0.05);
    // 0.1 s of 440 Hz (44 whole cycles) loops seamlessly: still playing at the end.
    assert!(peak(&l[40000..44000]) > 0.99);
    assert!(
        (freq(&l[0..44000]) - 441.0).abs() < 2.0,
        "freq {}",
        freq(&l)
    );
}

#[test]
fn audio_mix_stop_silences_within_a_block() {
    let main = format!(
        "{SINE}
        local s, frame = nil, 0
        function love.load()
            s = love.audio.newSource(sine(440, 2), 'static')
            s:play()
        end
        function love.update(dt)
            frame = frame + 1
            if frame == 5 then s:stop() end
        end"
    );
    let (l, _, _) = mix("mix-stop", &main, 10, 0.05);
    // Frame k steps the clock to k*0.05, runs update, then renders the mix up to that
    // time: the stop in frame 5 silences everything after frame 4's end (0.20 s).
    let stop_at = (4.0 * 0.05 * RATE) as usize;
    assert!(
        peak(&l[stop_at - 2000..stop_at]) > 0.9,
        "playing before stop"
    );
    assert_eq!(
        peak(&l[stop_at + 512..]),
        0.0,
        "silent one 512-frame block after stop"
    );
}

#[test]
fn audio_mix_pan_left_silences_right() {
    let main = format!(
        "{SINE}
        function love.load()
            local s = love.audio.newSource(sine(440, 1), 'static')
            s:setPosition(-1, 0, 0)
            s:play()
        end"
    );
    let (l, r, _) = mix("mix-pan", &main, 10, 0.05);
    assert!(peak(&l) > 0.99);
    assert_eq!(peak(&r), 0.0);
}

#[test]
fn audio_mix_stream_plays_file() {
    let dir = repo_root().join("tests/assets/audio/long.ogg");
    let main = format!(
        "function love.load()
            local f = assert(io.open('{}', 'rb'))
            local bytes = f:read('*a'); f:close()
            -- the stream is read from the game folder, so copy it there first
            local out = assert(io.open(love.filesystem.getSource() .. '/long.ogg', 'wb'))
            out:write(bytes); out:close()
            local s = love.audio.newSource('long.ogg', 'stream')
            s:play()
        end",
        dir.display()
    );
    let (l, _, _) = mix("mix-stream", &main, 20, 0.05);
    let body = &l[4000..40000];
    assert!((freq(body) - 220.0).abs() < 3.0, "freq {}", freq(body));
    assert!((peak(body) - 0.3).abs() < 0.05, "peak {}", peak(body));
}

/// A thousand short sounds a second for five seconds: no error, no stutter in the
/// mix, and memory that stays flat. Prints the figures.
#[test]
fn audio_stress_thousand_sounds_a_second() {
    let main = format!(
        "{SINE}
        local sd, t, played = nil, 0, 0
        local function rss()
            for line in io.lines('/proc/self/status') do
                local kb = line:match('^VmRSS:%s+(%d+)')
                if kb then return tonumber(kb) end
            end
            return 0
        end
        local rss1
        function love.load() sd = sine(1000, 0.05, 0.01) end
        function love.update(dt)
            t = t + dt
            for i = 1, 10 do
                local s = love.audio.newSource(sd, 'static')
                s:setPitch(0.5 + (played % 7) * 0.25)
                s:play()
                played = played + 1
            end
            if math.abs(t - 1) < 1e-9 then collectgarbage(); rss1 = rss() end
            if math.abs(t - 5) < 1e-9 then
                collectgarbage()
                print(string.format('played %d, active %d, rss_1s_kb %d, rss_5s_kb %d, lua_kb %d',
                    played, love.audio.getActiveSourceCount(), rss1, rss(), collectgarbage('count')))
            end
        end"
    );
    let t0 = std::time::Instant::now();
    let (l, _, out) = mix("mix-stress", &main, 500, 0.01);
    eprintln!(
        "stress: {} (wall {:.2?} for 5 s of audio)",
        out.trim(),
        t0.elapsed()
    );
    assert!(out.contains("played 5000"), "{out}");
    let field = |name: &str| -> i64 {
        out.split(name)
            .nth(1)
            .and_then(|r| r.trim_start().split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(-1)
    };
    let (rss1, rss5) = (field("rss_1s_kb"), field("rss_5s_kb"));
    assert!(rss1 > 0 && rss5 > 0, "{out}");
    assert!(
        rss5 - rss1 < 8 * 1024,
        "memory grew from {rss1} KB to {rss5} KB"
    );
    // No stutter: the mix never drops out while sounds keep starting (10 every 10 ms).
    assert_eq!(l.len(), 5 * 44100);
    for (i, w) in l[441..].chunks(441).enumerate() {
        assert!(peak(w) > 0.005, "silent 10 ms block at {i}");
    }
}

#[test]
fn audio_example_runs_headless() {
    if !gpu_available("audio_example_runs_headless") {
        return;
    }
    let ex = repo_root().join("examples/audio");
    let out = run_headless(&["--frames", "10", ex.to_str().expect("utf-8 path")]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "headless audio is silent: {stderr}");
}

#[test]
fn audio_mix_echo_effect_repeats_after_the_sound() {
    let main = format!(
        "{SINE}
        function love.load()
            love.audio.setEffect('e', {{ type = 'echo', delay = 0.1, tapdelay = 0, feedback = 0.5 }})
            local s = love.audio.newSource(sine(440, 0.05), 'static')
            s:setEffect('e')
            s:play()
        end"
    );
    let (l, _, _) = mix("mix-echo", &main, 10, 0.05);
    let dry_end = (0.05 * RATE) as usize;
    assert!(peak(&l[..dry_end]) > 0.9, "dry sound");
    // The echo arrives 0.1 s later, well after the 0.05 s sound ended.
    let echo = peak(&l[(0.12 * RATE) as usize..(0.15 * RATE) as usize]);
    assert!(echo > 0.1, "echo {echo}");
}

#[test]
fn audio_mix_lowpass_filter_cuts_highs() {
    let main = format!(
        "{SINE}
        function love.load()
            local a = love.audio.newSource(sine(12000, 1), 'static')
            a:setFilter({{ type = 'lowpass', highgain = 0 }})
            a:play()
        end"
    );
    let (l, _, _) = mix("mix-lowpass", &main, 10, 0.05);
    let p = peak(&l[4000..20000]);
    assert!(
        p < 0.35,
        "12 kHz through a lowpass with highgain 0: peak {p}"
    );
}

#[test]
fn audio_mix_queue_plays_buffers_in_order() {
    let main = format!(
        "{SINE}
        function love.load()
            local q = love.audio.newQueueableSource(44100, 16, 1, 2)
            q:queue(sine(441, 0.1, 0.5))
            q:queue(sine(882, 0.1, 0.25))
            q:play()
        end"
    );
    let (l, _, _) = mix("mix-queue", &main, 10, 0.05);
    let a = &l[200..4300];
    let b = &l[4610..8600];
    assert!(
        (peak(a) - 0.5).abs() < 0.01 && (freq(a) - 441.0).abs() < 15.0,
        "{} {}",
        peak(a),
        freq(a)
    );
    assert!(
        (peak(b) - 0.25).abs() < 0.01 && (freq(b) - 882.0).abs() < 25.0,
        "{} {}",
        peak(b),
        freq(b)
    );
    assert_eq!(peak(&l[8900..]), 0.0, "silent once the queue ran dry");
}
