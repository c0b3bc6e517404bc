#!/usr/bin/env python3
"""Runs docs/operator-guide.md as written, so that "every command was run as shown" stays true.

    operator_guide_test.py GUIDE BIN_DIR

In a fresh directory whose build/bin is BIN_DIR, in one shell and in the guide's order:
- each ```sh block runs line by line, and every line must succeed;
- a ```json block right after a line `<!-- file: NAME -->` is written to NAME;
- in a ``` block of `$ COMMAND` lines, each command runs, its exit status must be the
  "(exit status N)" shown under it (else 0), and the lines shown under it must appear in
  what it printed (stdout and stderr), in order. Lines starting with "[..." mark elided
  output. Key ids, UTC times and `ls -l` owners and dates vary from run to run and are
  compared as placeholders.
Fails (exit 1) naming the first command that does not do what the guide shows.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile


def blocks(guide_text):
    """(language, lines, file name or None) for every fenced block, in order."""
    out = []
    lines = guide_text.splitlines()
    i = 0
    marker = None
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^<!-- file: (\S+) -->$", line.strip())
        if m:
            marker = m.group(1)
            i += 1
            continue
        if line.startswith("```"):
            lang = line[3:].strip()
            body = []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            out.append((lang, body, marker))
            marker = None
        elif line.strip():
            marker = None
        i += 1
    return out


def commands(body):
    """[(command, shown output lines)] of a `$ ` block."""
    out = []
    for line in body:
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif out:
            out[-1][1].append(line)
    return out


def normalize(line):
    line = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "<time>", line)
    line = re.sub(r"\b[0-9a-f]{16}\b", "<key id>", line)
    line = re.sub(
        r"^([-dlrwxsStT]{10})\s+\d+\s+\S+\s+\S+\s+(\d+)\s+\w{3}\s+\d+\s+[\d:]+\s+",
        r"\1 <links> <owner> <group> \2 <date> ",
        line,
    )
    return line.rstrip()


def expected_status(shown):
    for line in shown:
        m = re.match(r"^\(exit status (\d+)\)$", line.strip())
        if m:
            return int(m.group(1))
    return 0


def shown_lines(shown):
    return [
        normalize(l)
        for l in shown
        if l.strip()
        and not l.strip().startswith("[...")
        and not re.match(r"^\(exit status \d+\)$", l)
    ]


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    guide, bin_dir = sys.argv[1], os.path.abspath(sys.argv[2])
    for tool in ("stb-notice", "stb-probe", "stb-headend", "stb-central"):
        if not os.access(os.path.join(bin_dir, tool), os.X_OK):
            print(f"operator_guide_test: {bin_dir}/{tool} is missing: build it first", file=sys.stderr)
            return 1
    with open(guide, encoding="utf-8") as f:
        text = f.read()

    work = tempfile.mkdtemp(prefix="operator-guide-")
    results = os.path.join(work, ".results")
    os.makedirs(os.path.join(work, "build"))
    os.makedirs(results)
    os.symlink(bin_dir, os.path.join(work, "build", "bin"))

    script = ['cd "$WORK"']
    checks = []  # (index, command, expected status, shown lines)
    files = 0
    for lang, body, name in blocks(text):
        if lang == "json" and name:
            script.append(f"cat > {name} <<'GUIDE_JSON_EOF'")
            script.extend(body)
            script.append("GUIDE_JSON_EOF")
            files += 1
        elif lang == "sh":
            for line in body:
                if line.strip() and not line.strip().startswith("#"):
                    checks.append((len(checks), line, 0, []))
                    script.append(f'{{ {line}\n}} > "$RESULTS/out.{checks[-1][0]}" 2>&1 < /dev/null')
                    script.append(f'echo $? > "$RESULTS/rc.{checks[-1][0]}"')
        elif lang == "" and body and body[0].startswith("$ "):
            for command, shown in commands(body):
                n = len(checks)
                checks.append((n, command, expected_status(shown), shown_lines(shown)))
                script.append(f'{{ {command}\n}} > "$RESULTS/out.{n}" 2>&1 < /dev/null')
                script.append(f'echo $? > "$RESULTS/rc.{n}"')
    script.append("wait")

    env = dict(os.environ, WORK=work, RESULTS=results, LC_ALL="C.UTF-8")
    run = subprocess.run(["bash", "-c", "\n".join(script)], env=env, timeout=600)
    if run.returncode != 0:
        print(f"operator_guide_test: the guide's script failed with status {run.returncode}")

    failures = 0
    for n, command, status, shown in checks:
        try:
            with open(os.path.join(results, f"out.{n}"), encoding="utf-8", errors="replace") as f:
                printed = f.read()
            with open(os.path.join(results, f"rc.{n}")) as f:
                rc = int(f.read().strip())
        except OSError:
            print(f"FAIL: $ {command}\n  never ran (a command before it stopped the shell)")
            failures += 1
            break
        got = [normalize(l) for l in printed.splitlines() if l.strip()]
        problems = []
        if rc != status:
            problems.append(f"exit status {rc}, the guide shows {status}")
        at = 0
        for want in shown:
            while at < len(got) and got[at] != want:
                at += 1
            if at == len(got):
                problems.append(f"does not print (in this order): {want}")
                break
            at += 1
        if problems:
            failures += 1
            print(f"FAIL: $ {command}")
            for p in problems:
                print(f"  {p}")
            print("  it printed:")
            for line in printed.splitlines():
                print(f"    {line}")
    print(f"operator_guide_test: {len(checks)} commands, {files} files from the guide, "
          f"{failures} not as shown")
    if failures == 0 and run.returncode == 0:
        shutil.rmtree(work, ignore_errors=True)
        return 0
    print(f"operator_guide_test: the run is kept in {work}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
