#!/usr/bin/env bash
# The test command of README.md: builds every module and runs the default test suite
# (tests tagged "slow" or "gpu" run from ci/slow-tests.sh and ci/gpu-check.sh). Extra arguments go to Maven.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/ci/java-home.sh"
cd "$here"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "ci/test.sh: JAVA_HOME=$JAVA_HOME, commit $commit"
mvn -B -ntp verify "$@"
