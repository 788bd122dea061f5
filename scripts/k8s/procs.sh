# The test cluster's background processes (sourced by the start and stop scripts): each runs with its
# log in $PROC_DIR/log/NAME.log and its pid in $PROC_DIR/NAME.pid. The caller sets PROC_DIR (and TIMEOUT,
# seconds, for proc_wait_healthy) and defines log().

# proc_start NAME COMMAND...: runs a component in the background.
proc_start() {
  local name="$1"; shift
  mkdir -p "$PROC_DIR/log"
  nohup "$@" >"$PROC_DIR/log/$name.log" 2>&1 &
  echo $! >"$PROC_DIR/$name.pid"
}

# proc_wait_healthy NAME CHECK-COMMAND...: polls until the check passes; exits the script with the end of
# the component's log when it dies or is not healthy within TIMEOUT.
proc_wait_healthy() {
  local name="$1"; shift
  local deadline=$((SECONDS + TIMEOUT)) logfile="$PROC_DIR/log/$name.log"
  while [ "$SECONDS" -lt "$deadline" ]; do
    if "$@" >/dev/null 2>&1; then log "$name healthy (${SECONDS} s after start)"; return 0; fi
    if ! kill -0 "$(cat "$PROC_DIR/$name.pid")" 2>/dev/null; then
      log "$name exited during start-up; the end of its log ($logfile):"
      tail -n 30 "$logfile" >&2; exit 1
    fi
    sleep 0.2
  done
  log "$name not healthy after $TIMEOUT s; the end of its log ($logfile):"
  tail -n 30 "$logfile" >&2; exit 1
}

# proc_stop NAME: SIGTERM to the recorded pid, SIGKILL after 10 s; nothing when it does not run.
proc_stop() {
  local file="$PROC_DIR/$1.pid" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  log "$1 ($pid) still running after 10 s, killing it"
  kill -KILL "$pid" 2>/dev/null || true
}
