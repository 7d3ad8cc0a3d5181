package org.huxley.adjoint;

import java.util.List;
import org.huxley.engine.Recordings;

/**
 * Value and gradient of a loss for B parameter sets: {@code loss(b)}, {@code gradient(b)[p]} =
 * ∂L_b/∂θ_b[p] (in the parameter layout's order), the forward recordings, and what the run stored.
 * A set whose simulation diverged has NaN loss and gradient and is flagged in the recordings.
 */
public final class GradientResult {
    private final double[] loss;
    private final double[][] gradient;
    private final Recordings recordings;
    private final MemoryReport memory;
    private final List<String> parameterNames;

    /**
     * Wraps the per-set results of one gradient run (arrays are not copied).
     *
     * @param loss per set
     * @param gradient per set, in parameter order
     * @param recordings the forward recordings
     * @param memory what the run stored and recomputed
     * @param parameterNames the parameters' names
     */
    public GradientResult(double[] loss, double[][] gradient, Recordings recordings, MemoryReport memory,
            List<String> parameterNames) {
        this.loss = loss;
        this.gradient = gradient;
        this.recordings = recordings;
        this.memory = memory;
        this.parameterNames = List.copyOf(parameterNames);
    }

    /** {@return number of parameter sets B} */
    public int numSets() {
        return loss.length;
    }

    /**
     * {@return the loss of one set (NaN if it diverged)}
     *
     * @param set the parameter set
     */
    public double loss(int set) {
        return loss[set];
    }

    /**
     * {@return a copy of set b's gradient}
     *
     * @param set the parameter set
     */
    public double[] gradient(int set) {
        return gradient[set].clone();
    }

    /** {@return the forward recordings of every set, as the forward engine would give them} */
    public Recordings recordings() {
        return recordings;
    }

    /** {@return what the run stored and recomputed} */
    public MemoryReport memory() {
        return memory;
    }

    /** {@return names of the parameters, in gradient order} */
    public List<String> parameterNames() {
        return parameterNames;
    }

    /**
     * {@return whether set b's value and gradient are valid (its simulation stayed finite)}
     *
     * @param set the parameter set
     */
    public boolean valid(int set) {
        return !recordings.diverged(set) && Double.isFinite(loss[set]);
    }
}
