#!/usr/bin/env python3
"""Writes request bodies for the attribution load test: one JSON object per line,
{"code": ..., "filename": ...}, each a window of `--lines` lines.

Most come from source files that are not in the index (`--src`, e.g. the quality
benchmark's corpus); `--copies` come from the index itself, so some requests find
matches and pay for verification. The index is opened read-only (never created).

Usage: snippets.py --index Index/default.sqlite --src Benchmarks/quality/src --out FILE
"""
import argparse
import json
import os
import random
import sqlite3
import subprocess

EXTENSIONS = {".py": "python", ".java": "java", ".js": "javascript"}


def windows(text, lines, rng):
    """A random window of `lines` lines with some code in it, or None when too short."""
    rows = text.split("\n")
    if len(rows) < lines:
        return None
    for _ in range(10):
        start = rng.randrange(0, len(rows) - lines + 1)
        window = rows[start:start + lines]
        if sum(1 for row in window if row.strip()) >= lines * 2 // 3:
            return "\n".join(window) + "\n"
    return None


def novel(src, count, lines, rng):
    paths = sorted(os.path.join(folder, name) for folder, _, names in os.walk(src) for name in names
                   if os.path.splitext(name)[1] in EXTENSIONS)
    rng.shuffle(paths)
    for path in paths:
        if count == 0:
            return
        with open(path, encoding="utf-8", errors="replace") as file:
            snippet = windows(file.read(), lines, rng)
        if snippet:
            count -= 1
            yield {"code": snippet, "filename": "snippet" + os.path.splitext(path)[1]}


def copies(index, count, lines, rng):
    """Windows of stored files (zstd frames in format 2, decompressed with the zstd tool)."""
    database = sqlite3.connect(f"file:{os.path.abspath(index)}?mode=ro", uri=True)
    rows = database.execute(
        "SELECT id, language FROM contents WHERE language IN ('python', 'java', 'javascript') ORDER BY id").fetchall()
    rng.shuffle(rows)
    extension = {language: ext for ext, language in EXTENSIONS.items()}
    for content_id, language in rows:
        if count == 0:
            return
        (data,) = database.execute("SELECT data FROM contents WHERE id = ?", (content_id,)).fetchone()
        if data[:4] == b"\x28\xb5\x2f\xfd":
            data = subprocess.run(["zstd", "-dc"], input=data, capture_output=True, check=True).stdout
        snippet = windows(data.decode("utf-8", errors="replace"), lines, rng)
        if snippet:
            count -= 1
            yield {"code": snippet, "filename": "copy" + extension[language]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", required=True)
    parser.add_argument("--src", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--novel", type=int, default=180)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--lines", type=int, default=50)
    parser.add_argument("--seed", type=int, default=5)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    bodies = list(novel(arguments.src, arguments.novel, arguments.lines, rng))
    if len(bodies) < arguments.novel:
        # Without them the load is all copies, a different benchmark: refuse rather than measure it.
        raise SystemExit(f"snippets: {arguments.src} gave {len(bodies)} of {arguments.novel} snippets of unindexed code "
                         f"(.py, .java, .js files of {arguments.lines}+ lines); fetch the quality corpus with "
                         f"Benchmarks/fetch-corpus.sh Benchmarks/quality.manifest")
    bodies += list(copies(arguments.index, arguments.copies, arguments.lines, rng))
    rng.shuffle(bodies)
    with open(arguments.out, "w") as out:
        for body in bodies:
            out.write(json.dumps(body) + "\n")
    print(f"snippets: {len(bodies)} bodies of {arguments.lines} lines "
          f"({sum(1 for b in bodies if b['filename'].startswith('copy'))} copied from the index) in {arguments.out}")


if __name__ == "__main__":
    main()
