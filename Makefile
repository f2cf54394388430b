# rrall: two commands on a fresh machine (Python 3.11+, network to the package registries)
#   make report   set up everything, validate the data, render both editions (HTML + PDF)
#   make test     set up everything, run the whole test suite
# Both are idempotent: a second run only redoes what changed.

PYTHON      ?= python3
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
KERNEL      := rrall
QUARTO_MIN  := 1.9
QUARTO_CLI  := 1.10.19
export QUARTO_PYTHON := $(abspath $(PY))
export PATH := $(abspath $(VENV))/bin:$(PATH)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: report test setup quarto validate render supplement reconstruct ensemble bench lint clean

report: setup quarto validate render

test: setup quarto
	$(PY) -m pytest

WEBFONTS    := _assets/webfonts/OFL.txt
CFF_SCHEMA  := $(VENV)/cff-schema-1.2.0.json
CFFCONVERT  := cffconvert==2.0.0

setup: $(STAMP) _assets/fonts/OFL.txt $(WEBFONTS) _assets/csl/american-medical-association-brackets.csl $(CFF_SCHEMA)
	@$(PY) -m rrall.site --notices

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required / Python 3.11 이상 필요"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "rrall (Python)" >/dev/null
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && ! command -v pdftotext >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null) \
	  || echo "note: poppler-utils not installed; PDF checks will be skipped"; fi
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && ! command -v chromium >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "note: chromium not installed; browser checks will be skipped"; fi
	touch $(STAMP)

_assets/fonts/OFL.txt: $(STAMP) _assets/NanumGothic-OFL.txt
	$(PY) -c "from rrall.fonts import install_fonts; print('fonts ->', install_fonts())"

# web fonts: sanitised, subset WOFF2 made from the TTFs (rrall.fonts); the notice is written last
$(WEBFONTS): _assets/fonts/OFL.txt _assets/NanumGothic-OFL.txt rrall/fonts.py
	$(PY) -c "from rrall.fonts import install_webfonts; print('web fonts ->', install_webfonts())"

# the CFF 1.2.0 JSON schema, from the pinned cffconvert wheel (not installed: its jsonschema<4
# pin clashes with Jupyter's), for the test that validates CITATION.cff
$(CFF_SCHEMA): $(STAMP)
	$(PY) -m pip download --quiet --no-deps --dest $(VENV)/cache $(CFFCONVERT)
	$(PY) -c "import zipfile, glob; z = zipfile.ZipFile(sorted(glob.glob('$(VENV)/cache/cffconvert-2.0.0-*.whl'))[-1]); open('$@', 'wb').write(z.read('cffconvert/schemas/1.2.0/schema.json'))"

_assets/csl/american-medical-association-brackets.csl: $(STAMP) rrall/csl.py
	$(PY) -m rrall.csl

# Quarto: an installed Quarto >= 1.9 on PATH, else the quarto-cli wheel. Where neither can be
# had (no route to Quarto's download host) say so and go on: the tests skip render checks.
quarto: $(STAMP)
	@$(PY) -m rrall.quarto ensure --min $(QUARTO_MIN) --wheel quarto-cli==$(QUARTO_CLI)

validate: setup
	$(PY) -m rrall validate

render: setup
	@$(PY) -m rrall.quarto require --min $(QUARTO_MIN)
	quarto render --profile ko
	quarto render --profile en
	$(PY) -m rrall.site _book
	@echo "report: _book/index.html (ko: _book/ko/, en: _book/en/)"

# one archive for a journal: each edition as one self-contained HTML file and its PDF, the data
# with the codebook, and a reviewer's README (rrall.supplement)
supplement: report
	$(PY) -m rrall.supplement --book _book --out _supplement

# the reconstructed data/ (refuses a folder with files but no reconstruction.yaml)
reconstruct: setup
	$(PY) -m rrall reconstruct

# many reconstructions and what holds in all of them: data/ensemble/ (N=200, all cores)
ensemble: setup
	$(PY) -m rrall ensemble

bench: setup
	$(PY) -m pip install --quiet -c requirements.lock -e ".[bench]"
	$(PY) bench/run.py

lint: setup
	$(PY) -m ruff check rrall tests bench
	$(PY) -m ruff format --check rrall tests bench
	$(PY) -m mypy rrall

clean:
	rm -rf _book _supplement .quarto $(VENV) _assets/fonts _assets/webfonts _assets/csl
