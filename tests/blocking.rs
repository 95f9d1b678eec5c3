//! Calls that block for as long as the game asked — socket waits, `socket.sleep`,
//! `socket.select`, `Channel:demand`/`supply`, `Thread:wait` — do not count as script
//! time: a game with `t.engine.execution_limit = 0.2` may block longer in each, and is
//! still stopped when it really runs away afterwards.

mod common;
use common::*;

#[test]
fn blocking_calls_exempt_from_execution_limit() {
    if !gpu_available("blocking_calls") {
        return;
    }
    let dir = game(
        "blocking_calls",
        &[
            (
                "conf.lua",
                "function love.conf(t) t.window.width = 64 t.window.height = 48 \
                 t.engine.execution_limit = 0.2 end",
            ),
            (
                "main.lua",
                r#"
local socket = require("socket")
function love.load()
    local server = assert(socket.bind("127.0.0.1", 0))
    local _, port = server:getsockname()
    local c = assert(socket.connect("127.0.0.1", port))
    local conn = server:accept()
    conn:settimeout(0.3)
    print("receive", conn:receive())
    server:settimeout(0.3)
    print("accept", server:accept())
    socket.sleep(0.3)
    print("select", select(3, socket.select({ conn }, nil, 0.3)))
    local u = socket.udp()
    u:setsockname("127.0.0.1", 0)
    u:settimeout(0.3)
    print("udp", u:receive())
    print("demand", love.thread.newChannel():demand(0.3))
    local t = love.thread.newThread("require('love.timer') love.timer.sleep(0.3)\n")
    t:start()
    t:wait()
    print("wait done")
    print("supply", love.thread.newChannel():supply(1, 0.3))
    love.event.quit()
end
"#,
            ),
        ],
    );
    let out = run_headless(&["--frames", "3", dir.to_str().expect("utf-8 path")]);
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert_eq!(
        stdout,
        "receive\tnil\ttimeout\t\naccept\tnil\ttimeout\nselect\ttimeout\nudp\tnil\ttimeout\n\
         demand\tnil\nwait done\nsupply\tfalse\n",
        "{stderr}"
    );
}
