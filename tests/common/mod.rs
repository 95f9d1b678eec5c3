//! Helpers shared by the integration tests: run the engine binary, make games on disk,
//! decide whether a missing GPU or display is a failure (CI) or a skip (elsewhere).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn engine() -> Command {
    Command::new(env!("CARGO_BIN_EXE_engine"))
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("engine/ has a parent")
        .to_path_buf()
}

/// Output of `engine run --headless ARGS...`.
pub fn run_headless(args: &[&str]) -> Output {
    engine()
        .arg("run")
        .arg("--headless")
        .args(args)
        .output()
        .expect("engine binary runs")
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh folder under the target dir holding the given files.
pub fn game(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("games")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create game dir");
    for (path, body) in files {
        let p = dir.join(path);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(p, body).expect("write game file");
    }
    dir
}

pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// True when a GPU adapter (hardware or software) can be opened. Without one, tests that
/// need it fail in CI and skip elsewhere, saying why.
pub fn gpu_available(test: &str) -> bool {
    match engine::graphics::gpu::Gpu::headless(4, 4) {
        Ok(_) => true,
        Err(e) => {
            if in_ci() {
                panic!("{test}: no GPU adapter in CI: {e}");
            }
            eprintln!("skipping {test}: {e}");
            false
        }
    }
}
