#!/usr/bin/env python3
"""Lists the public declarations of Annex's modules that have no doc comment; exit 1 if there is any.

    tools/check-doc-comments.py [--symbol-graphs DIR] [MODULE ...]

Reads the symbol graphs that `swift package dump-symbol-graph --minimum-access-level public
--skip-synthesized-members --emit-extension-block-symbols` writes (`make doc-check` makes them first): for each
module, MODULE.symbols.json and MODULE@OTHER.symbols.json (its extensions of other modules' types). With no module
named, every module in the folder except test targets. Prints one line per undocumented declaration,
`file:line: kind Path.to.name`, sorted by file and line, then a count per module.

What counts as documented: a `///` comment on the declaration itself, or the documentation it inherits as the
implementation of another module's protocol requirement (`description` of CustomStringConvertible, `init(from:)` of
Decodable, `==`, `init(rawValue:)`): DocC shows that documentation. Extension blocks are not declarations to document.
A doc comment that is only whitespace does not count.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
from urllib.parse import unquote, urlparse

PUBLIC = {"public", "open"}
SKIP_KINDS = {"swift.extension"}


def default_graph_dir():
    """The symbol graph folder of the debug build: `<bin path>/../symbolgraph`."""
    try:
        bin_path = subprocess.run(["swift", "build", "--show-bin-path"], capture_output=True, text=True,
                                  check=True).stdout.strip()
        return os.path.join(os.path.dirname(bin_path), "symbolgraph")
    except (OSError, subprocess.CalledProcessError):
        found = glob.glob(".build/*/symbolgraph")
        return found[0] if found else ".build/symbolgraph"


def graph_files(folder, module):
    own = os.path.join(folder, module + ".symbols.json")
    if not os.path.isfile(own):
        return []
    return [own] + sorted(glob.glob(os.path.join(folder, glob.escape(module) + "@*.symbols.json")))


def has_doc(symbol):
    doc = symbol.get("docComment")
    return bool(doc) and any(line.get("text", "").strip() for line in doc.get("lines", []))


def where(symbol, root):
    loc = symbol.get("location") or {}
    path = unquote(urlparse(loc.get("uri", "")).path) if loc.get("uri") else "?"
    if root and path.startswith(root + os.sep):
        path = path[len(root) + 1:]
    line = loc.get("position", {}).get("line")
    return path, (line + 1 if line is not None else 0)   # positions are 0-based


def undocumented(folder, module, root):
    seen = set()
    for path in graph_files(folder, module):
        with open(path, encoding="utf-8") as f:
            graph = json.load(f)
        for s in graph.get("symbols", []):
            if s.get("accessLevel") not in PUBLIC or s["kind"]["identifier"] in SKIP_KINDS:
                continue
            key = s["identifier"]["precise"]
            if key in seen or has_doc(s):
                continue
            seen.add(key)
            file, line = where(s, root)
            kind = s["kind"].get("displayName", s["kind"]["identifier"]).lower()
            yield file, line, kind, ".".join(s.get("pathComponents", [])) or s["names"]["title"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="*", help="modules to check (default: every non-test module)")
    parser.add_argument("--symbol-graphs", metavar="DIR", help="symbol graph folder (default: the debug build's)")
    args = parser.parse_args()
    folder = args.symbol_graphs or default_graph_dir()
    if not os.path.isdir(folder):
        print(f"check-doc-comments: no symbol graphs in {folder}; run `make doc-check` (it makes them)", file=sys.stderr)
        return 2
    modules = args.modules or sorted({os.path.basename(p).split("@")[0].split(".symbols.json")[0]
                                      for p in glob.glob(os.path.join(folder, "*.symbols.json"))
                                      if "Tests" not in os.path.basename(p)})
    root = os.getcwd()
    counts, missing = {}, []
    for module in modules:
        if not graph_files(folder, module):
            print(f"check-doc-comments: no symbol graph for {module} in {folder}", file=sys.stderr)
            return 2
        found = list(undocumented(folder, module, root))
        counts[module] = len(found)
        missing += found
    for file, line, kind, name in sorted(missing):
        print(f"{file}:{line}: {kind} {name} has no doc comment")
    summary = ", ".join(f"{m} {n}" for m, n in counts.items())
    if missing:
        print(f"check-doc-comments: {len(missing)} public declarations without a doc comment ({summary})", file=sys.stderr)
        return 1
    print(f"check-doc-comments: every public declaration is documented in {', '.join(modules)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
