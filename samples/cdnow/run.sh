#!/usr/bin/env bash
# Fits the lifetime-value models to the CDNOW sample through the gRPC API, on a silo of its own:
#
#   bash samples/cdnow/run.sh
#   CDNOW_DATA=/path/to/CDNOW_sample.txt bash samples/cdnow/run.sh
#
# Starts a silo on the embedded default (SQLite in a temporary data directory, free loopback ports), creates a
# program, imports the 2,357 customers with Members/ImportMembers and their purchases with
# Checkout/ImportPurchaseHistory (a customer's rows of one day are one occasion), waits for the insights projection,
# fits BG/NBD and Gamma-Gamma on the 39-week calibration period 1997-01-01 .. 1997-09-30 (weeks), and prints exactly:
#
#   bgnbd r=R alpha=A a=A2 b=B
#   gammagamma p=P q=Q gamma=G        (gamma in dollars)
#
# The published figures are r=0.243 alpha=4.414 a=0.793 b=2.426 and p=6.25 q=3.74 gamma=15.44. Progress and the
# silo's log go to stderr. CDNOW_DATA defaults to ../shared/datasets/cdnow/CDNOW_sample.txt, relative to the
# repository (a copy is in tests/LoyaltyGrid.Domain.Tests/Insights/Data, with its README and licence).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data=${CDNOW_DATA:-../shared/datasets/cdnow/CDNOW_sample.txt}
[[ $data == /* ]] || data=$repo/$data
[[ -f $data ]] || { echo "run.sh: no CDNOW data at $data; set CDNOW_DATA" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lg-cdnow.XXXXXX")
silo_pid=""
cleanup() {
    if [[ -n $silo_pid ]] && kill -0 "$silo_pid" 2>/dev/null; then
        kill "$silo_pid" 2>/dev/null || true
        wait "$silo_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

# A port nobody listens on (and that we did not hand out already).
taken=" "
free_port() {
    local p
    while :; do
        p=$((20000 + RANDOM % 40000))
        [[ $taken == *" $p "* ]] && continue
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            taken+="$p "
            echo "$p"
            return
        fi
    done
}

echo "run.sh: building the silo and the sample client" >&2
dotnet build "$repo/silo/LoyaltyGrid.Silo/LoyaltyGrid.Silo.csproj" -c Release -v quiet -nologo >&2
dotnet build "$repo/samples/LoyaltyGrid.Cdnow/LoyaltyGrid.Cdnow.csproj" -c Release -v quiet -nologo >&2

http_port=$(free_port)
silo_port=$(free_port)
gateway_port=$(free_port)
key="cdnow-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
url="http://127.0.0.1:$http_port"

echo "run.sh: starting a silo on $url (data in $tmp)" >&2
(cd "$tmp" && exec env \
    LoyaltyGrid__Storage__Provider=Embedded \
    LoyaltyGrid__Storage__DataDirectory="$tmp/data" \
    LoyaltyGrid__Security__BootstrapKey="$key" \
    LoyaltyGrid__Clustering__SiloPort="$silo_port" \
    LoyaltyGrid__Clustering__GatewayPort="$gateway_port" \
    Logging__LogLevel__Default=Warning \
    dotnet "$repo/silo/LoyaltyGrid.Silo/bin/Release/net10.0/LoyaltyGrid.Silo.dll" --urls "$url") >&2 &
silo_pid=$!

LOYALTYGRID_KEY=$key dotnet "$repo/samples/LoyaltyGrid.Cdnow/bin/Release/net10.0/LoyaltyGrid.Cdnow.dll" "$url" "$data"
