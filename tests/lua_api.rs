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
fn lua_api_thread() {
    run_lua_file("thread");
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
