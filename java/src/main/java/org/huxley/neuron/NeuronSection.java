package org.huxley.neuron;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.huxley.ModelException;

/**
 * One NEURON section: a uniform cylinder cut into {@code nseg} segments, with its mechanisms.
 * NEURON's {@code child.connect(parent(parentX), childX)}; only {@code childX = 0} is read (the
 * child's start joins the parent), and {@code parentX} must be 1 (the parent's end) or 0 on a
 * non-root parent (its start, i.e. the node it hangs from itself); see {@link NeuronReader}.
 *
 * @param name unique name
 * @param parent the parent section's name, or null for a root
 * @param parentX where on the parent the child attaches (ignored for a root)
 * @param childX which end of this section attaches (must be 0)
 * @param lengthUm L, µm
 * @param diamUm diam, µm
 * @param nseg number of segments (compartments), ≥ 1
 * @param raOhmCm Ra, Ω·cm
 * @param cmUfPerCm2 cm, µF/cm²
 * @param mechanisms inserted mechanisms by NEURON suffix ({@code hh}, {@code pas}), each with its
 *     parameters by NEURON name without suffix ({@code gnabar}, {@code g}); unnamed ones keep NEURON's
 *     defaults; insertion order is kept
 * @param ions ion reversal potentials by NEURON name ({@code ena}, {@code ek}), mV; missing ones
 *     take NEURON's defaults (50, −77)
 */
public record NeuronSection(String name, String parent, double parentX, double childX, double lengthUm,
        double diamUm, int nseg, double raOhmCm, double cmUfPerCm2, Map<String, Map<String, Double>> mechanisms,
        Map<String, Double> ions) {
    /** Checks the geometry and copies the lists. */
    public NeuronSection {
        if (name == null || name.isBlank()) {
            throw new ModelException("a NEURON section needs a name");
        }
        requirePositive(name, "L", lengthUm);
        requirePositive(name, "diam", diamUm);
        requirePositive(name, "Ra", raOhmCm);
        requirePositive(name, "cm", cmUfPerCm2);
        if (nseg < 1) {
            throw new ModelException("section " + name + ": nseg must be >= 1, got " + nseg);
        }
        if (parent != null && !(parentX >= 0 && parentX <= 1)) {
            throw new ModelException("section " + name + ": parent_x must lie in [0, 1], got " + parentX);
        }
        Map<String, Map<String, Double>> m = new LinkedHashMap<>();
        if (mechanisms != null) {
            mechanisms.forEach((k, v) -> m.put(k, Collections.unmodifiableMap(
                    new LinkedHashMap<>(v == null ? Map.of() : v))));
        }
        mechanisms = Collections.unmodifiableMap(m);
        ions = ions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(ions));
    }

    /**
     * {@return a root section (no parent)}
     *
     * @param name unique name
     * @param lengthUm L, µm
     * @param diamUm diam, µm
     * @param nseg number of segments
     * @param raOhmCm Ra, Ω·cm
     * @param cmUfPerCm2 cm, µF/cm²
     * @param mechanisms inserted mechanisms by NEURON suffix, with their parameters
     * @param ions ion reversal potentials by NEURON name, mV
     */
    public static NeuronSection root(String name, double lengthUm, double diamUm, int nseg, double raOhmCm,
            double cmUfPerCm2, Map<String, Map<String, Double>> mechanisms, Map<String, Double> ions) {
        return new NeuronSection(name, null, Double.NaN, 0.0, lengthUm, diamUm, nseg, raOhmCm, cmUfPerCm2,
                mechanisms, ions);
    }

    /**
     * {@return a section whose start (x = 0) joins {@code parent(1)}}
     *
     * @param name unique name
     * @param parent the parent section's name
     * @param lengthUm L, µm
     * @param diamUm diam, µm
     * @param nseg number of segments
     * @param raOhmCm Ra, Ω·cm
     * @param cmUfPerCm2 cm, µF/cm²
     * @param mechanisms inserted mechanisms by NEURON suffix, with their parameters
     * @param ions ion reversal potentials by NEURON name, mV
     */
    public static NeuronSection child(String name, String parent, double lengthUm, double diamUm, int nseg,
            double raOhmCm, double cmUfPerCm2, Map<String, Map<String, Double>> mechanisms, Map<String, Double> ions) {
        return new NeuronSection(name, parent, 1.0, 0.0, lengthUm, diamUm, nseg, raOhmCm, cmUfPerCm2, mechanisms,
                ions);
    }

    /** {@return length of one segment (one compartment), µm} */
    public double segmentLengthUm() {
        return lengthUm / nseg;
    }

    /**
     * Axial resistance from a segment centre to its end (half a segment), MΩ:
     * 1e−2·Ra·(L/nseg/2)/(π(diam/2)²) with Ra in Ω·cm and lengths in µm.
     *
     * @return the axial resistance of half a segment, MΩ
     */
    public double halfSegmentResistanceMOhm() {
        double r = diamUm / 2.0;
        return 1e-2 * raOhmCm * (segmentLengthUm() / 2.0) / (Math.PI * r * r);
    }

    private static void requirePositive(String section, String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new ModelException("section " + section + ": " + what + " must be positive and finite, got " + v);
        }
    }
}
