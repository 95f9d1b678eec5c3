//! Runs every `tests/lua/*.lua` API test file in a fresh headless engine.

mod common;
use common::*;

fn run_lua_file(name: &str) {
    if !gpu_available(name) {
        return;
    }
    let path = repo_root().join("tests/lua").join(format!("{name}.lua"));
    let out = run_headless(&[
        "--fixed-dt",
        "0.25",
        "--frames",
        "5",
        path.to_str().expect("utf-8 path"),
        "alpha",
        "--beta",
    ]);
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
