#!/bin/sh
# The system tools the tests use, from Debian's packages: Chromium for the explorer's
# browser tests (tests/test_browser.py), and Tesseract with its Dutch model for reading
# scanned PDFs (kg build --ocr; tests/test_ocr.py).
# Installs what is missing when this user can (root, or sudo without a password);
# otherwise says so, and those tests skip (in CI, where CI is set, they fail).
set -eu
need=""
have_browser=""
for b in chromium chromium-browser; do
    if command -v "$b" >/dev/null 2>&1; then have_browser=1; fi
done
if [ -n "${KG_CHROMIUM:-}" ] && [ -x "$KG_CHROMIUM" ]; then have_browser=1; fi
[ -n "$have_browser" ] || need="$need chromium"
if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx nld; then
    need="$need tesseract-ocr tesseract-ocr-nld"
fi
[ -n "$need" ] || exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-system: no apt-get here; install$need yourself (or set KG_CHROMIUM)" >&2
    exit 0
fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "setup-system:$need missing and apt-get needs root; their tests will skip" >&2
    exit 0
fi
echo "setup-system: installing Debian's$need (for the browser and OCR tests)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086  # the package names are words
$SUDO apt-get install -y -qq $need >/dev/null
