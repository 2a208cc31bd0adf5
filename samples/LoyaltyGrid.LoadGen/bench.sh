#!/usr/bin/env bash
# Measures the numbers in BENCHMARKS.md on this machine, in one run:
#   ping ceiling (Diagnostics.Ping: no grain, no storage), then RecordPurchase on each storage provider, in a
#   program without rules and in one with 4 tiers and 20 promotions (--rules), then GetMember, then an open-loop
#   purchase run at a fixed rate (--rate, latency from the schedule), then a rebuild of the insights projection from
#   the whole journal (--scenario rebuild: events/s and CPU per event). On PostgreSQL it then stops the silo and runs
#   the same purchase scenario against samples/LoyaltyGrid.Baseline (Orleans' AdoNet grain storage, one
#   WriteStateAsync per purchase) on the same PostgreSQL server. Every run reports the CPU per request of the silo
#   (or baseline host), PostgreSQL and the load generator.
#
#   bash samples/LoyaltyGrid.LoadGen/bench.sh                  # embedded and postgres, 64 terminals
#   TERMINALS=128 DURATION=30s bash samples/LoyaltyGrid.LoadGen/bench.sh postgres
#   RULES_FIRST=1 bash samples/LoyaltyGrid.LoadGen/bench.sh postgres   # the rules run before the plain one
#   RATE=2000 bash samples/LoyaltyGrid.LoadGen/bench.sh postgres       # open-loop rate (default 1000/s)
#   WARM_RUN=0 bash samples/LoyaltyGrid.LoadGen/bench.sh postgres      # no unrecorded warm-up runs on the new silo (default 30s each)
#   STATE=1 bash samples/LoyaltyGrid.LoadGen/bench.sh postgres         # only the state-size scenario (below)
#   ENGAGEMENT=1 bash samples/LoyaltyGrid.LoadGen/bench.sh              # plain purchase with and without segments and messages (below)
#   CATCHUP=1 bash samples/LoyaltyGrid.LoadGen/bench.sh                 # CPU per journal event of the messages projection catching up
#   LARGE=1 bash samples/LoyaltyGrid.LoadGen/bench.sh                   # plain purchase across 1,000,000 members against 10,000 (below)
#
# The second purchase run meets a bigger database and heap than the first, so to compare the two, repeat with
# RULES_FIRST unset and set and take medians.
#
# The last line is, for PostgreSQL (or the only provider run):
#   ratios purchase/ping=R p99_ms=P rules/plain=Q lg/baseline=B
# R = plain purchase rps / ping rps, P = plain purchase p99 (ms), Q = rules rps / plain rps, B = plain purchase rps /
# baseline purchase rps (n/a without PostgreSQL). The line before it is the open-loop run's p99.
#
# STATE=1 runs only --scenario state-size, on a fresh silo per provider (default postgres): live heap per member
# after MEMBERS (default 20000) members made 10 purchases each, then one member's HISTORY (default 5000) purchases,
# its snapshot size and reactivation time. Its last line is that of the last provider run:
#   state bytes_per_member=B snapshot_bytes=S reactivation_ms=R purchase_latency_ratio=Q
#
# ENGAGEMENT=1 runs only the plain purchase, on PostgreSQL, ROUNDS times (default 2) each way, alternating which goes
# first: "without" on a silo whose messages projection is off (LoyaltyGrid__Messages__Enabled=false) and a program
# without segments; "with" on a silo with it on and a program set up with --engagement (six segments, a messaging
# policy, push consent for every member). Each run has its own fresh silo and its own ping. Its last line is
#   engagement with/without=Q ping_normalised=N
# Q = median over rounds of (with rps / without rps); N the same with each rps divided by its own silo's ping.
#
# LARGE=1 imports LARGE_MEMBERS (default 1000000) members into a second program of one silo and runs the plain purchase
# across all of them (most purchases activate their member), across the large program's first MEMBERS members (active
# after a warm-up: the larger database alone) and across a program of MEMBERS (10,000), ROUNDS times each (default 2),
# alternating. Its last line is
#   large large/small=Q hot/small=H import_per_s=I
# Q and H = medians over rounds of (rps across all / the first MEMBERS of the large program ÷ rps across the small one),
# I = the import's members/s.
#
# PostgreSQL: a private server in a temporary directory (fsync and synchronous_commit left on),
# unless BENCH_POSTGRES holds a connection string (then its CPU is not measured). Results (JSON) go to $OUT
# (default ./bench-results). SILO_ENV adds environment settings to the silo, BASELINE_ENV to the baseline host.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
state=${STATE:-}
providers=${*:-embedded postgres}
[[ -n $state ]] && providers=${*:-postgres}
terminals=${TERMINALS:-64}
duration=${DURATION:-20s}
warmup=${WARMUP:-10s}
members=${MEMBERS:-10000}
[[ -n $state ]] && members=${MEMBERS:-20000}
history=${HISTORY:-5000}
out=${OUT:-$PWD/bench-results}
extra_env=${SILO_ENV:-}
baseline_env=${BASELINE_ENV:-}
rules_first=${RULES_FIRST:-}
rate=${RATE:-1000}
warm_run=${WARM_RUN:-30s}
mkdir -p "$out"
# The silo starts with this platform admin key; the load generator sets up with it and issues the tills' key.
export LOYALTYGRID_API_KEY=${LOYALTYGRID_API_KEY:-bench-bootstrap-admin-key-$(date +%s)-0123456789}
tmp=$(mktemp -d /tmp/lg-bench.XXXXXX)
chmod 755 "$tmp"
silo_pid=""
pg_bin=""
pg_pid=""
watch_pg=""
runs=()

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
[[ " $providers " == *" postgres "* && -z $state ]] && dotnet build "$repo/samples/LoyaltyGrid.Baseline" -c Release -v q -nologo >&2
silo_dll=$repo/silo/LoyaltyGrid.Silo/bin/Release/net10.0/LoyaltyGrid.Silo.dll
baseline_dll=$repo/samples/LoyaltyGrid.Baseline/bin/Release/net10.0/LoyaltyGrid.Baseline.dll
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
    pg_pid=$(head -1 "$tmp/pg/postmaster.pid") # the postmaster; its backends are its children
    pg_connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Maximum Pool Size=50"
}

