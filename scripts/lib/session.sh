# A desktop session for scripts/run on a machine that has none; sourced, not executed.
#
# session_start_display: a virtual display (Xvfb, on the first free display
#   number, which it reports when it is ready) with a tray (trayer); exports DISPLAY.
# session_start_bus: a private D-Bus session bus (dbus-daemon), when there is
#   no session bus; exports DBUS_SESSION_BUS_ADDRESS.
# session_export_line: the line to paste into another terminal to talk to
#   this session (notify-send, gdbus, popup-client ctl).
# Each adds the processes it starts to session_helpers; session_stop ends them.

session_helpers=()

# Whether a session bus can be reached: its address is set, or the user's bus socket exists.
session_has_bus() {
    [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && return 0
    [ -S "${XDG_RUNTIME_DIR:-/run/user/$(id -u)}/bus" ]
}

session_start_display() {
    local dir number=""
    dir="$(mktemp -d)"
    mkfifo "$dir/displayfd"
    # Its own session (setsid): a Ctrl-C in this terminal is for the app, which quits before its display goes.
    setsid Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$dir/displayfd" >/dev/null 2>&1 &
    session_helpers+=($!)
    read -r -t 15 number <"$dir/displayfd" || true
    rm -rf "$dir"
    if [ -z "$number" ]; then
        echo "popup-client: error: the virtual display (Xvfb) did not start" >&2
        return 1
    fi
    export DISPLAY=":$number"
    echo "popup-client: no display; started a virtual one (Xvfb $DISPLAY)" >&2
    if command -v trayer >/dev/null 2>&1; then
        setsid trayer --edge top --align right --widthtype request >/dev/null 2>&1 &
        session_helpers+=($!)
        echo "popup-client: with a tray (trayer)" >&2
    fi
}

session_start_bus() {
    local out
    if ! out="$(dbus-daemon --session --fork --print-address=1 --print-pid=1 2>/dev/null)"; then
        echo "popup-client: warning: no D-Bus session bus, and dbus-daemon could not start one: notify-send will not reach the app" >&2
        return 0
    fi
    export DBUS_SESSION_BUS_ADDRESS="${out%%$'\n'*}"
    session_helpers+=("${out##*$'\n'}")
    echo "popup-client: no D-Bus session bus; started a private one (ended with this script)" >&2
}

session_export_line() {
    local line="export"
    [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && line+=" DBUS_SESSION_BUS_ADDRESS=$(printf '%q' "$DBUS_SESSION_BUS_ADDRESS")"
    [ -n "${DISPLAY:-}" ] && line+=" DISPLAY=$(printf '%q' "$DISPLAY")"
    [ -n "${POPUP_CLIENT_SOCKET:-}" ] && line+=" POPUP_CLIENT_SOCKET=$(printf '%q' "$POPUP_CLIENT_SOCKET")"
    echo "$line"
}

session_stop() {
    [ ${#session_helpers[@]} -eq 0 ] || kill "${session_helpers[@]}" 2>/dev/null || true
}
