#!/bin/bash
# Renders a golden scene with LÖVE 11.4 and with the engine and writes them side by side
# (3x, nearest) to target/golden/NAME.love-vs-engine.png, printing how many pixels differ
# by more than 1%. Needs `love`, xvfb-run and ImageMagick; build the engine first.
#   tests/golden/love/compare.sh shapes
set -e
N=$1
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
ENGINE=${ENGINE:-${CARGO_TARGET_DIR:-$ROOT/target}/debug/engine}
OUT=$ROOT/target/golden
mkdir -p "$OUT"
(cd "$ROOT/tests/golden/love" && SCENE=$ROOT/tests/golden/scenes/$N.lua OUT=$OUT/$N.love.png \
    xvfb-run -a love . >/dev/null 2>&1)
"$ENGINE" run --headless --frames 1 --fixed-dt 0.016 --screenshot "$OUT/$N.engine.png" \
    "$ROOT/tests/golden/scenes/$N.lua" >/dev/null
montage "$OUT/$N.love.png" "$OUT/$N.engine.png" -tile 2x1 -geometry 480x360+6+6 -filter point \
    -background gray50 "$OUT/$N.love-vs-engine.png"
echo "$N: $(compare -metric AE -fuzz 1% "$OUT/$N.love.png" "$OUT/$N.engine.png" null: 2>&1) pixels differ (LÖVE screenshots are opaque)"
