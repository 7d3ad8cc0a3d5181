package org.huxley.neuron;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.huxley.ModelException;

/**
 * A NEURON model as its simulation sees it: sections (parents before children; several roots make
 * several cells), IClamps, the recorded sites and the run settings.
 *
 * @param name a label
 * @param sections the sections, every parent before its children
 * @param stimuli the IClamps
 * @param recordSites where v is recorded ({@code Vector.record(&sec(x)._ref_v)})
 * @param simulation dt, tstop, celsius, v_init
 * @param recordStride keep every k-th sample (sample 0 is t = 0)
 */
public record NeuronModel(String name, List<NeuronSection> sections, List<NeuronIClamp> stimuli,
        List<NeuronLocation> recordSites, NeuronSimulation simulation, int recordStride) {
    /** Checks that there are sections and simulation settings, and copies the lists. */
    public NeuronModel {
        if (sections == null || sections.isEmpty()) {
            throw new ModelException("NEURON model " + name + " has no sections");
        }
        if (simulation == null) {
            throw new ModelException("NEURON model " + name + " has no simulation settings");
        }
        if (recordStride < 1) {
            throw new ModelException("NEURON model " + name + ": record stride must be >= 1, got " + recordStride);
        }
        sections = List.copyOf(sections);
        stimuli = stimuli == null ? List.of() : List.copyOf(stimuli);
        recordSites = recordSites == null ? List.of() : List.copyOf(recordSites);
        if (recordSites.isEmpty()) {
            throw new ModelException("NEURON model " + name + " records nothing");
        }
        Set<String> seen = new HashSet<>();
        for (NeuronSection s : sections) {
            if (s.parent() != null && !seen.contains(s.parent())) {
                throw new ModelException("NEURON model " + name + ": section " + s.name() + " has parent "
                        + s.parent() + ", which is not listed before it (sections must come parents first)");
            }
            if (!seen.add(s.name())) {
                throw new ModelException("NEURON model " + name + ": section name " + s.name() + " is used twice");
            }
        }
    }
}
