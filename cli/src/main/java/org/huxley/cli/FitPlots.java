package org.huxley.cli;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.huxley.engine.Recordings;
import org.huxley.fit.CmaEs;
import org.huxley.fit.FitResult;
import org.huxley.fit.FitState;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG plots of {@code huxley fit} (xchart; needs a headless AWT with fonts), provenance in PNG text chunks. */
final class FitPlots {
    private FitPlots() {
    }

    private static XYChart chart(String title, String x, String y, int w, int h) {
        XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setMarkerSize(0);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        return c;
    }

    private static double[] positive(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (!(out[i] > 0) || !Double.isFinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    /** Loss of every start per round, and the best so far, on a log scale. */
    static void lossCurve(Path file, FitResult r, Map<String, String> provenance) throws IOException {
        List<FitState.Round> h = r.history();
        XYChart c = chart("Loss per round (" + r.starts().size() + " starts, one engine batch per round)", "round",
                "loss", 900, 560);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double[] rounds = new double[h.size()];
        double[] best = new double[h.size()];
        for (int i = 0; i < h.size(); i++) {
            rounds[i] = i + 1;
            best[i] = h.get(i).bestLoss();
        }
        for (int s = 0; s < r.starts().size(); s++) {
            double[] l = new double[h.size()];
            for (int i = 0; i < h.size(); i++) {
                l[i] = h.get(i).losses()[s];
            }
            XYSeries ser = c.addSeries("start " + s, rounds, positive(l));
            ser.setMarker(SeriesMarkers.NONE);
        }
        XYSeries b = c.addSeries("best", rounds, positive(best));
        b.setMarker(SeriesMarkers.NONE);
        b.setLineColor(Color.BLACK);
        b.setLineWidth(3f);
        PngFile.write(file, List.of(c), provenance);
    }

    /** Target (black), the best start's initial guess (grey) and its fit (red): a panel per experiment and site. */
    static void traces(Path file, Recordings target, Recordings fitted, Recordings initial, List<String> experiments,
            List<String> recordings, List<String> yAxisTitles, Map<String, String> provenance) throws IOException {
        List<XYChart> charts = new ArrayList<>();
        double[] t = target.timesMs();
        for (int e = 0; e < experiments.size(); e++) {
            for (int r = 0; r < recordings.size(); r++) {
                XYChart c = chart(experiments.get(e) + " — " + recordings.get(r), "t (ms)", yAxisTitles.get(r), 420,
                        300);
                c.getStyler().setLegendVisible(e == 0 && r == 0);
                XYSeries i = c.addSeries("initial guess", t, initial.trace(e, r));
                i.setMarker(SeriesMarkers.NONE);
                i.setLineColor(new Color(170, 170, 170));
                i.setLineWidth(1.2f);
                XYSeries a = c.addSeries("target", t, target.trace(e, r));
                a.setMarker(SeriesMarkers.NONE);
                a.setLineColor(Color.BLACK);
                a.setLineWidth(2.5f);
                XYSeries f = c.addSeries("best fit", t, fitted.trace(e, r));
                f.setMarker(SeriesMarkers.NONE);
                f.setLineColor(new Color(220, 40, 40));
                f.setLineWidth(1.2f);
                charts.add(c);
            }
        }
        PngFile.writeGrid(file, charts, experiments.size(), recordings.size(), provenance);
    }

    /** Best loss against wall time: the gradient fit and the CMA-ES baseline. */
    static void baseline(Path file, FitResult fit, CmaEs.Result es, Map<String, String> provenance)
            throws IOException {
        XYChart c = chart("Best loss against wall time (same problem, same machine)", "wall time (s)", "best loss",
                900, 560);
        c.getStyler().setYAxisLogarithmic(true);
        double[] t = fit.history().stream().mapToDouble(FitState.Round::elapsedSeconds).toArray();
        double[] l = fit.history().stream().mapToDouble(FitState.Round::bestLoss).toArray();
        XYSeries a = c.addSeries("L-BFGS, " + fit.starts().size() + " starts (adjoint gradients)", t, positive(l));
        a.setMarker(SeriesMarkers.NONE);
        a.setLineWidth(2.5f);
        double[] te = es.history().stream().mapToDouble(CmaEs.Generation::elapsedSeconds).toArray();
        double[] le = es.history().stream().mapToDouble(CmaEs.Generation::bestLoss).toArray();
        XYSeries b = c.addSeries("CMA-ES (forward runs only)", te, positive(le));
        b.setMarker(SeriesMarkers.NONE);
        b.setLineWidth(2.5f);
        PngFile.write(file, List.of(c), provenance);
    }
}
