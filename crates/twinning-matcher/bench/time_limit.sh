#!/usr/bin/env bash
# Overshoot harness of the budgeted search's time limit: builds the release
# command line, then runs benches/time_limit.rs against it, case by case,
# which writes large and adversarial budgeted instances (DIR, default
# $TMPDIR/twinning-time-limit) and prints how long past its limit the search
# returns: in the library (`budgeted` with a time limit, a past deadline, a
# cancellation) and in `twinning match --time-limit L` (wall time from the
# spawn, so reading the file and writing the result are in it). Nothing is
# asserted. A case still running after CASE_TIMEOUT seconds (default 120) is
# cut off and marked TIMEOUT: that is an overshoot of at least that much.
#
#   crates/twinning-matcher/bench/time_limit.sh [DIR] [-- HARNESS ARGS]
#
# Environment: ONLY=<substring> to run some cases only, CLI=<path> to test
# another build of the command line. Harness arguments: --limits 0.5,2,
# --no-lib, --verify (also `twinning match verify` on each result). Take
# `uptime` with the figures: the machine's load moves them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
dir="${TMPDIR:-/tmp}/twinning-time-limit"
if [ $# -gt 0 ] && [ "$1" != "--" ]; then dir="$1"; shift; fi
if [ $# -gt 0 ] && [ "$1" = "--" ]; then shift; fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
cli="${CLI:-}"
if [ -z "$cli" ]; then
  (cd "$root" && cargo build --release -p twinning-cli --bin twinning)
  cli="$root/target/release/twinning"
fi
harness="$(cd "$root" && cargo bench -p twinning-matcher --bench time_limit --no-run \
  --message-format=json 2>/dev/null | sed -n 's/.*"executable":"\([^"]*time_limit[^"]*\)".*/\1/p' | tail -1)"
uptime
echo "case | MB | read s | lib 0.5 | lib 2 | past | cancel | cli 0.5 | cli 2"
for tag in $("$harness" --list); do
  if [ -n "${ONLY:-}" ] && [[ "$tag" != *"$ONLY"* ]]; then continue; fi
  if ! timeout "${CASE_TIMEOUT:-120}" "$harness" --cli "$cli" --dir "$dir" --only "$tag" "$@" \
    | grep -v '^case '; then
    echo " | TIMEOUT after ${CASE_TIMEOUT:-120} s"
  fi
done
uptime
