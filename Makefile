# veille: `make run` (the nightly job on ./Feeds), `make test` (the whole suite), `make demo` (offline).
SHELL := /bin/bash
DEBS := libcurl4-openssl-dev libxml2-dev libsqlite3-dev zlib1g-dev python3-aiosmtpd openssl pkg-config \
  postgresql postgresql-contrib chromium chromium-driver python3-selenium
PIP_PACKAGES := stix2-validator
SWIFT ?= swift
BIN := .build/release/veille

.PHONY: run test demo build release deps clean lint format bench-feeds bench-html-feeds browser-test install \
  install-files man

# Checks the Debian packages veille needs; installs them as root, else prints the exact apt-get line.
deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing Debian packages; run: sudo apt-get install -y$$missing"; exit 2; \
	  fi; \
	fi
	@# The official STIX 2.1 validator, which the export test runs (Tests/InteropTests/ExportTests.swift).
	@python3 -c 'import stix2validator' 2>/dev/null || python3 -m pip install --quiet --break-system-packages \
	  $(PIP_PACKAGES) 2>/dev/null || python3 -m pip install --quiet $(PIP_PACKAGES) || { echo "missing Python packages; run: python3 -m pip install $(PIP_PACKAGES)"; exit 2; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product veille

run: release
	$(BIN) run --config Feeds --db veille.sqlite --out digests

# The whole suite. Tests that show the crawler private, link-local or metadata addresses first run again
# inside a loopback-only network namespace (they skip themselves anywhere else), so a bug can never
# send a packet off this machine; then the full suite, whose last line CI reads.
test: deps
	mkdir -p .build
	$(SWIFT) build --build-tests
	@if unshare -rn true 2>/dev/null; then \
	  unshare -rn sh -c 'ip link set lo up && $(SWIFT) test --skip-build --filter HostileAddressTests' || exit 1; \
	else echo "note: unshare -rn is not permitted here: the loopback-only namespace tests are skipped"; fi
	set -o pipefail; $(SWIFT) test --skip-build 2>&1 | tee .build/test-output.txt
	Tests/Browser/run.sh

# The workbench in headless Chromium (Tests/Browser/walk.py); screenshots in .build/browser.
browser-test: deps
	$(SWIFT) build --build-tests
	Tests/Browser/run.sh

# The house style: .swift-format (swift-format ships with the toolchain). `make format` rewrites in place;
# `make lint` fails on any difference, and .ci/run runs it before the tests.
SWIFT_FILES := Package.swift Sources Tests
lint:
	$(SWIFT) format lint --strict --recursive --parallel $(SWIFT_FILES)

format:
	$(SWIFT) format --in-place --recursive --parallel $(SWIFT_FILES)

# `make install PREFIX=/usr/local` (and DESTDIR for packagers): the binary in $(PREFIX)/lib/veille beside the
# resource bundles `veille serve` reads, linked from $(PREFIX)/bin; the man page and the bash, zsh and fish
# completions, both generated from the commands by swift-argument-parser; the cron wrapper and crontab in
# $(PREFIX)/share/veille/cron, set to run the installed binary. `install-files` copies what is built
# (BUILD_DIR, MANPAGE= for none) without building.
PREFIX ?= /usr/local
DESTDIR ?=
BUILD_DIR ?= .build/release
MANPAGE ?= .build/plugins/GenerateManual/outputs/veille/veille.1
ROOT := $(DESTDIR)$(PREFIX)

install: release man
	$(MAKE) install-files

# The man page, by swift-argument-parser's generate-manual plugin (it builds the products in release first).
man:
	$(SWIFT) package generate-manual --configuration release

install-files:
	@test -x $(BUILD_DIR)/veille || { echo "no $(BUILD_DIR)/veille: run make release first"; exit 2; }
	install -d $(ROOT)/bin $(ROOT)/lib/veille $(ROOT)/share/veille/cron \
	  $(ROOT)/share/bash-completion/completions $(ROOT)/share/zsh/site-functions $(ROOT)/share/fish/vendor_completions.d
	install -m 755 $(BUILD_DIR)/veille $(ROOT)/lib/veille/veille
	for b in $(BUILD_DIR)/*.resources; do rm -rf $(ROOT)/lib/veille/$${b##*/}; cp -R $$b $(ROOT)/lib/veille/; done
	ln -sf ../lib/veille/veille $(ROOT)/bin/veille
	$(BUILD_DIR)/veille --generate-completion-script bash > $(ROOT)/share/bash-completion/completions/veille
	$(BUILD_DIR)/veille --generate-completion-script zsh > $(ROOT)/share/zsh/site-functions/_veille
	$(BUILD_DIR)/veille --generate-completion-script fish > $(ROOT)/share/fish/vendor_completions.d/veille.fish
	if [ -n "$(MANPAGE)" ]; then install -d $(ROOT)/share/man/man1 && install -m 644 $(MANPAGE) $(ROOT)/share/man/man1/veille.1; fi
	sed 's|^VEILLE_BIN=.*|VEILLE_BIN=$${VEILLE_BIN:-$(PREFIX)/bin/veille}|' cron/nightly.sh > $(ROOT)/share/veille/cron/nightly.sh
	chmod 755 $(ROOT)/share/veille/cron/nightly.sh
	sed 's|/opt/veille/cron/nightly.sh|$(PREFIX)/share/veille/cron/nightly.sh|' cron/veille.crontab \
	  > $(ROOT)/share/veille/cron/veille.crontab
	@echo "installed veille in $(ROOT): bin/veille, lib/veille, share/man, completions, share/veille/cron"

demo: release
	$(BIN) demo --mirror Feeds/demo --out demo-out

# The foundation issue's figure: feed_eval.py (from ../shared/tools; pip install feedparser) over 1,020
# feeds of real size: the six Le Monde-format fixtures (29–57 KB; UTF-8, windows-1252, ISO-8859-1,
# UTF-16, French dates, xml:base) copied 170 times each. Its MB/s counts the whole batch process and the
# script's own decoding of the JSON Lines it reads.
FEED_EVAL ?= ../shared/tools/feed_eval.py
FEED_CORPUS := .build/feed-corpus
bench-feeds: release
	rm -rf $(FEED_CORPUS) && mkdir -p $(FEED_CORPUS)
	for i in $$(seq 170); do for f in Tests/SyndicationTests/Fixtures/feeds/synthetic-fr-*.rss; do \
	  cp $$f $(FEED_CORPUS)/$$i-$${f##*/}; done; done
	python3 $(FEED_EVAL) --batch-cmd '$(BIN) feed --batch' --speed-only --big $(FEED_CORPUS)

# The same figure on article-heavy feeds: 1,020 feeds (99.8 MB; RSS with CDATA content:encoded, RSS and RDF
# with escaped HTML descriptions, Atom with escaped HTML content) whose items carry the real article HTML
# of Mozilla Readability's test pages, built by Tests/Benchmarks/make-html-feeds.py.
HTML_PAGES ?= ../shared/fixtures/extraction/readability/test-pages
HTML_FEEDS := .build/html-feeds

bench-html-feeds: release
	rm -rf $(HTML_FEEDS)
	python3 Tests/Benchmarks/make-html-feeds.py $(HTML_PAGES) $(HTML_FEEDS)
	python3 $(FEED_EVAL) --batch-cmd '$(BIN) feed --batch' --speed-only --big $(HTML_FEEDS)

clean:
	rm -rf .build demo-out
