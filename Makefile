# Two commands do all set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# torch 2.13.0 is available here as a local CPU wheel for CPython 3.11 only.
SYS_PYTHON ?= $(shell command -v python3.11 || command -v python3)
APT_PACKAGES := ffmpeg espeak-ng libopencore-amrnb0 libreoffice-writer fonts-noto-cjk poppler-utils \
	fonts-noto-color-emoji chromium chromium-driver postgresql nginx
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install system-deps index lint imports typecheck unit browser clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(SYS_PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip setuptools wheel
	# Pinned first: anything newer would pull several GB of CUDA wheels.
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[dev]'
	$(PIP) check
	touch $@

install: $(VENV)/.installed

# Debian packages for audio, PDF, the kiosk browser test, PostgreSQL and nginx (the replica
# tests and `legalaid eval load --compare` run deploy/nginx in front of two replicas); root only.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian packages (missing:$$missing)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null; \
	else echo "warning: missing$$missing and not root: tests that need them will be skipped or fail"; fi

index: install
	$(VENV)/bin/legalaid ingest

run: install system-deps index
	$(VENV)/bin/legalaid serve --host $(HOST) --port $(PORT)

lint: install
	$(VENV)/bin/ruff check .

# The rings: channels -> use cases -> composition root -> domain -> shared -> knowledge
# (contracts in pyproject.toml, [tool.importlinter]).
imports: install
	$(VENV)/bin/lint-imports

typecheck: install
	$(VENV)/bin/mypy assistant knowledge ingest eval legalaid tests

unit: install
	$(PY) -m pytest -q

# The browser tier: Debian's chromium (Playwright) walks the kiosk, the staff console and /docs
# against `legalaid serve` in a child process, checks its log, and leaves screenshots in
# var/results/browser/ (about 2.5 min; not in the default pytest run, always in `make test`/CI).
browser: install system-deps
	$(PY) -m pytest -q -m browser

test: install system-deps lint imports typecheck unit browser

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
