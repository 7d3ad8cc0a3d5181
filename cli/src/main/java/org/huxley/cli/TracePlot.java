package org.huxley.cli;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.huxley.engine.Recordings;
import org.huxley.model.Module;
import org.huxley.model.Recording;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plot of {@code huxley simulate}: one panel per unit (voltages in mV, gating states, currents
 * in mA/cm², synaptic currents in nA), one series per recording, time in ms on the x axis.
 */
final class TracePlot {
    static final int WIDTH = 1000;
    static final int PANEL_HEIGHT = 480;

    private TracePlot() {
    }

    /**
     * @param rec the recordings
     * @param set which parameter set to plot
     * @param model the model whose recordings these are (for units)
     * @param title the title of the first panel (the model); provenance goes into the PNG footer
     */
    static List<XYChart> charts(Recordings rec, int set, Module model, String title) {
        List<Recording> recs = model.recordings();
        Map<String, List<Integer>> byUnit = new LinkedHashMap<>();
        for (int r = 0; r < rec.numRecordings(); r++) {
            String unit = r < recs.size() ? unitOf(recs.get(r)) : "";
            byUnit.computeIfAbsent(unit, u -> new ArrayList<>()).add(r);
        }
        double[] t = rec.timesMs();
        List<XYChart> charts = new ArrayList<>();
        boolean first = true;
        for (Map.Entry<String, List<Integer>> e : byUnit.entrySet()) {
            String chartTitle = first ? title : "";
            XYChart c = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(chartTitle)
                    .xAxisTitle("t (ms)").yAxisTitle(axisTitle(e.getKey())).build();
            XYStyler s = c.getStyler();
            s.setLegendPosition(Styler.LegendPosition.OutsideE);
            s.setMarkerSize(0);
            s.setChartBackgroundColor(Color.WHITE);
            s.setChartTitleVisible(first);
            s.setXAxisTickMarkSpacingHint(110); // fewer, readable ticks on 1000 px
            for (int r : e.getValue()) {
                XYSeries ser = c.addSeries(uniqueName(c, rec.labels().get(r)), t, rec.trace(set, r));
                ser.setMarker(SeriesMarkers.NONE);
                ser.setLineWidth(1.5f);
            }
            charts.add(c);
            first = false;
        }
        return charts;
    }

    /** The unit of a recording: mV for voltage, the state's or current's declared unit otherwise. */
    static String unitOf(Recording r) {
        return switch (r) {
            case Recording.OfField f -> f.field().info().unit();
            case Recording.OfCurrent c -> c.current().unit();
            case Recording.OfSynapse s -> s.field() != null ? s.field().info().unit() : s.current().unit();
        };
    }

    /** e.g. {@code v (mV)}; dimensionless states read {@code state (1)}. */
    static String axisTitle(String unit) {
        return switch (unit) {
            case "mV" -> "v (mV)";
            case "1", "" -> "state (1)";
            case "nA" -> "current (nA)";
            default -> (unit.contains("/cm") ? "current density (" : "value (") + unit + ")";
        };
    }

    private static String uniqueName(XYChart c, String label) {
        String name = label;
        for (int k = 2; c.getSeries(name) != null; k++) {
            name = label + " #" + k;
        }
        return name;
    }
}
