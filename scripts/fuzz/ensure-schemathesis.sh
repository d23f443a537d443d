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
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
cp "$REQUIREMENTS" "$STAMP"
