#!/usr/bin/env bash
# Runs the whole LoyaltyGrid test suite against private, throw-away
# PostgreSQL and Redis instances.  See tests/README.md.
#
#   bash tests/run.sh                       # everything
#   bash tests/run.sh --filter "FullyQualifiedName~Ledger"
#
# Environment overrides (all optional):
#   LOYALTYGRID_TEST_SOLUTION   solution/project to test (default LoyaltyGrid.sln,
#                               relative paths are relative to the repo root)
#   LOYALTYGRID_TEST_PG_PORT    first PostgreSQL port to try (default 55432)
#   LOYALTYGRID_TEST_REDIS_PORT first Redis port to try      (default 56379)
#   LOYALTYGRID_TEST_PG_MAX_CONNECTIONS  (default 300)
#   LOYALTYGRID_TEST_RESULTS_DIR  if set, the .trx files are copied there
#
# The last line printed is always "<P> passed, <F> failed[, <S> skipped]".
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/.." && pwd)
cd "$repo_root"

solution=${LOYALTYGRID_TEST_SOLUTION:-LoyaltyGrid.sln}
pg_port_start=${LOYALTYGRID_TEST_PG_PORT:-55432}
redis_port_start=${LOYALTYGRID_TEST_REDIS_PORT:-56379}
pg_max_connections=${LOYALTYGRID_TEST_PG_MAX_CONNECTIONS:-300}
startup_timeout=60

export DOTNET_NOLOGO=${DOTNET_NOLOGO:-1}
export DOTNET_CLI_TELEMETRY_OPTOUT=${DOTNET_CLI_TELEMETRY_OPTOUT:-1}

log() { printf '[run.sh] %s\n' "$*" >&2; }
die() { printf '[run.sh] ERROR: %s\n' "$*" >&2; exit 1; }

is_root=0
if [[ $(id -u) -eq 0 ]]; then is_root=1; fi

# --------------------------------------------------------------------------
# 1. Locate (or install) PostgreSQL server binaries and redis-server.
# --------------------------------------------------------------------------
find_pg_bindir() {
    local d best=""
    # Highest installed major version that has a complete server.
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
        if [[ -x $d/initdb && -x $d/pg_ctl && -x $d/postgres && -x $d/psql && -x $d/pg_isready ]]; then
            best=$d
        fi
    done
    if [[ -z $best ]] && command -v pg_config >/dev/null 2>&1; then
        d=$(pg_config --bindir 2>/dev/null || true)
        [[ -n $d && -x $d/initdb && -x $d/pg_ctl && -x $d/postgres && -x $d/psql && -x $d/pg_isready ]] && best=$d
    fi
    if [[ -z $best ]] && command -v initdb >/dev/null 2>&1; then
        d=$(dirname "$(command -v initdb)")
        [[ -x $d/pg_ctl && -x $d/postgres && -x $d/psql && -x $d/pg_isready ]] && best=$d
    fi
    [[ -n $best ]] || return 1
    printf '%s\n' "$best"
}

have_redis() { command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; }

missing_pkgs=()
find_pg_bindir >/dev/null || missing_pkgs+=(postgresql)
have_redis || missing_pkgs+=(redis-server)

