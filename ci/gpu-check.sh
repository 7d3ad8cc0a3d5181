#!/usr/bin/env bash
# One prepared run on a CUDA GPU machine (x86-64, NVIDIA driver, CUDA 13 at /usr/local/cuda-13.0; no Java,
# no network). Builds nothing: ci/gpu-prepare.sh made .gpu-bundle/ (runtime, jars, JUnit launcher) here.
#   bash ci/gpu-check.sh            from the repository root, with .gpu-bundle carried along
# Steps, each under a timeout: bundle check, device info, the GPU tests (tag "gpu": CUDA vs CPU engine),
# the cell-per-block kernel tests (CudaCellPerBlockIT), the benchmark sweep (hh1 f32/f64 at B = 1e4, 1e5;
# tree252 at B = 1, 1000, 10000 and ca1 at B = 1, 1000, each with both kernel layouts), the gradient tests (CUDA vs
# CPU adjoint: float64 <= 1e-9 relative, float32 cosine rule) and the gradient benchmark (hh1 f32 B = 1e5,
# tree252 B = 100 and 1000, ca1: value+grad comp-steps/s, gradient/forward ratio, device memory). Logs go
# to $OUT (or .gpu-out/). Ends with a PASS/FAIL table; exits 0 when nothing failed (a machine without a
# GPU reports "no GPU: skipped"). Measured on an H100: "gradients perf" 300 s (gradient tests 45, gradient
# bench 151, cell-per-block tests 19, bench 85), "forward grad-tests" with a short bench list 124 s; the
# benchmarks stop starting cases after their budgets (170 s, 150 s); step limits add up to 17 min.
#   HUXLEY_GPU_CHECK_STEPS="forward gradients" (default) selects the groups: forward = GPU tests +
#   cell-per-block tests + bench, gradients = gradient tests + gradient bench, perf = cell-per-block tests +
#   bench only (issue 8: about 5 minutes, the call to make with a short device budget), grad-tests = the
#   gradient tests without their benchmark, bench = the forward benchmark alone.
#   The groups run in the order they are named ("gradients perf" runs the gradient steps first).
#   HUXLEY_GPU_BENCH_CASES="tree252:f32:1:cpb hh1:f32:100000 ..." replaces the forward benchmark's case list;
#   HUXLEY_GPU_JAVA_OPTS="-Dhuxley.cuda.cpbThreads=64" adds JVM options to every test and benchmark.
#   HUXLEY_GPU_CHECK_DEADLINE=S (seconds from the start) clips every step's limit and the benchmarks'
#   budgets to the time left, and skips a step with under 30 s left, so that one device command of S
#   seconds still ends with the table (e.g. "gradients perf" with S = 570 in a 600 s call).
#   bash ci/gpu-check.sh --source-hash   prints the hash of the sources (gpu-prepare.sh records it)
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

source_hash() {
  find java/src/main java/src/test/java adjoint/src/main adjoint/src/test/java kernels build-native -type f 2>/dev/null \
    | LC_ALL=C sort \
    | xargs sha256sum 2>/dev/null | cut -c1-64 | sha256sum | cut -c1-16
}
if [ "${1:-}" = "--source-hash" ]; then
  source_hash
  exit 0
fi

bundle="$here/.gpu-bundle"
out="${OUT:-$here/.gpu-out}"
mkdir -p "$out"
java="$bundle/jre/bin/java"
lib="$bundle/lib"
started=$(date +%s)
names=(); results=(); secs=(); details=()
record() { names+=("$1"); results+=("$2"); secs+=("$3"); details+=("$4"); echo "== $1: $2 ($3 s) $4"; }

