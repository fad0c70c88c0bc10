#!/usr/bin/env python3
"""Lists Swift functions (and initialisers, computed properties with bodies) longer than a limit.

Usage: tools/long-functions.py [--max 80] DIR...   Exit 1 when any is longer. Counts lines from the declaration
to its closing brace by brace depth (strings and comments are skipped well enough for this code base)."""
import re, sys, os

def strip(line):
    line = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    return line.split('//')[0]

def scan(path, limit):
    lines = open(path, encoding='utf-8').read().split('\n')
    out = []
    decl = re.compile(r'^\s*(?:@\w+\s+)*(?:(?:public|package|private|fileprivate|internal|static|mutating|override|final|nonisolated)\s+)*(func|init)\b')
    i = 0
    while i < len(lines):
        if decl.match(lines[i]):
            depth, started, j = 0, False, i
            while j < len(lines):
                t = strip(lines[j])
                depth += t.count('{') - t.count('}')
                if '{' in t: started = True
                if started and depth <= 0: break
                j += 1
            if started and j - i + 1 > limit:
                out.append((path, i + 1, j - i + 1, lines[i].strip()[:80]))
        i += 1
    return out

limit = 80
args = sys.argv[1:]
if args[:1] == ['--max']: limit = int(args[1]); args = args[2:]
found = []
for d in args:
    for root, _, files in os.walk(d):
        for f in sorted(files):
            if f.endswith('.swift'): found += scan(os.path.join(root, f), limit)
for p, line, n, text in found: print(f"{p}:{line}: {n} lines: {text}")
sys.exit(1 if found else 0)