start_host() { # log-name dll [NAME=value ...]; sets url and silo_pid
    local name=$1 dll=$2 url_port
    shift 2
    url_port=$(free_port)
    url=http://127.0.0.1:$url_port
    env Logging__LogLevel__Default=Warning "$@" dotnet "$dll" --urls "$url" >"$tmp/$name.log" 2>&1 &
    silo_pid=$!
    for _ in $(seq 1 120); do
        "$loadgen" --url "$url" --scenario ping --requests 1 --warmup 0s --terminals 1 >/dev/null 2>&1 && return
        sleep 0.5
    done
    cat "$tmp/$name.log" >&2
    echo "$name did not start" >&2
    exit 1
}

start_silo() { # provider storage-setting [NAME=value ...]
    local silo_port gateway_port
    silo_port=$(free_port); gateway_port=$(free_port)
    # shellcheck disable=SC2086
    start_host "silo-$1" "$silo_dll" LoyaltyGrid__Storage__Provider="$1" "$2" LoyaltyGrid__Security__BootstrapKey="$LOYALTYGRID_API_KEY" \
        LoyaltyGrid__Clustering__SiloPort="$silo_port" LoyaltyGrid__Clustering__GatewayPort="$gateway_port" "${@:3}" $extra_env
}

start_baseline() { # on the PostgreSQL server the silo used; creates its AdoNet tables itself
    local silo_port gateway_port
    silo_port=$(free_port); gateway_port=$(free_port)
    # shellcheck disable=SC2086
    start_host baseline "$baseline_dll" Baseline__ConnectionString="$pg_connection" \
        Baseline__SiloPort="$silo_port" Baseline__GatewayPort="$gateway_port" $baseline_env
}

stop_silo() { kill -9 "$silo_pid"; wait "$silo_pid" 2>/dev/null || true; silo_pid=""; }

run() { # name scenario [args]
    local name=$1; shift
    local cpu=(--cpu-pid "silo=$silo_pid")
    [[ -n $watch_pg ]] && cpu+=(--cpu-pid "postgres=$watch_pg")
    runs+=("$name")
    echo >&2
    echo "== $name" >&2
    "$loadgen" --url "$url" --terminals "$terminals" --duration "$duration" --warmup "$warmup" \
        --members "$members" --json "$out/$name.json" "${cpu[@]}" "$@" | tee "$out/$name.txt"
}

