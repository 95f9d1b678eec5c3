//! Input through a real window: under an X server (CI starts Xvfb), xdotool sends real X
//! key and mouse events to the engine's window, and the game's callbacks must see LÖVE's
//! key and scancode names, typed text, and click coordinates with double-click counts.
//! Without a display or xdotool it fails in CI and skips elsewhere.

mod common;
use common::*;

fn skip(why: &str) -> bool {
    if in_ci() {
        panic!("input_windowed: {why} in CI");
    }
    eprintln!("skipping input_windowed: {why}");
    true
}

#[test]
fn input_windowed_xdotool_keys_and_clicks() {
    if std::env::var_os("DISPLAY").is_none() && skip("DISPLAY is not set (is Xvfb running?)") {
        return;
    }
    let has_xdotool = std::process::Command::new("xdotool")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_xdotool && skip("xdotool is not installed (apt-get install xdotool)") {
        return;
    }
    if !gpu_available("input_windowed") {
        return;
    }
    let dir = game(
        "input_windowed",
        &[
            (
                "conf.lua",
                "function love.conf(t) t.window.width = 200 t.window.height = 150 t.window.title = 'inputtest' t.window.vsync = 0 end",
            ),
            (
                "main.lua",
                r#"
local frames, sent_at = 0, nil
local function log(...) print(table.concat({...}, " ")) end
function love.keypressed(k, s, r) log("keypressed", k, s, tostring(r)) end
function love.keyreleased(k, s) log("keyreleased", k, s) end
function love.textinput(t) log("textinput", t) end
function love.mousepressed(x, y, b, t, p) log("mousepressed", x, y, b, tostring(t), p) end
function love.mousereleased(x, y, b) log("mousereleased", x, y, b) end
function love.update()
    frames = frames + 1
    love.timer.sleep(0.01)
    if frames == 20 then
        local ok = os.execute("xdotool search --sync --name '^inputtest$' windowfocus --sync %1 "
            .. "key --delay 50 a shift+b space "
            .. "mousemove --window %1 30 40 click --repeat 2 --delay 80 1")
        log("xdotool", tostring(ok == 0 or ok == true))
        sent_at = frames
    end
    if sent_at and frames == sent_at + 60 then
        log("isDown a", tostring(love.keyboard.isDown("a")))
        love.event.quit(0)
    end
end
"#,
            ),
        ],
    );
    let out = engine()
        .arg("run")
        .args(["--frames", "2000"])
        .arg(&dir)
        .output()
        .expect("engine runs");
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {stdout}\nstderr: {}",
        text(&out.stderr)
    );
    for want in [
        "xdotool true",
        "keypressed a a false",
        "textinput a",
        "keyreleased a a",
        "keypressed lshift lshift false",
        "keypressed b b false",
        "textinput B",
        "keypressed space space false",
        "textinput  ",
        "mousepressed 30 40 1 false 1",
        "mousereleased 30 40 1",
        "mousepressed 30 40 1 false 2",
        "isDown a false",
    ] {
        assert!(
            stdout.lines().any(|l| l == want),
            "missing '{want}' in:\n{stdout}"
        );
    }
}
