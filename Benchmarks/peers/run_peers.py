#!/usr/bin/env python3
"""Runs the peer baseline scripts beside this file and prints their timings as one JSON document.

Each script renders one reference chart N times as PNG and N times as SVG in one process and prints
its ms/chart and file size per format (see README.md). This runner starts every script as a child
process, R rounds in a fixed order (round 1: bar/matplotlib, bar/Vega-Lite, line, map; then round 2 ...),
parses the "png:" and "svg:" lines, and takes each child's peak resident set size from os.wait4.
Python 3 standard library only; the scripts themselves need matplotlib and vl-convert-python in the
interpreter given with --python (`make peers-env` makes one at .venv-peers).

Usage:  python3 run_peers.py [--n 100] [--rounds 3] [--out DIR] [--only bar,line,map] [--python PATH]

Output (stdout, one JSON document; progress goes to stderr):
  {"python": "3.11.7", "n": 100, "rounds": 3, "peers": [
     {"script": "matplotlib_bar.py", "chart": "bar", "tool": "matplotlib 3.11.2",
      "png_ms": [167.0, ...], "svg_ms": [118.0, ...],        # ms/chart, one per round
      "png_bytes": 65400, "svg_bytes": 90879,                # file sizes (last round)
      "peak_rss_kib": 169984,                                 # max over rounds, whole process
      "skipped": null}, ...]}
A script that cannot run (missing module) or fails (non-zero exit, output not understood) has
"skipped": "<reason>", "tool": null, empty ms lists and null bytes/RSS; the runner still exits 0.
Exit status 2: bad arguments (including a --python that is not a working Python 3).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# (script, chart, module the script needs), in the order they run in every round
PEERS = [
    ("matplotlib_bar.py", "bar", "matplotlib"),
    ("vegalite_bar.py", "bar", "vl_convert"),
    ("matplotlib_line.py", "line", "matplotlib"),
    ("matplotlib_choropleth.py", "map", "matplotlib"),
]
CHARTS = ("bar", "line", "map")

# e.g. "matplotlib 3.11.2 png:  128.000 ms/chart (100 charts, 12.80 s total), file 97811 bytes"
#      "vl-convert 1.9.0 (Vega-Lite v6_4) svg:   79.000 ms/chart (100 charts, 7.90 s total), file 31328 bytes"
LINE = re.compile(r"^(?P<tool>\S.*?) (?P<fmt>png|svg):\s+(?P<ms>\d+(?:\.\d+)?) ms/chart "
                  r"\((?P<n>\d+) charts, \d+(?:\.\d+)? s total\), file (?P<bytes>\d+) bytes\s*$")

PROBE = r"""
import json, sys
out = {"version": "%d.%d.%d" % sys.version_info[:3], "missing": {}}
for name in ("matplotlib", "vl_convert"):
    try:
        __import__(name)
    except Exception as e:
        out["missing"][name] = "%s: %s" % (type(e).__name__, e)
