#!/usr/bin/env bash
# Installs schemathesis (the API fuzzer of `npm run fuzz`) into a virtual environment of its own
# under .data/fuzz/venv, at the versions pinned in scripts/fuzz/requirements.txt. Does nothing
# when that environment already has exactly those versions.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

readonly VENV=.data/fuzz/venv REQUIREMENTS=scripts/fuzz/requirements.txt
readonly STAMP=$VENV/.installed-requirements.txt

if [[ -x $VENV/bin/schemathesis && -f $STAMP ]] && cmp -s "$REQUIREMENTS" "$STAMP"; then
  exit 0
fi
echo "fuzz: installing schemathesis into $VENV"
command -v python3 >/dev/null || {
  echo "fuzz: python3 is needed for schemathesis" >&2
  exit 1
}
rm -rf "$VENV"
# Debian's own python3 keeps venv in a package of its own; pyenv's and others' have it built in.
if ! python3 -m venv "$VENV" 2>/dev/null; then
  rm -rf "$VENV"
  sudo=()
  [[ $EUID -eq 0 ]] || sudo=(sudo -n)
  echo "fuzz: installing python3-venv"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv >/dev/null ||
    { "${sudo[@]}" apt-get update -q >/dev/null &&
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv >/dev/null; }
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
cp "$REQUIREMENTS" "$STAMP"
