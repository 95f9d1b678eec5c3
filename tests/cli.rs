//! The `engine run` command line: bad inputs give one clear line and status 1, runtime
//! errors exit 1 with a traceback, quit statuses and overridden love.run are honoured.

mod common;
use common::*;
use std::io::Write;

#[test]
fn cli_missing_folder() {
    let out = run_headless(&["/no/such/game"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no game at '/no/such/game'"), "{err}");
}

#[test]
fn cli_folder_without_main() {
    let dir = game("nomain", &[("readme.txt", "hi")]);
    let out = run_headless(&[dir.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("has no main.lua"), "{err}");
}

#[test]
fn cli_syntax_error_in_main() {
    let dir = game(
        "syntax_main",
        &[(
            "main.lua",
            "local x = 1\nfunction love.draw(\n  x = = 2\nend\n",
        )],
    );
    let out = run_headless(&[dir.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("Syntax error: main.lua:3:"), "{err}");
}

#[test]
fn cli_syntax_error_in_conf() {
    let dir = game(
        "syntax_conf",
        &[
            ("main.lua", ""),
            ("conf.lua", "function love.conf(t)\n t.window.width = \nend"),
        ],
    );
    let out = run_headless(&[dir.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.starts_with("Syntax error: conf.lua:3:"), "{err}");
}

#[test]
fn cli_runtime_error_in_update_exits_1_with_traceback() {
    if !gpu_available("cli_runtime_error") {
        return;
    }
    let dir = game(
        "update_error",
        &[(
            "main.lua",
            "local n = 0\nfunction love.update(dt)\n  n = n + 1\n  if n == 3 then error('boom') end\nend\n",
        )],
    );
    let out = run_headless(&["--frames", "10", dir.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("Error: main.lua:4: boom"), "{err}");
    assert!(err.contains("stack traceback:"), "{err}");
    assert!(err.contains("main.lua:4: in function 'update'"), "{err}");
}

#[test]
fn cli_quit_status() {
    if !gpu_available("cli_quit_status") {
        return;
    }
    let dir = game(
        "quit3",
        &[("main.lua", "function love.update() love.event.quit(3) end")],
    );
    let out = run_headless(&["--frames", "10", dir.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn cli_frames_limit_exits_0_and_love_quit_is_called() {
    if !gpu_available("cli_frames") {
        return;
    }
    let dir = game(
        "frames",
        &[(
            "main.lua",
            "local n = 0\nfunction love.update() n = n + 1 end\n\
             function love.draw() love.graphics.rectangle('fill', 0, 0, 10, 10) end\n\
             function love.quit() print('quit after', n) end",
        )],
    );
    let out = run_headless(&["--frames", "4", dir.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // --frames stops the engine; it is not a quit event, so love.quit isn't called.
    assert!(!text(&out.stdout).contains("quit after"));
}

#[test]
fn cli_love_run_override_is_honoured() {
    if !gpu_available("cli_love_run") {
        return;
    }
    let dir = game(
        "custom_run",
        &[(
            "main.lua",
            "function love.run()\n  print('custom run')\n  local frames = 0\n  return function()\n    frames = frames + 1\n    print('frame', frames)\n    if frames == 3 then return 7 end\n  end\nend\n\
             function love.load() print('love.load must not be called by a custom love.run') end",
        )],
    );
    let out = run_headless(&[dir.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(7));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("custom run\nframe\t1\nframe\t2\nframe\t3\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("must not"));
}

#[test]
fn cli_love_file_and_single_lua_file() {
    if !gpu_available("cli_love_file") {
        return;
    }
    let dir = game("zipped", &[]);
    let path = dir.join("game.love");
    {
        let f = std::fs::File::create(&path).expect("create");
        let mut z = zip::ZipWriter::new(f);
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("main.lua", opts).expect("entry");
        z.write_all(b"local m = require('lib.mod')\nfunction love.load(a) print(m.hello, a[1]) love.event.quit(5) end")
            .expect("write");
        z.start_file("lib/mod.lua", opts).expect("entry");
        z.write_all(b"return { hello = 'hi from zip' }")
            .expect("write");
        z.finish().expect("finish");
    }
    let out = run_headless(&[path.to_str().expect("path"), "gamearg"]);
    assert_eq!(out.status.code(), Some(5), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("hi from zip\tgamearg"));

    let single = game(
        "single",
        &[("hello.lua", "print('single file') love.event.quit(4)")],
    );
    let out = run_headless(&[single.join("hello.lua").to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("single file"));
}

#[test]
fn cli_corrupt_love_file() {
    let dir = game("corrupt", &[("bad.love", "PK\u{3}\u{4}this is not a zip")]);
    let out = run_headless(&[dir.join("bad.love").to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("is not a valid .love file"), "{err}");
}

#[test]
fn cli_print_is_flushed_per_line() {
    if !gpu_available("cli_print") {
        return;
    }
    // Output before a crash must not be lost in a buffer.
    let dir = game(
        "printing",
        &[("main.lua", "print('before the crash')\nerror('crash')")],
    );
    let out = run_headless(&[dir.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("before the crash"));
    assert!(text(&out.stderr).contains("Error: main.lua:2: crash"));
}

#[test]
fn cli_rejects_bad_fixed_dt() {
    let out = run_headless(&["--fixed-dt", "0", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--fixed-dt must be a positive number"));
}

#[test]
fn cli_threaderror_event_reaches_callback() {
    if !gpu_available("cli_threaderror") {
        return;
    }
    let dir = game(
        "threaderror",
        &[(
            "main.lua",
            "local t = love.thread.newThread('error(\"in thread\")\\n')\n\
             function love.load() t:start() end\n\
             function love.threaderror(thread, err) print('threaderror', thread == t, err:match('^[^\\n]*')) love.event.quit(6) end",
        )],
    );
    let out = run_headless(&["--frames", "500", dir.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(6), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("threaderror\ttrue\tstring:1: in thread"),
        "{}",
        text(&out.stdout)
    );
}

/// Every example and game runs 10 headless frames cleanly (DESIGN: each example is run
/// headless in the tests).
#[test]
fn cli_examples_and_games_run_headless() {
    if !gpu_available("cli_examples") {
        return;
    }
    let root = repo_root();
    let mut failed = Vec::new();
    let mut count = 0;
    for folder in ["examples", "games"] {
        let mut dirs: Vec<_> = std::fs::read_dir(root.join(folder))
            .expect("folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.join("main.lua").is_file())
            .collect();
        dirs.sort();
        for d in dirs {
            count += 1;
            let out = run_headless(&[
                "--no-reload",
                "--frames",
                "10",
                "--fixed-dt",
                "0.016",
                d.to_str().expect("path"),
            ]);
            if out.status.code() != Some(0) {
                failed.push(format!("{}: {}", d.display(), text(&out.stderr)));
            }
        }
    }
    assert!(count >= 5, "found {count} examples and games");
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// A save written while the process is killed (SIGKILL) mid-write leaves the old contents
/// or the new ones, never a truncated file: writes go to a temp file, then rename.
#[test]
fn filesystem_write_is_atomic_under_kill() {
    if !gpu_available("atomic_write") {
        return;
    }
    let dir = game(
        "atomic",
        &[(
            "main.lua",
            "love.filesystem.setIdentity('atomic')\n\
             local big = {string.rep('A', 4 * 1024 * 1024), string.rep('B', 4 * 1024 * 1024)}\n\
             local n = 0\n\
             function love.update()\n\
               n = n + 1\n\
               love.filesystem.write('save.dat', big[n % 2 + 1])\n\
               if n == 2 then print('writing') io.stdout:flush() end\n\
             end",
        )],
    );
    let data_home = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("xdg-atomic");
    let _ = std::fs::remove_dir_all(&data_home);
    let save = data_home.join("love/atomic/save.dat");
    for attempt in 0..5u64 {
        let mut child = engine()
            .args(["run", "--headless", "--no-reload", "--frames", "100000"])
            .arg(&dir)
            .env("XDG_DATA_HOME", &data_home)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("engine starts");
        let mut out = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        std::io::BufRead::read_line(&mut out, &mut line).expect("read");
        assert!(line.contains("writing"), "{line}");
        std::thread::sleep(std::time::Duration::from_millis(37 + attempt * 23));
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        let bytes = std::fs::read(&save).expect("save exists");
        assert_eq!(
            bytes.len(),
            4 * 1024 * 1024,
            "attempt {attempt}: truncated save"
        );
        assert!(
            bytes.iter().all(|b| *b == bytes[0]),
            "attempt {attempt}: mixed contents"
        );
    }
}

/// LOVE: the main loop runs in a coroutine, as in LÖVE 11: coroutine.running() answers nil
/// there, and a coroutine.yield() from the loop ends the frame; the next frame resumes it.
#[test]
fn cli_main_loop_yield_ends_the_frame() {
    let dir = game(
        "mainloop_yield",
        &[(
            "main.lua",
            r##"
local frame = 0
function love.update()
    frame = frame + 1
    if frame == 1 then
        print("running", coroutine.running(), coroutine.isyieldable and coroutine.isyieldable())
        local co = coroutine.create(function() print("in task", coroutine.running() ~= nil) end)
        coroutine.resume(co)
        print("yield returns", select("#", coroutine.yield(5)))
        print("resumed in frame", frame)
    elseif frame == 3 then
        print("wait headless", love.event.wait())
        love.event.quit()
    end
end
function love.draw() print("draw", frame) end
"##,
        )],
    );
    let out = run_headless(&[dir.to_str().expect("path")]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "running\tnil\ttrue",
            "in task\ttrue",
            "yield returns\t0",
            // The yield ended frame 1 before its draw; frame 2 resumed it.
            "resumed in frame\t1",
            "draw\t1",
            "draw\t2",
            "wait headless",
            "draw\t3",
        ],
        "{stdout}"
    );
}

/// t.window.msaa: the screen is drawn multisampled (a triangle's sloped edges get partly
/// covered pixels); without it, every pixel is fully in or out.
#[test]
fn cli_window_msaa_smooths_edges() {
    let main = r#"
local n = 0
function love.draw()
    n = n + 1
    love.graphics.polygon("fill", 2, 30, 16, 2, 30, 25)
    if n == 2 then
        love.graphics.captureScreenshot(function(d)
            local greys = 0
            for y = 0, 31 do for x = 0, 31 do
                local r = d:getPixel(x, y)
                if r > 0.05 and r < 0.95 then greys = greys + 1 end
            end end
            print("greys", greys > 10, greys == 0)
            love.event.quit()
        end)
    end
end
"#;
    for (msaa, want) in [(4, "greys\ttrue\tfalse"), (0, "greys\tfalse\ttrue")] {
        let conf = format!("function love.conf(t) t.window.msaa = {msaa} end");
        let dir = game(
            &format!("window_msaa_{msaa}"),
            &[("conf.lua", conf.as_str()), ("main.lua", main)],
        );
        let out = run_headless(&[dir.to_str().expect("path")]);
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
        assert!(stdout.lines().any(|l| l == want), "msaa {msaa}: {stdout}");
    }
}

/// push.lua, STI and many games call love.window.setMode/updateMode in love.load, after
/// drawing has begun (a canvas, a readback). Headless, the screen target must follow the
/// new size: the old-sized frame was kept and every pass failed GPU validation.
#[test]
fn compat_setmode_in_load_resizes_the_headless_screen() {
    if !gpu_available("compat_setmode") {
        return;
    }
    let dir = game(
        "compat_setmode",
        &[(
            "main.lua",
            "function love.load()\n\
               local c = love.graphics.newCanvas(8, 8)\n\
               love.graphics.setCanvas(c); love.graphics.clear(1, 0, 0); love.graphics.setCanvas()\n\
               c:newImageData()\n\
               love.window.setMode(640, 480)\n\
               love.window.updateMode(700, 500)\n\
             end\n\
             function love.draw()\n\
               love.graphics.setColor(1, 0, 0)\n\
               love.graphics.rectangle('fill', 680, 480, 20, 20)\n\
             end",
        )],
    );
    let shot = dir.join("shot.png");
    let out = run_headless(&[
        "--frames",
        "3",
        "--screenshot",
        shot.to_str().expect("path"),
        dir.to_str().expect("path"),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("GPU error"), "{stderr}");
    let img = image::open(&shot).expect("screenshot").to_rgba8();
    assert_eq!(img.dimensions(), (700, 500));
    assert_eq!(img.get_pixel(695, 495).0, [255, 0, 0, 255]);
}

/// LÖVE warns (and still runs the game) when conf.lua's t.version is not compatible.
#[test]
fn compat_old_t_version_prints_loves_warning() {
    if !gpu_available("compat_version") {
        return;
    }
    let dir = game(
        "compat_version",
        &[
            ("conf.lua", "function love.conf(t) t.version = '0.10.2' end"),
            (
                "main.lua",
                "function love.update() print('ran') love.event.quit() end",
            ),
        ],
    );
    let out = run_headless(&["--frames", "3", dir.to_str().expect("path")]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        stdout.starts_with(
            "This game indicates it was made for version '0.10.2' of LOVE.\n\
             It may not be compatible with the running version (11.5).\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("ran"));
}
