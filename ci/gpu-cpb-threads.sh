#!/usr/bin/env bash
# Threads per block of the cell-per-block kernel, measured: runs ci/gpu-check.sh once per cap
# (-Dhuxley.cuda.cpbThreads = 32, 64, 128, 256) with the cell-per-block benchmark rows, the
# cell-per-block tests at 32 and 64 threads, and the whole forward group at 256. Logs per cap under $OUT/t<threads>/; the tables are printed at the end. About 3 minutes
# on an H100. Needs .gpu-bundle (ci/gpu-prepare.sh), like gpu-check.sh.
#   bash ci/gpu-cpb-threads.sh
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-$here/.gpu-out}"
cases="tree252:f32:1:cpb tree252:f64:1:cpb ca1:f32:1:cpb ca1:f64:1:cpb tree252:f32:1000:cpb tree252:f64:1000:cpb
  tree252:f32:10000:cpb ca1:f32:1000:cpb ca1:f64:1000:cpb ca1:f32:10000:cpb"
mkdir -p "$out"
status=0
for t in 32 64 128 256; do
  case $t in
    32 | 64) steps=perf ;;
    128) steps=bench ;;
    *) steps=forward; cases="$cases hh1:f32:100000 hh1:f64:100000" ;;
  esac
  echo "==== cpbThreads=$t ($steps)"
  OUT="$out/t$t" HUXLEY_GPU_JAVA_OPTS="-Dhuxley.cuda.cpbThreads=$t" HUXLEY_GPU_CHECK_STEPS=$steps \
    HUXLEY_GPU_BENCH_CASES="$cases" HUXLEY_GPU_CHECK_DEADLINE="${HUXLEY_GPU_CHECK_DEADLINE:-110}" \
    bash "$here/ci/gpu-check.sh" >"$out/t$t.log" 2>&1 || status=1
  grep -E '^\| (bundle|device|gpu-tests|cpb-tests|bench) |^GPU-CHECK' "$out/t$t/summary.md" 2>/dev/null | cut -c1-160
done
for t in 32 64 128 256; do
  echo "==== cpbThreads=$t"
  grep -E '^\| (workload|tree252|ca1|hh1) ' "$out/t$t/bench.log" 2>/dev/null | cut -d'|' -f2-10
done
exit $status