# Before anything is measured on a new silo: a plain and a rules purchase run in programs of their own, not recorded
# (WARM_RUN each, default 30s; 0 to skip), so that tiered JIT, the activations and the projections' first passes are not
# paid by whichever measured run comes first (BENCHMARKS.md: a fresh silo's first 30 s). Each ends once the insights
# projection has caught up, so the ping after them is not measured beside a projection draining.
warm_up() {
    [[ $warm_run == 0 || $warm_run == 0s ]] && return
    echo >&2
    echo "== warm-up (not recorded): plain and rules purchases, $warm_run each" >&2
    "$loadgen" --url "$url" --terminals "$terminals" --duration "$warm_run" --warmup 0s --members "$members" \
        --scenario purchase --program "warm-$(date +%s)" >/dev/null
    "$loadgen" --url "$url" --terminals "$terminals" --duration "$warm_run" --warmup 0s --members "$members" \
        --scenario purchase --program "warm-rules-$(date +%s)" --rules >/dev/null
}

rps() { grep -E '^rps' "$out/$1.txt" | awk '{print $2}'; }
p99() { grep -E '^latency' "$out/$1.txt" | sed -E 's/.*p99 ([0-9.]+).*/\1/'; }
cpu_of() { grep -E '^cpu us/(req|event)' "$out/$1.txt" | tr ' ' '\n' | sed -n "s/^$2=//p"; } # run process

if [[ -n $state ]]; then
    echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); state-size members=$members history=$history" | tee "$out/machine.txt"
    for provider in $providers; do
        case $provider in
            embedded) start_silo Embedded "LoyaltyGrid__Storage__DataDirectory=$tmp/data" ;;
            postgres) start_postgres; start_silo PostgreSQL "LoyaltyGrid__Storage__ConnectionString=$pg_connection" ;;
            *) echo "unknown provider $provider (embedded | postgres)" >&2; exit 2 ;;
        esac
        echo >&2
        echo "== $provider-state" >&2
        "$loadgen" --url "$url" --scenario state-size --program "state-$(date +%s)" --members "$members" --history "$history" \
            --json "$out/$provider-state.json" | tee "$out/$provider-state.txt"
        stop_silo
    done
    echo
    for provider in $providers; do echo "  $provider: $(grep -E '^state ' "$out/$provider-state.txt")"; done
    grep -E '^state ' "$out/${providers##* }-state.txt"
    exit 0
fi

if [[ -n ${CATCHUP:-} ]]; then
    # The messages projection alone, measured by what it costs per journal event rather than by a rate: a purchase run
    # (the --engagement program) with the projection off, then a fresh silo with it on (and the insights one, caught up, off)
    # catching up; the CPU of the silo and of PostgreSQL between 10% and 90% of the journal (JIT and start-up left out).
    echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); messages catch-up terminals=$terminals duration=$duration members=$members" | tee "$out/machine.txt"
    start_postgres
    watch_pg=$pg_pid
    pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$pg_connection")
    sql() { "$pg_bin/psql" -X -qtA -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -c "$1"; }
    ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; } # user + system, clock ticks
    pg_ticks() { local t; t=$(ticks "$pg_pid"); for c in $(ps --ppid "$pg_pid" -o pid=); do t=$((t + $(ticks "$c"))); done; echo "$t"; }
    start_silo PostgreSQL "LoyaltyGrid__Storage__ConnectionString=$pg_connection" LoyaltyGrid__Messages__Enabled=false
    run catchup-load --scenario purchase --program "bench-catchup-$(date +%s)" --engagement
    stop_silo
    total=$(sql "SELECT count(*) FROM lg_events")
    start_silo PostgreSQL "LoyaltyGrid__Storage__ConnectionString=$pg_connection" LoyaltyGrid__Insights__Enabled=false
    at() { sql "SELECT COALESCE((SELECT events FROM lg_messages_checkpoint WHERE projection = 'messages'), 0)"; }
    until (( $(at) >= total / 10 )); do sleep 0.2; done
    e0=$(at); s0=$(ticks "$silo_pid"); g0=$(pg_ticks); t0=$(date +%s.%N)
    # TRACE=1: a CPU sample trace of the silo for 8 s of the catch-up (dotnet-trace), then its top methods.
    [[ -n ${TRACE:-} ]] && dotnet-trace collect -p "$silo_pid" --duration 00:00:00:08 -o "$out/catchup.nettrace" >/dev/null 2>&1 &
    until (( $(at) >= total * 9 / 10 )); do sleep 0.2; done
    e1=$(at); s1=$(ticks "$silo_pid"); g1=$(pg_ticks); t1=$(date +%s.%N)
    hz=$(getconf CLK_TCK)
    outbox=$(sql "SELECT count(*) FROM lg_messages_outbox")
    stop_silo
    awk -v e=$((e1 - e0)) -v s=$((s1 - s0)) -v g=$((g1 - g0)) -v hz="$hz" -v t0="$t0" -v t1="$t1" -v total="$total" -v outbox="$outbox" 'BEGIN {
        printf "journal %d events, outbox %d messages; measured %d events in %.1f s (%.0f events/s)\n", total, outbox, e, t1 - t0, e / (t1 - t0)
        printf "catchup cpu us/event silo=%.1f postgres=%.1f\n", s * 1e6 / hz / e, g * 1e6 / hz / e }' | tee "$out/catchup.txt"
    if [[ -n ${TRACE:-} ]]; then wait; dotnet-trace report "$out/catchup.nettrace" topN -n 40 > "$out/catchup-top.txt" 2>&1 || true; fi
    exit 0