if ((${#missing_pkgs[@]})); then
    if ((is_root)) && command -v apt-get >/dev/null 2>&1; then
        log "installing missing packages: ${missing_pkgs[*]}"
        # Debian's postinst may start a system cluster / redis on the default
        # ports; we never use those, so that is harmless.
        DEBIAN_FRONTEND=noninteractive apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing_pkgs[@]}"
    else
        die "missing ${missing_pkgs[*]} and cannot install (need root + apt-get). Install them and retry."
    fi
fi

pg_bindir=$(find_pg_bindir) || die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin"
have_redis || die "redis-server / redis-cli not found"
redis_server=$(command -v redis-server)
redis_cli=$(command -v redis-cli)
psql_bin=$pg_bindir/psql
log "using PostgreSQL binaries from $pg_bindir ($("$pg_bindir/postgres" --version))"
log "using $("$redis_server" --version | cut -d' ' -f1-3)"

# PostgreSQL refuses to run as root: run it as the 'postgres' OS user then.
if ((is_root)); then
    pg_user=postgres
    if ! id -u "$pg_user" >/dev/null 2>&1; then
        log "creating system user '$pg_user'"
        useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
    fi
    as_pg() { (cd / && runuser -u "$pg_user" -- "$@"); }
else
    pg_user=$(id -un)
    as_pg() { (cd / && "$@"); }
fi

# --------------------------------------------------------------------------
# 2. Temp dir + cleanup trap.
# --------------------------------------------------------------------------
tmp=""
pg_data=""
pg_started=0
redis_pid=""

cleanup() {
    # Idempotent and quiet; called explicitly before the summary and again
    # from the EXIT trap (Ctrl-C, errors, ...).
    set +e
    if [[ -n $redis_pid ]]; then
        if kill -0 "$redis_pid" 2>/dev/null; then
            kill "$redis_pid" 2>/dev/null
            for _ in $(seq 1 50); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.2; done
            kill -9 "$redis_pid" 2>/dev/null
        fi
        wait "$redis_pid" 2>/dev/null
        redis_pid=""
    fi
    if ((pg_started)) && [[ -n $pg_data && -f $pg_data/postmaster.pid ]]; then
        local pm_pid
        pm_pid=$(head -n1 "$pg_data/postmaster.pid" 2>/dev/null)
        as_pg "$pg_bindir/pg_ctl" -D "$pg_data" stop -m fast -w -t 30 >/dev/null 2>&1 ||
            as_pg "$pg_bindir/pg_ctl" -D "$pg_data" stop -m immediate -w -t 30 >/dev/null 2>&1
        # A clean shutdown removes postmaster.pid; if it is still there, force it.
        if [[ -n $pm_pid && -f $pg_data/postmaster.pid ]] && kill -0 "$pm_pid" 2>/dev/null; then
            kill -9 "$pm_pid" 2>/dev/null
            sleep 1
        fi
    fi
    pg_started=0
    if [[ -n $tmp && -d $tmp ]]; then
        rm -rf "$tmp"
    fi
    tmp=""
    set -e
}
on_exit() {
    local rc=$?
    trap - EXIT
    cleanup
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

make_tmp() {
    local base=${TMPDIR:-/tmp}
    local d
    d=$(mktemp -d "$base/loyaltygrid-test.XXXXXX" 2>/dev/null) || d=$(mktemp -d /tmp/loyaltygrid-test.XXXXXX)
    # The postgres user must be able to reach it, and unix socket paths are
    # limited to ~107 bytes; fall back to /tmp otherwise.
    if ((${#d} > 60)) || { ((is_root)) && ! runuser -u "$pg_user" -- test -x "$(dirname "$d")"; }; then
        rm -rf "$d"
        d=$(mktemp -d /tmp/loyaltygrid-test.XXXXXX)
    fi
    printf '%s\n' "$d"
}
tmp=$(make_tmp)
chmod 0700 "$tmp"
mkdir -p "$tmp/results" "$tmp/redis"
# Root can still use the directory; the postgres user owns it.
chown "$pg_user" "$tmp"
pg_data=$tmp/pgdata
log "temp dir: $tmp"

# --------------------------------------------------------------------------
# 3. Free-port helper.
# --------------------------------------------------------------------------
port_in_use() {
    local p=$1
    if command -v ss >/dev/null 2>&1; then
        local listening
        listening=$(ss -Hltn "sport = :$p" 2>/dev/null || true)
        if [[ -n $listening ]]; then return 0; fi
    fi
    if timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$p" 2>/dev/null; then return 0; fi
    return 1
}
next_free_port() {
    local p=$1 limit=$(($1 + 200))
    while ((p < limit)); do
        if ! port_in_use "$p"; then
            printf '%s\n' "$p"
            return 0
        fi
        p=$((p + 1))
    done
    return 1
}

# --------------------------------------------------------------------------
# 4. PostgreSQL.
# --------------------------------------------------------------------------
log "initdb ..."
if ! as_pg "$pg_bindir/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C \
    >"$tmp/initdb.log" 2>&1; then
    cat "$tmp/initdb.log" >&2
    die "initdb failed"
fi

pg_port=""
try_port=$pg_port_start
for _attempt in $(seq 1 10); do
    try_port=$(next_free_port "$try_port") || die "no free port for PostgreSQL from $pg_port_start"
    # Our settings live in an include file rewritten on every attempt (fsync stays at its default, on).
    cat >"$pg_data/loyaltygrid.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $try_port
unix_socket_directories = '$tmp'
max_connections = $pg_max_connections
logging_collector = off
EOF
    grep -q "^include_if_exists = 'loyaltygrid.conf'" "$pg_data/postgresql.conf" ||
        echo "include_if_exists = 'loyaltygrid.conf'" >>"$pg_data/postgresql.conf"
    chown "$pg_user" "$pg_data/loyaltygrid.conf"
    pg_started=1
    if as_pg "$pg_bindir/pg_ctl" -D "$pg_data" -l "$tmp/postgres.log" -w -t "$startup_timeout" start \
        >/dev/null 2>&1; then
        pg_port=$try_port
        break
    fi
    if grep -qiE 'address already in use|could not create any TCP/IP sockets' "$tmp/postgres.log" 2>/dev/null; then
        log "port $try_port became busy, trying the next one"
        as_pg "$pg_bindir/pg_ctl" -D "$pg_data" stop -m immediate >/dev/null 2>&1 || true
        : >"$tmp/postgres.log"
        try_port=$((try_port + 1))
        continue
    fi
    cat "$tmp/postgres.log" >&2 || true
    die "PostgreSQL did not start within ${startup_timeout}s (log above)"
done
[[ -n $pg_port ]] || die "could not start PostgreSQL on any port from $pg_port_start"

deadline=$((SECONDS + startup_timeout))
until "$pg_bindir/pg_isready" -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres; do
    if ((SECONDS >= deadline)); then
        cat "$tmp/postgres.log" >&2 || true
        die "PostgreSQL on 127.0.0.1:$pg_port not accepting connections after ${startup_timeout}s"
    fi
    sleep 0.5
done
log "PostgreSQL listening on 127.0.0.1:$pg_port"

PGCONNECT_TIMEOUT=10 "$psql_bin" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
    -c 'CREATE DATABASE loyaltygrid_test' >/dev/null ||
    die "could not create database loyaltygrid_test"

# --------------------------------------------------------------------------
# 5. Redis.
# --------------------------------------------------------------------------
redis_port=""
try_port=$redis_port_start
for _attempt in $(seq 1 10); do
    try_port=$(next_free_port "$try_port") || die "no free port for Redis from $redis_port_start"
    : >"$tmp/redis.log"
    "$redis_server" --bind 127.0.0.1 --port "$try_port" --save '' --appendonly no --daemonize no \
        --dir "$tmp/redis" --logfile "$tmp/redis.log" </dev/null >/dev/null 2>&1 &
    redis_pid=$!
    redis_port=$try_port
    deadline=$((SECONDS + startup_timeout))
    ok=0
    while ((SECONDS < deadline)); do
        kill -0 "$redis_pid" 2>/dev/null || break
        # Make sure the answer comes from *our* redis-server, not from some
        # other instance that grabbed the port first.
        info=$("$redis_cli" -h 127.0.0.1 -p "$try_port" info server 2>/dev/null || true)
        if grep -qx "process_id:$redis_pid" <<<"${info//$'\r'/}"; then
            ok=1
            break
        fi
        sleep 0.2
    done
    ((ok)) && break
    if ! kill -0 "$redis_pid" 2>/dev/null && grep -qiE 'address already in use' "$tmp/redis.log"; then
        wait "$redis_pid" 2>/dev/null || true
        redis_pid=""
        log "port $try_port became busy, trying the next one"
        try_port=$((try_port + 1))
        continue
    fi
    cat "$tmp/redis.log" >&2 || true
    die "redis-server on 127.0.0.1:$try_port not answering PING after ${startup_timeout}s (log above)"
done
((ok)) || die "could not start redis-server on any port from $redis_port_start"
log "Redis listening on 127.0.0.1:$redis_port (pid $redis_pid)"

# --------------------------------------------------------------------------
# 6. Run the tests.
# --------------------------------------------------------------------------
export LOYALTYGRID_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=loyaltygrid_test;Pooling=true;Maximum Pool Size=50"
export LOYALTYGRID_TEST_REDIS="127.0.0.1:$redis_port"
log "LOYALTYGRID_TEST_POSTGRES=$LOYALTYGRID_TEST_POSTGRES"
log "LOYALTYGRID_TEST_REDIS=$LOYALTYGRID_TEST_REDIS"

# The end-to-end suite also drives the silo from Node.js (samples/node-client).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if ((is_root)); then
        log "installing nodejs and npm for the Node.js client test"
        DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >&2
    else
        die "node and npm are needed for the Node.js client test"
    fi
fi
log "npm ci in samples/node-client"
(cd samples/node-client && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci in samples/node-client failed"

results=$tmp/results
test_rc=0
log "dotnet test $solution -c Release $*"
dotnet test "$solution" -c Release --logger "trx" --results-directory "$results" "$@" </dev/null || test_rc=$?
log "dotnet test exit code: $test_rc"

# --------------------------------------------------------------------------
# 7. Summarise the .trx files (grep/sed/awk only).
# --------------------------------------------------------------------------
counter() { # counter <name> <counters-element>
    local v
    v=$(printf '%s\n' "$2" | sed -n "s/.*[[:space:]]$1=\"\([0-9][0-9]*\)\".*/\1/p")
    printf '%s\n' "${v:-0}"
}

passed=0 failed=0 skipped=0 ntrx=0
while IFS= read -r -d '' trx; do
    counters=$(tr '\r\n' '  ' <"$trx" | grep -o '<Counters[[:space:]][^>]*>' | head -n1 || true)
    [[ -n $counters ]] || { log "no <Counters> in $(basename "$trx")"; continue; }
    ntrx=$((ntrx + 1))
    c_total=$(counter total "$counters")
    c_executed=$(counter executed "$counters")
    c_passed=$(counter passed "$counters")
    c_failed=$(counter failed "$counters")
    c_error=$(counter error "$counters")
    c_timeout=$(counter timeout "$counters")
    c_aborted=$(counter aborted "$counters")
    c_notexec=$(counter notExecuted "$counters")
    passed=$((passed + c_passed))
    failed=$((failed + c_failed + c_error + c_timeout + c_aborted))
    # Skipped tests show up as total - executed (and/or notExecuted).
    s=$((c_total - c_executed))
    if ((c_notexec > s)); then s=$c_notexec; fi
    if ((s > 0)); then skipped=$((skipped + s)); fi
done < <(find "$results" -type f -name '*.trx' -print0 2>/dev/null)

if [[ -n ${LOYALTYGRID_TEST_RESULTS_DIR:-} ]] && ((ntrx)); then
    mkdir -p "$LOYALTYGRID_TEST_RESULTS_DIR"
    find "$results" -type f -name '*.trx' -exec cp -f {} "$LOYALTYGRID_TEST_RESULTS_DIR"/ \;
    log "trx files copied to $LOYALTYGRID_TEST_RESULTS_DIR"
fi

# Stop the servers and delete the temp dir now, so that nothing is printed
# after the summary line.
cleanup

if ((ntrx == 0)); then
    log "no .trx results were produced (build failure, no test project, or nothing matched the filter?)"
    echo "0 passed, 1 failed"
    exit $((test_rc != 0 ? test_rc : 1))
fi

if ((test_rc != 0 && failed == 0)); then
    # e.g. a test project failed to build or its test host crashed.
    log "dotnet test failed (exit $test_rc) but no failing test was recorded; counting 1 failure"
    failed=1
fi

summary="$passed passed, $failed failed"
if ((skipped > 0)); then summary+=", $skipped skipped"; fi
echo "$summary"

if ((test_rc == 0 && failed == 0 && passed > 0)); then
    exit 0
fi
exit $((test_rc != 0 ? test_rc : 1))
