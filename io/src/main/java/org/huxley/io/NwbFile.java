package org.huxley.io;

import java.util.List;
import org.huxley.ModelException;

/**
 * What {@link NwbReader} found in an NWB 2 file: its identification and every current-clamp sweep.
 *
 * @param source the file name
 * @param nwbVersion the file's {@code nwb_version}
 * @param identifier the file's identifier
 * @param sessionDescription its session description
 * @param sweeps the {@code CurrentClampSeries} of {@code /acquisition}, by name
 */
public record NwbFile(String source, String nwbVersion, String identifier, String sessionDescription,
        List<CurrentClampSweep> sweeps) {
    /** Copies the list of sweeps. */
    public NwbFile {
        sweeps = List.copyOf(sweeps);
    }

    /**
     * {@return the sweep with this series name}
     *
     * @param name the series name
     */
    public CurrentClampSweep sweep(String name) {
        return sweeps.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new ModelException(source + ": no current-clamp series named '" + name
                        + "'; it has " + sweeps.stream().map(CurrentClampSweep::name).toList()));
    }

    /**
     * One current-clamp recording and the current injected.
     *
     * @param name series name under /acquisition
     * @param sweepNumber its {@code sweep_number} (−1 if absent)
     * @param electrode path of its electrode ("" if none)
     * @param response membrane potential, mV
     * @param stimulus injected current, nA, with the same sampling (null if the file has none for it)
     * @param description the series' description
     */
    public record CurrentClampSweep(String name, long sweepNumber, String electrode, Trace response, Trace stimulus,
            String description) {
    }
}
