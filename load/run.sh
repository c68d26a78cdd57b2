#!/usr/bin/env bash
# make load: 60 s of mixed GraphQL traffic (16 users, locust) on loopback against the demo data,
# on a dedicated Neo4j (port 7693) and API (port 8765). Writes bench/results/load.md.
# Exits non-zero if any request failed. Leaves no process behind.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
SECONDS_TO_RUN=${LOAD_SECONDS:-60}
USERS=${LOAD_USERS:-16}
PORT=${LOAD_PORT:-8765}
export SKILLGRAPH_NEO4J_URI=bolt://127.0.0.1:7693
export SKILLGRAPH_NEO4J_HOME=.data/neo4j-load
export SKILLGRAPH_RATE_LIMIT_BURST=1000000 SKILLGRAPH_RATE_LIMIT_PER_MINUTE=100000000
test -x $BIN/locust || $BIN/python -m pip install --quiet 'locust==2.47.0'
OUT=$(mktemp -d)
API_PID=""
cleanup() {
  if [ -n "$API_PID" ]; then kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; fi
  $BIN/skillgraph db stop >/dev/null 2>&1 || true
  rm -rf "$OUT"
}
trap cleanup EXIT
$BIN/skillgraph db start
$BIN/skillgraph db migrate
$BIN/skillgraph seed demo --if-empty
export LOAD_KEY=$($BIN/skillgraph keys create --role ADMIN --name load | tail -1)
read -r LOAD_PERSON_ID LOAD_POSTING_ID < <($BIN/python -c '
from skillgraph.model.ids import NodeType, id_for_uri
from skillgraph.seed import DEMO_PERSON_URI, DEMO_POSTING_URI
print(id_for_uri(NodeType.PERSON, DEMO_PERSON_URI), id_for_uri(NodeType.ROLE, DEMO_POSTING_URI))')
export LOAD_PERSON_ID LOAD_POSTING_ID
SKILLGRAPH_PORT=$PORT $BIN/skillgraph serve --workers "${LOAD_WORKERS:-2}" > "$OUT/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 1; done
$BIN/locust -f load/locustfile.py --headless -u "$USERS" -r "$USERS" -t "${SECONDS_TO_RUN}s" \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/load" --only-summary > "$OUT/locust.log" 2>&1 || true
# Peak RSS of the API: the supervisor plus its worker processes.
PEAK_KB=0
for pid in $API_PID $(pgrep -P "$API_PID" || true); do
  kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  PEAK_KB=$((PEAK_KB + kb))
done
$BIN/python - "$OUT/load_stats.csv" "$PEAK_KB" "$SECONDS_TO_RUN" "$USERS" <<'PY'
import csv, sys
from pathlib import Path
rows = list(csv.DictReader(open(sys.argv[1])))
total = next(r for r in rows if r["Name"] == "Aggregated")
peak_mb = int(sys.argv[2]) / 1024
lines = [
    "# Load test", "",
    f"`make load` (locust, {sys.argv[4]} users, {sys.argv[3]} s, loopback, demo data, ADMIN key, 2 API workers)", "",
    f"- requests: {int(total['Request Count']):,}, failures: {int(total['Failure Count'])}",
    f"- throughput: {float(total['Requests/s']):,.1f} req/s",
    f"- latency: median {total['50%']} ms, p99 {total['99%']} ms, max {float(total['Max Response Time']):,.0f} ms",
    f"- API peak RSS (all its processes): {peak_mb:,.0f} MiB", "",
    "| request | count | failures | median ms | p99 ms |", "|---|---|---|---|---|",
]
for r in rows:
    if r["Name"] != "Aggregated":
        lines.append(f"| {r['Name']} | {r['Request Count']} | {r['Failure Count']} | {r['50%']} | {r['99%']} |")
text = "\n".join(lines) + "\n"
Path("bench/results/load.md").write_text(text)
print(text)
sys.exit(1 if int(total["Failure Count"]) else 0)
PY
