#!/usr/bin/env bash
# docs/notice.schema.json says what stb-notice's C++ checks say: every file in
# schema_cases/valid passes the schema and every file in schema_cases/invalid
# fails it (schema_cases_test.cpp runs the same files through stb-notice).
# Usage: schema_test.sh SCHEMA CASES_DIR. Needs python3-jsonschema (>= 4, for
# draft 2020-12); fails, never skips, without it.
set -euo pipefail
schema=$1
cases=$2
python3 - "$schema" "$cases" <<'PY'
import json, pathlib, sys
try:
    import jsonschema
except ImportError:
    print("FAIL: python3-jsonschema is not installed (apt-get install python3-jsonschema)")
    sys.exit(1)
schema = json.loads(pathlib.Path(sys.argv[1]).read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
cases = pathlib.Path(sys.argv[2])
failures = 0
for path in sorted((cases / "valid").glob("*.json")):
    errors = list(validator.iter_errors(json.loads(path.read_text())))
    if errors:
        failures += 1
        print(f"FAIL: {path.name} should pass the schema: {errors[0].message}")
for path in sorted((cases / "invalid").glob("*.json")):
    if validator.is_valid(json.loads(path.read_text())):
        failures += 1
        print(f"FAIL: {path.name} should fail the schema")
total = len(list(cases.glob("*/*.json")))
if failures or total < 20:
    print(f"FAIL: {failures} of {total} cases")
    sys.exit(1)
print(f"PASS: {total} cases agree with the schema")
PY