fi

if [[ -n ${LARGE:-} ]]; then
    # Purchases across LARGE_MEMBERS members (default 1,000,000: most purchases meet a member not active yet, so they pay
    # its activation) against purchases across MEMBERS (10,000, all active), on one silo, ROUNDS times each (default 2),
    # alternating. The large program's members come in through the bulk import (timed: the import target too).
    rounds=${ROUNDS:-2}
    large=${LARGE_MEMBERS:-1000000}
    echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); large terminals=$terminals duration=$duration warmup=$warmup members=$members large=$large rounds=$rounds" | tee "$out/machine.txt"
    start_postgres
    watch_pg=$pg_pid
    start_silo PostgreSQL "LoyaltyGrid__Storage__ConnectionString=$pg_connection"
    small_program=bench-small-$(date +%s)
    large_program=bench-large-$(date +%s)
    echo >&2
    echo "== warm-up (not recorded): plain purchases across $members members, $warm_run" >&2
    "$loadgen" --url "$url" --terminals "$terminals" --duration "$warm_run" --warmup 0s --members "$members" \
        --scenario purchase --program "$small_program" >/dev/null
    echo >&2
    echo "== import of $large members" >&2
    "$loadgen" --url "$url" --members "$large" --scenario purchase --program "$large_program" --setup-only 2>&1 | tee "$out/large-import.txt" | tail -1
    echo >&2
    echo "== warm-up (not recorded): plain purchases across the first $members members of the $large, $warm_run" >&2
    "$loadgen" --url "$url" --terminals "$terminals" --duration "$warm_run" --warmup 0s --members "$members" \
        --scenario purchase --program "$large_program" --skip-setup >/dev/null
    for r in $(seq 1 "$rounds"); do
        if ((r % 2)); then order="small hot large"; else order="large hot small"; fi
        for kind in $order; do
            case $kind in
                small) run "small-$r" --scenario purchase --program "$small_program" --skip-setup ;;
                hot) run "hot-$r" --scenario purchase --program "$large_program" --skip-setup ;;
                large) run "large-$r" --scenario purchase --program "$large_program" --skip-setup --members "$large" ;;
            esac
        done
    done
    stop_silo
    echo
    echo "plain purchase across $large members against $members (PostgreSQL, one silo, alternating):"
    ratios=() hot=()
    for r in $(seq 1 "$rounds"); do
        a=$(rps "small-$r"); b=$(rps "large-$r"); h=$(rps "hot-$r")
        echo "  round $r: $members members $a rps (p99 $(p99 "small-$r") ms)   $large members $b rps (p99 $(p99 "large-$r") ms)   cpu us/req silo $(cpu_of "small-$r" silo) -> $(cpu_of "large-$r" silo), postgres $(cpu_of "small-$r" postgres) -> $(cpu_of "large-$r" postgres)"
        echo "           the first $members of the $large (active, in the large database) $h rps (p99 $(p99 "hot-$r") ms)   cpu us/req silo $(cpu_of "hot-$r" silo), postgres $(cpu_of "hot-$r" postgres)"
        ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')")
        hot+=("$(awk -v a="$a" -v h="$h" 'BEGIN { printf "%.3f", h / a }')")
    done
    median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
    import_rate=$(grep -E 'imported [0-9]+ members' "$out/large-import.txt" | sed -E 's/.*: ([0-9]+) members\/s.*/\1/' | tail -1)
    echo "large large/small=$(median "${ratios[@]}") hot/small=$(median "${hot[@]}") import_per_s=${import_rate:-n/a}"
    exit 0