# runs "name limit command..." with its output in $out/name.log; sets rc and dur
deadline="${HUXLEY_GPU_CHECK_DEADLINE:-}"
# seconds left before the deadline (a large number without one)
time_left() {
  if [ -n "$deadline" ]; then echo $(( deadline - ($(date +%s) - started) )); else echo 100000; fi
}
# a benchmark's budget: its default, or less when the deadline is near (leaves 60 s for start-up and the last case)
bench_budget() {
  local want=$1 left
  left=$(( $(time_left) - 60 ))
  if [ "$left" -lt "$want" ]; then echo $(( left > 20 ? left : 20 )); else echo "$want"; fi
}
run_step() {
  local name=$1 limit=$2
  shift 2
  local t0=$(date +%s) left
  left=$(time_left)
  if [ "$left" -lt 30 ] && [ "$name" != bundle ] && [ "$name" != device ]; then
    echo "== $name skipped: ${left}s left before HUXLEY_GPU_CHECK_DEADLINE" | tee "$out/$name.log"
    rc=125; dur=0
    return
  fi
  if [ $(( left - 5 )) -lt "$limit" ] && [ $(( left - 5 )) -ge 10 ]; then limit=$(( left - 5 )); fi
  step_limit=$limit
  echo "== $name (limit ${limit}s): $*" | cut -c1-300
  timeout -k 5 "$limit" "$@" >"$out/$name.log" 2>&1
  rc=$?
  dur=$(( $(date +%s) - t0 ))
  tail -n 40 "$out/$name.log"
  if [ $rc = 124 ] || [ $rc = 137 ]; then echo "== $name TIMED OUT after ${limit}s"; fi
}

# runs the JUnit class $3 as step $1 (limit $2 s, reports under $out/$4) and records PASS, FAIL or SKIP
junit_step() {
  local name=$1 limit=$2 class=$3 reports=$4 summary reason
  run_step "$name" "$limit" "$java" "${jopts[@]}" -jar "$lib/junit-console.jar" execute \
    --class-path "$cp_" --select-class "$class" \
    --disable-banner --details=tree --details-theme=ascii --reports-dir="$out/$reports"
  summary="$(grep -E 'tests (successful|failed|skipped|aborted)' "$out/$name.log" | tr -s ' ' | tr '\n' ' ')"
  if [ $rc = 125 ]; then
    record "$name" SKIP 0 "not started: deadline near"
  elif [ $rc = 124 ] || [ $rc = 137 ]; then
    record "$name" FAIL "$dur" "timed out after $step_limit s"
  elif [ $rc != 0 ]; then
    record "$name" FAIL "$dur" "exit $rc: $summary (see $name.log)"
  elif grep -q "no usable CUDA device" "$out/$name.log" || ! grep -qE '[1-9][0-9]* tests successful' "$out/$name.log"; then
    reason="$(grep -o 'no usable CUDA device: .*' "$out/$name.log" | head -1 | sed 's/\x1b\[[0-9;]*m//g' | cut -c1-200)"
    record "$name" SKIP "$dur" "no GPU: skipped (${reason:-no test ran})"
  else
    record "$name" PASS "$dur" "$summary"
    tested=yes
  fi
}

# ---- 1. bundle ----
if [ ! -x "$java" ] || [ ! -f "$lib/huxley-core.jar" ] || [ ! -f "$lib/junit-console.jar" ]; then
  record bundle FAIL 0 ".gpu-bundle incomplete: run ci/gpu-prepare.sh on a build machine and carry .gpu-bundle"
else
  run_step bundle 20 "$java" -version
  cat "$bundle/SOURCE" 2>/dev/null
  built_from="$(grep '^sources ' "$bundle/SOURCE" 2>/dev/null | cut -d' ' -f2)"
  now="$(source_hash)"
  note="$(head -1 "$bundle/SOURCE" 2>/dev/null)"
  if [ $rc != 0 ]; then
    record bundle FAIL "$dur" "the bundled java does not run (see bundle.log)"
  elif [ -n "$built_from" ] && [ "$built_from" != "$now" ]; then
    record bundle PASS "$dur" "WARNING: sources changed since the bundle was built ($built_from vs $now); $note"
  else
    record bundle PASS "$dur" "$note"
  fi
