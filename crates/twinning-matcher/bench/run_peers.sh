#!/usr/bin/env bash
# Side-by-side benchmark of twinning-matcher against the Python peers on the
# same fixed-seed instances: creates a virtual environment, installs the peers
# from PyPI, runs the Rust bench (which writes the instances), then the peers.
#
#   crates/twinning-matcher/bench/run_peers.sh [OUT_DIR]
#
# Environment: VENV (default: OUT_DIR/venv), SKIP_MATCHING=1 to skip the slow
# pure-Python `matching` package, ONLY=<substring> to run some cases only,
# SEEDS=FROM..TO for other instances of the budgeted family (default 0..2),
# HIGHS_TIME_LIMIT=<seconds> per budgeted case for HiGHS (default 60), WALK=1
# to also give HiGHS the host-walk formulation of the stable cases
# (bench/walk_milp.py; its linear relaxation and its MILP).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-${TMPDIR:-/tmp}/twinning-matcher-bench}"
mkdir -p "$out"
# Absolute: the bench runs in the crate's folder and writes there otherwise.
out="$(cd "$out" && pwd)"
venv="${VENV:-$out/venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet matching==1.4.3 scipy==1.17.1 lap==0.5.13 highspy==1.15.1 numpy==2.4.6
"$venv/bin/pip" list 2>/dev/null | grep -Ei '^(matching|scipy|lap|highspy|numpy) ' || true
args=(--write "$out")
if [ -n "${ONLY:-}" ]; then args+=(--only "$ONLY"); fi
if [ -n "${SEEDS:-}" ]; then args+=(--seeds "$SEEDS"); fi
(cd "$here/.." && cargo bench -p twinning-matcher --bench matcher -- "${args[@]}")
extra=()
if [ -n "${SKIP_MATCHING:-}" ]; then extra+=(--skip-matching); fi
"$venv/bin/python" "$here/peers.py" "$out" "${extra[@]}"
if [ -n "${WALK:-}" ]; then
  (cd "$here" && "$venv/bin/python" walk_milp.py "$out" ${ONLY:+--only "$ONLY"})
fi
