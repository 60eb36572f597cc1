#!/usr/bin/env bash
# Builds Caravan once and runs the whole test suite twice: on SQLite, then on a throwaway PostgreSQL cluster
# (127.0.0.1, a free port, removed on exit). Installs missing system packages with apt-get first.
# Prints a final line "N passed, N failed" (both runs summed) and fails if either run fails.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")" && pwd)"
cd "$ROOT"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\n==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs Debian packages, retrying once after `apt-get install -f` (a half-finished install has been seen to
# leave dpkg needing repair). Takes the package list as arguments.
apt_install() {
  [ "$#" -gt 0 ] || return 0
  log "apt-get install $*"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -q
  if ! as_root apt-get install -y -q --no-install-recommends "$@"; then
    log "apt-get install failed; repairing with apt-get install -f and retrying once"
    as_root apt-get install -y -q -f || true
    as_root apt-get install -y -q --no-install-recommends "$@"
  fi
}

# System packages the tests need. Extend here (e.g. `chromium` for browser tests): add a check and a package.
required_packages() {
  if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then echo postgresql; fi
  # Portal browser tests drive Debian's Chromium (Playwright, no browser download); a missing one fails them.
  if [ ! -x /usr/bin/chromium ]; then echo chromium; fi
  # Certificate PDFs: DejaVu fonts to render, pdftotext/pdftoppm and zbarimg to check text and QR code.
  if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then echo fonts-dejavu-core; fi
  if ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null; then echo poppler-utils; fi
  if ! command -v zbarimg >/dev/null; then echo zbar-tools; fi
}

mapfile -t MISSING < <(required_packages)
apt_install "${MISSING[@]}"

# --- Throwaway PostgreSQL cluster ---------------------------------------------------------------------------
PG_BIN="$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1)")"
PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/caravan-pg.XXXXXX")"
RESULTS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/caravan-test.XXXXXX")"

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR" "$RESULTS_DIR"
}
trap cleanup EXIT

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PG_PORT=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! port_in_use "$candidate"; then PG_PORT=$candidate; break; fi
done
[ -n "$PG_PORT" ] || { echo "no free port found for PostgreSQL" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DIR"; fi
log "PostgreSQL: initdb in $PG_DIR, port $PG_PORT"
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust >"$PG_DIR/initdb.log" 2>&1 \
  || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
# A disposable test cluster: durability settings are off to keep database creation per test fast.
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/data/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$PG_DIR/data/server.log" >&2; exit 1; }

# --- Build once, test twice ---------------------------------------------------------------------------------
log "dotnet build -c Release"
dotnet build Caravan.slnx -c Release

TOTAL_PASSED=0
TOTAL_FAILED=0
STATUS=0

# Runs the suite with the given provider; adds its totals (parsed from dotnet test's summary lines) to the sums.
run_tests() {
  local provider=$1
  local output="$RESULTS_DIR/$provider.log"
  log "dotnet test (CARAVAN_TEST_DB=$provider)"
  local rc=0
  if [ "$provider" = postgres ]; then
    CARAVAN_TEST_DB=postgres CARAVAN_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres" \
      dotnet test Caravan.slnx -c Release --no-build 2>&1 | tee "$output" || rc=$?
  else
    env -u CARAVAN_TEST_PG CARAVAN_TEST_DB=sqlite \
      dotnet test Caravan.slnx -c Release --no-build 2>&1 | tee "$output" || rc=$?
  fi
  local passed failed summaries
  summaries=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+' "$output" || true)
  passed=$(printf '%s\n' "$summaries" | sed -nE 's/.*Passed: +([0-9]+).*/\1/p' | awk '{s+=$1} END {print s+0}')
  failed=$(printf '%s\n' "$summaries" | sed -nE 's/Failed: +([0-9]+),.*/\1/p' | awk '{s+=$1} END {print s+0}')
  if [ -z "$summaries" ]; then
    echo "dotnet test ($provider) printed no test totals" >&2
    [ "$rc" -ne 0 ] || rc=1
  fi
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # The run failed without a failing test (crash, abort): count it as one failure so the summary says so.
    failed=1
  fi
  echo "$provider: $passed passed, $failed failed" >&2
  TOTAL_PASSED=$((TOTAL_PASSED + passed))
  TOTAL_FAILED=$((TOTAL_FAILED + failed))
  [ "$rc" -eq 0 ] || STATUS=1
}

run_tests sqlite
run_tests postgres

echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
exit "$STATUS"