fi

# ---- 2. device ----
gpu=no
tested=no
if command -v nvidia-smi >/dev/null 2>&1; then
  run_step device 15 nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv,noheader
  if [ $rc = 0 ] && [ -s "$out/device.log" ]; then
    gpu=yes
    record device PASS "$dur" "$(head -1 "$out/device.log")"
  else
    record device SKIP "$dur" "nvidia-smi found no GPU"
  fi
else
  record device SKIP 0 "no nvidia-smi: no GPU here"
fi

cp_="$lib/huxley-core.jar:$lib/huxley-core-tests.jar:$lib/huxley-adjoint.jar:$lib/huxley-adjoint-tests.jar:$(ls "$lib"/jackson-*.jar "$lib"/slf4j-*.jar 2>/dev/null | tr '\n' ':')"
steps_wanted="${HUXLEY_GPU_CHECK_STEPS:-forward gradients}"
want() { case " $steps_wanted " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
jopts=(--enable-native-access=ALL-UNNAMED -Xss8m -Dhuxley.report.dir="$out" -Dhuxley.cache.dir="${TMPDIR:-/tmp}/huxley-cache"
       -Dorg.slf4j.simpleLogger.defaultLogLevel=info)
# shellcheck disable=SC2206
jopts+=(${HUXLEY_GPU_JAVA_OPTS:-})
export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:-}:/usr/local/cuda-13.0/lib64:/usr/local/cuda/lib64"

forward_steps() {
# ---- 3. GPU tests ----
if [ -x "$java" ] && want forward; then
  junit_step gpu-tests 190 org.huxley.cuda.CudaEngineIT junit
  if [ -f "$out/engine-agreement.md" ]; then
    echo "== worst agreements:"; grep -E 'FAIL' "$out/engine-agreement.md" | head -20
    sort -t'|' -k5 -g "$out/engine-agreement.md" 2>/dev/null | grep cuda-f64 | tail -3
  fi
fi

# ---- 3b. cell-per-block kernel vs the CPU engine ----
if [ -x "$java" ] && { want forward || want perf; }; then
  junit_step cpb-tests 150 org.huxley.cuda.CudaCellPerBlockIT junit-cpb
  [ -f "$out/engine-agreement.md" ] && grep 'cuda-cpb' "$out/engine-agreement.md" | sort -t'|' -k5 -g | tail -4
fi

# ---- 4. benchmark sweep (both kernel layouts, issue 8's targets in the table) ----
if [ -x "$java" ] && { want forward || want perf || want bench; }; then
  # cell-per-block rows first (the new kernel), then the thread-per-instance baselines of the same cases
  # (HUXLEY_GPU_BENCH_CASES replaces the list, e.g. the cell-per-block and hh1 rows only)
  # shellcheck disable=SC2086
  run_step bench 250 "$java" "${jopts[@]}" -Xmx16g -Dhuxley.bench.budgetSeconds="$(bench_budget 170)" -cp "$cp_" org.huxley.cuda.GpuBench \
    ${HUXLEY_GPU_BENCH_CASES:-tree252:f32:1:cpb tree252:f64:1:cpb ca1:f32:1:cpb ca1:f64:1:cpb \
    tree252:f32:1000:cpb tree252:f64:1000:cpb tree252:f32:10000:cpb tree252:f64:10000:cpb \
    ca1:f32:1000:cpb ca1:f64:1000:cpb \
    hh1:f32:10000 hh1:f64:10000 hh1:f32:100000 hh1:f64:100000 \
    tree252:f32:1 tree252:f64:1 tree252:f32:1000 tree252:f64:1000 tree252:f32:10000 tree252:f64:10000 \
    ca1:f32:1 ca1:f64:1 ca1:f32:1000 ca1:f64:1000}
  if [ $rc = 125 ]; then
    record bench SKIP 0 "not started: deadline near"
  elif grep -q "BENCH SKIPPED" "$out/bench.log"; then
    record bench SKIP "$dur" "no GPU: skipped"
  elif [ $rc = 0 ] && grep -q "BENCH OK" "$out/bench.log"; then
    record bench PASS "$dur" "$(grep -c '^| [a-z]' "$out/bench.log") rows; table in bench.log"
    tested=yes
  else
    record bench FAIL "$dur" "exit $rc (see bench.log)"
  fi
fi
}

