#!/usr/bin/env bash
# An independent reader checks the sample stream we generate: tshark must find
# every section CRC good and report no continuity, malformed-packet or CRC
# problem. Usage: sample_stream_tshark_test.sh BIN_DIR WORK_DIR
set -euo pipefail
bin=$1
work=$2
command -v tshark >/dev/null || { echo "FAIL: tshark not installed (scripts/install-deps)"; exit 1; }
mkdir -p "$work"
ts="$work/sample.ts"
"$bin/stb-mkts" --out "$ts" --duration 5

expert=$(tshark -r "$ts" -o mpeg_sect.verify_crc:TRUE -q -z expert 2>/dev/null)
if echo "$expert" | grep -qE "^(Errors|Warns) "; then
  echo "FAIL: tshark reports problems in the generated stream:"
  echo "$expert"
  exit 1
fi
good=$(tshark -r "$ts" -o mpeg_sect.verify_crc:TRUE -V 2>/dev/null | grep -c "CRC 32 Status: Good" || true)
bad=$(tshark -r "$ts" -o mpeg_sect.verify_crc:TRUE -V 2>/dev/null | grep -c "CRC 32 Status: Bad" || true)
echo "tshark: $good sections with a good CRC, $bad bad"
[ "$good" -gt 100 ] || { echo "FAIL: tshark found too few sections ($good)"; exit 1; }
[ "$bad" -eq 0 ] || { echo "FAIL: $bad sections with a bad CRC"; exit 1; }
echo "PASS"
