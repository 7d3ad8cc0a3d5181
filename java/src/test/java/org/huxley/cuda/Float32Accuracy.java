package org.huxley.cuda;

import java.util.ArrayList;
import java.util.List;
import org.huxley.engine.Recordings;

/**
 * The float32 accuracy rule of shared/docs/performance-targets.md, applied to a float32 run against
 * the float64 reference, set by set: a spike is an upward crossing of 0 mV; a set agrees when its
 * spike counts are equal and its voltages are within 1 mV of float64 farther than 2 ms from any
 * float64 spike (and from the step where float64 diverged, if it did). At least 99.9 % of the sets
 * must agree (the others are listed: near-threshold sets whose spike timing float32 shifts), and no
 * sample may be NaN where float64 is finite (any recording, any set). Voltage rows are those
 * labelled {@code v @ …}.
 */
public final class Float32Accuracy {
    public static final double VOLTAGE_TOL_MV = 1.0;
    public static final double SPIKE_GUARD_MS = 2.0;
    public static final double AGREEMENT = 0.999;

    private Float32Accuracy() {
    }

    /**
     * The outcome.
     *
     * @param worstVoltageMv the largest off-spike voltage difference over the agreeing sets
     * @param disagreeing sets with a different spike count or a voltage beyond the bound (with why)
     */
    public record Report(int sets, List<String> disagreeing, int allowed, double worstVoltageMv,
            List<String> nanWhereFinite) {
        public boolean passes() {
            return disagreeing.size() <= allowed && nanWhereFinite.isEmpty();
        }

        @Override
        public String toString() {
            return "float32 vs float64 over " + sets + " sets: " + disagreeing.size() + " disagree (allowed " + allowed
                    + ")" + (disagreeing.isEmpty() ? "" : ": " + disagreeing.subList(0, Math.min(10, disagreeing.size())))
                    + ", worst |dv| away from spikes in the others " + worstVoltageMv + " mV (bound " + VOLTAGE_TOL_MV
                    + "), NaN where float64 is finite: " + (nanWhereFinite.isEmpty() ? "none"
                    : nanWhereFinite.size() + " e.g. " + nanWhereFinite.subList(0, Math.min(5, nanWhereFinite.size())));
        }
    }

    public static Report check(Recordings f64, Recordings f32) {
        int sets = f64.numSets();
        double dtSample = f64.dtMs() * f64.stride();
        int guard = (int) Math.ceil(SPIKE_GUARD_MS / dtSample);
        List<String> disagreeing = new ArrayList<>();
        List<String> nan = new ArrayList<>();
        double worst = 0;
        int samples = f64.numSamples();
        for (int b = 0; b < sets; b++) {
            String why = null;
            double setWorst = 0;
            int divergedSample = f64.diverged(b) ? f64.divergedAtStep(b) / f64.stride() : Integer.MAX_VALUE;
            for (int r = 0; r < f64.numRecordings(); r++) {
                boolean voltage = f64.labels().get(r).startsWith("v @");
                boolean[] exempt = new boolean[samples];
                for (int k = Math.max(0, divergedSample - guard); k < samples; k++) {
                    exempt[k] = true;
                }
                if (voltage) {
                    int spikes64 = 0;
                    int spikes32 = 0;
                    for (int k = 1; k < samples; k++) {
                        if (f64.get(b, r, k - 1) < 0 && f64.get(b, r, k) >= 0) {
                            spikes64++;
                            for (int j = Math.max(0, k - guard); j <= Math.min(samples - 1, k + guard); j++) {
                                exempt[j] = true;
                            }
                        }
                        if (f32.get(b, r, k - 1) < 0 && f32.get(b, r, k) >= 0) {
                            spikes32++;
                        }
                    }
                    if (spikes64 != spikes32 && why == null) {
                        why = "set " + b + ": " + spikes32 + " spikes vs " + spikes64 + " (row " + r + ")";
                    }
                }
                for (int k = 0; k < samples; k++) {
                    double x = f64.get(b, r, k);
                    double y = f32.get(b, r, k);
                    if (Double.isFinite(x) && !Double.isFinite(y) && !exempt[k]) {
                        nan.add("set " + b + " row " + r + " sample " + k);
                    }
                    if (voltage && !exempt[k] && Double.isFinite(x) && Double.isFinite(y)) {
                        setWorst = Math.max(setWorst, Math.abs(x - y));
                    }
                }
            }
            if (why == null && setWorst > VOLTAGE_TOL_MV) {
                why = "set " + b + ": |dv| " + setWorst + " mV off spikes";
            }
            if (why != null) {
                disagreeing.add(why);
            } else {
                worst = Math.max(worst, setWorst);
            }
        }
        int allowed = (int) Math.floor((1 - AGREEMENT) * sets + 1e-9);
        return new Report(sets, disagreeing, allowed, worst, nan);
    }
}
