#!/usr/bin/env bash
# The native build of the kernels (run by Maven in huxley-core's process-classes phase; also by hand):
#   build-native/build.sh <classes-dir>
# 1. generates the built-in module source (every built-in mechanism) with the just-compiled
#    org.huxley.cuda.KernelSources;
# 2. nvcc: two fatbins, huxley_builtin_f32.fatbin (--fmad=true) and huxley_builtin_f64.fatbin
#    (--fmad=false: the Java engine's roundings), each SASS sm_80 + sm_90 and PTX compute_90;
# 3. g++: linux-x86_64/libhuxley_host.so, the same numerics for the host (CI parity tests);
# 4. the built-in gradient module (forward + gradient kernels, huxley_adjoint.cuh): libhuxley_host_grad.so
#    (g++) always, huxley_builtin_grad_f32/f64.fatbin (nvcc, sm_90 SASS, several minutes) only with
#    HUXLEY_NATIVE_GRADIENTS=1 (ci/gpu-prepare.sh sets it); without them the CUDA gradient engine compiles
#    the gradient module with NVRTC on first use.
# Products go to <classes-dir>/org/huxley/cuda/native/ with huxley_builtin.sha256 (the source hash the
# engine checks). A missing compiler skips its step (the engine then uses NVRTC / g++ at run time);
# a compiler that fails fails the build. Products are cached in target/native-cache by input hash.
# Environment: JAVA (java binary), NVCC (default nvcc), CXX (default g++), HUXLEY_NATIVE_SKIP_NVCC=1,
# HUXLEY_NATIVE_GRADIENTS=1.
set -euo pipefail
classes="${1:?usage: build-native/build.sh <classes-dir>}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
include="$here/kernels/include"
java="${JAVA:-java}"
nvcc="${NVCC:-nvcc}"
cxx="${CXX:-g++}"
out="$classes/org/huxley/cuda/native"
work="$(dirname "$classes")/native-build"
mkdir -p "$out/linux-x86_64" "$work"

"$java" -cp "$classes" org.huxley.cuda.KernelSources "$work/huxley_builtin.cu" "$work/huxley_builtin.sha256" \
  "$work/huxley_builtin_grad.cu" "$work/huxley_builtin_grad.sha256"
key="$(cat "$work/huxley_builtin.cu" "$work/huxley_builtin_grad.cu" "$include"/* "$0" | sha256sum | cut -c1-32)"
cache="$(dirname "$classes")/native-cache/$key"
mkdir -p "$cache"

gencode=(-gencode arch=compute_80,code=sm_80 -gencode arch=compute_90,code=sm_90 -gencode arch=compute_90,code=compute_90)
# the gradient module is large: SASS for sm_90 (H100/H200) only; other devices compile it with NVRTC
gencode_grad=(-gencode arch=compute_90,code=sm_90)
# builds (or takes from the cache) $1_f32.fatbin (--fmad=true) and $1_f64.fatbin (--fmad=false) from $1.cu,
# both at once, each under a timeout of $2 s, for the gencode flags after $3 (a label for messages)
fatbin_pair() {
  local name=$1 limit=$2 label=$3 p32 p64 status=0
  shift 3
  if [ ! -f "$cache/${name}_f64.fatbin" ] || [ ! -f "$cache/${name}_f32.fatbin" ]; then
    timeout "$limit" "$nvcc" -std=c++17 -O3 --fmad=true -DHX_ONLY_F32 -I "$include" -fatbin "$@" \
      -x cu "$work/$name.cu" -o "$work/${name}_f32.fatbin" &
    p32=$!
    timeout "$limit" "$nvcc" -std=c++17 -O3 --fmad=false -DHX_ONLY_F64 -I "$include" -fatbin "$@" \
      -x cu "$work/$name.cu" -o "$work/${name}_f64.fatbin" &
    p64=$!
    wait $p32 || status=1
    wait $p64 || status=1
    if [ $status != 0 ]; then
      echo "build-native: nvcc FAILED on the $label" >&2
      exit 1
    fi
    cp "$work/${name}_f32.fatbin" "$work/${name}_f64.fatbin" "$cache/"
  fi
  cp "$cache/${name}_f32.fatbin" "$cache/${name}_f64.fatbin" "$out/"
}

if [ "${HUXLEY_NATIVE_SKIP_NVCC:-0}" != 1 ] && command -v "$nvcc" >/dev/null 2>&1; then
  [ -f "$cache/huxley_builtin_f64.fatbin" ] && [ -f "$cache/huxley_builtin_f32.fatbin" ] \
    || echo "build-native: nvcc → fatbins (sm_80, sm_90 SASS + compute_90 PTX) ..."
  fatbin_pair huxley_builtin 900 "built-in kernels" "${gencode[@]}"
  if [ "${HUXLEY_NATIVE_GRADIENTS:-0}" = 1 ]; then
    [ -f "$cache/huxley_builtin_grad_f64.fatbin" ] && [ -f "$cache/huxley_builtin_grad_f32.fatbin" ] \
      || echo "build-native: nvcc → gradient fatbins (sm_90 SASS; several minutes) ..."
    fatbin_pair huxley_builtin_grad 2400 "built-in gradient kernels" "${gencode_grad[@]}"
  else
    echo "build-native: gradient fatbins skipped (HUXLEY_NATIVE_GRADIENTS=1 builds them; else NVRTC at run time)"
    rm -f "$out"/huxley_builtin_grad_f32.fatbin "$out"/huxley_builtin_grad_f64.fatbin
  fi
else
  echo "build-native: no nvcc: built-in fatbins skipped (the CUDA engine will compile with NVRTC)"
  rm -f "$out"/huxley_builtin_f32.fatbin "$out"/huxley_builtin_f64.fatbin
  rm -f "$out"/huxley_builtin_grad_f32.fatbin "$out"/huxley_builtin_grad_f64.fatbin
fi

if command -v "$cxx" >/dev/null 2>&1; then
  if [ ! -f "$cache/libhuxley_host.so" ]; then
    echo "build-native: $cxx → libhuxley_host.so ..."
    timeout 600 "$cxx" -std=c++17 -O2 -fPIC -shared -ffp-contract=off -fno-fast-math -I "$include" \
      -x c++ "$work/huxley_builtin.cu" -o "$work/libhuxley_host.so"
    cp "$work/libhuxley_host.so" "$cache/"
  fi
  cp "$cache/libhuxley_host.so" "$out/linux-x86_64/"
  if [ ! -f "$cache/libhuxley_host_grad.so" ]; then
    echo "build-native: $cxx → libhuxley_host_grad.so ..."
    timeout 600 "$cxx" -std=c++17 -O2 -fPIC -shared -ffp-contract=off -fno-fast-math -I "$include" \
      -x c++ "$work/huxley_builtin_grad.cu" -o "$work/libhuxley_host_grad.so"
    cp "$work/libhuxley_host_grad.so" "$cache/"
  fi
  cp "$cache/libhuxley_host_grad.so" "$out/linux-x86_64/"
else
  echo "build-native: no $cxx: libhuxley_host.so skipped (host tests compile at run time or skip)"
  rm -f "$out/linux-x86_64/libhuxley_host.so" "$out/linux-x86_64/libhuxley_host_grad.so"
fi
cp "$work/huxley_builtin.sha256" "$out/huxley_builtin.sha256"
cp "$work/huxley_builtin_grad.sha256" "$out/huxley_builtin_grad.sha256"
echo "build-native: done (source $(cut -c1-12 "$work/huxley_builtin.sha256"))"
