#!/usr/bin/env bash
# Fetches the benchmark corpus a manifest names (default: Benchmarks/corpus.manifest)
# into a folder (default: Benchmarks/ and the manifest's name, e.g. Benchmarks/corpus,
# git-ignored): Python sdists with `pip download`,
# Debian binary packages that ship source with `apt-get download`. Idempotent:
# what is already there is kept. Nothing fetched is committed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
manifest=${1:-$here/corpus.manifest}
[ -f "$manifest" ] || { echo "fetch-corpus: no manifest at $manifest" >&2; exit 2; }
out=${2:-$here/$(basename "$manifest" .manifest)}
mkdir -p "$out/downloads" "$out/src"
out=$(cd "$out" && pwd)

command -v pip >/dev/null || { echo "fetch-corpus: pip is needed for the Python sdists" >&2; exit 2; }
command -v apt-get >/dev/null || echo "fetch-corpus: no apt-get here; skipping the Debian packages" >&2

while read -r kind name version keep; do
  case "$kind" in ''|'#'*) continue ;; esac
  dest="$out/src/$name"
  [ -e "$dest/.done" ] && continue
  rm -rf "$dest" && mkdir -p "$dest"
  case "$kind" in
    pypi)
      pip download --quiet --no-deps --no-binary "$name" "$name==$version" -d "$out/downloads" >/dev/null
      archive=$(ls "$out"/downloads/* | grep -i "/$(echo "$name" | tr '-' '_')-$version\.\|/$name-$version\." | head -n 1)
      tar -xzf "$archive" -C "$dest"
      find "$dest" -type f ! -name "$keep" -delete ;;
    deb)
      command -v apt-get >/dev/null || continue
      (cd "$out/downloads" && ls "${name}"_*.deb >/dev/null 2>&1 || apt-get download "$name" >/dev/null 2>&1)
      deb=$(ls "$out/downloads/${name}"_*.deb | head -n 1)
      case "$(dpkg-deb -f "$deb" Version)" in $version) ;; *) echo "fetch-corpus: $name is $(dpkg-deb -f "$deb" Version), manifest pins $version" >&2; exit 2 ;; esac
      tmp=$(mktemp -d) && dpkg-deb -x "$deb" "$tmp"
      if [ "$name" = openjdk-17-source ]; then
        zip=$(find "$tmp" -name src.zip | head -n 1)
        (cd "$dest" && python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = [n for n in z.namelist() if n.endswith(".java") and any(n.startswith(p + "/") for p in sys.argv[2:])]
z.extractall(".", names)' "$zip" $keep)
      else
        for path in $keep; do cp -r "$tmp/$path" "$dest/"; done
      fi
      rm -rf "$tmp" ;;
    *) echo "fetch-corpus: unknown kind '$kind' for $name" >&2; exit 2 ;;
  esac
  touch "$dest/.done"
  echo "fetched $name $version: $(find "$dest" -type f ! -name .done | wc -l) files, $(du -sh "$dest" | cut -f1)"
done < "$manifest"
echo "corpus in $out/src: $(du -sh "$out/src" | cut -f1)"
