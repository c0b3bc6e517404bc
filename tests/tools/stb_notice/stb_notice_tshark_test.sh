#!/usr/bin/env bash
# An independent reader checks the streams stb-notice writes: tshark must find
# every section CRC good (our private sections included) and report no
# continuity, malformed-packet or CRC problem, in real-time and in simulated
# (a day of TDTs every 30 s) streams.
# Usage: stb_notice_tshark_test.sh BIN_DIR WORK_DIR
set -euo pipefail
bin=$1
work=$2
source "$(dirname "$0")/../tshark_check.sh"
rm -rf "$work"
mkdir -p "$work"
"$bin/stb-notice" keygen --out "$work/keys" >/dev/null
cat >"$work/notices.json" <<'JSON'
{"notices": [{"id": 1001, "revision": 2, "kind": "planned_maintenance",
  "start": "2026-11-30T02:00:00Z", "end": "2026-11-30T06:00:00Z", "targets": {"areas": ["3601"]},
  "texts": [{"language": "zho", "charset": "gb2312", "title": "线路维护", "body": "11月30日02:00至06:00线路维护。"},
            {"language": "spa", "charset": "iso6937", "title": "Mantenimiento", "body": "Corte de servicio."}]}],
 "work_calendars": [{"year": 2026, "revision": 1, "days": [{"date": "2026-10-01", "type": "holiday"}]}]}
JSON

build() {
  "$bin/stb-notice" build "$work/notices.json" --key "$work/keys/operator.key.pem" \
    --issued 2026-11-28T08:00:00Z "$@" >/dev/null
}

build --out "$work/realtime.ts" --duration 5s --from 2026-11-29T00:00:00Z
# 5 s: PAT and PMT every 100 ms, the two objects every second, a TOT a second.
tshark_check "$work/realtime.ts" 100
build --out "$work/day.ts" --from 2026-11-29T00:00:00Z --to 2026-11-30T00:00:00Z --tdt-every 30s
# 2881 steps of PAT, PMT, TOT and the two objects.
tshark_check "$work/day.ts" $((2881 * 5))
echo "PASS"
