package org.huxley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Recordings;
import org.huxley.io.model.HuxleyModel;
import org.huxley.mech.builtin.HH;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** The chart model of simulate's plot (panels, series, axis titles) and the PNG it renders to. */
class TracePlotTest {
    private static final Provenance PROV = Provenance.of("cpu-float64", "float64", 7L, "test", "huxley test");

    @Test
    void oneVoltagePanelWithASeriesPerRecording() {
        HuxleyModel m = ExampleModels.model("hh-tree", 0.025, 5.0);
        Recordings rec = new CpuEngine(1).run(m.compile(), m.protocol());
        List<XYChart> charts = TracePlot.charts(rec, 0, m.module(), "hh-tree");
        assertEquals(1, charts.size());
        XYChart c = charts.get(0);
        assertEquals(2, c.getSeriesCollection().size());
        assertEquals("t (ms)", c.getXAxisTitle());
        assertEquals("v (mV)", c.getYAxisTitle());
        assertEquals("hh-tree", c.getTitle());
        assertTrue(c.getStyler().isLegendVisible());
    }

    @Test
    void statesAndCurrentsGetPanelsOfTheirOwnUnits(@TempDir Path dir) throws Exception {
        HuxleyModel m = ExampleModels.model("hh-single", 0.025, 5.0);
        m.module().record(HH.M);
        m.module().record(HH.H);
        m.module().record(HH.MECHANISM.current());
        Recordings rec = new CpuEngine(1).run(m.compile(), m.protocol());
        List<XYChart> charts = TracePlot.charts(rec, 0, m.module(), "hh-single");
        assertEquals(3, charts.size());
        assertEquals(List.of("v (mV)", "state (1)", "current density (mA/cm^2)"),
                charts.stream().map(XYChart::getYAxisTitle).toList());
        assertEquals(List.of(1, 2, 1), charts.stream().map(c -> c.getSeriesCollection().size()).toList());
        Path png = dir.resolve("p.png");
        PngFile.write(png, charts, PROV.fields(Map.of()));
        PngAssertions.assertPlot(png, TracePlot.WIDTH, 3 * TracePlot.PANEL_HEIGHT + PngFile.FOOTER_HEIGHT);
        assertEquals("7", PngAssertions.textChunks(png).get("seed"));
        String footer = Provenance.line(PROV.fields(Map.of()));
        assertTrue(footer.startsWith("huxley ") && footer.contains("cpu-float64 · float64 · seed 7"), footer);
    }
}
