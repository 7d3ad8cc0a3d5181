package org.huxley.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.huxley.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the h5py-written NWB fixtures with jHDF and compares them with the CSV they came from. */
class NwbReaderTest {
    @Test
    void readsCurrentClampSweepsWithTheirStimuli() {
        NwbFile f = NwbReader.read(Fixtures.path("single_comp.nwb"));
        assertEquals("2.7.0", f.nwbVersion());
        assertEquals("huxley-io-fixture-single-comp", f.identifier());
        assertEquals(2, f.sweeps().size());
        List<Trace> csv = TraceCsv.read(Fixtures.path("single_comp_sweeps.csv"));
        for (int s = 0; s < 2; s++) {
            NwbFile.CurrentClampSweep sw = f.sweep(String.format("CurrentClampSeries%03d", s));
            assertEquals(s, sw.sweepNumber());
            assertEquals("/general/intracellular_ephys/electrode0", sw.electrode());
            Trace v = sw.response();
            Trace i = sw.stimulus();
            assertEquals("mV", v.unit());
            assertEquals("nA", i.unit());
            assertEquals(0.05, v.dtMs(), 1e-12, "sweep " + s + " (rate or timestamps)");
            assertEquals(0.0, v.t0Ms(), 0);
            v.requireSameSampling(i);
            double[] ev = csv.get(2 * s).values();
            double[] ei = csv.get(2 * s + 1).values();
            assertEquals(ev.length, v.size());
            for (int k = 0; k < ev.length; k++) {
                assertEquals(ev[k], v.values()[k], 1e-5, "float32 mV at sample " + k); // data stored as float32
                assertEquals(ei[k], i.values()[k], 1e-12, "current at sample " + k);
            }
        }
    }

    @Test
    void mismatchedSamplingAndNanAreRejectedNamingTheSeries() {
        Path bad = Fixtures.path("bad_sampling.nwb");
        ModelException e = assertThrows(ModelException.class, () -> NwbReader.read(bad, "mismatched"::equals));
        assertTrue(e.getMessage().contains("mismatched sampling") && e.getMessage().contains("mismatched"),
                e.getMessage());
        e = assertThrows(ModelException.class, () -> NwbReader.read(bad, "with_nan"::equals));
        assertTrue(e.getMessage().contains("non-finite") && e.getMessage().contains("sample 17")
                && e.getMessage().contains("/acquisition/with_nan"), e.getMessage());
    }

    @Test
    void notNwbOrMissing(@TempDir Path dir) throws Exception {
        ModelException e = assertThrows(ModelException.class, () -> NwbReader.read(dir.resolve("nope.nwb")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        Path junk = Files.writeString(dir.resolve("junk.nwb"), "not hdf5");
        e = assertThrows(ModelException.class, () -> NwbReader.read(junk));
        assertTrue(e.getMessage().contains("junk.nwb"), e.getMessage());
        NwbFile f = NwbReader.read(Fixtures.path("single_comp.nwb"));
        e = assertThrows(ModelException.class, () -> f.sweep("nope"));
        assertTrue(e.getMessage().contains("CurrentClampSeries000"), e.getMessage());
    }
}
