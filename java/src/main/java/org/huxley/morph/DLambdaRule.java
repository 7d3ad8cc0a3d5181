package org.huxley.morph;

import org.huxley.ModelException;

/**
 * NEURON's d_lambda rule: each branch gets an odd number of compartments, each no longer than a
 * fraction {@code dLambda} of the AC length constant at {@code frequencyHz}:
 *
 * <pre>
 *   λ_f  = 1e5 · sqrt( d / (4π · f · Ra · cm) )               [µm]
 *   nseg = 1 + 2 · floor( (L / (d_lambda · λ_f) + 0.9) / 2 )
 * </pre>
 *
 * with d the branch's path-averaged diameter in µm (twice the radius; see
 * {@link CompartmentCount#count}), f in Hz, Ra the axial resistivity in Ω·cm, cm the specific
 * membrane capacitance in µF/cm² and L the branch length in µm. (1e5 turns
 * sqrt(µm·Ω⁻¹·cm⁻¹·µF⁻¹·cm²·s) into µm.) NEURON evaluates λ_f from its 3-D points
 * (Σ ΔL/sqrt(d)); this rule uses the mean diameter instead, so counts can differ from NEURON's for
 * strongly tapering branches. Ra and cm must be the values the cell will be simulated with: the
 * defaults are Jaxley's compartment defaults (5000 Ω·cm, 1 µF/cm²), not NEURON's 35.4 Ω·cm.
 *
 * @param frequencyHz frequency f, Hz (NEURON's default 100)
 * @param dLambda maximum compartment length as a fraction of λ_f (NEURON's default 0.1)
 * @param axialResistivityOhmCm Ra, Ω·cm
 * @param capacitanceUfPerCm2 cm, µF/cm²
 */
public record DLambdaRule(double frequencyHz, double dLambda, double axialResistivityOhmCm,
        double capacitanceUfPerCm2) implements CompartmentCount {
    /** Upper bound on the count, far above any sensible discretisation; beyond it the inputs are wrong. */
    static final int MAX_NSEG = 1_000_001;

    /** Checks that every setting is positive. */
    public DLambdaRule {
        positive("frequencyHz", frequencyHz);
        positive("dLambda", dLambda);
        positive("axialResistivityOhmCm", axialResistivityOhmCm);
        positive("capacitanceUfPerCm2", capacitanceUfPerCm2);
    }

    /**
     * NEURON's defaults (100 Hz, d_lambda 0.1) with Jaxley's Ra = 5000 Ω·cm and cm = 1 µF/cm².
     *
     * @return the rule
     */
    public static DLambdaRule defaults() {
        return new DLambdaRule(100.0, 0.1, 5000.0, 1.0);
    }

    private static void positive(String name, double v) {
        if (!(v > 0 && Double.isFinite(v))) {
            throw new ModelException("d_lambda rule: " + name + " must be positive and finite, got " + v);
        }
    }

    /**
     * {@return the AC length constant λ_f for diameter {@code diameterUm}, µm}
     *
     * @param diameterUm the diameter, µm
     */
    public double lambdaUm(double diameterUm) {
        return 1e5 * Math.sqrt(diameterUm / (4 * Math.PI * frequencyHz * axialResistivityOhmCm * capacitanceUfPerCm2));
    }

    @Override
    public int count(double lengthUm, double meanDiameterUm) {
        double lambda = lambdaUm(meanDiameterUm);
        double n = 1 + 2 * Math.floor((lengthUm / (dLambda * lambda) + 0.9) / 2);
        if (!(n >= 1 && n <= MAX_NSEG)) {
            throw new ModelException("d_lambda rule gives " + n + " compartments for a branch of length " + lengthUm
                    + " µm and mean diameter " + meanDiameterUm + " µm (λ_f = " + lambda + " µm); a zero diameter "
                    + "needs SwcOptions.minRadiusUm");
        }
        return (int) n;
    }
}
