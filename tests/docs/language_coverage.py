#!/usr/bin/env python3
"""Fails naming every parser rule of the grammar that no section of the language
reference covers. A section says which rules it covers with a marker:
<!-- rules: stepLine messageStep -->."""
import argparse
import re
import sys


def grammar_rules(text):
    # A rule starts at the beginning of a line with a lower-case name, then ':' on the
    # same line or the next; comments start with '//' and lexer rules are upper case.
    return re.findall(r"^([a-z][A-Za-z0-9_]*)\s*(?=:|\n\s*:)", text, re.M)


def covered_rules(text):
    covered = set()
    for marker in re.findall(r"<!--\s*rules:(.*?)-->", text, re.S):
        covered.update(marker.split())
    return covered


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--grammar", required=True)
    p.add_argument("--doc", required=True)
    args = p.parse_args()
    with open(args.grammar, encoding="utf-8") as f:
        rules = grammar_rules(f.read())
    with open(args.doc, encoding="utf-8") as f:
        covered = covered_rules(f.read())
    if len(rules) < 10:
        print(f"{args.grammar}: found only {len(rules)} parser rules; is the pattern stale?")
        return 1
    missing = [rule for rule in rules if rule not in covered]
    for rule in missing:
        print(f"{args.doc}: no section covers grammar rule '{rule}' "
              f"(add it to a section's <!-- rules: ... --> marker)")
    for name in sorted(covered - set(rules)):
        print(f"{args.doc}: note: marker names '{name}', which is no rule of the grammar")
    print(f"{len(rules) - len(missing)} of {len(rules)} grammar rules covered")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
