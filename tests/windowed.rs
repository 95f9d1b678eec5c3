//! The windowed smoke test: under an X server (CI starts Xvfb), a real window opens,
//! draws, and a screenshot of the X display shows what the game drew. Without a display
//! it fails in CI and skips elsewhere.

mod common;
use common::*;

#[test]
fn windowed_smoke_window_opens_and_draws() {
    if std::env::var_os("DISPLAY").is_none() {
        if in_ci() {
            panic!("windowed smoke test: DISPLAY is not set in CI (is Xvfb running?)");
        }
        eprintln!("skipping windowed smoke test: no DISPLAY");
        return;
    }
    if !gpu_available("windowed_smoke") {
        return;
    }
    let shot = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("windowed-smoke.png");
    let _ = std::fs::remove_file(&shot);
    // The game draws a known picture, then after some frames captures the X screen with
    // ImageMagick's `import` and quits; the frames before it have been presented.
    let dir = game(
        "windowed",
        &[
            (
                "conf.lua",
                "function love.conf(t) t.window.width = 200 t.window.height = 150 t.window.title = 'smoke' end",
            ),
            (
                "main.lua",
                r#"
local frames, shot = 0, arg[2]
function love.load() love.graphics.setBackgroundColor(0, 0.5, 0) end
function love.draw()
    love.graphics.setColor(1, 0, 0)
    love.graphics.rectangle("fill", 50, 50, 100, 50)
end
function love.update()
    frames = frames + 1
    if frames == 30 then
        local ok = os.execute("import -window root '" .. shot .. "'")
        love.event.quit((ok == 0 or ok == true) and 0 or 9)
    end
end
"#,
            ),
        ],
    );
    let out = engine()
        .arg("run")
        .args(["--frames", "600"])
        .arg(&dir)
        .arg(&shot)
        .output()
        .expect("engine runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let img = image::open(&shot).expect("screenshot written").to_rgba8();
    let count = |want: [u8; 3]| {
        img.pixels()
            .filter(|p| (0..3).all(|i| p[i].abs_diff(want[i]) <= 2))
            .count()
    };
    let green = count([0, 128, 0]);
    let red = count([255, 0, 0]);
    // 200x150 window: 100x50 red rectangle, the rest background green.
    assert!(
        red >= 100 * 50 - 200 && red <= 100 * 50 + 200,
        "red pixels: {red}"
    );
    assert!(green >= 200 * 150 - 100 * 50 - 400, "green pixels: {green}");
}
