# Sourced by the tshark tests: tshark, an independent reader, must find at
# least MIN sections with a good CRC in FILE, none with a bad one, and no
# expert error or warning (continuity, malformed packets, CRC).
# Usage: tshark_check FILE MIN_GOOD_SECTIONS   (exits the script on failure)
tshark_check() {
  local ts=$1 min=$2 expert dissection good bad
  command -v tshark >/dev/null || { echo "FAIL: tshark not installed (scripts/install-deps)"; exit 1; }
  expert=$(tshark -r "$ts" -o mpeg_sect.verify_crc:TRUE -q -z expert 2>/dev/null)
  if echo "$expert" | grep -qE "^(Errors|Warns) "; then
    echo "FAIL: tshark reports problems in $ts:"
    echo "$expert"
    exit 1
  fi
  dissection=$(tshark -r "$ts" -o mpeg_sect.verify_crc:TRUE -V 2>/dev/null)
  good=$(echo "$dissection" | grep -c "CRC 32 Status: Good" || true)
  bad=$(echo "$dissection" | grep -c "CRC 32 Status: Bad" || true)
  echo "tshark: $ts: $good sections with a good CRC, $bad bad"
  [ "$good" -ge "$min" ] || { echo "FAIL: tshark found too few sections ($good < $min)"; exit 1; }
  [ "$bad" -eq 0 ] || { echo "FAIL: $bad sections with a bad CRC"; exit 1; }
}
