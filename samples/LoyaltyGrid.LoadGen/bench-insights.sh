#!/usr/bin/env bash
# The insights queries at scale on PostgreSQL: a private server in a temporary directory (as bench-import.sh), one
# silo, and the cdnow client's --bench mode (samples/LoyaltyGrid.Cdnow/InsightsBench.cs): it imports MEMBERS members
# (default 1000000) and PURCHASES purchases (default 5000000) with ImportMembers and ImportPurchaseHistory, waits for
# the insights projection, and times GetProgramMetrics, GetPointsLiability and GetRetentionCohorts.
#
#   bash samples/LoyaltyGrid.LoadGen/bench-insights.sh
#   MEMBERS=100000 PURCHASES=500000 bash samples/LoyaltyGrid.LoadGen/bench-insights.sh   # a tenth
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
members=${MEMBERS:-1000000}
purchases=${PURCHASES:-5000000}
key=${LOYALTYGRID_API_KEY:-bench-bootstrap-admin-key-$(date +%s)-0123456789}
tmp=$(mktemp -d /tmp/lg-bench-insights.XXXXXX)
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
dotnet build "$repo/samples/LoyaltyGrid.Cdnow" -c Release -v q -nologo >&2
silo_dll=$repo/silo/LoyaltyGrid.Silo/bin/Release/net10.0/LoyaltyGrid.Silo.dll
client_dll=$repo/samples/LoyaltyGrid.Cdnow/bin/Release/net10.0/LoyaltyGrid.Cdnow.dll

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_port=$(free_port)
mkdir -p "$tmp/pg" && chown postgres "$tmp/pg" && touch "$tmp/pg.log" && chown postgres "$tmp/pg.log"
runuser -u postgres -- "$pg_bin/initdb" -D "$tmp/pg" -A trust -U postgres -E UTF8 --locale=C >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$tmp/pg" -l "$tmp/pg.log" -w \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -c max_connections=200 -c unix_socket_directories=" start >/dev/null
pg_connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Maximum Pool Size=50"

url=http://127.0.0.1:$(free_port)
env LoyaltyGrid__Storage__Provider=PostgreSQL LoyaltyGrid__Storage__ConnectionString="$pg_connection" \
    LoyaltyGrid__Security__BootstrapKey="$key" \
    LoyaltyGrid__Clustering__SiloPort="$(free_port)" LoyaltyGrid__Clustering__GatewayPort="$(free_port)" \
    Logging__LogLevel__Default=Warning \
    dotnet "$silo_dll" --urls "$url" >"$tmp/silo.log" 2>&1 &
silo_pid=$!

echo "importing $members members and $purchases purchases..." >&2
start=$(date +%s)
LOYALTYGRID_KEY=$key dotnet "$client_dll" "$url" --bench "$members" "$purchases"
echo "total $(( $(date +%s) - start )) s; table sizes:"
runuser -u postgres -- "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -At -c \
    "SELECT relname || ' ' || n_live_tup FROM pg_stat_user_tables WHERE relname LIKE 'lg_insights%' ORDER BY relname"
