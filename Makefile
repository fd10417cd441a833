# The two commands: `make run` and `make test`. Both install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := community

.PHONY: run test install browser translations bench lighthouse loadtest

run: install translations
	$(BIN)/flask db upgrade
	$(BIN)/flask demo-data
	$(BIN)/flask run --host 127.0.0.1 --port $${PORT:-5000}

test: install browser translations
	@$(BIN)/python -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests (exit 5): nothing to run here."; status=0; fi; \
	exit $$status

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Each catalogue is compiled when its .po is newer than its .mo, so test runs side by side share them.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))
translations: $(CATALOGUES)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po | install
	$(BIN)/pybabel -q compile -d translations -l $* -f

# The browser tests drive Debian's Chromium, and the pot's journal is checked with hledger; install
# them when they are missing and we may.
browser:
	@missing=""; [ -x /usr/bin/chromium ] || missing="chromium"; command -v hledger > /dev/null || missing="$$missing hledger"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get > /dev/null; then \
		echo "Installing$$missing for the tests (apt-get)…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing > /dev/null; \
	else \
		echo "Missing:$$missing. Run 'sudo apt-get install$$missing' (the tests that need them are skipped without)."; \
	fi

bench: install translations
	$(BIN)/flask bench

# The main pages under gunicorn (2 workers) against a bare Flask page, driven by wrk (installed with
# apt-get when missing and run as root): requests/s, p50/p99, ratio, and memory after the run.
loadtest: install translations
	$(BIN)/python -m tests.perf.loadtest $(LOADTEST_ARGS)

# Lighthouse (mobile) on the demo pages under gunicorn; installs the tool from npm on first use.
lighthouse: install browser translations
	$(BIN)/python -m tests.perf.lighthouse
