# safetrack — plain GNU Makefile.
#
#   make                 build ./safetrack
#   make check           unit tests (cmocka) and CLI tests
#   make asan            the same tests built with ASan + UBSan
#   make valgrind        the same tests under valgrind
#   make install         PREFIX=/usr/local DESTDIR=
#
# Objects go to $(B) (build/ by default) so that the sanitizer build can live
# beside the normal one; every .c in src/ except main.c goes into a static
# library that the binary and each unit test link against.

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/safetrack
MANDIR    ?= $(PREFIX)/share/man
UNITDIR   ?= $(PREFIX)/lib/systemd/system
B         ?= build

PKGS      = libxml-2.0 libxslt libexslt sqlite3 jansson xlsxwriter libsodium libmicrohttpd libical
WARN      = -Wall -Wextra -Wpedantic -Wshadow -Wmissing-prototypes \
            -Wstrict-prototypes -Wold-style-definition -Wpointer-arith \
            -Wwrite-strings -Wformat=2 -Wvla
CFLAGS   ?= -O2 -g
ST_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -pthread $(WARN) -Iinclude \
            $(shell pkg-config --cflags $(PKGS)) \
            -DST_DATADIR='"$(DATADIR)"'
ST_LIBS   = $(shell pkg-config --libs $(PKGS)) -lcsv -lm -pthread

