# Shared set-up for scripts/run and scripts/test; sourced, not executed.
#
# 1. On Debian/Ubuntu as root, installs the system packages Qt needs even
#    offscreen (libGL, libEGL, xkbcommon, fontconfig), a CJK font, the D-Bus
#    daemon and libnotify's notify-send, and Xvfb with a tray for screenshots.
# 2. Creates .venv and installs the project with its extras, once; re-installs
#    when pyproject.toml changes; the install finds the checkout by a plain path.

_sys_packages=(
    libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
    fonts-wqy-microhei dbus-daemon dbus-bin libnotify-bin libglib2.0-bin
    xvfb trayer xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
    python3-venv appstream desktop-file-utils
)

# The desktop tests (tests/desktop): real compositors, headless, and what drives them.
_desktop_test_packages=(
    sway swaybg xwayland grim wtype kwin-wayland mutter openbox weston
    plasma-wayland-protocols libgl1-mesa-dri at-spi2-core python3-pyatspi
)

# bootstrap_system [EXTRA_PACKAGE...]
bootstrap_system() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local missing=() p
    for p in "${_sys_packages[@]}" "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "popup-client: missing system packages: ${missing[*]}" >&2
        echo "popup-client: run as root, or: sudo apt-get install -y ${missing[*]}" >&2
        return 0
    fi
    echo "popup-client: installing system packages: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || true
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# As root, the virtual environment is made from the system's Python, which every
# user can run: the desktop tests run compositors (sway refuses root) and the app
# as an unprivileged user, with this same .venv. A root-only Python (pyenv under
# /root) would leave them unable to start it.
_venv_python() {
    if [ -n "${PYTHON:-}" ]; then echo "$PYTHON"; return; fi
    if [ "$(id -u)" -eq 0 ] && [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import venv, ensurepip' 2>/dev/null; then
        echo /usr/bin/python3; return
    fi
    echo python3
}

bootstrap_venv() {
    local extras="$1" py
    py="$(_venv_python)"
    local stamp=".venv/.installed-$extras"
    if [ "$(id -u)" -eq 0 ] && [ -f .venv/pyvenv.cfg ] && grep -q '^home = /root/' .venv/pyvenv.cfg; then
        echo "popup-client: re-creating .venv from $py (the desktop tests run it as another user)" >&2
        rm -rf .venv
    fi
    if [ ! -x .venv/bin/python ]; then
        echo "popup-client: creating .venv" >&2
        "$py" -m venv .venv
    fi
    if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
        echo "popup-client: installing Python packages into .venv ($extras)" >&2
        .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
        .venv/bin/python -m pip install -q -e ".[$extras]"
        touch "$stamp"
    fi
    _plain_editable_path
}

# setuptools' editable install puts an import hook in a .pth file: every start
# of Python in .venv (the app, each CLI command) imports it, and with it
# pathlib, urllib and fnmatch, about 10 ms before the first line of ours. A
# plain path entry (the checkout) finds the same package at no cost; the
# install's metadata (entry points, the pytest plugin) stays as it is.
_plain_editable_path() {
    local pth
    for pth in .venv/lib/python3*/site-packages/__editable__.popup_client-*.pth; do
        [ -f "$pth" ] || continue
        grep -q '^import ' "$pth" && printf '%s\n' "$PWD" > "$pth"
    done
    return 0
}
