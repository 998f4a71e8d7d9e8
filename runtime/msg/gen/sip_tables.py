#!/usr/bin/env python3
"""Writes the message layer's SIP tables from the SIP header schema (stdlib/sip).

    sip_tables.py -o OUTPUT.cpp FILE.schema...

The checker (compiler/schema) and the runtime both need some facts of the schema: the
canonical spelling of each header, its compact form, whether its values form a
comma-separated list, the default reason phrase of each status code and the request
methods. The schema files are their one source; this script copies them into a C++
file of the build tree that the runtime compiles (msg/msg.h declares what it defines),
so the runtime never reads files at run time and never links the compiler.

It has its own small reader of the schema format (stdlib/sip/README.md) and keeps only
the declarations it needs: `header NAME` with its `compact`, `type` and `separator`
lines, `status CODE PHRASE...` and `method NAME ...`. Everything else is the loader's
business; tests/schema checks that both readers agree.
"""

import argparse
import os
import sys

TOP_LEVEL = {"columns", "method", "option-tag", "event-package", "content-type", "status",
             "pseudo", "header", "paramset", "parts-of"}
OPENS_BLOCK = {"header", "paramset", "parts-of"}
# RFC 3261 25.1 token characters: what a header name may be made of.
TOKEN_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~")


class SchemaError(Exception):
    pass


def tokenize(line):
    """Words of one line, as the loader's lexer splits them: spaces and tabs separate,
    '#' starts a comment outside a "quoted string", a backslash escapes in quotes."""
    words = []
    i = 0
    while i < len(line):
        c = line[i]
        if c in " \t\r":
            i += 1
            continue
        if c == "#":
            break
        word = []
        if c == '"':
            i += 1
            closed = False
            while i < len(line):
                c = line[i]
                if c == "\\" and i + 1 < len(line):
                    word.append(line[i + 1])
                    i += 2
                    continue
                i += 1
                if c == '"':
                    closed = True
                    break
                word.append(c)
            if not closed:
                raise SchemaError("unterminated quoted string")
        else:
            while i < len(line) and line[i] not in " \t\r#":
                word.append(line[i])
                i += 1
        words.append("".join(word))
    return words


class Tables:
    def __init__(self):
        self.headers = {}  # lower-case name -> [name, compact, kind, separator]
        self.statuses = {}  # code -> phrase
        self.methods = []

    def read(self, path):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        header = None  # the entry of the open header block
        for number, line in enumerate(text.split("\n"), start=1):
            try:
                words = tokenize(line)
                if not words:
                    continue
                if words[0] in TOP_LEVEL:
                    header = self.top_level(words)
                elif header is not None:
                    self.attribute(header, words)
            except SchemaError as e:
                raise SchemaError(f"{path}:{number}: {e}") from None

    def top_level(self, words):
        kind = words[0]
        if kind == "header":
            if len(words) != 2 or not set(words[1]) <= TOKEN_CHARS:
                raise SchemaError("expected: header NAME")
            key = words[1].lower()
            if key in self.headers:
                raise SchemaError(f"header {words[1]} declared twice")
            entry = [words[1], "", "single", ","]
            self.headers[key] = entry
            return entry
        if kind == "status":
            if len(words) < 3 or not words[1].isdigit() or not 100 <= int(words[1]) <= 699:
                raise SchemaError("expected: status CODE REASON-PHRASE")
            code = int(words[1])
            if code in self.statuses:
                raise SchemaError(f"status {code} declared twice")
            self.statuses[code] = " ".join(words[2:])
        elif kind == "method":
            if len(words) < 3:
                raise SchemaError("expected: method NAME ABBREV [flags]")
            self.methods.append(words[1])
        return None

    @staticmethod
    def attribute(header, words):
        kind = words[0]
        if kind == "compact":
            if len(words) != 2 or len(words[1]) != 1 or not words[1].isalpha():
                raise SchemaError("expected: compact LETTER")
            header[1] = words[1].lower()
        elif kind == "type":
            if len(words) == 3:
                if words[2] not in ("single", "list", "multi"):
                    raise SchemaError("expected 'single', 'list' or 'multi'")
                header[2] = words[2]
        elif kind == "separator":
            if len(words) != 2 or words[1] not in (",", ";"):
                raise SchemaError("expected: separator ,|;")
            header[3] = words[1]

    def check(self):
        seen = {}
        for name, compact, _, _ in self.headers.values():
            if not compact:
                continue
            if compact in seen:
                raise SchemaError(f"compact form {compact} of both {seen[compact]} and {name}")
            if compact in self.headers:
                raise SchemaError(f"compact form {compact} of {name} is also a header name")
            seen[compact] = name


def cpp_string(text):
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in text):
        raise SchemaError(f"control character in {text!r}")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(tables):
    out = [
        "// Generated by runtime/msg/gen/sip_tables.py from stdlib/sip/*.schema at build",
        "// time. Do not edit: change the schema (see stdlib/sip/README.md).",
        '#include "msg/msg.h"',
        "",
        "namespace scn::sip {",
        "",
        "namespace {",
        "",
        "// Sorted by name ignoring ASCII case, for binary search.",
        "constexpr HeaderInfo kHeaders[] = {",
    ]
    # Lower-casing only changes ASCII letters in these names, so this is the order of
    # the runtime's case-insensitive comparison.
    for name, compact, kind, separator in sorted(tables.headers.values(),
                                                 key=lambda h: h[0].lower()):
        letter = f"'{compact}'" if compact else "0"
        comma_list = "true" if kind == "list" and separator == "," else "false"
        out.append(f"    {{{cpp_string(name)}, {letter}, {comma_list}}},")
    out += ["};", "", "// By code.", "constexpr StatusInfo kStatuses[] = {"]
    for code in sorted(tables.statuses):
        out.append(f"    {{{code}, {cpp_string(tables.statuses[code])}}},")
    out += ["};", "", "constexpr std::string_view kMethods[] = {"]
    for method in tables.methods:
        out.append(f"    {cpp_string(method)},")
    out += [
        "};",
        "",
        "}  // namespace",
        "",
        "std::span<const HeaderInfo> schema_headers() noexcept { return kHeaders; }",
        "std::span<const StatusInfo> schema_statuses() noexcept { return kStatuses; }",
        "std::span<const std::string_view> schema_methods() noexcept { return kMethods; }",
        "",
        "}  // namespace scn::sip",
        "",
    ]
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("schema", nargs="+")
    args = parser.parse_args()
    tables = Tables()
    try:
        # In name order, as the loader reads them.
        for path in sorted(args.schema, key=os.path.basename):
            tables.read(path)
        tables.check()
        if not tables.headers or not tables.statuses or not tables.methods:
            raise SchemaError("no headers, status codes or methods found")
        text = render(tables)
    except (SchemaError, OSError) as e:
        print(f"sip_tables.py: {e}", file=sys.stderr)
        return 1
    # Rewrite only on change, so that touching a schema file for an unrelated fact
    # recompiles nothing.
    try:
        with open(args.output, encoding="utf-8") as f:
            if f.read() == text:
                return 0
    except OSError:
        pass
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
