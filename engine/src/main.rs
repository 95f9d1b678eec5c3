//! The `engine` command line. Parses arguments, then hands over to the library.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "engine", version, about = "Runs LÖVE 11.5 games (Lua) on wgpu")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a game: a folder with main.lua, a .love file, or a single Lua file.
    Run {
        /// No window, display or sound card: render offscreen.
        #[arg(long)]
        headless: bool,
        /// Stop after N frames (exit status 0 unless the game quits first).
        #[arg(long, value_name = "N")]
        frames: Option<u64>,
        /// Make every frame's dt exactly SECONDS (and love.timer.getTime virtual).
        #[arg(long, value_name = "SECONDS")]
        fixed_dt: Option<f64>,
        /// Save the last frame as a PNG (headless).
        #[arg(long, value_name = "FILE.png")]
        screenshot: Option<PathBuf>,
        /// Print frame-time figures when the engine exits (stderr).
        #[arg(long)]
        stats: bool,
        /// The game.
        path: PathBuf,
        /// Arguments for the game (love.load's first argument).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

/// Mesa probes Wayland through XDG_RUNTIME_DIR and prints an error when it is unset
/// (containers, CI, ssh). Give it a private directory so the probe stays quiet.
fn ensure_runtime_dir() {
    if std::env::var_os("XDG_RUNTIME_DIR").is_some() {
        return;
    }
    #[cfg(unix)]
    let owner = {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self")
            .map(|m| m.uid())
            .unwrap_or(0)
    };
    #[cfg(not(unix))]
    let owner = 0;
    let dir = std::env::temp_dir().join(format!("engine-runtime-{owner}"));
    if std::fs::create_dir_all(&dir).is_ok() {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
        }
        // SAFETY: called first thing in main, before any other thread exists.
        unsafe { std::env::set_var("XDG_RUNTIME_DIR", &dir) };
    }
}

fn main() {
    ensure_runtime_dir();
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Run {
            headless,
            frames,
            fixed_dt,
            screenshot,
            stats,
            path,
            args,
        } => {
            if let Some(dt) = fixed_dt
                && !(dt.is_finite() && dt > 0.0)
            {
                eprintln!("engine: --fixed-dt must be a positive number of seconds, got {dt}");
                std::process::exit(2);
            }
            if screenshot.is_some() && !headless {
                eprintln!("engine: --screenshot needs --headless");
                std::process::exit(2);
            }
            engine::run(engine::RunOptions {
                runtime: engine::runtime::Options {
                    path,
                    game_args: args,
                    headless,
                    fixed_dt,
                },
                frames,
                screenshot,
                stats,
            })
        }
    };
    std::process::exit(code);
}
