#!/bin/sh
# What the tests need besides Python packages, installed only when missing:
#   - Debian's chromium + chromium-driver (the browser tests: search, offline bundle,
#     accessibility, hostile input) and fonts-noto-cjk (Chinese glyphs in screenshots);
#   - axe-core from the npm registry (pinned in tests/js/package-lock.json) for the
#     accessibility test (nodejs + npm from Debian if npm is missing);
#   - poppler-utils' pdftotext (the print test reads the PDF Chromium prints).
# Part of the README's test command, so that command alone runs every test.
set -eu
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
packages=""
command -v chromium >/dev/null 2>&1 || packages="$packages chromium"
command -v chromedriver >/dev/null 2>&1 || packages="$packages chromium-driver"
[ -d /usr/share/fonts/opentype/noto ] || packages="$packages fonts-noto-cjk"
command -v npm >/dev/null 2>&1 || packages="$packages nodejs npm"
command -v pdftotext >/dev/null 2>&1 || packages="$packages poppler-utils"
if [ -n "$packages" ]; then
  echo "tests/setup.sh: installing$packages (apt-get)" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $packages >/dev/null
fi
if [ ! -f tests/js/node_modules/axe-core/axe.min.js ]; then
  npm ci --prefix tests/js --silent --no-audit --no-fund
fi
