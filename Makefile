# Two commands: `make run` serves Kenal with demo data, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KENAL_TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
export KENAL_TEST_DATABASE_URL

.PHONY: run test install install-test chromium dovecot lint check-migrations test-sqlite test-postgres bench clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

run: install
	$(BIN)/kenal migrate --no-input -v 0
	$(BIN)/kenal demo
	$(BIN)/kenal serve

# The browser test drives Debian's Chromium; install it when missing and we may.
chromium:
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || \
	  { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	    else echo "chromium is not installed: the browser test will be skipped (sudo apt-get install chromium)"; fi; }

# The IMAP sync tests run their own Dovecot on a high port; install Debian's when missing and we may.
dovecot:
	@[ -x /usr/sbin/dovecot ] || \
	  { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd >/dev/null; \
	    else echo "dovecot is not installed: the IMAP sync tests will be skipped (sudo apt-get install dovecot-imapd)"; fi; }

lint: install-test
	$(BIN)/ruff check kenal tests bench
	$(BIN)/ruff format --check kenal tests bench manage.py

check-migrations: install-test
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=tests.settings

test-sqlite: install-test chromium dovecot
	$(BIN)/python -m pytest -q

test-postgres: install-test dovecot
	@if $(BIN)/python -c "import psycopg, os; psycopg.connect(os.environ['KENAL_TEST_DATABASE_URL'], connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== PostgreSQL run ($(KENAL_TEST_DATABASE_URL))"; \
	  KENAL_DATABASE_URL=$(KENAL_TEST_DATABASE_URL) $(BIN)/python -m pytest -q -m "not browser"; \
	elif [ -n "$$KENAL_REQUIRE_POSTGRES" ]; then \
	  echo "PostgreSQL at $(KENAL_TEST_DATABASE_URL) is not reachable, and KENAL_REQUIRE_POSTGRES is set."; exit 1; \
	else \
	  echo "SKIPPED the PostgreSQL run: nothing answers at $(KENAL_TEST_DATABASE_URL)."; \
	fi

test: lint check-migrations test-sqlite test-postgres

bench: install-test
	$(BIN)/pip install --quiet -e '.[bench]'
	@echo "See bench/README.md for each benchmark's command."

clean:
	rm -rf $(VENV) build *.egg-info

# Refresh the Indonesian catalogues: the foundation's in kenal/locale, each app's in its own folder.
APPS_WITH_CATALOGUES := conversations commitments agenda engagements network capture portability
messages: install-test
	cd kenal && DJANGO_SETTINGS_MODULE=kenal.settings ../$(BIN)/django-admin makemessages -l id $(foreach app,$(APPS_WITH_CATALOGUES),--ignore='$(app)/*')
	for app in $(APPS_WITH_CATALOGUES); do (cd kenal/$$app && DJANGO_SETTINGS_MODULE=kenal.settings_messages ../../$(BIN)/django-admin makemessages -l id); done
	cd kenal && DJANGO_SETTINGS_MODULE=kenal.settings_messages ../$(BIN)/django-admin compilemessages -l id
