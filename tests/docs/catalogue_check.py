#!/usr/bin/env python3
"""`scn doc` lists every default message the stdlib sources declare (the list is read
from the sources, not written here), once each, with its Annex A clause, and has the
structure of its format: its four parts in Markdown, one self-contained page in HTML."""
import argparse
import glob
import html
import os
import re
import subprocess
import sys
import tempfile

# default "NAME" MESSAGE ["A.2.1"] {: the clause is optional.
DEFAULT = re.compile(r'^default\s+"([^"]+)"\s+(.+?)\s*(?:"?([A-Z](?:\.[0-9]+[a-z]?)+)"?)?\s*\{', re.M)


def stdlib_defaults(stdlib):
    found = []
    for path in sorted(glob.glob(os.path.join(stdlib, "**", "*.scn"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            found += DEFAULT.findall(f.read())
    return found


def structure_problems(fmt, text):
    if fmt == "md":
        need = ["# Catalogue of ts34229.annex_a", "## Default messages", "## Procedures",
                "## Parameters", "| code | meaning | tested by its rows |",
                "## Unexpected messages", "| OPTIONS | answer 200 | ts34229.unexpected |",
                "### A.15.1 \"MTSI MO call with preconditions\"", "| px_IMS_HomeDomainName |"]
        return [f"no line '{n}'" for n in need if n not in text]
    problems = []
    if not text.startswith("<!DOCTYPE html>") or not text.rstrip().endswith("</html>"):
        problems.append("not one HTML document")
    if "<style>" not in text:
        problems.append("no inline style")
    if re.search(r"<(script|link|img)\b|\bsrc=|href=\"(https?:)?//", text):
        problems.append("refers to an external resource")
    for part in ("defaults", "procedures", "parameters", "unexpected"):
        if f'<h2 id="{part}">' not in text:
            problems.append(f"no {part} section")
    if "<sip:" in text or "&lt;sip:" not in text:
        problems.append("URIs of the rows not escaped")
    if text.count("<table>") != text.count("</table>"):
        problems.append("unbalanced tables")
    return problems


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scn", required=True)
    p.add_argument("--format", choices=["md", "html"], required=True)
    p.add_argument("--stdlib", required=True)
    args = p.parse_args()
    defaults = stdlib_defaults(args.stdlib)
    if len(defaults) < 10:
        print(f"only {len(defaults)} defaults found in {args.stdlib}; is the pattern stale?")
        return 1
    with tempfile.TemporaryDirectory(prefix="scn-doc-") as workdir:
        out = os.path.join(workdir, f"catalogue.{args.format}")
        result = subprocess.run([args.scn, "doc", "--format", args.format, "-o", out],
                                capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            print(f"scn doc failed (exit {result.returncode}):\n{result.stderr}")
            return 1
        with open(out, encoding="utf-8") as f:
            text = f.read()
    problems = structure_problems(args.format, text)
    for name, message, clause in defaults:
        annex = f", Annex {clause}" if clause else ""
        if args.format == "md":
            heading = f'### "{name}"\n\n{message}{annex},'
            row = f'| "{name}" | {message} | {clause} |'
        else:
            heading = f">{html.escape(name)}</h3>\n<p>{html.escape(message)}{annex},"
            row = f">{html.escape(name)}</a></td><td>{html.escape(message)}</td><td>{clause}</td>"
        if text.count(heading) != 1:
            problems.append(f'default "{name}" ({message}, {clause}): '
                            f"{text.count(heading)} sections, expected 1")
        if text.count(row) != 1:
            problems.append(f'default "{name}": {text.count(row)} overview rows, expected 1')
    for problem in problems:
        print(f"scn doc --format {args.format}: {problem}")
    print(f"{len(defaults)} stdlib defaults, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
