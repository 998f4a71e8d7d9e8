#!/usr/bin/env python3
"""Checks every complete example of a Markdown page with `scn check`: a fenced ```scn
block whose first line that is not blank or a comment starts with `import` or
`testcase`. Fragments (a step, a row) are not complete files and are left out."""
import argparse
import os
import re
import subprocess
import sys
import tempfile


def examples(text):
    """(line number, code) of each complete ```scn block."""
    found = []
    for match in re.finditer(r"^```scn[ \t]*\n(.*?)^```", text, re.S | re.M):
        code = match.group(1)
        first = next((line.strip() for line in code.splitlines()
                      if line.strip() and not line.strip().startswith(("#", "//"))), "")
        if first.startswith(("import ", "testcase ")):
            found.append((text.count("\n", 0, match.start()) + 1, code))
    return found


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scn", required=True)
    p.add_argument("--doc", required=True)
    p.add_argument("--same-as", help="a .scn file the page's last complete example must equal")
    args = p.parse_args()
    with open(args.doc, encoding="utf-8") as f:
        blocks = examples(f.read())
    if not blocks:
        print(f"{args.doc}: no complete ```scn example found")
        return 1
    failures = 0
    if args.same_as:
        with open(args.same_as, encoding="utf-8") as f:
            if f.read() != blocks[-1][1]:
                failures += 1
                print(f"{args.doc}:{blocks[-1][0]}: the last complete example differs from "
                      f"{args.same_as}")
    with tempfile.TemporaryDirectory(prefix="scn-doc-examples-") as workdir:
        for line, code in blocks:
            path = os.path.join(workdir, f"example_line_{line}.scn")
            with open(path, "w", encoding="utf-8") as f:
                f.write(code)
            result = subprocess.run([args.scn, "check", path], capture_output=True, text=True,
                                    timeout=60)
            if result.returncode != 0:
                failures += 1
                print(f"{args.doc}:{line}: the example does not check (exit "
                      f"{result.returncode}):\n{result.stderr}")
    print(f"{len(blocks) - failures} of {len(blocks)} complete examples check")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