fi

if [[ -n ${ENGAGEMENT:-} ]]; then
    rounds=${ROUNDS:-2}
    echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); engagement terminals=$terminals duration=$duration warmup=$warmup members=$members rounds=$rounds" | tee "$out/machine.txt"
    start_postgres
    watch_pg=$pg_pid
    engagement_run() { # without|with round
        local program=bench-$1-$2-$(date +%s)
        if [[ $1 == without ]]; then
            start_silo PostgreSQL "LoyaltyGrid__Storage__ConnectionString=$pg_connection" LoyaltyGrid__Messages__Enabled=false
            run "$1-$2-ping" --scenario ping
            run "$1-$2" --scenario purchase --program "$program"
        else
            start_silo PostgreSQL "LoyaltyGrid__Storage__ConnectionString=$pg_connection"
            run "$1-$2-ping" --scenario ping
            run "$1-$2" --scenario purchase --program "$program" --engagement
        fi
        stop_silo
    }
    for r in $(seq 1 "$rounds"); do
        if ((r % 2)); then engagement_run without "$r"; engagement_run with "$r"; else engagement_run with "$r"; engagement_run without "$r"; fi
    done
    echo
    echo "plain purchase with and without segments and messages (PostgreSQL; each run on its own fresh silo):"
    ratios=() normalised=()
    for r in $(seq 1 "$rounds"); do
        a=$(rps "without-$r"); b=$(rps "with-$r"); pa=$(rps "without-$r-ping"); pb=$(rps "with-$r-ping")
        echo "  round $r: without $a rps (ping $pa, p99 $(p99 "without-$r") ms)   with $b rps (ping $pb, p99 $(p99 "with-$r") ms)   cpu us/req silo $(cpu_of "without-$r" silo) -> $(cpu_of "with-$r" silo), postgres $(cpu_of "without-$r" postgres) -> $(cpu_of "with-$r" postgres)"
        ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')")
        normalised+=("$(awk -v a="$a" -v b="$b" -v pa="$pa" -v pb="$pb" 'BEGIN { printf "%.3f", (b / pb) / (a / pa) }')")
        echo "  projection lag during the run: without: $(grep -E '^projection lag' "$out/without-$r.txt" | sed 's/^projection lag //')"
        echo "                                 with:    $(grep -E '^projection lag' "$out/with-$r.txt" | sed 's/^projection lag //')"
    done
    median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
    echo "engagement with/without=$(median "${ratios[@]}") ping_normalised=$(median "${normalised[@]}")"
    exit 0
fi

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); terminals=$terminals duration=$duration warmup=$warmup members=$members rate=$rate warm-run=$warm_run${rules_first:+ rules-first}" | tee "$out/machine.txt"
for provider in $providers; do
    program=bench-$(date +%s)
    watch_pg=""
    case $provider in
        embedded) start_silo Embedded "LoyaltyGrid__Storage__DataDirectory=$tmp/data" ;;
        postgres) start_postgres; watch_pg=$pg_pid; start_silo PostgreSQL "LoyaltyGrid__Storage__ConnectionString=$pg_connection" ;;
        *) echo "unknown provider $provider (embedded | postgres)" >&2; exit 2 ;;
    esac
    warm_up
    run "$provider-ping" --scenario ping
    if [[ -n $rules_first ]]; then
        run "$provider-purchase-rules" --scenario purchase --program "$program-rules" --rules
        run "$provider-purchase" --scenario purchase --program "$program"
    else
        run "$provider-purchase" --scenario purchase --program "$program"
        run "$provider-purchase-rules" --scenario purchase --program "$program-rules" --rules
    fi
    run "$provider-member" --scenario member --program "$program" --skip-setup
    run "$provider-open-loop" --scenario purchase --program "$program" --skip-setup --rate "$rate"
    run "$provider-rebuild" --scenario rebuild
    stop_silo
    if [[ $provider == postgres ]]; then
        start_baseline
        run "$provider-baseline" --scenario purchase --program "$program-baseline"
        stop_silo
    fi
