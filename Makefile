# SkillGraph: `make run` serves the API on demo data, `make test` runs the whole suite.
# Both set everything up on a fresh machine (Python 3.11, Java 17 and Maven required).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SG := $(BIN)/skillgraph
STAMP := $(VENV)/.installed-stamp

# The dev instance (make run) and the test instance (make test) are separate Neo4j
# processes, so the test suite's wipes never touch the demo data.
DEV_ENV := SKILLGRAPH_NEO4J_URI=$${SKILLGRAPH_NEO4J_URI:-bolt://127.0.0.1:7687} \
           SKILLGRAPH_NEO4J_HOME=$${SKILLGRAPH_NEO4J_HOME:-.data/neo4j}
TEST_ENV := SKILLGRAPH_NEO4J_URI=$${SKILLGRAPH_TEST_NEO4J_URI:-bolt://127.0.0.1:7688} \
            SKILLGRAPH_NEO4J_HOME=$${SKILLGRAPH_TEST_NEO4J_HOME:-.data/neo4j-test}
# Set SKILLGRAPH_EXTERNAL_NEO4J=1 to use an already running Neo4j (e.g. docker compose).
EXTERNAL := $${SKILLGRAPH_EXTERNAL_NEO4J:-0}

.PHONY: run test lint typecheck unit stop install db-start db-test-start fuzz load \
        schema bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version' 
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

db-start: install
	@if [ "$(EXTERNAL)" = "1" ]; then echo "using external Neo4j"; else $(DEV_ENV) $(SG) db start; fi
	$(DEV_ENV) $(SG) db migrate

db-test-start: install
	@if [ "$(EXTERNAL)" = "1" ]; then echo "using external Neo4j"; else $(TEST_ENV) $(SG) db start; fi
	$(TEST_ENV) $(SG) db migrate

run: db-start
	$(DEV_ENV) $(SG) seed demo --if-empty
	$(DEV_ENV) $(SG) serve

lint: install
	$(BIN)/ruff check src tests bench load
	$(BIN)/ruff format --check src tests bench load

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest tests/unit

test: lint typecheck db-test-start
	$(TEST_ENV) $(BIN)/pytest

schema: install
	$(SG) export-schema

stop:
	-@test -x $(SG) && $(DEV_ENV) $(SG) db stop
	-@test -x $(SG) && $(TEST_ENV) $(SG) db stop

clean: stop
	rm -rf $(VENV) tools/neo4j-local/target .mypy_cache .ruff_cache .pytest_cache

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
