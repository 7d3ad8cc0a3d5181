package org.huxley.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.huxley.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCsvTest {
    @Test
    void readsTheFixture() {
        List<Trace> t = TraceCsv.read(Fixtures.path("single_comp_sweeps.csv"));
        assertEquals(4, t.size());
        assertEquals("v_sweep0_mV", t.get(0).label());
        assertEquals("mV", t.get(0).unit());
        assertEquals("nA", t.get(1).unit());
        assertEquals(0.05, t.get(0).dtMs(), 1e-15);
        assertEquals(0.0, t.get(0).t0Ms());
        assertEquals(601, t.get(0).size());
        assertEquals(-70.0, t.get(0).values()[0]);
        assertEquals(0.1, t.get(1).values()[200]); // 10 ms: inside the 5–25 ms step
        assertEquals(0.0, t.get(1).values()[600]);
    }

    @Test
    void secondsAndQuotedHeadersAndRoundTrip(@TempDir Path dir) {
        List<Trace> t = TraceCsv.read("x.csv", new StringReader("# c\nt_s,\"a (mV)\"\n0.001,1\n0.002,2\n0.003,4\n"));
        assertEquals(1.0, t.get(0).t0Ms(), 1e-12);
        assertEquals(1.0, t.get(0).dtMs(), 1e-12);
        assertEquals("a (mV)", t.get(0).label());
        assertEquals("mV", t.get(0).unit());
        Path f = dir.resolve("out.csv");
        TraceCsv.write(f, t, List.of("written"));
        List<Trace> back = TraceCsv.read(f);
        assertArrayEquals(t.get(0).values(), back.get(0).values(), 0.0);
        assertEquals("a (mV)", back.get(0).label());
    }

    private static ModelException bad(String text) {
        return assertThrows(ModelException.class, () -> TraceCsv.read("bad.csv", new StringReader(text)));
    }

    @Test
    void badInputIsRejectedWithLineAndColumn() {
        assertTrue(bad("").getMessage().contains("empty"), bad("").getMessage());
        assertTrue(bad("# only a comment\n").getMessage().contains("empty"));
        assertTrue(bad("t_ms,v\n").getMessage().contains("no data rows"));
        ModelException nan = bad("t_ms,v\n0,1\n1,NaN\n");
        assertTrue(nan.getMessage().contains("bad.csv:3") && nan.getMessage().contains("NaN"), nan.getMessage());
        ModelException text = bad("t_ms,v\n0,1\n1,abc\n");
        assertTrue(text.getMessage().contains("not a number") && text.getMessage().contains("'v'"), text.getMessage());
        ModelException irregular = bad("t_ms,v\n0,1\n1,1\n2.5,1\n");
        assertTrue(irregular.getMessage().contains("mismatched sampling") && irregular.getMessage().contains("bad.csv:4"),
                irregular.getMessage());
        assertTrue(bad("t_ms,v\n0,1\n1,1,2\n").getMessage().contains("3 columns"));
        assertTrue(bad("time,v\n0,1\n").getMessage().contains("t_ms"));
        assertTrue(bad("t_ms,v\n1,1\n0,1\n").getMessage().contains("does not increase"));
    }

    @Test
    void tracesRejectEmptyAndNonFiniteData() {
        ModelException e = assertThrows(ModelException.class, () -> new Trace("v", "mV", 0, 0.1, new double[0]));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(ModelException.class, () -> new Trace("v", "mV", 0, 0.1, new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("sample 1") && e.getMessage().contains("'v'"), e.getMessage());
        e = assertThrows(ModelException.class, () -> new Trace("v", "mV", 0, 0, new double[] {1}));
        assertTrue(e.getMessage().contains("sampling interval"), e.getMessage());
    }

    @Test
    void resampling() {
        Trace t = new Trace("v", "mV", 0, 1.0, new double[] {0, 10, 20, 0});
        assertArrayEquals(new double[] {0, 5, 10, 15, 20, 10, 0}, t.resample(0.5, Resampling.LINEAR).values(), 1e-12);
        assertArrayEquals(new double[] {0, 0, 10, 10, 20, 20, 0}, t.resample(0.5, Resampling.HOLD).values(), 0);
        assertArrayEquals(new double[] {0, 20}, t.resample(0, 2.0, 2, Resampling.LINEAR).values(), 0);
        ModelException e = assertThrows(ModelException.class, () -> t.resample(0, 1.0, 5, Resampling.LINEAR));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        Trace other = new Trace("i", "nA", 0, 0.5, new double[] {0, 1, 2, 3});
        e = assertThrows(ModelException.class, () -> t.requireSameSampling(other));
        assertTrue(e.getMessage().contains("mismatched sampling"), e.getMessage());
    }

    @Test
    void targetsOnTheRecordingGrid() {
        Trace t = new Trace("v", "mV", 0, 0.05, java.util.stream.IntStream.range(0, 21).mapToDouble(k -> k).toArray());
        var protocol = org.huxley.engine.Protocol.defaults().withDt(0.025).withRecordEvery(4);
        double[][] target = DataTargets.target(List.of(t), protocol, 40); // 1 ms: samples at 0, 0.1, …, 1.0 ms
        assertEquals(11, target[0].length);
        assertEquals(2.0, target[0][1], 1e-12);
        double[] stim = DataTargets.stimulus(new Trace("i", "nA", 0, 0.05, new double[] {0, 1, 2}), 0.025, 4);
        assertArrayEquals(new double[] {0, 0, 1, 1, 2}, stim, 0);
        ModelException e = assertThrows(ModelException.class, () -> DataTargets.target(List.of(t), protocol, 80));
        assertTrue(e.getMessage().contains("covers 1 ms, the simulation needs 2 ms"), e.getMessage());
    }
}
