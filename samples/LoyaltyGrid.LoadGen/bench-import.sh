#!/usr/bin/env bash
# Measures Members.ImportMembers into PostgreSQL on this machine: a private server in a temporary directory (fsync and
# synchronous_commit left on, as in bench.sh) unless BENCH_POSTGRES holds a connection string, one silo, and the load
# generator's setup importing WARMUP_MEMBERS members (default 20000, not measured: the JIT's tiering) into one program,
# then MEMBERS members (default 200000) into a new program, then the same import again (every member unchanged).
#
#   bash samples/LoyaltyGrid.LoadGen/bench-import.sh
#   MEMBERS=1000000 bash samples/LoyaltyGrid.LoadGen/bench-import.sh
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
members=${MEMBERS:-200000}
warmup_members=${WARMUP_MEMBERS:-20000}
export LOYALTYGRID_API_KEY=${LOYALTYGRID_API_KEY:-bench-bootstrap-admin-key-$(date +%s)-0123456789}
tmp=$(mktemp -d /tmp/lg-bench-import.XXXXXX)
chmod 755 "$tmp"
silo_pid=""
pg_bin=""
cleanup() {
    [[ -n $silo_pid ]] && kill -9 "$silo_pid" 2>/dev/null || true
    if [[ -n $pg_bin && -d $tmp/pg ]]; then
        runuser -u postgres -- "$pg_bin/pg_ctl" -D "$tmp/pg" -m immediate stop >/dev/null 2>&1 || true
    fi
    [[ -n ${KEEP_TMP:-} ]] || rm -rf "$tmp"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "building (Release)..." >&2
dotnet build "$repo/silo/LoyaltyGrid.Silo" -c Release -v q -nologo >&2
dotnet build "$repo/samples/LoyaltyGrid.LoadGen" -c Release -v q -nologo >&2
silo_dll=$repo/silo/LoyaltyGrid.Silo/bin/Release/net10.0/LoyaltyGrid.Silo.dll
loadgen=$repo/samples/LoyaltyGrid.LoadGen/bin/Release/net10.0/LoyaltyGrid.LoadGen

if [[ -n ${BENCH_POSTGRES:-} ]]; then
    pg_connection=$BENCH_POSTGRES
else
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    pg_port=$(free_port)
    mkdir -p "$tmp/pg" && chown postgres "$tmp/pg" && touch "$tmp/pg.log" && chown postgres "$tmp/pg.log"
    runuser -u postgres -- "$pg_bin/initdb" -D "$tmp/pg" -A trust -U postgres -E UTF8 --locale=C >/dev/null
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$tmp/pg" -l "$tmp/pg.log" -w \
        -o "-p $pg_port -c listen_addresses=127.0.0.1 -c max_connections=200 -c unix_socket_directories=" start >/dev/null
    pg_connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Maximum Pool Size=50"
fi

url=http://127.0.0.1:$(free_port)
env LoyaltyGrid__Storage__Provider=PostgreSQL LoyaltyGrid__Storage__ConnectionString="$pg_connection" \
    LoyaltyGrid__Security__BootstrapKey="$LOYALTYGRID_API_KEY" \
    LoyaltyGrid__Clustering__SiloPort="$(free_port)" LoyaltyGrid__Clustering__GatewayPort="$(free_port)" \
    Logging__LogLevel__Default=Warning \
    dotnet "$silo_dll" --urls "$url" >"$tmp/silo.log" 2>&1 &
silo_pid=$!
for _ in $(seq 1 120); do
    "$loadgen" --url "$url" --scenario ping --requests 1 --warmup 0s --terminals 1 >/dev/null 2>&1 && break
    sleep 0.5
done

# CPU seconds of a process and its reaped children; for PostgreSQL the postmaster and every live backend.
tick=$(getconf CLK_TCK)
cpu_of() { awk -v t="$tick" '{ s += $14 + $15 + $16 + $17 } END { printf "%.2f", s / t }' "${@/#//proc/}" 2>/dev/null || echo 0; }
pg_pids() {
    if [[ -n $pg_bin ]]; then
        local master
        master=$(head -1 "$tmp/pg/postmaster.pid")
        echo "$master/stat" $(ps -o pid= --ppid "$master" | sed 's/ *$/\/stat/')
    fi
}
import() { # label
    local silo_before pg_before silo_after pg_after loadgen_cpu
    silo_before=$(cpu_of "$silo_pid/stat"); pg_before=$(cpu_of $(pg_pids))
    loadgen_cpu=$(python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{r.ru_utime + r.ru_stime:.2f}", file=sys.stderr)' \
        "$loadgen" --url "$url" --program "$program" --members "$members" --setup-only 2>&1 >/dev/null \
        | tee "$tmp/$1.log" | grep -E '^setup: imported|failed' >&2; tail -1 "$tmp/$1.log")
    silo_after=$(cpu_of "$silo_pid/stat"); pg_after=$(cpu_of $(pg_pids))
    awk -v n="$members" -v s="$(echo "$silo_after - $silo_before" | bc)" -v p="$(echo "$pg_after - $pg_before" | bc)" -v l="$loadgen_cpu" \
        'BEGIN { printf "cpu per member: silo %.1f us, postgres %.1f us, load generator %.1f us\n", 1e6*s/n, 1e6*p/n, 1e6*l/n }' >&2
}

if [[ $warmup_members -gt 0 ]]; then
    "$loadgen" --url "$url" --program "warmup-$(date +%s)" --members "$warmup_members" --setup-only >/dev/null 2>&1
fi
program=import-$(date +%s)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg); members=$members program=$program" >&2
echo "== import" >&2
import first
echo "== the same import again (every member unchanged)" >&2
import again
