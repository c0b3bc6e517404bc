#!/bin/sh
# The layer check itself (scripts/check-layers): the real tree passes; a small
# tree with one include against docs/architecture.md's rules fails, naming the
# file, the line and the rule.
# Usage: check_layers_test.sh SOURCE_DIR
set -u
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# The real tree obeys the rules.
"$src/scripts/check-layers" --root "$src" >"$tmp/real.out" 2>&1 ||
  { cat "$tmp/real.out"; fail "the real tree breaks the layer rules"; }

# platform/ reaching up into stb's policy, on line 3.
mkdir -p "$tmp/tree/platform" "$tmp/tree/stb/ports" "$tmp/tree/dvb"
: >"$tmp/tree/stb/daemon.h"
: >"$tmp/tree/stb/ports/log.h"
: >"$tmp/tree/dvb/section.h"
printf '#pragma once\n#include "stb/ports/log.h"\n#include "stb/daemon.h"\n#include <vector>\n' \
  >"$tmp/tree/platform/wrong.h"
printf '#include "dvb/section.h"\n' >"$tmp/tree/platform/right.cpp"
"$src/scripts/check-layers" --root "$tmp/tree" >"$tmp/wrong.out" 2>&1
rc=$?
cat "$tmp/wrong.out"
[ "$rc" -eq 1 ] || fail "exit $rc on a wrong include, expected 1"
grep -q 'platform/wrong.h:3: includes "stb/daemon.h", but platform/ may include only dvb/, stb/ports/, platform/' \
  "$tmp/wrong.out" || fail "the message does not name platform/wrong.h:3 and the rule"
[ "$(grep -c '^check-layers: .*:[0-9]*: includes' "$tmp/wrong.out")" -eq 1 ] ||
  fail "only the one wrong include should be named"

# A relative spelling is checked where it lands.
printf '#include "../stb/daemon.h"\n' >"$tmp/tree/dvb/sneaky.cpp"
rm "$tmp/tree/platform/wrong.h"
"$src/scripts/check-layers" --root "$tmp/tree" >"$tmp/relative.out" 2>&1
rc=$?
cat "$tmp/relative.out"
[ "$rc" -eq 1 ] || fail "exit $rc on a relative wrong include, expected 1"
grep -q 'dvb/sneaky.cpp:1: includes "stb/daemon.h", but dvb/ may include only dvb/' \
  "$tmp/relative.out" || fail "the relative include is not named"
echo "PASS"
