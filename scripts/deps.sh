#!/usr/bin/env bash
# Installs the system packages the engine needs to build, run and test on Debian/Ubuntu.
# Sourced by scripts/demo and scripts/test. Uses sudo when not root; prints the exact
# command when it cannot install.
BUILD_PKGS="build-essential pkg-config libasound2-dev libudev-dev"
RUN_PKGS="mesa-vulkan-drivers libvulkan1 libegl1 libegl-mesa0 libgl1-mesa-dri libx11-6 libx11-xcb1 libxcursor1 libxrandr2 libxi6 libxkbcommon-x11-0 libudev1"
TEST_PKGS="xvfb imagemagick xdotool"

engine_install_packages() {
    local want="$BUILD_PKGS $RUN_PKGS $*" missing=""
    for p in $want; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        if [ -n "$sudo" ] && ! command -v sudo >/dev/null; then
            echo "missing packages; run as root: apt-get update && apt-get install -y$missing" >&2
            return 1
        fi
        echo "installing:$missing" >&2
        $sudo apt-get update -qq >&2 &&
            DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >&2 || {
            echo "could not install packages; run: sudo apt-get update && sudo apt-get install -y$missing" >&2
            return 1
        }
    fi
    if ! command -v cargo >/dev/null; then
        [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
    fi
    if ! command -v cargo >/dev/null; then
        echo "Rust is not installed; install it with: curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y" >&2
        return 1
    fi
    # Mesa probes Wayland through XDG_RUNTIME_DIR; give it a private one if unset.
    if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
        export XDG_RUNTIME_DIR="${TMPDIR:-/tmp}/engine-xdg-$(id -u)"
        mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
    fi
}
