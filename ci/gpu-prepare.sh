#!/usr/bin/env bash
# Prepares .gpu-bundle/ (ignored by git) for ci/gpu-check.sh on a GPU machine that has only bash and the
# NVIDIA driver + CUDA 13 (no Java, no network):
#   jre/   a jlink runtime of JDK 25 with the modules the jars need (jdeps), ~47 MiB
#   lib/   huxley-core (with the prebuilt fatbins, gradient fatbins included), huxley-adjoint, their test jars,
#          jackson, slf4j, the JUnit console launcher
#   SOURCE the commit and a hash of the sources it was built from (gpu-check.sh warns when they differ)
# Run here (needs JDK 25, Maven, nvcc for the fatbins): ci/gpu-prepare.sh     (about 2 minutes, plus several
# minutes of nvcc for the gradient fatbins when target/native-cache does not have them yet)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/ci/java-home.sh"
cd "$here"
bundle="$here/.gpu-bundle"
console_version=1.14.4
rm -rf "$bundle"
mkdir -p "$bundle/lib"
command -v nvcc >/dev/null || echo "gpu-prepare: WARNING: no nvcc here: the bundle has no prebuilt fatbins (NVRTC will compile on the device)"

echo "gpu-prepare: building huxley-core, huxley-adjoint and their test jars (gradient fatbins included) ..."
HUXLEY_NATIVE_GRADIENTS=1 mvn -q -B -ntp -pl java,adjoint -DskipTests package
cp java/target/huxley-core-*-SNAPSHOT.jar "$bundle/lib/huxley-core.jar"
cp java/target/huxley-core-*-SNAPSHOT-tests.jar "$bundle/lib/huxley-core-tests.jar"
cp adjoint/target/huxley-adjoint-*-SNAPSHOT.jar "$bundle/lib/huxley-adjoint.jar"
cp adjoint/target/huxley-adjoint-*-SNAPSHOT-tests.jar "$bundle/lib/huxley-adjoint-tests.jar"
listing="$("$JAVA_HOME/bin/jar" tf "$bundle/lib/huxley-core.jar")"
case "$listing" in
  *huxley_builtin_f64.fatbin*) echo "gpu-prepare: fatbins are in the jar" ;;
  *) echo "gpu-prepare: WARNING: no fatbins in the jar" ;;
esac
case "$listing" in
  *huxley_builtin_grad_f64.fatbin*) echo "gpu-prepare: gradient fatbins are in the jar" ;;
  *) echo "gpu-prepare: WARNING: no gradient fatbins in the jar (NVRTC will compile them on the device: minutes)" ;;
esac

echo "gpu-prepare: dependencies ..."
mvn -q -B -ntp -pl java dependency:copy-dependencies -DincludeScope=test \
  -DincludeArtifactIds=jackson-databind,jackson-core,jackson-annotations,slf4j-api,slf4j-simple \
  -DoutputDirectory="$bundle/lib"
mvn -q -B -ntp dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:$console_version \
  -DoutputDirectory="$bundle/lib"
mv "$bundle/lib/junit-platform-console-standalone-$console_version.jar" "$bundle/lib/junit-console.jar"

echo "gpu-prepare: jlink runtime ..."
modules="$("$JAVA_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 -q \
  "$bundle"/lib/huxley-core.jar "$bundle"/lib/huxley-core-tests.jar "$bundle"/lib/huxley-adjoint.jar \
  "$bundle"/lib/huxley-adjoint-tests.jar "$bundle"/lib/slf4j-*.jar)"
# java.xml: the launcher's XML reports; jdk.unsupported for libraries that probe it. jackson's optional
# java.desktop (java.beans) is left out to stay under the size limit; the tests do not need it.
modules="$modules,java.logging,java.xml,java.sql,jdk.unsupported"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-9 --output "$bundle/jre"
"$bundle/jre/bin/java" -version 2>&1 | head -1

{
  echo "commit $(git rev-parse HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "sources $(bash ci/gpu-check.sh --source-hash)"
  echo "modules $modules"
  echo "built $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} > "$bundle/SOURCE"
size=$(du -sm "$bundle" | cut -f1)
echo "gpu-prepare: .gpu-bundle is ${size} MiB:"; du -sh "$bundle"/jre "$bundle"/lib
cat "$bundle/SOURCE"
if [ "$size" -gt 62 ]; then
  echo "gpu-prepare: FAILED: the bundle exceeds 62 MiB (the device run carries at most 64 MiB)" >&2
  exit 1
fi
echo "gpu-prepare: OK. Device command: bash ci/gpu-check.sh   (carry: .gpu-bundle)"
