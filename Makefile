# Two commands for a fresh clone: `make demo` and `make test`. Each creates .venv when missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Offline machines: tiktoken reads its encodings from the shared cache when it is there.
ifneq ($(wildcard ../shared/tiktoken_cache),)
export TIKTOKEN_CACHE_DIR ?= $(abspath ../shared/tiktoken_cache)
endif

.PHONY: demo test eval bench clean

# constraints.txt pins what the benchmark figures were measured with (numerics drift between releases)
$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/baton demo

test: $(VENV)/.installed
	$(BIN)/python -m pytest

eval: $(VENV)/.installed
	$(BIN)/baton eval

bench: $(VENV)/.installed
	$(BIN)/python bench/turn_latency.py

clean:
	rm -rf $(VENV) .pytest_cache