done

echo
echo "summary (rps and ratio to the ping ceiling measured against the same silo):"
for provider in $providers; do
    awk -v n="$provider" -v a="$(rps "$provider-ping")" -v b="$(rps "$provider-purchase")" -v m="$(rps "$provider-member")" -v p="$(p99 "$provider-purchase")" \
        'BEGIN { printf "  %-9s ping %7.0f rps   get-member %7.0f rps (%4.1f%%)   purchase %7.0f rps = %4.1f%% of ping, p99 %s ms\n", n, a, m, 100*m/a, b, 100*b/a, p }'
done
echo "rules (4 tiers, 20 promotions) against none, same silo${rules_first:+ (rules run first)}:"
for provider in $providers; do
    awk -v n="$provider" -v b="$(rps "$provider-purchase")" -v r="$(rps "$provider-purchase-rules")" -v p="$(p99 "$provider-purchase")" -v q="$(p99 "$provider-purchase-rules")" \
        'BEGIN { printf "  %-9s purchase %7.0f rps, p99 %s ms   with rules %7.0f rps, p99 %s ms   ratio %5.1f%%\n", n, b, p, r, q, 100*r/b }'
done
if [[ " $providers " == *" postgres "* ]]; then
    echo "Orleans default (AdoNet grain storage, WriteStateAsync per purchase) on the same PostgreSQL, $terminals terminals:"
    awk -v b="$(rps postgres-purchase)" -v o="$(rps postgres-baseline)" -v p="$(p99 postgres-purchase)" -v q="$(p99 postgres-baseline)" \
        'BEGIN { printf "  journal %7.0f rps, p99 %s ms   baseline %7.0f rps, p99 %s ms   journal / baseline %.2f\n", b, p, o, q, b/o }'
fi
echo "open loop at $rate requests/s (latency from each request's scheduled start):"
for provider in $providers; do
    echo "  $provider: $(grep -E '^latency' "$out/$provider-open-loop.txt" | sed 's/^latency ms //')"
    echo "  $provider: $(grep -E '^open loop' "$out/$provider-open-loop.txt" | sed 's/.*slot: //')"
done
echo "insights projection behind the journal during the plain purchase run (GetProjectionStatus.lag; drain: after the load):"
for provider in $providers; do
    echo "  $provider: $(grep -E '^projection lag' "$out/$provider-purchase.txt" | sed 's/^projection lag //')"
done
echo "insights projection rebuilt from the whole journal after the runs (RebuildProjection until caught up again):"
for provider in $providers; do
    echo "  $provider: $(grep -E '^rebuild' "$out/$provider-rebuild.txt" | sed 's/^rebuild //')   cpu us/event $(grep -E '^cpu us/event' "$out/$provider-rebuild.txt" | sed 's/^cpu us\/event //')"
done
echo "CPU per request (per journal event for the rebuild) by process over the measured phase, us (/proc/<pid>/stat ticks; PostgreSQL with its backends):"
printf '  %-24s %9s %9s %9s %9s\n' run silo postgres loadgen total
for name in "${runs[@]}"; do
    s=$(cpu_of "$name" silo); g=$(cpu_of "$name" postgres); l=$(cpu_of "$name" loadgen)
    awk -v n="$name" -v s="$s" -v g="$g" -v l="$l" \
        'BEGIN { printf "  %-24s %9s %9s %9s %9.1f\n", n, s, (g == "" ? "-" : g), l, s + g + l }'
done

# The two lines scripts read, last: the open-loop p99, then the ratios, for PostgreSQL when it ran.
main=postgres
[[ " $providers " == *" postgres "* ]] || main=${providers%% *}
echo "open-loop rate=$rate p99_ms=$(p99 "$main-open-loop")"
baseline_rps=n/a
[[ $main == postgres ]] && baseline_rps=$(rps postgres-baseline)
awk -v ping="$(rps "$main-ping")" -v plain="$(rps "$main-purchase")" -v rules="$(rps "$main-purchase-rules")" -v p="$(p99 "$main-purchase")" -v base="$baseline_rps" \
    'BEGIN { printf "ratios purchase/ping=%.3f p99_ms=%.2f rules/plain=%.3f lg/baseline=%s\n", plain/ping, p, rules/plain, (base == "n/a" ? "n/a" : sprintf("%.2f", plain/base)) }'
