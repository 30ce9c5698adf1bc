#!/bin/sh
# Chromium for the explorer's browser tests (tests/test_browser.py): Debian's package.
# Installs it when missing and this user can (root, or sudo without a password);
# otherwise says so, and the browser tests skip (in CI, where CI is set, they fail).
set -eu
for b in chromium chromium-browser; do
    if command -v "$b" >/dev/null 2>&1; then exit 0; fi
done
if [ -n "${KG_CHROMIUM:-}" ] && [ -x "$KG_CHROMIUM" ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-browser: no apt-get here; install Chromium yourself or set KG_CHROMIUM" >&2
    exit 0
fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "setup-browser: Chromium is missing and apt-get needs root; browser tests will skip" >&2
    exit 0
fi
echo "setup-browser: installing Debian's chromium (for the browser tests)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null
