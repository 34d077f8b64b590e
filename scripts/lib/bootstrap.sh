# Shared set-up for scripts/run and scripts/test; sourced, not executed.
#
# 1. On Debian/Ubuntu as root, installs the system packages Qt needs even
#    offscreen (libGL, libEGL, xkbcommon, fontconfig), a CJK font, the D-Bus
#    daemon and libnotify's notify-send, and Xvfb with a tray for screenshots.
# 2. Creates .venv and installs the project with its extras, once; re-installs
#    when pyproject.toml changes.

_sys_packages=(
    libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
    fonts-wqy-microhei dbus-daemon dbus-bin libnotify-bin libglib2.0-bin
    xvfb trayer xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
    python3-venv appstream desktop-file-utils
)

bootstrap_system() {
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local missing=() p
    for p in "${_sys_packages[@]}"; do
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

bootstrap_venv() {
    local extras="$1" py="${PYTHON:-python3}"
    local stamp=".venv/.installed-$extras"
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
}
