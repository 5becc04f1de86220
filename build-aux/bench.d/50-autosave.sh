#!/usr/bin/env bash
# Autosave: the main thread's share of one autosave of the sample report
# (goal: under 2 ms) and the total time until the file is written and flushed.
set -euo pipefail
ninja -C "$NB_BUILD_DIR" tests/autosave/autosave-helper >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
XDG_DATA_HOME="$dir/data" GSETTINGS_BACKEND=memory \
  "$NB_BUILD_DIR/tests/autosave/autosave-helper" bench "$dir"
