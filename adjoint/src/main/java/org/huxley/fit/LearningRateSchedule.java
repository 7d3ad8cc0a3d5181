package org.huxley.fit;

import org.huxley.ModelException;

/** The learning rate of a first-order optimizer at step t = 0, 1, 2, … (per start). */
@FunctionalInterface
public interface LearningRateSchedule {
    /**
     * {@return the learning rate at step {@code step} (0 for the first)}
     *
     * @param step the step (0 for the first)
     */
    double at(int step);

    /**
     * {@return the same rate at every step}
     *
     * @param rate the rate
     */
    static LearningRateSchedule constant(double rate) {
        requirePositive("learning rate", rate);
        return t -> rate;
    }

    /**
     * rate·decay^(t / every): e.g. exponential(0.1, 0.5, 100) halves every 100 steps (smoothly).
     *
     * @param rate the initial rate
     * @param decay factor per {@code every} steps
     * @param every steps per decay
     * @return the schedule
     */
    static LearningRateSchedule exponential(double rate, double decay, int every) {
        requirePositive("learning rate", rate);
        requirePositive("decay", decay);
        if (every < 1) {
            throw new ModelException("decay interval must be >= 1 step, got " + every);
        }
        return t -> rate * Math.pow(decay, (double) t / every);
    }

    /**
     * {@return rate·factor^⌊t / every⌋: piecewise constant}
     *
     * @param rate the initial rate
     * @param factor factor per {@code every} steps
     * @param every steps per decay
     */
    static LearningRateSchedule stepDecay(double rate, double factor, int every) {
        requirePositive("learning rate", rate);
        requirePositive("factor", factor);
        if (every < 1) {
            throw new ModelException("decay interval must be >= 1 step, got " + every);
        }
        return t -> rate * Math.pow(factor, t / every);
    }

    /**
     * {@return cosine decay from rate to floor over {@code steps} steps, then floor}
     *
     * @param rate the initial rate
     * @param steps steps of the decay
     * @param floor the final rate
     */
    static LearningRateSchedule cosine(double rate, int steps, double floor) {
        requirePositive("learning rate", rate);
        if (steps < 1 || !(floor >= 0) || floor > rate) {
            throw new ModelException("cosine schedule needs steps >= 1 and 0 <= floor <= rate, got steps " + steps
                    + ", floor " + floor);
        }
        return t -> t >= steps ? floor : floor + 0.5 * (rate - floor) * (1 + Math.cos(Math.PI * t / steps));
    }

    /**
     * {@return linear warm-up from rate/warmup to the schedule's value over the first {@code warmup} steps}
     *
     * @param warmup steps of warm-up
     */
    default LearningRateSchedule withWarmup(int warmup) {
        if (warmup < 1) {
            throw new ModelException("warm-up must be >= 1 step, got " + warmup);
        }
        LearningRateSchedule base = this;
        return t -> t < warmup ? base.at(t) * (t + 1) / warmup : base.at(t);
    }

    private static void requirePositive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new ModelException(what + " must be positive and finite, got " + v);
        }
    }
}
