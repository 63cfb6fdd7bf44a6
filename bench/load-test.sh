#!/usr/bin/env bash
# Media Monitor under load: the API's latency with 200 connections from wrk, and the service's memory
# over a long run. Builds nothing: run `./mvnw -B -DskipTests package` first.
#
#   bench/load-test.sh [ITEMS] [SECONDS] [SOAK_SECONDS]      (defaults: 100000 30 600)
#   WARM_UP=60 (seconds of searches and KPIs before the first figure)
#
# 1. indexes ITEMS generated items (`monitor bench index --keep`) into a folder under /tmp, unless
#    that folder already holds them in an index kept newest first;
# 2. starts `monitor serve` on it (anonymous reading on, rate limit out of the way, no sources);
# 3. runs wrk -t2 -c200 for SECONDS each: a fixed search, searches that differ (bench/search-mixed.lua),
#    the year's KPI, KPIs of many periods (bench/kpi-mixed.lua);
# 4. runs the mixed searches and KPIs together for SOAK_SECONDS while sampling the service's heap
#    after collection, its threads and its open files every 30 s, and prints that curve.
set -euo pipefail
cd "$(dirname "$0")/.."
ITEMS=${1:-100000}
SECONDS_EACH=${2:-30}
SOAK=${3:-600}
WARM_UP=${WARM_UP:-60}
PORT=${PORT:-8093}
DATA=/tmp/media-monitor-load-$ITEMS
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JCMD="$JAVA_HOME/bin/jcmd"

# the marker names the index's layout: a folder indexed before segments were kept newest first is indexed again
if [ ! -f "$DATA/.indexed-newest-first" ]; then
  rm -rf "$DATA" && mkdir -p "$DATA"
  ./monitor bench index --items "$ITEMS" --data "$DATA" --keep --queries 20
  touch "$DATA/.indexed-newest-first"
fi
cat > "$DATA/load.yaml" <<YAML
server:
  port: $PORT
  host: 127.0.0.1
  anonymous-read: true
  max-requests-per-minute: 1000000000
crawler:
  sources-file: ""
YAML
./monitor serve --config "$DATA/load.yaml" --data "$DATA" > "$DATA/serve.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 2; done
PID=$(pgrep -P "$SERVICE" java || echo "$SERVICE")
BASE="http://127.0.0.1:$PORT"

run() { # name, then wrk arguments
  local name=$1; shift
  echo "== $name"
  wrk -t2 -c200 -d"${SECONDS_EACH}s" --latency "$@" | grep -E "Latency +[0-9]|50%|99%|Requests/sec|Non-2xx|Socket errors"
}
# a warm-up of searches and KPIs, so that the figures are those of a service that has been running for a
# while: after a start, the JIT compiler takes a sixth of the CPU for the first minute of searches that differ
wrk -t1 -c50 -d"${WARM_UP}s" -s bench/search-mixed.lua "$BASE" -- warm-up >/dev/null &
WARMING=$!
wrk -t1 -c50 -d"${WARM_UP}s" -s bench/kpi-mixed.lua "$BASE" -- warm-up >/dev/null
wait "$WARMING" 2>/dev/null || true
run "search, the same request" "$BASE/api/v1/search?q=Taiwan&size=20"
run "searches that differ" -s bench/search-mixed.lua "$BASE"
run "KPI of the year" "$BASE/api/v1/kpi?year=2018"
run "KPIs of many periods" -s bench/kpi-mixed.lua "$BASE"
run "health (baseline)" "$BASE/health"

echo "== memory over $SOAK s of mixed searches and KPIs (live heap after a full collection, MB; threads; open files)"
wrk -t1 -c100 -d"${SOAK}s" -s bench/search-mixed.lua "$BASE" -- soak > "$DATA/soak-search.txt" &
wrk -t1 -c100 -d"${SOAK}s" -s bench/kpi-mixed.lua "$BASE" -- soak > "$DATA/soak-kpi.txt" &
for ((t = 0; t <= SOAK; t += 30)); do
  # a full collection, then the old generation's occupancy: the live heap (the young generation fills
  # again at once under load, so the whole heap's use says little)
  "$JCMD" "$PID" GC.run >/dev/null 2>&1 || true
  heap=$("$JAVA_HOME/bin/jstat" -gc "$PID" | awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "OU") c = i } NR == 2 { printf "%d", $c }')
  printf '%5d s  live heap %6d MB  threads %4d  files %5d\n' "$t" $((heap / 1024)) \
    "$(ls /proc/"$PID"/task | wc -l)" "$(ls /proc/"$PID"/fd | wc -l)"
  sleep 30
done
wait %2 %3 2>/dev/null || true
grep -hE "Requests/sec|Non-2xx|Socket errors" "$DATA/soak-search.txt" "$DATA/soak-kpi.txt"
