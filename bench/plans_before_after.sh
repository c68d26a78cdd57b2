#!/bin/bash
# Planner figures before (REF, default main) and after (this checkout) on the same seeded
# instances, runs interleaved so both see the same machine load:
#   bash bench/plans_before_after.sh [REF] [all|planner|api]
# Writes bench/results/plans/{before,after}-*.md. The end-to-end runs (api) need a Neo4j
# seeded with `skillgraph seed demo` at SKILLGRAPH_NEO4J_URI (e.g. the dev instance of make
# run); with SKILLGRAPH_NEO4J_HOME naming that local instance they also report its CPU.
set -euo pipefail
REF=${1:-main}
PART=${2:-all}
HERE=$(cd "$(dirname "$0")/.." && pwd)
PY=$HERE/.venv/bin/python
BEFORE=$(mktemp -d)
trap 'rm -rf "$BEFORE"' EXIT
git -C "$HERE" archive "$REF" | tar -x -C "$BEFORE"
OUT=$HERE/bench/results/plans
mkdir -p "$OUT"
cd "$HERE/bench"
root_of() { if [ "$1" = before ]; then echo "$BEFORE"; else echo "$HERE"; fi; }
run() {  # who, args...
  local who=$1; shift
  local root; root=$(root_of "$who")
  echo "== $who $* ($(date +%T), load $(cut -d' ' -f1 /proc/loadavg))"
  PYTHONPATH=$root/src:$root SKILLGRAPH_CYPHER_DIR=$root/cypher "$PY" "$@" > /dev/null
}
if [ "$PART" != api ]; then
  for size in 50 500 5000; do
    for who in before after; do
      run $who plans.py --runs 10 --sizes $size --sections speed \
        --output "plans/$who-speed-$size.md" --label "($who)"
    done
  done
  for who in before after; do
    run $who plans.py --sections greedy --instances 300 --output "plans/$who-greedy.md" \
      --label "($who)"
  done
  run after plans.py --runs 10 --sections pathways --output plans/after-pathways.md \
    --label "(after)"
fi
if [ "$PART" != planner ]; then
  for round in 1 2; do
    for who in before after; do
      run $who plan_api.py --label "($who, round $round)" --output "plans/$who-api-$round.md"
    done
  done
fi
echo "done ($(date +%T))"
