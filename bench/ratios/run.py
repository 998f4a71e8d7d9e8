#!/usr/bin/env python3
"""Benchmarks of scn as ratios against peers measured in the same run (bench/README.md):
the parser against libosip2, `scn check`/`scn build` per 1,000 lines, `scn run` start to
first message against SIPp, load (highest clean call rate, CPU per call) and memory per
concurrent call against SIPp. Prints each section's figures, one machine-readable line per
ratio (`ratio NAME VALUE (DETAIL)`, higher is better for scn, or `skipped: NAME: WHY`) and a
summary table. Builds nothing; exit status 0 when it ran, 2 on bad arguments."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import compile_time  # noqa: E402
import load  # noqa: E402
import memory  # noqa: E402
import parser  # noqa: E402
import start  # noqa: E402

SECTIONS = ("parser", "compile", "start", "load", "memory")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("build", nargs="?", default=os.path.join(common.TOP, "build"),
                   help="the build folder (default: build/ of this checkout)")
    speed = p.add_mutually_exclusive_group()
    speed.add_argument("--quick", action="store_true",
                       help="shorter trials and searches (load about a minute a pair)")
    speed.add_argument("--smoke", action="store_true",
                       help="tiny counts: shows that every section runs, measures nothing")
    p.add_argument("--only", action="append", choices=SECTIONS,
                   help="run only this section (repeatable)")
    p.add_argument("--sipp", default="sipp", help="the SIPp program")
    p.add_argument("--hold", type=float, default=0, metavar="SECONDS",
                   help="load: run each pair's highest clean rate this long once more")
    p.add_argument("--keep", help="keep the logs and generated files in this folder")
    return p.parse_args(argv)


def scn_program(build):
    """The scn driver in BUILD: at its top, or where an older layout put it."""
    for path in (os.path.join(build, "scn"), os.path.join(build, "compiler", "driver", "scn")):
        if os.access(path, os.X_OK) and not os.path.isdir(path):
            return path
    return None


def sections(args, scn, sipp, workdir):
    """(section, its ratio names, function returning (ratios, figures)) in run order."""
    mode = "smoke" if args.smoke else "quick" if args.quick else "full"
    scn_help = common.help_text(scn, "run")
    return [
        ("parser", parser.NAMES, lambda: (parser.run(args.build, args.smoke), [])),
        ("compile", compile_time.NAMES,
         lambda: compile_time.run(scn, workdir, args.smoke, args.quick)),
        ("start", start.NAMES, lambda: start.run(scn, sipp, workdir, args.smoke)),
        ("load", load.NAMES, lambda: load.run(scn, sipp, workdir, mode, scn_help, args.hold)),
        ("memory", memory.NAMES, lambda: memory.run(scn, sipp, workdir, mode, scn_help)),
    ]


def run_section(names, section):
    """The section's (ratios, figures); its ratios skipped, with the reason, when something
    it runs is missing or unusable (a program gone in the middle of a run)."""
    try:
        return section()
    except (OSError, ValueError, subprocess.SubprocessError) as e:
        why = f"the section stopped: {type(e).__name__}: {e}"
        return [common.Ratio(name, skipped=why) for name in names], []


def summary(ratios, figures):
    common.say("\n== summary (ratios: higher is better for scn)")
    width = max([len(r.name) for r in ratios] + [len(f.name) for f in figures] + [10])
    for r in ratios:
        if r.skipped:
            common.say(f"{r.name:<{width}}  skipped: {r.skipped[:100]}")
            continue
        goal = f"goal {r.goal}: {'met' if r.met else 'NOT met'}" if r.goal else ""
        common.say(f"{r.name:<{width}}  {r.value:>8.3g}  {goal}")
    for f in figures:
        common.say(f"{f.name:<{width}}  {f.text}")
    common.say("")
    for r in ratios:
        common.say(r.line())


def main(argv=None):
    args = parse_args(argv)
    scn = scn_program(args.build)
    if scn is None:
        print(f"bench: no scn in {args.build} (build it first)", file=sys.stderr)
        return 2
    sipp = shutil.which(args.sipp)
    workdir = args.keep or tempfile.mkdtemp(prefix="scn-bench-")
    os.makedirs(workdir, exist_ok=True)
    ratios, figures = [], []
    try:
        for name, names, section in sections(args, scn, sipp, workdir):
            if args.only and name not in args.only:
                continue
            common.say(f"\n== {name}")
            got_ratios, got_figures = run_section(names, section)
            for r in got_ratios:
                common.say(r.line())
            ratios += got_ratios
            figures += got_figures
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    summary(ratios, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
