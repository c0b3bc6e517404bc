#!/usr/bin/env bash
# An independent reader checks the sample stream we generate: tshark must find
# every section CRC good and report no continuity, malformed-packet or CRC
# problem. Usage: sample_stream_tshark_test.sh BIN_DIR WORK_DIR
set -euo pipefail
bin=$1
work=$2
source "$(dirname "$0")/tshark_check.sh"
mkdir -p "$work"
ts="$work/sample.ts"
"$bin/stb-mkts" --out "$ts" --duration 5
tshark_check "$ts" 101
echo "PASS"
