# Two commands for a newcomer: `make run` and `make test`. Each sets up only
# what is missing or out of date (make compares file times), so a second run
# with nothing changed installs nothing.

PYTHON ?= python3.10
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
POLICY_FILE := $(or $(TRIGGER_POLICY),policies/default.yml)
# Where the council's built files go (TRIGGER_BUILD_DIR keeps a second council's apart, as the tests do).
BUILD_DIR := $(or $(TRIGGER_BUILD_DIR),build)
NLP_DIR := $(or $(TRIGGER_NLP_PATH),$(BUILD_DIR)/nlp)
NLP := $(NLP_DIR)/meta.json
# Which policy the built files are for: rewritten (so everything after it is rebuilt) only when
# TRIGGER_POLICY names another file or the file's contents change, so switching councils rebuilds.
POLICY_STAMP := $(BUILD_DIR)/.policy
NLP_SOURCES := $(POLICY_STAMP) bot/dialogue/language.py bot/rules/dates.py bot/rules/organisations.py bot/rules/policy.py
MODEL := $(or $(TRIGGER_MODEL),models/assistant.tar.gz)
# The NLU training data: the templates in data/ filled with the council's names from its policy.
DATA_DIR := $(BUILD_DIR)/data
TRAINING_TEMPLATES := $(shell find data -name '*.yml' 2>/dev/null)
BUILT_DATA := $(DATA_DIR)/.built
TRAINING_DATA := domain.yml config.yml $(BUILT_DATA) rasa_addons/safety.py bot/dialogue/safety.py
NODE_STAMP := node_modules/.installed
WEB_VENDOR := bot/web/static/vendor
WEB_ASSETS := $(WEB_VENDOR)/app.css
RASA_ENV := PYTHONPATH=$(CURDIR) RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1

.PHONY: run test chat setup model lock clean help FORCE

help:
	@echo "make run    set up what is missing, then start the service"
	@echo "make test   set up what is missing, then run every test"
	@echo "make chat   start the service and talk to it in this terminal"
	@echo "make lock   re-resolve requirements.in into requirements.lock"

setup: $(INSTALLED) $(NLP) $(WEB_ASSETS)

model: $(MODEL)

# The virtual environment and the locked packages.
$(INSTALLED): requirements.lock
	@test -x $(PY) || { echo "Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

# Front-end packages, exactly as locked in package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The web page's stylesheet (GOV.UK Design System with the council's font) and
# the GOV.UK scripts and assets, built into a git-ignored folder.
$(WEB_ASSETS): $(NODE_STAMP) bot/web/assets/app.scss
	mkdir -p $(WEB_VENDOR)/govuk
	node_modules/.bin/sass --load-path=node_modules --style=compressed --no-source-map --quiet-deps \
		bot/web/assets/app.scss $@
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(WEB_VENDOR)/govuk/
	cp -r node_modules/govuk-frontend/dist/govuk/assets $(WEB_VENDOR)/govuk/

# The spaCy pipeline folder, built from the policy and our patterns.
$(NLP): $(INSTALLED) $(NLP_SOURCES)
	$(PY) -m bot nlp build --out $(NLP_DIR)

# The training data for this council: rebuilt when the policy or a template changes.
$(POLICY_STAMP): FORCE
	@mkdir -p $(dir $@)
	@echo "$(POLICY_FILE) $$(cat $(POLICY_FILE) | sha1sum)" | cmp -s - $@ 2>/dev/null || \
		echo "$(POLICY_FILE) $$(cat $(POLICY_FILE) | sha1sum)" > $@

FORCE:

$(BUILT_DATA): $(INSTALLED) $(POLICY_STAMP) $(TRAINING_TEMPLATES) bot/ops/training_data.py
	$(PY) -m bot training build --out $(DATA_DIR) --policy $(POLICY_FILE)
	@touch $@

# The trained assistant; retrained only when its training inputs change.
$(MODEL): $(INSTALLED) $(NLP) $(TRAINING_DATA)
	$(RASA_ENV) .venv/bin/rasa data validate --data $(DATA_DIR) --fail-on-warnings
	$(RASA_ENV) .venv/bin/rasa train --data $(DATA_DIR) --fixed-model-name $(basename $(basename $(notdir $(MODEL)))) --out $(dir $(MODEL))
	@touch $@

run: setup $(MODEL)
	$(PY) -m bot serve

chat: setup $(MODEL)
	$(PY) -m bot serve --chat

test: setup $(MODEL)
	$(PY) -m pytest

# Re-resolve every package in one pip call (Rasa pins SQLAlchemy, pydantic,
# regex, dateutil and pytz; resolving piecemeal lets pip break them).
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -r requirements.in
	.venv-lock/bin/pip freeze --exclude-editable > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf build models results test-artifacts .pytest_cache $(WEB_VENDOR)