SRC       = $(filter-out src/main.c,$(wildcard src/*.c))
OBJ       = $(SRC:src/%.c=$(B)/%.o)
LIB       = $(B)/libsafetrack.a
HDR       = $(wildcard include/*.h)
TEST_SRC  = $(wildcard tests/test_*.c)
TEST_BIN  = $(TEST_SRC:tests/%.c=$(B)/tests/%)

# The binary lands at the top for the normal build and inside $(B) otherwise,
# so that `make asan` never overwrites ./safetrack.
ifeq ($(B),build)
BIN       = safetrack
else
BIN       = $(B)/safetrack
endif

.PHONY: all check unit cli asan valgrind valgrind-ci install uninstall clean deps demo test fuzz render-png e2e e2e-asan serve-demo

all: $(BIN)

$(BIN): $(B)/main.o $(LIB)
	$(CC) $(ST_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(ST_LIBS)

$(LIB): $(OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(B)/%.o: src/%.c $(HDR) | $(B)
	$(CC) $(ST_CFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/%.c tests/st_test.h tests/st_fixture.h $(LIB) | $(B)
	$(CC) $(ST_CFLAGS) $(CFLAGS) -DUNIT_TESTING -Itests $(LDFLAGS) -o $@ $< $(LIB) $(ST_LIBS) -lcmocka

# the allocation-failure test routes the library's own allocations through
# its injector (tests/test_oom.c)
OOM_WRAP  = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup \
            -Wl,--wrap=xmlRelaxNGValidateDoc,--wrap=xmlRelaxNGParse \
            -Wl,--wrap=xmlXPathCompiledEval,--wrap=xmlXPathCompiledEvalToBoolean \
            -Wl,--wrap=xsltApplyStylesheetUser
$(B)/tests/test_oom: tests/test_oom.c tests/st_test.h $(LIB) | $(B)
	$(CC) $(ST_CFLAGS) $(CFLAGS) -DUNIT_TESTING -Itests $(LDFLAGS) $(OOM_WRAP) -o $@ $< $(LIB) $(ST_LIBS) -lcmocka

$(B):
	mkdir -p $(B)/tests

# The README's two quick-start commands: both install what is missing first.
deps:
	@scripts/install-deps.sh

test: deps
	$(MAKE) check
	$(MAKE) e2e

# End-to-end tests of `safetrack serve` in Debian's chromium (Playwright);
# SAFETRACK_E2E_BIN picks the server binary (e2e-asan: the sanitizer build).
SAFETRACK_E2E_BIN ?= $(abspath $(BIN))
e2e: $(BIN)
	cd tests/e2e && { [ -d node_modules/@playwright/test ] || npm ci --no-audit --no-fund; } && \
		SAFETRACK='$(SAFETRACK_E2E_BIN)' npx playwright test

# One command to try the web front end on the sample park (see README).
serve-demo: deps
	$(MAKE) all
	scripts/serve-demo.sh ./safetrack

e2e-asan:
	$(MAKE) B=build/asan CFLAGS='$(ASAN_FLAGS)' LDFLAGS='$(ASAN_FLAGS)' build/asan/safetrack
	$(MAKE) e2e SAFETRACK_E2E_BIN=$(abspath build/asan/safetrack)

demo: deps
	$(MAKE) all
	rm -f build/demo.db
	./safetrack --db build/demo.db import sample
	./safetrack --db build/demo.db check --as-of 2026-11-28 --format text || [ $$? -eq 2 ]
	./safetrack --db build/demo.db report park --park WSHG --as-of 2026-11-28 -o build/park-report.html
	@echo "园区合规报告已写入 build/park-report.html"

# Test runners read TEST_WRAPPER (e.g. valgrind) and SAFETRACK (the binary).
check: unit cli

unit: $(TEST_BIN)
	@tests/run-unit.sh $(TEST_BIN)

cli: $(BIN)
	@SAFETRACK=$(abspath $(BIN)) tests/run-cli.sh

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
asan:
	$(MAKE) B=build/asan CFLAGS='$(ASAN_FLAGS)' LDFLAGS='$(ASAN_FLAGS)' check

VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full \
           --errors-for-leak-kinds=definite,indirect --track-fds=no
# test_oom fails allocations inside libxml2 2.9.14, whose own out-of-memory
# paths leak (tests/RELIABILITY.md §6); it runs under ASan with leak
# detection off instead, and natively in `make check`.
VALGRIND_SKIP = test_oom
valgrind:
	$(MAKE) B=build/vg CFLAGS='-O0 -g' TEST_WRAPPER='$(VALGRIND)' UNIT_SKIP='$(VALGRIND_SKIP)' check

# CI's valgrind run: every unit test, and the CLI tests of the main job
# (import, check in every format, report) — the whole CLI suite under
# valgrind takes longer than CI allows.
valgrind-ci:
	$(MAKE) B=build/vg CFLAGS='-O0 -g' TEST_WRAPPER='$(VALGRIND)' \
		UNIT_SKIP='$(VALGRIND_SKIP)' CLI_TESTS='10-* 40-* 50-*' check

# The sample park's three reports as PNG with headless Chromium, each checked
# not blank (needs scripts/install-deps.sh --render); images in build/render.
render-png: $(BIN)
	scripts/render-png.sh $(abspath $(BIN)) $(abspath $(B))/render

# libFuzzer targets (clang, ASan + UBSan) in fuzz/build/; see fuzz/README.md
fuzz:
	@MAKE='$(MAKE)' fuzz/build.sh

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rules \
	           $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/safetrack
	install -m 644 rules/* $(DESTDIR)$(DATADIR)/rules/
	install -m 644 templates/* $(DESTDIR)$(DATADIR)/templates/
	install -m 644 man/safetrack.1 $(DESTDIR)$(MANDIR)/man1/safetrack.1
	# the installed pack, validated in full against its manifest (RELAX NG included)
	$(DESTDIR)$(BINDIR)/safetrack --rules $(DESTDIR)$(DATADIR)/rules rules validate
	# its digests' status record and compiled-pack cache (rules/README.md §9),
	# once the copied files are 2 s old: starts then neither hash nor parse it
	sleep 3 && $(DESTDIR)$(BINDIR)/safetrack --rules $(DESTDIR)$(DATADIR)/rules rules list >/dev/null
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|/usr/local/bin/safetrack|$(BINDIR)/safetrack|' scripts/systemd/safetrack.service \
		>$(DESTDIR)$(UNITDIR)/safetrack.service
	chmod 644 $(DESTDIR)$(UNITDIR)/safetrack.service

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/safetrack $(DESTDIR)$(MANDIR)/man1/safetrack.1
	rm -f $(DESTDIR)$(UNITDIR)/safetrack.service
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build safetrack
