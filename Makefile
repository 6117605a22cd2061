# Every target sets itself up: a fresh clone needs only Python 3.10+ and make. On
# Debian/Ubuntu the system packages Python's venv and Qt's window need are installed too
# (apt-get, through sudo when not root, after saying what): desktop_app/system_libraries.py.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast test-postgres lint package bench clean

$(STAMP): pyproject.toml
	$(PYTHON) desktop_app/system_libraries.py --venv
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev,package]"
	touch $(STAMP)

run: $(STAMP)
	@$(PY) desktop_app/system_libraries.py --qt
	$(PY) -m desktop_app

test: $(STAMP)
	@$(PY) desktop_app/system_libraries.py --qt-headless
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# The core suite again with every library on a PostgreSQL server the tests start themselves
# (tests/engines.py; tests marked sqlite_only are skipped, server_pending ones xfail). Not part
# of `make test`: it takes longer than the 5 minutes allowed it there (docs/postgresql.md step 4).
# Without a server it ends with the one skip line; .ci/run makes that an error.
test-postgres: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q --engine=postgres tests/core

# The same without the tests marked slow (worker processes, large articles, fuzzing).
test-fast: $(STAMP)
	@$(PY) desktop_app/system_libraries.py --qt-headless
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not slow"

# Style and bugs (ruff), types in core (mypy), and the architecture as import contracts
# (import-linter, see [tool.importlinter] in pyproject.toml). All three run, then it fails
# if any did.
lint: $(STAMP)
	@status=0; \
	$(VENV)/bin/ruff check desktop_app tests benchmarks || status=1; \
	$(VENV)/bin/mypy desktop_app/core || status=1; \
	$(VENV)/bin/lint-imports || status=1; \
	exit $$status

# One-folder bundle in dist/chugiai, then its self-test, run from / to prove it does not
# depend on the working directory. underthesea's address/ must never ship (it breaks
# `import underthesea` in a bundle); tts/ and agent/ are unused.
package: $(STAMP)
	$(PY) -m PyInstaller --noconfirm --clean build.spec
	@for d in address tts agent; do \
	  if [ -e dist/chugiai/_internal/underthesea/$$d ]; then \
	    echo "package: the bundle ships underthesea/$$d" >&2; exit 1; fi; done
	cd / && QT_QPA_PLATFORM=offscreen "$(CURDIR)/dist/chugiai/chugiai" --self-test

# Interface translations: lupdate gathers the strings from the code into chugiai_vi.ts
# (new ones arrive unfinished: translate them in pyside6-linguist or by hand), then
# lrelease compiles every .ts into the .qm the app loads. chugiai_qt_vi.ts (a few of Qt's
# own strings) is kept by hand. See resources/translations/README.md.
.PHONY: translations
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate desktop_app/*.py $$(find desktop_app/ui -name "*.py") -no-obsolete \
	  -locations relative -source-language en -target-language vi \
	  -ts resources/translations/chugiai_vi.ts
	$(VENV)/bin/pyside6-lupdate desktop_app/*.py $$(find desktop_app/ui -name "*.py") -pluralonly -no-obsolete \
	  -locations none -source-language en -target-language en -ts resources/translations/chugiai_en.ts
	$(PY) resources/translations/english_plurals.py resources/translations/chugiai_en.ts
	for ts in resources/translations/*.ts; do \
	  $(VENV)/bin/pyside6-lrelease "$$ts" -qm "$${ts%.ts}.qm" || exit 1; done

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

clean:
	rm -rf build dist $(VENV)
