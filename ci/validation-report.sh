#!/usr/bin/env bash
# Reruns the reference comparisons (Jaxley's stored arrays, the gradient references, NEURON 8.2.2
# traces) and prints the measured agreement as the markdown table used in docs/validation.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/ci/java-home.sh"
cd "$here"
rm -f java/target/parity-report.md adjoint/target/parity-report.md
mvn -q -B -ntp -pl java install \
    -Dtest='JaxleyParityTest,JaxleyNetworkParityTest,GradientReferenceTracesTest,NeuronCrossCheckTest' \
    -Dsurefire.failIfNoSpecifiedTests=false
mvn -q -B -ntp -pl adjoint test -Dtest='JaxleyNetworkGradTest' -Dsurefire.failIfNoSpecifiedTests=false
cat java/target/parity-report.md
tail -n +3 adjoint/target/parity-report.md
