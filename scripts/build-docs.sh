#!/usr/bin/env bash
# The DocC documentation of Annex's library products, from the symbol graphs of `swift package dump-symbol-graph`
# (the Makefile's `docs` target makes them): one archive per module, then one combined archive with a landing page.
#
#   scripts/build-docs.sh SYMBOLGRAPH_DIR OUTPUT_DIR MODULE...
#
# OUTPUT_DIR/MODULE.doccarchive for each module and OUTPUT_DIR/Annex.doccarchive for all of them, each laid out for
# static hosting (serve OUTPUT_DIR/Annex.doccarchive and open /documentation/). DOCC names the docc binary (default:
# docc on the PATH, else the one beside swift).
set -euo pipefail

graphs=$1; out=$2; shift 2
docc=${DOCC:-$(command -v docc || echo "$(dirname "$(readlink -f "$(command -v swift)")")/docc")}
[ -x "$docc" ] || { echo "build-docs: cannot find docc (set DOCC)" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out/.graphs"
archives=()
for module in "$@"; do
    [ -f "$graphs/$module.symbols.json" ] || { echo "build-docs: no symbol graph for $module in $graphs" >&2; exit 1; }
    # A module's own graph and those of its extensions to other modules' types (Module@Other.symbols.json).
    mkdir -p "$out/.graphs/$module"
    cp "$graphs/$module.symbols.json" "$out/.graphs/$module/"
    for extra in "$graphs/$module@"*.symbols.json; do [ -f "$extra" ] && cp "$extra" "$out/.graphs/$module/"; done
    "$docc" convert --additional-symbol-graph-dir "$out/.graphs/$module" \
        --fallback-display-name "$module" --fallback-bundle-identifier "annex.$module" \
        --transform-for-static-hosting --output-path "$out/$module.doccarchive"
    archives+=("$out/$module.doccarchive")
done
"$docc" merge "${archives[@]}" --synthesized-landing-page-name Annex --output-path "$out/Annex.doccarchive"
rm -rf "$out/.graphs"
echo "build-docs: $out/Annex.doccarchive ($* )"
