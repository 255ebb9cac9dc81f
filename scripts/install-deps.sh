#!/usr/bin/env bash
# Installs the system libraries Provenance links against, once: running it again
# does nothing when they are present. Works as root (no sudo needed) or with sudo.
set -euo pipefail
# zstd, zip: the corpus tests make compressed inputs; unzip, dpkg-dev (dpkg-source): sdist and
# Debian source extraction.
packages=(libsqlite3-dev libopenblas-dev libxxhash-dev libzstd-dev zlib1g-dev pkg-config zstd zip unzip dpkg-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then as_root=(); elif command -v sudo >/dev/null; then as_root=(sudo); else
  echo "install-deps: need root or sudo to install ${missing[*]}" >&2; exit 2
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
