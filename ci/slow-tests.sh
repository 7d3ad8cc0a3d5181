#!/usr/bin/env bash
# Tests tagged "slow" (thorough sweeps kept out of the default suite): e.g. every finite-difference
# case with the adjoint deliberately broken. Extra arguments go to Maven.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/ci/java-home.sh"
cd "$here"
mvn -B -ntp -Dhuxley.excludedGroups=gpu -Dgroups=slow verify "$@"
