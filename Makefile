# Every target sets itself up: a fresh clone needs only Python 3.10+ and make.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test package bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,package]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m desktop_app

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

package: $(STAMP)
	$(PY) -m PyInstaller --noconfirm --clean build.spec
	QT_QPA_PLATFORM=offscreen dist/chugiai/chugiai --self-test

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

clean:
	rm -rf build dist $(VENV)
