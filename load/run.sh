#!/usr/bin/env bash
# make load: LOAD_SECONDS (60) of mixed GraphQL traffic from LOAD_USERS (16) locust users on
# loopback against the demo data, on a dedicated Neo4j (127.0.0.1:7693, .data/neo4j-load) and
# API (127.0.0.1:8765). Writes bench/results/load.md; exits non-zero if any request failed
# (non-2xx or a GraphQL "errors" key). Leaves no process behind, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
SECONDS_TO_RUN=${LOAD_SECONDS:-60}
USERS=${LOAD_USERS:-16}
WORKERS=${LOAD_WORKERS:-2}
PORT=${LOAD_PORT:-8765}
HOST=127.0.0.1
export SKILLGRAPH_NEO4J_URI=bolt://127.0.0.1:7693
export SKILLGRAPH_NEO4J_HOME=.data/neo4j-load
export SKILLGRAPH_HOST=$HOST SKILLGRAPH_PORT=$PORT
# Loopback only: never through a proxy from the environment.
export NO_PROXY=127.0.0.1 no_proxy=127.0.0.1
# One key sends every request; the default bucket (600/min) would throttle the test itself.
export SKILLGRAPH_RATE_LIMIT_BURST=1000000 SKILLGRAPH_RATE_LIMIT_PER_MINUTE=100000000
test -x $BIN/locust || $BIN/python -m pip install --quiet 'locust==2.47.0'

OUT=$(mktemp -d)
API_PID=""
KEY_ID=""
cleanup() {
  status=$?
  if [ -n "$API_PID" ]; then kill "$API_PID" 2>/dev/null || true; wait "$API_PID" 2>/dev/null || true; fi
  if [ -n "$KEY_ID" ]; then $BIN/skillgraph keys revoke "$KEY_ID" >/dev/null 2>&1 || true; fi
  $BIN/skillgraph db stop >/dev/null 2>&1 || true
  if [ "$status" -ne 0 ] && [ -s "$OUT/api.log" ]; then
    echo "--- API log tail ---" >&2; tail -20 "$OUT/api.log" >&2
  fi
  rm -rf "$OUT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

$BIN/skillgraph db start
$BIN/skillgraph db migrate
$BIN/skillgraph seed demo --if-empty

# Writes need a key once authentication exists; before `keys` existed none was needed.
LOAD_KEY=""
if $BIN/skillgraph keys --help >/dev/null 2>&1; then
  created=$($BIN/skillgraph keys create --role ADMIN --name load)
  LOAD_KEY=$(tail -1 <<<"$created")
  KEY_ID=$(sed -n 's/^created key \([0-9a-f]*\) .*/\1/p' <<<"$created")
fi
export LOAD_KEY
read -r LOAD_PERSON_ID LOAD_POSTING_ID LOAD_PROVIDER_ID < <($BIN/python -c '
from skillgraph.model.ids import NodeType, id_for_uri
from skillgraph.seed import DEMO_PERSON_URI, DEMO_POSTING_URI, DEMO_PROVIDER_URI
print(id_for_uri(NodeType.PERSON, DEMO_PERSON_URI), id_for_uri(NodeType.ROLE, DEMO_POSTING_URI),
      id_for_uri(NodeType.PROVIDER, DEMO_PROVIDER_URI))')
export LOAD_PERSON_ID LOAD_POSTING_ID LOAD_PROVIDER_ID

$BIN/skillgraph serve --host "$HOST" --port "$PORT" --workers "$WORKERS" >"$OUT/api.log" 2>&1 &
API_PID=$!
ready=0
for _ in $(seq 120); do
  if curl -sf "http://$HOST:$PORT/readyz" >/dev/null; then ready=1; break; fi
  kill -0 "$API_PID" 2>/dev/null || break
  sleep 0.5
done
if [ "$ready" -ne 1 ]; then echo "error: the API did not become ready on $HOST:$PORT" >&2; exit 1; fi
# Each request once, untimed, so a cold Neo4j's first plans are not in the figures.
$BIN/python load/locustfile.py "http://$HOST:$PORT"

COMMAND="locust -f load/locustfile.py --headless -u $USERS -r $USERS -t ${SECONDS_TO_RUN}s --host http://$HOST:$PORT"
# timeout: a hung locust cannot keep the run going past its budget.
timeout --foreground --kill-after=10 $((SECONDS_TO_RUN + 30)) \
  $BIN/$COMMAND --stop-timeout 5 --csv "$OUT/load" --only-summary >"$OUT/locust.log" 2>&1 || true

# Peak RSS (VmHWM) of the API: the uvicorn supervisor and its children (the workers and,
# with --workers > 1, multiprocessing's resource tracker).
RSS=""
for pid in $API_PID $(pgrep -P "$API_PID" || true); do
  kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  if [ "$pid" = "$API_PID" ]; then name=supervisor
  elif tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q resource_tracker; then name=tracker
  else name=worker; fi
  [ "$WORKERS" -gt 1 ] || name=api
  RSS="$RSS $name=${kb:-0}"
done

if [ ! -s "$OUT/load_stats.csv" ]; then
  echo "error: locust wrote no statistics" >&2; tail -30 "$OUT/locust.log" >&2; exit 1
fi
$BIN/python load/report.py "$OUT/load_stats.csv" bench/results/load.md \
  --command "make load ($COMMAND)" --seconds "$SECONDS_TO_RUN" --users "$USERS" \
  --workers "$WORKERS" --key "$([ -n "$LOAD_KEY" ] && echo ADMIN || echo none)" --rss $RSS
