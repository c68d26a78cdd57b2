# SkillGraph: `make run` serves the API on demo data, `make test` runs the whole suite.
# Both set everything up on a fresh machine (Python 3.11, Java 17 and Maven required).
# Each stage prints one "==>" line and how long it took; `make V=1 ...` echoes the commands.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SG := $(BIN)/skillgraph
STAMP := $(VENV)/.installed-stamp

ifeq ($(V),1)
Q :=
else
Q := @
endif

# The dev instance (make run) and the test instance (make test) are separate Neo4j
# processes, so the test suite's wipes never touch the demo data.
DEV_ENV := SKILLGRAPH_NEO4J_URI=$${SKILLGRAPH_NEO4J_URI:-bolt://127.0.0.1:7687} \
           SKILLGRAPH_NEO4J_HOME=$${SKILLGRAPH_NEO4J_HOME:-.data/neo4j}
TEST_ENV := SKILLGRAPH_NEO4J_URI=$${SKILLGRAPH_TEST_NEO4J_URI:-bolt://127.0.0.1:7688} \
            SKILLGRAPH_NEO4J_HOME=$${SKILLGRAPH_TEST_NEO4J_HOME:-.data/neo4j-test}
# Set SKILLGRAPH_EXTERNAL_NEO4J=1 to use an already running Neo4j (e.g. docker compose).
EXTERNAL := $${SKILLGRAPH_EXTERNAL_NEO4J:-0}

# $(call stage,what,command): "==> what", the command, then "    done in Ns" (no commas in
# either argument); a failing command fails the recipe.
stage = started=$$(date +%s) && echo "==> $(1)" && { $(2); } && \
        echo "    done in $$(( $$(date +%s) - started ))s"

.PHONY: run test lint typecheck unit stop install db-start db-test-start fuzz load \
        schema bench bench-peer bench-peer-synthetic clean graphiql-assets screenshots \
        audit-deps

install: $(STAMP)

$(STAMP): pyproject.toml
	$(Q)$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version'
	$(Q)$(call stage,Python packages into $(VENV) (first time: about a minute),\
	    { test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); } && \
	    $(BIN)/python -m pip install --quiet --upgrade pip && \
	    $(BIN)/python -m pip install --quiet -e '.[dev]')
	$(Q)touch $(STAMP)

db-start: install
	$(Q)if [ "$(EXTERNAL)" = "1" ]; then echo "==> using the external Neo4j at $$SKILLGRAPH_NEO4J_URI"; \
	else $(call stage,Neo4j (dev instance),$(DEV_ENV) $(SG) db start); fi
	$(Q)$(call stage,schema migrations,$(DEV_ENV) $(SG) db migrate)

db-test-start: install
	$(Q)if [ "$(EXTERNAL)" = "1" ]; then echo "==> using the external Neo4j at $$SKILLGRAPH_TEST_NEO4J_URI"; \
	else $(call stage,Neo4j (test instance),$(TEST_ENV) $(SG) db start); fi
	$(Q)$(call stage,schema migrations,$(TEST_ENV) $(SG) db migrate)

run: db-start
	$(Q)$(call stage,demo data (only into an empty graph),$(DEV_ENV) $(SG) seed demo --if-empty)
	$(Q)echo "==> the API (Ctrl-C stops it; make stop stops Neo4j)"
	$(Q)$(DEV_ENV) $(SG) serve

lint: install
	$(Q)$(call stage,ruff,$(BIN)/ruff check src tests bench load tools && \
	    $(BIN)/ruff format --check src tests bench load tools)

typecheck: install
	$(Q)$(call stage,mypy --strict,$(BIN)/mypy)

unit: install
	$(BIN)/pytest tests/unit

# The graphql-http audit (tests/e2e/test_graphql_http_audit.py) runs on the machine's Node,
# with the npm packages pinned in tests/audit/package-lock.json.
AUDIT_DEPS := tests/audit/node_modules/.package-lock.json

audit-deps: $(AUDIT_DEPS)

$(AUDIT_DEPS): tests/audit/package-lock.json
	@command -v npm >/dev/null || { echo "Node.js and npm are required (Debian: nodejs npm)"; exit 1; }
	npm ci --prefix tests/audit --no-audit --no-fund --loglevel=error
	touch $(AUDIT_DEPS)

test: lint typecheck db-test-start audit-deps
	$(Q)$(call stage,pytest: unit + integration + e2e,$(TEST_ENV) $(BIN)/pytest)

schema: install
	$(SG) export-schema

# Stops the dev and the test instance; each line names the instance it is about.
stop:
	-$(Q)test -x $(SG) && $(DEV_ENV) $(SG) db stop
	-$(Q)test -x $(SG) && $(TEST_ENV) $(SG) db stop

clean: stop
	rm -rf $(VENV) tools/neo4j-local/target .mypy_cache .ruff_cache .pytest_cache \
	       tests/audit/node_modules

# Re-copies GraphiQL's JS/CSS from npm at the versions pinned in tools/graphiql/vendor.py.
graphiql-assets:
	$(PYTHON) tools/graphiql/vendor.py

# Rewrites docs/graphiql.png from the browser test.
screenshots: db-test-start
	$(TEST_ENV) SKILLGRAPH_SCREENSHOTS=docs $(BIN)/pytest -q tests/e2e/test_graphiql_browser.py

fuzz: db-test-start
	$(TEST_ENV) FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-500} $(BIN)/pytest tests/fuzz -p no:randomly

load: install
	test -x $(BIN)/locust || $(BIN)/python -m pip install --quiet -e '.[load]'
	bash load/run.sh

bench: install
	cd bench && ../$(BIN)/python startup.py
	cd bench && ../$(BIN)/python plans.py
	cd bench && ../$(BIN)/python imports.py
	cd bench && ../$(BIN)/python verification.py
	cd bench && PYTHONPATH=.. ../$(BIN)/python value.py

# SkillGraph vs @neo4j/graphql vs hand-written Cypher on the same Neo4j (bench/peer.py; needs
# Node 20 and npm). BENCH_PEER_ARGS adds flags, e.g. BENCH_PEER_ARGS="--workers 2 --rounds 5".
bench-peer: install
	$(BIN)/python -c 'import aiohttp' 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[bench]'
	cd bench && ../$(BIN)/python peer.py $(BENCH_PEER_ARGS)

# The same on `seed synthetic --scale 1` (seeding takes minutes the first time; then reused).
bench-peer-synthetic: install
	$(BIN)/python -c 'import aiohttp' 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[bench]'
	cd bench && ../$(BIN)/python peer.py --synthetic $(BENCH_PEER_ARGS)
