//! Runs every `tests/lua/*.lua` API test file in a fresh headless engine.

mod common;
use common::*;

fn run_lua_file(name: &str) {
    if !gpu_available(name) {
        return;
    }
    let path = repo_root().join("tests/lua").join(format!("{name}.lua"));
    // Saves go to a private folder, never the user's real save directory.
    let data_home = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("xdg-{name}"));
    let _ = std::fs::remove_dir_all(&data_home);
    let out = run_headless_env(
        &[("XDG_DATA_HOME", data_home.to_str().expect("utf-8"))],
        &[
            "--fixed-dt",
            "0.25",
            "--frames",
            "5",
            path.to_str().expect("utf-8 path"),
            "alpha",
            "--beta",
        ],
    );
    let stdout = text(&out.stdout);
    print!("{stdout}");
    eprint!("{}", text(&out.stderr));
    assert!(
        stdout.contains(" passed, 0 failed"),
        "{name}.lua did not pass"
    );
    assert_eq!(out.status.code(), Some(0), "{name}.lua exit status");
}

#[test]
fn lua_api_core() {
    run_lua_file("core");
}

#[test]
fn lua_api_graphics() {
    run_lua_file("graphics");
}

#[test]
fn lua_api_canvas_formats() {
    run_lua_file("canvas_formats");
}

#[test]
fn lua_api_math() {
    run_lua_file("math");
}

#[test]
fn lua_api_data() {
    run_lua_file("data");
}

#[test]
fn lua_api_filesystem() {
    run_lua_file("filesystem");
}

#[test]
fn lua_api_utf8() {
    run_lua_file("utf8");
}

#[test]
fn lua_api_thread() {
    run_lua_file("thread");
}

#[test]
fn lua_api_image() {
    run_lua_file("image");
}

#[test]
fn lua_api_utf8_messages() {
    run_lua_file("utf8_messages");
}

#[test]
fn lua_api_socket() {
    run_lua_file("socket");
}

#[test]
fn lua_api_socket_http() {
    run_lua_file("socket_http");
}

/// Runs tests/lua/NAME.lua as the main file of a game that also holds tests/assets/audio
/// (as assets/audio), so the Lua tests can open real audio files.
fn run_lua_file_with_audio_assets(name: &str) {
    if !gpu_available(name) {
        return;
    }
    let root = repo_root();
    let lua = root.join("tests/lua");
    let read = |p: std::path::PathBuf| std::fs::read_to_string(&p).expect("test file");
    let main = read(lua.join(format!("{name}.lua")));
    let testlib = read(lua.join("testlib.lua"));
    let conf = read(lua.join("conf.lua"));
    let dir = game(
        &format!("lua-{name}"),
        &[
            ("main.lua", &main),
            ("testlib.lua", &testlib),
            ("conf.lua", &conf),
        ],
    );
    let assets = dir.join("assets/audio");
    std::fs::create_dir_all(&assets).expect("mkdir assets");
    for e in std::fs::read_dir(root.join("tests/assets/audio")).expect("assets") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), assets.join(e.file_name())).expect("copy asset");
    }
    let data_home = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("xdg-{name}"));
    let _ = std::fs::remove_dir_all(&data_home);
    let out = run_headless_env(
        &[("XDG_DATA_HOME", data_home.to_str().expect("utf-8"))],
        &[
            "--fixed-dt",
            "0.25",
            "--frames",
            "5",
            dir.to_str().expect("utf-8"),
        ],
    );
    let stdout = text(&out.stdout);
    print!("{stdout}");
    eprint!("{}", text(&out.stderr));
    assert!(
        stdout.contains(" passed, 0 failed"),
        "{name}.lua did not pass"
    );
    assert_eq!(out.status.code(), Some(0), "{name}.lua exit status");
}

#[test]
fn lua_api_audio() {
    run_lua_file_with_audio_assets("audio");
}

#[test]
fn lua_api_sound() {
    run_lua_file_with_audio_assets("sound");
}

#[test]
fn lua_api_physics() {
    run_lua_file("physics");
}

#[test]
fn lua_api_physics_sim() {
    run_lua_file("physics_sim");
}

#[test]
fn lua_api_keyboard() {
    run_lua_file("keyboard");
}

#[test]
fn lua_api_mouse() {
    run_lua_file("mouse");
}

#[test]
fn lua_api_window() {
    run_lua_file("window");
}

#[test]
fn lua_api_event() {
    run_lua_file("event");
}

#[test]
fn lua_api_timer() {
    run_lua_file("timer");
}

#[test]
fn lua_api_system() {
    run_lua_file("system");
}

#[test]
fn lua_api_joystick() {
    run_lua_file("joystick");
}

#[test]
fn lua_api_touch() {
    run_lua_file("touch");
}

#[test]
fn lua_api_input() {
    run_lua_file("input");
}

/// `love.event.quit("restart")` runs the game again in a fresh Lua state; a number quits
/// with that status; `love.quit` returning true cancels a quit.
#[test]
fn event_quit_restart_and_status() {
    if !gpu_available("event_quit_restart") {
        return;
    }
    let counter = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("restart-count.txt");
    let _ = std::fs::remove_file(&counter);
    let dir = game(
        "event_restart",
        &[(
            "main.lua",
            r#"
local path = arg[2]
local f = io.open(path, "r")
local n = f and tonumber(f:read("*a")) or 0
if f then f:close() end
n = n + 1
f = io.open(path, "w") f:write(tostring(n)) f:close()
assert(rawget(_G, "leftover") == nil, "fresh Lua state")
leftover = true
local cancelled = false
function love.quit()
    if not cancelled then cancelled = true print("quit cancelled") return true end
end
function love.update()
    if n == 1 then love.event.quit("restart") else love.event.quit(7) end
end
"#,
        )],
    );
    let out = run_headless(&[
        "--frames",
        "50",
        dir.to_str().expect("utf-8"),
        counter.to_str().expect("utf-8"),
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(7),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&counter).expect("counter written"),
        "2"
    );
    // love.quit cancels the first quit of each run.
    assert_eq!(stdout.matches("quit cancelled").count(), 2, "{stdout}");
}

#[test]
fn lua_api_tasks() {
    run_lua_file("tasks");
}

#[test]
fn lua_api_graphics_objects() {
    run_lua_file("graphics_objects");
}

#[test]
fn lua_api_graphics_shapes() {
    run_lua_file("graphics_shapes");
}

#[test]
fn lua_api_graphics_targets() {
    run_lua_file("graphics_targets");
}

#[test]
fn lua_api_font() {
    run_lua_file("font");
}

#[test]
fn lua_api_text() {
    run_lua_file("text");
}

#[test]
fn lua_api_font_module() {
    run_lua_file("font_module");
}

#[test]
fn lua_api_particles() {
    run_lua_file("particles");
}

#[test]
fn lua_api_shader() {
    run_lua_file("shader");
}

#[test]
fn lua_api_graphics_mesh() {
    run_lua_file("graphics_mesh");
}

#[test]
fn lua_api_graphics_jit() {
    run_lua_file("graphics_jit");
}

#[test]
fn lua_api_texture_types() {
    run_lua_file("texture_types");
}
