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

/// The tests share one X server (pointer, focus): they run one at a time.
static X_SERVER: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Whether the X server, xdotool and a GPU adapter are there (else skip, or fail in CI).
fn ready() -> bool {
    if std::env::var_os("DISPLAY").is_none() && skip("DISPLAY is not set (is Xvfb running?)") {
        return false;
    }
    let has_xdotool = std::process::Command::new("xdotool")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_xdotool && skip("xdotool is not installed (apt-get install xdotool)") {
        return false;
    }
    gpu_available("input_windowed")
}

fn run_game(dir: &std::path::Path) -> String {
    let out = engine()
        .arg("run")
        .args(["--frames", "2000"])
        .arg(dir)
        .output()
        .expect("engine runs");
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {stdout}\nstderr: {}",
        text(&out.stderr)
    );
    stdout
}

fn expect_lines(stdout: &str, wanted: &[&str]) {
    for want in wanted {
        assert!(
            stdout.lines().any(|l| l == *want),
            "missing '{want}' in:\n{stdout}"
        );
    }
}

/// setPosition warps the real pointer (a click lands there); relative mode reports the
/// pointer's motion as deltas with the position held; monitors are listed.
#[test]
fn input_windowed_mouse_set_position_and_relative_mode() {
    if !ready() {
        return;
    }
    let dir = game(
        "input_windowed_mouse",
        &[
            (
                "conf.lua",
                "function love.conf(t) t.window.width = 200 t.window.height = 150 t.window.title = 'inputtest2' t.window.vsync = 0 end",
            ),
            (
                "main.lua",
                r##"
local frames = 0
local function log(...)
    local t = { ... }
    for i = 1, select("#", ...) do t[i] = tostring(t[i]) end
    print(table.concat(t, " "))
end
function love.mousepressed(x, y, b, t, p) log("mousepressed", x, y, b, p) end
function love.mousemoved(x, y, dx, dy) log("mousemoved", x, y, dx, dy) end
function love.update()
    frames = frames + 1
    love.timer.sleep(0.01)
    if frames == 5 then
        local w, h = love.window.getDesktopDimensions()
        log("desktop", w > 0 and h > 0, love.window.getDisplayCount() >= 1,
            #love.window.getFullscreenModes() >= 1, love.mouse.isCursorSupported())
        love.mouse.setPosition(50, 60)
    elseif frames == 15 then
        os.execute("xdotool search --sync --name '^inputtest2$' windowfocus --sync %1 click 1")
    elseif frames == 30 then
        love.mouse.setRelativeMode(true)
    elseif frames == 40 then
        os.execute("xdotool mousemove_relative 10 5")
    elseif frames == 80 then
        log("relative", love.mouse.getRelativeMode(), love.mouse.getPosition())
        love.event.quit()
    end
end
"##,
            ),
        ],
    );
    let _x = X_SERVER.lock().unwrap_or_else(|e| e.into_inner());
    let stdout = run_game(&dir);
    expect_lines(
        &stdout,
        &[
            "desktop true true true true",
            "mousepressed 50 60 1 1",
            "mousemoved 50 60 10 5",
            "relative true 50 60",
        ],
    );
}

#[test]
fn input_windowed_xdotool_keys_and_clicks() {
    if !ready() {
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
    let _x = X_SERVER.lock().unwrap_or_else(|e| e.into_inner());
    let stdout = run_game(&dir);
    expect_lines(
        &stdout,
        &[
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
        ],
    );
}

/// love.event.wait blocks in a window until an event arrives (here a key sent by xdotool
/// half a second later), and hands that event over; meanwhile no frame runs.
#[test]
fn input_windowed_event_wait_blocks_until_an_event() {
    if !ready() {
        return;
    }
    let dir = game(
        "input_windowed_wait",
        &[
            (
                "conf.lua",
                "function love.conf(t) t.window.width = 200 t.window.height = 150 t.window.title = 'waittest' t.window.vsync = 0 end",
            ),
            (
                "main.lua",
                r#"
function love.run()
    local n = 0
    return function()
        n = n + 1
        love.event.pump()
        for name in love.event.poll() do end
        if n == 10 then
            os.execute("(sleep 0.5; xdotool search --sync --name '^waittest$' windowfocus --sync %1 key x) &")
            local t0 = love.timer.getTime()
            local name, a, b = love.event.wait()
            -- Nothing is returned without an event (LÖVE's wait never returns nil).
            local empty = name == nil and 1 or 0
            while name ~= "keypressed" do
                name, a, b = love.event.wait()
                if name == nil then empty = empty + 1 end
            end
            print("waited", name, a, b, love.timer.getTime() - t0 >= 0.4, empty)
            return 0
        end
        love.timer.sleep(0.01)
        love.graphics.clear()
        love.graphics.present()
    end
end
"#,
            ),
        ],
    );
    let _x = X_SERVER.lock().unwrap_or_else(|e| e.into_inner());
    let stdout = run_game(&dir);
    expect_lines(&stdout, &["waited\tkeypressed\tx\tx\ttrue\t0"]);
}

/// showMessageBox opens a real dialog window (found by its title) and returns the button
/// chosen: Escape gives `escapebutton` (default the last), Return `enterbutton`, a click
/// the button under the pointer, closing the dialog 0; the simple form returns true.
#[test]
fn input_windowed_show_message_box_dialog() {
    if !ready() {
        return;
    }
    let dir = game(
        "input_windowed_messagebox",
        &[
            (
                "conf.lua",
                "function love.conf(t) t.window.width = 200 t.window.height = 150 t.window.title = 'mbtest' t.window.vsync = 0 end",
            ),
            (
                "main.lua",
                r#"
local function later(title, action)
    os.execute("(sleep 0.3; W=$(xdotool search --sync --name '^" .. title .. "$' | head -1); "
        .. action .. ") >/dev/null 2>&1 &")
end
local n = 0
function love.update()
    n = n + 1
    if n ~= 5 then return end
    later("mb1", "xdotool windowfocus --sync $W key Escape")
    print("escape", love.window.showMessageBox("mb1", "Escape?", {"A", "B", "C"}))
    later("mb2", "xdotool windowfocus --sync $W key Return")
    print("return", love.window.showMessageBox("mb2", "Return?", {"A", "B", "C", enterbutton = 2}, "error"))
    later("mb3", "eval $(xdotool getwindowgeometry --shell $W); "
        .. "xdotool mousemove --window $W $((WIDTH/2)) $((HEIGHT-32)) click 1")
    print("click", love.window.showMessageBox("mb3", "Click the button", {"Only"}))
    later("mb4", "xdotool windowclose $W")
    print("closed", love.window.showMessageBox("mb4", "Closed", {"A", "B"}))
    later("mb5", "xdotool windowfocus --sync $W key Return")
    print("simple", love.window.showMessageBox("mb5", "Simple", "warning"))
    love.event.quit()
end
"#,
            ),
        ],
    );
    let _x = X_SERVER.lock().unwrap_or_else(|e| e.into_inner());
    let stdout = run_game(&dir);
    expect_lines(
        &stdout,
        &[
            "escape\t3",
            "return\t2",
            "click\t1",
            "closed\t0",
            "simple\ttrue",
        ],
    );
}
