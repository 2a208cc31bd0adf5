#!/usr/bin/env bash
# Measures the numbers in BENCHMARKS.md on this machine, in one run:
#   ping ceiling (Diagnostics.Ping: no grain, no storage), then RecordPurchase on each storage provider, in a
#   program without rules and in one with 4 tiers and 20 promotions (--rules), then GetMember.
#
#   bash samples/LoyaltyGrid.LoadGen/bench.sh                  # embedded and postgres, 64 terminals
#   TERMINALS=128 DURATION=30s bash samples/LoyaltyGrid.LoadGen/bench.sh postgres
#   RULES_FIRST=1 bash samples/LoyaltyGrid.LoadGen/bench.sh postgres   # the rules run before the plain one
#
# The second purchase run meets a bigger database and heap than the first, so to compare the two, repeat with
# RULES_FIRST unset and set and take medians.
#
# PostgreSQL: a private server in a temporary directory (fsync and synchronous_commit left on),
# unless BENCH_POSTGRES holds a connection string. Results (JSON) go to $OUT (default ./bench-results).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
providers=${*:-embedded postgres}
terminals=${TERMINALS:-64}
duration=${DURATION:-20s}
warmup=${WARMUP:-10s}
members=${MEMBERS:-10000}
out=${OUT:-$PWD/bench-results}
extra_env=${SILO_ENV:-}
rules_first=${RULES_FIRST:-}
mkdir -p "$out"
# The silo starts with this platform admin key; the load generator sets up with it and issues the tills' key.
export LOYALTYGRID_API_KEY=${LOYALTYGRID_API_KEY:-bench-bootstrap-admin-key-$(date +%s)-0123456789}
tmp=$(mktemp -d /tmp/lg-bench.XXXXXX)
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

start_postgres() { # sets pg_connection
    if [[ -n ${BENCH_POSTGRES:-} ]]; then
        pg_connection=$BENCH_POSTGRES
        return
    fi
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    local port
    port=$(free_port)
    mkdir -p "$tmp/pg" && chown postgres "$tmp/pg" && touch "$tmp/pg.log" && chown postgres "$tmp/pg.log"
    runuser -u postgres -- "$pg_bin/initdb" -D "$tmp/pg" -A trust -U postgres -E UTF8 --locale=C >/dev/null
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$tmp/pg" -l "$tmp/pg.log" -w \
        -o "-p $port -c listen_addresses=127.0.0.1 -c max_connections=200 -c unix_socket_directories=" start >/dev/null
    pg_connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Maximum Pool Size=50"
}

start_silo() { # provider storage-setting
    local url_port silo_port gateway_port
    url_port=$(free_port); silo_port=$(free_port); gateway_port=$(free_port)
    url=http://127.0.0.1:$url_port
    # shellcheck disable=SC2086
    env LoyaltyGrid__Storage__Provider="$1" "$2" LoyaltyGrid__Security__BootstrapKey="$LOYALTYGRID_API_KEY" \
        LoyaltyGrid__Clustering__SiloPort="$silo_port" LoyaltyGrid__Clustering__GatewayPort="$gateway_port" \
        Logging__LogLevel__Default=Warning $extra_env \
        dotnet "$silo_dll" --urls "$url" >"$tmp/silo-$1.log" 2>&1 &
    silo_pid=$!
    for _ in $(seq 1 120); do
        "$loadgen" --url "$url" --scenario ping --requests 1 --warmup 0s --terminals 1 >/dev/null 2>&1 && return
        sleep 0.5
    done
    cat "$tmp/silo-$1.log" >&2
    echo "the silo did not start" >&2
    exit 1
}

stop_silo() { kill -9 "$silo_pid"; wait "$silo_pid" 2>/dev/null || true; silo_pid=""; }

run() { # name scenario [args]
    local name=$1; shift
    echo >&2
    echo "== $name" >&2
    "$loadgen" --url "$url" --terminals "$terminals" --duration "$duration" --warmup "$warmup" \
        --members "$members" --json "$out/$name.json" "$@" | tee "$out/$name.txt"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); terminals=$terminals duration=$duration warmup=$warmup members=$members${rules_first:+ rules-first}" | tee "$out/machine.txt"
for provider in $providers; do
    program=bench-$(date +%s)
    case $provider in
        embedded) start_silo Embedded "LoyaltyGrid__Storage__DataDirectory=$tmp/data" ;;
        postgres) start_postgres; start_silo PostgreSQL "LoyaltyGrid__Storage__ConnectionString=$pg_connection" ;;
        *) echo "unknown provider $provider (embedded | postgres)" >&2; exit 2 ;;
    esac
    run "$provider-ping" --scenario ping
    if [[ -n $rules_first ]]; then
        run "$provider-purchase-rules" --scenario purchase --program "$program-rules" --rules
        run "$provider-purchase" --scenario purchase --program "$program"
    else
        run "$provider-purchase" --scenario purchase --program "$program"
        run "$provider-purchase-rules" --scenario purchase --program "$program-rules" --rules
    fi
    run "$provider-member" --scenario member --program "$program" --skip-setup
    stop_silo
done

echo
echo "summary (rps and ratio to the ping ceiling measured against the same silo):"
for provider in $providers; do
    ping=$(grep -E '^rps' "$out/$provider-ping.txt" | awk '{print $2}')
    purchase=$(grep -E '^rps' "$out/$provider-purchase.txt" | awk '{print $2}')
    member=$(grep -E '^rps' "$out/$provider-member.txt" | awk '{print $2}')
    p99=$(grep -E '^latency' "$out/$provider-purchase.txt" | sed -E 's/.*p99 ([0-9.]+).*/\1/')
    awk -v n="$provider" -v a="$ping" -v b="$purchase" -v m="$member" -v p="$p99" \
        'BEGIN { printf "  %-9s ping %7.0f rps   get-member %7.0f rps (%4.1f%%)   purchase %7.0f rps = %4.1f%% of ping, p99 %s ms\n", n, a, m, 100*m/a, b, 100*b/a, p }'
done
echo "rules (4 tiers, 20 promotions) against none, same silo${rules_first:+ (rules run first)}:"
for provider in $providers; do
    purchase=$(grep -E '^rps' "$out/$provider-purchase.txt" | awk '{print $2}')
    rules=$(grep -E '^rps' "$out/$provider-purchase-rules.txt" | awk '{print $2}')
    p99=$(grep -E '^latency' "$out/$provider-purchase.txt" | sed -E 's/.*p99 ([0-9.]+).*/\1/')
    p99_rules=$(grep -E '^latency' "$out/$provider-purchase-rules.txt" | sed -E 's/.*p99 ([0-9.]+).*/\1/')
    awk -v n="$provider" -v b="$purchase" -v r="$rules" -v p="$p99" -v q="$p99_rules" \
        'BEGIN { printf "  %-9s purchase %7.0f rps, p99 %s ms   with rules %7.0f rps, p99 %s ms   ratio %5.1f%%\n", n, b, p, r, q, 100*r/b }'
done