print(json.dumps(out))
"""


def log(msg):
    print(f"peers: {msg}", file=sys.stderr, flush=True)


def positive_int(text):
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}")
    if v < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {v}")
    return v


def chart_list(text):
    names = [t.strip() for t in text.split(",") if t.strip()]
    bad = [t for t in names if t not in CHARTS]
    if bad or not names:
        raise argparse.ArgumentTypeError(f"expected a comma-separated subset of {','.join(CHARTS)}, got {text!r}")
    return set(names)


def probe(python):
    """Version of the interpreter and the modules it cannot import; None if it does not run."""
    try:
        r = subprocess.run([python, "-c", PROBE], stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, str(e)
    if r.returncode != 0:
        return None, (r.stderr.strip().splitlines() or [f"exit status {r.returncode}"])[-1]
    try:
        return json.loads(r.stdout.strip().splitlines()[-1]), None
    except (ValueError, IndexError):
        return None, "unexpected output from the interpreter"


def last_line(text):
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def run_script(python, script, n, outdir):
    """Runs one script; returns (result dict, None) or (None, failure reason)."""
    path = os.path.join(HERE, script)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        try:
            proc = subprocess.Popen([python, path, str(n), outdir], stdin=subprocess.DEVNULL,
                                    stdout=out, stderr=err)
        except OSError as e:
            return None, f"failed: {e}"
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen from waiting again
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        what = (f"exit status {proc.returncode}" if proc.returncode > 0
                else f"killed by signal {-proc.returncode}")
        return None, f"failed: {last_line(stderr) or what}"
    rss_kib = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss  # bytes on macOS
    result = {"peak_rss_kib": int(rss_kib)}
    tools = set()
    for line in stdout.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        if int(m["n"]) != n:
            return None, f"failed: output not understood (it rendered {m['n']} charts, not {n}): {line.strip()}"
        tools.add(m["tool"])
        result[m["fmt"] + "_ms"] = float(m["ms"])
        result[m["fmt"] + "_bytes"] = int(m["bytes"])
    missing = [f for f in ("png", "svg") if f + "_ms" not in result]
    if missing:
        return None, f"failed: {last_line(stderr) or 'no ' + ' and '.join(f + ':' for f in missing) + ' line in its output'}"
    if len(tools) != 1:
        return None, f"failed: output not understood (tool names {sorted(tools)})"
    result["tool"] = tools.pop()
    return result, None


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Run the peer baseline scripts and print their timings as one JSON document.")
    parser.add_argument("--n", type=positive_int, default=100, metavar="N",
                        help="charts per format per script (default 100)")
    parser.add_argument("--rounds", type=positive_int, default=3, metavar="R",
                        help="runs of every script (default 3)")
    parser.add_argument("--out", metavar="DIR",
                        help="scratch directory for the charts (default: a fresh temporary one, removed at the end)")
    parser.add_argument("--only", type=chart_list, metavar="bar,line,map",
                        help="run only the scripts drawing these charts")
    parser.add_argument("--python", default=sys.executable, metavar="PATH",
                        help="interpreter that runs the scripts (default: this one)")
    args = parser.parse_args(argv)
    if not args.python:
        parser.error("no interpreter: give --python PATH")
    if os.sep in args.python:
        args.python = os.path.abspath(args.python)  # not realpath: a venv's python is a symlink

    info, why = probe(args.python)
    if info is None:
        parser.error(f"--python {args.python}: not a working Python interpreter ({why})")

    peers = []
    for script, chart, module in PEERS:
        if args.only is not None and chart not in args.only:
            continue
        entry = {"script": script, "chart": chart, "tool": None, "png_ms": [], "svg_ms": [],
                 "png_bytes": None, "svg_bytes": None, "peak_rss_kib": None, "skipped": None}
        if module in info["missing"]:
            entry["skipped"] = f"{module} not importable by {args.python}: {info['missing'][module]}"
            log(f"skipping {script}: {entry['skipped']}")
        elif not os.path.isfile(os.path.join(HERE, script)):
            entry["skipped"] = f"failed: {script} not found in {HERE}"
            log(f"skipping {script}: not found")
        peers.append(entry)

    made_temp = args.out is None
    outdir = tempfile.mkdtemp(prefix="annex-peers-") if made_temp else os.path.abspath(args.out)
    try:
        os.makedirs(outdir, exist_ok=True)
        for rnd in range(1, args.rounds + 1):
            for entry in peers:
                if entry["skipped"] is not None:
                    continue
                log(f"round {rnd}/{args.rounds}: {entry['script']} ({entry['chart']}), N={args.n} ...")
                res, why = run_script(args.python, entry["script"], args.n, outdir)
                if res is None:
                    log(f"{entry['script']}: {why}")
                    entry.update(tool=None, png_ms=[], svg_ms=[], png_bytes=None, svg_bytes=None,
                                 peak_rss_kib=None, skipped=why)
                    continue
                if entry["tool"] is not None and res["tool"] != entry["tool"]:
                    log(f"{entry['script']}: tool changed between rounds ({entry['tool']} -> {res['tool']})")
                for fmt in ("png", "svg"):
                    if entry[fmt + "_bytes"] is not None and entry[fmt + "_bytes"] != res[fmt + "_bytes"]:
                        log(f"{entry['script']}: {fmt} size changed between rounds "
                            f"({entry[fmt + '_bytes']} -> {res[fmt + '_bytes']} bytes)")
                entry["tool"] = res["tool"]
                entry["png_ms"].append(res["png_ms"])
                entry["svg_ms"].append(res["svg_ms"])
                entry["png_bytes"] = res["png_bytes"]
                entry["svg_bytes"] = res["svg_bytes"]
                entry["peak_rss_kib"] = max(entry["peak_rss_kib"] or 0, res["peak_rss_kib"])
                log(f"  {res['tool']}: png {res['png_ms']:.1f} ms/chart, svg {res['svg_ms']:.1f} ms/chart, "
                    f"peak RSS {res['peak_rss_kib'] / 1024:.0f} MiB")
    finally:
        if made_temp:
            shutil.rmtree(outdir, ignore_errors=True)

    doc = {"python": info["version"], "n": args.n, "rounds": args.rounds, "peers": peers}
    json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
