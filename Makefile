# Pain Companion: `make run` starts the app, `make test` runs everything headless (tests, ruff, layers, mypy).
VENV   ?= .venv
PYTHON ?= python3
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed-stamp
export LANG ?= C.UTF-8
# Some shells set this; without cached bytecode every test process (and every subprocess a test starts)
# compiles the whole package again.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test lint bench stress clean system-deps package screenshots

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e ".[test]"
	touch $(STAMP)

system-deps:
	@sh .ci/system-deps.sh

run: system-deps $(STAMP)
	$(PY) -m paincompanion

test: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -n auto --dist worksteal
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy

bench: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/startup.py
	$(PY) benchmarks/save_entry.py
	$(PY) benchmarks/report.py

# Every page at 100 %, 150 % and 200 % text on a 1366×768 window, from a fresh demo diary, drawn offscreen:
# resources/screenshots/<page>-<scale>.png (256 colours, small).
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) resources/screenshots/make_screenshots.py

# Crash harness (tests/stress/harness.py): 200 SIGKILLs during saves, 50 during import, 50 during migration,
# 20 during first start, 50 during encrypt/decrypt of a year of demo data; and every other test marked slow
# (the later kill points of tests/storage/test_cipher_atomic.py).
stress: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -s -m slow tests

# One-folder bundle in dist/paincompanion (PyInstaller, packaging/paincompanion.spec), then a headless smoke test.
PKG_STAMP = $(VENV)/.package-stamp
$(PKG_STAMP): $(STAMP) pyproject.toml
	$(PY) -c "import PyInstaller" 2>/dev/null || $(PY) -m pip install -q --disable-pip-version-check -e ".[package]"
	touch $(PKG_STAMP)

package: system-deps $(PKG_STAMP)
	@sh packaging/linux/build-deps.sh
	$(VENV)/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build packaging/paincompanion.spec
	sh packaging/smoke.sh dist/paincompanion/paincompanion

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache .mypy_cache
