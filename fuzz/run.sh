#!/usr/bin/env bash
# Builds the fuzz targets and runs each for a set time.
#
#   fuzz/run.sh SECONDS [TARGET...]   run each TARGET (default: all) for SECONDS
#   fuzz/run.sh --smoke [TARGET...]   the CI pass: 20 seconds per target
#
# Before a run, every committed input in fuzz/regressions/<target>/ is replayed
# once (a crash there fails the run), and the seeds in fuzz/seeds/<target>/ are
# copied into the working corpus fuzz/corpus/<target>/ (git-ignored). Crashes
# land in fuzz/artifacts/<target>/. Prints one line per target: executions,
# seconds, result; exits non-zero when any target crashed, hung or ran out of
# memory.
#
# Environment: FUZZ_TIMEOUT (seconds one input may take, default 10),
# FUZZ_RSS_MB (memory limit, default 2048), FUZZ_JOBS (targets at a time,
# default 1), FUZZ_SANITIZER (default none: the crates forbid unsafe code, so
# AddressSanitizer would only slow the search; set `address` to use it),
# FUZZ_ARGS (extra libFuzzer options, e.g. `-max_len=65536`).
set -euo pipefail

usage() {
    sed -n '2,6p' "$0" >&2
    exit 2
}

[[ $# -ge 1 ]] || usage
if [[ $1 == --smoke ]]; then
    seconds=20
elif [[ $1 =~ ^[0-9]+$ ]]; then
    seconds=$1
else
    usage
fi
shift

cd "$(dirname "$0")"
# Absolute paths for libFuzzer: the command-line targets change directory.
here=$PWD
export RUSTC_BOOTSTRAP=1
unset CARGO_TARGET_DIR
sanitizer=${FUZZ_SANITIZER:-none}
timeout=${FUZZ_TIMEOUT:-10}
rss=${FUZZ_RSS_MB:-2048}
jobs=${FUZZ_JOBS:-1}
triple=$(rustc -vV | sed -n 's/^host: //p')
bin_dir=target/$triple/release

if [[ $# -gt 0 ]]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi

mkdir -p logs
build_start=$SECONDS
for t in "${targets[@]}"; do
    if ! cargo fuzz build --sanitizer "$sanitizer" "$t" >logs/build.log 2>&1; then
        tail -n 30 logs/build.log >&2
        echo "build of $t failed" >&2
        exit 1
    fi
done
echo "build: $((SECONDS - build_start)) s for ${#targets[@]} target(s)"

# Runs one target; writes its summary line to logs/<target>.result.
run_one() {
    local t=$1 bin=$bin_dir/$1 log=logs/$1.log result runs secs slowest peak
    mkdir -p "corpus/$t" "artifacts/$t"
    if [[ -d seeds/$t ]]; then
        cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true
    fi
    result=ok
    if compgen -G "regressions/$t/*" >/dev/null; then
        if ! "$bin" -timeout="$timeout" -rss_limit_mb="$rss" "$here/regressions/$t"/* \
            >"logs/$t.regressions.log" 2>&1; then
            result="REGRESSION (see fuzz/logs/$t.regressions.log)"
        fi
    fi
    local dict=()
    [[ -f dicts/$t.dict ]] && dict=(-dict="$here/dicts/$t.dict")
    local start=$SECONDS
    local extra=()
    read -r -a extra <<<"${FUZZ_ARGS:-}"
    if ! "$bin" -artifact_prefix="$here/artifacts/$t/" -max_total_time="$seconds" \
        -timeout="$timeout" -rss_limit_mb="$rss" -print_final_stats=1 "${dict[@]}" \
        "${extra[@]}" "$here/corpus/$t" >"$log" 2>&1; then
        local artifact
        artifact=$(grep -o 'artifacts/[^ ]*' "$log" | tail -n 1 || true)
        result="FAILED: $(grep -m1 -oE 'ERROR: libFuzzer: [a-z-]+|panicked at [^ ]+' "$log" || echo 'see log') ${artifact:+-> fuzz/$artifact}"
    fi
    secs=$((SECONDS - start))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    slowest=$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$log" | tail -n 1)
    peak=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
    printf '%-14s %12s %6s s %8s s %6s MB  %s\n' "$t" "${runs:-?}" "$secs" "${slowest:-?}" \
        "${peak:-?}" "$result" >"logs/$t.result"
    # A running tally across runs, for the figures in docs/robustness.md.
    printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "${runs:-0}" "$secs" "$result" \
        >>logs/history.tsv
}

running=0
for t in "${targets[@]}"; do
    run_one "$t" &
    running=$((running + 1))
    if [[ $running -ge $jobs ]]; then
        wait -n || true
        running=$((running - 1))
    fi
done
wait

printf '%-14s %12s %8s %10s %9s  %s\n' target executions time slowest peak-rss result
status=0
for t in "${targets[@]}"; do
    cat "logs/$t.result"
    grep -q ' ok$' "logs/$t.result" || status=1
done
echo "total: $SECONDS s including the build"
exit $status