gradient_steps() {
# ---- 5. gradient tests ----
if [ -x "$java" ] && { want gradients || want grad-tests; }; then
  junit_step grad-tests 200 org.huxley.adjoint.CudaGradientIT junit-grad
  if [ -f "$out/engine-agreement.md" ]; then
    echo "== worst gradient agreements:"; grep -E 'cuda-grad.*FAIL' "$out/engine-agreement.md" | head -20
    grep 'cuda-grad-f64.*gradient' "$out/engine-agreement.md" | sort -t'|' -k5 -g | tail -3
  fi
fi

# ---- 6. gradient benchmark ----
if [ -x "$java" ] && want gradients; then
  run_step grad-bench 240 "$java" "${jopts[@]}" -Xmx16g -Dhuxley.bench.budgetSeconds="$(bench_budget 150)" -cp "$cp_" \
    org.huxley.adjoint.GpuGradientBench hh1:f32:100000 tree252:f32:1000 tree252:f32:100 ca1:f32:20
  if [ $rc = 125 ]; then
    record grad-bench SKIP 0 "not started: deadline near"
  elif grep -q "GRADBENCH SKIPPED" "$out/grad-bench.log"; then
    record grad-bench SKIP "$dur" "no GPU: skipped"
  elif [ $rc = 0 ] && grep -q "GRADBENCH OK" "$out/grad-bench.log"; then
    record grad-bench PASS "$dur" "$(grep -c '^| [a-z]' "$out/grad-bench.log") rows; table in grad-bench.log"
    tested=yes
  else
    record grad-bench FAIL "$dur" "exit $rc (see grad-bench.log)"
  fi
fi
}

rm -f "$out/engine-agreement.md"
# the groups in the order named; forward and perf share their steps (run once)
forward_done=no
gradients_done=no
for group in $steps_wanted; do
  case "$group" in
    forward|perf|bench) [ $forward_done = no ] && forward_steps; forward_done=yes ;;
    gradients|grad-tests) [ $gradients_done = no ] && gradient_steps; gradients_done=yes ;;
    *) record steps FAIL 0 "unknown group '$group' in HUXLEY_GPU_CHECK_STEPS (forward, perf, bench, gradients, grad-tests)" ;;
  esac
done

# ---- table ----
total=$(( $(date +%s) - started ))
# counted here, not inside the piped block below (a subshell: its counts would not reach the exit status)
fail=0
for r in "${results[@]}"; do
  [ "$r" = FAIL ] && fail=$((fail + 1))
done
{
  echo
  echo "| step | result | seconds | detail |"
  echo "|---|---|---|---|"
  for i in "${!names[@]}"; do
    echo "| ${names[$i]} | ${results[$i]} | ${secs[$i]} | ${details[$i]} |"
  done
  if [ $fail -gt 0 ]; then
    echo "GPU-CHECK FAIL: $fail step(s) failed in ${total} s (logs in $out)"
  elif [ "$tested" = no ]; then
    echo "GPU-CHECK PASS (no GPU: skipped) in ${total} s"
  else
    echo "GPU-CHECK PASS in ${total} s"
  fi
} | tee "$out/summary.md"
[ -f "$out/bench.log" ] && grep -E '^\| (workload|---|hh1|tree252|ca1)|^first result' "$out/bench.log" | cat
[ -f "$out/grad-bench.log" ] && grep -E '^\| (workload|---|hh1|tree252|ca1)|^gradient module' "$out/grad-bench.log" | cat
[ $fail -eq 0 ]
