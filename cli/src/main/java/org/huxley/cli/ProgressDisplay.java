package org.huxley.cli;

import java.time.Duration;
import java.util.Optional;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.huxley.engine.Progress;
import org.huxley.engine.ProgressListener;

/**
 * A progress bar with ETA on stderr fed by an engine's {@link ProgressListener} reports (or by the
 * command itself): created on the first report, so a run that reports nothing draws nothing. The
 * ETA is the engine's ({@link Progress#etaSeconds()}). Disabled by --quiet.
 */
final class ProgressDisplay implements ProgressListener, AutoCloseable {
    /** Interval of the plain progress lines where stderr is not a terminal, ms. */
    static final int LOG_LINE_INTERVAL_MS = 10_000;
    private final String task;
    private final boolean enabled;
    private ProgressBar bar;
    private volatile Duration eta;

    ProgressDisplay(String task, boolean enabled) {
        this.task = task;
        this.enabled = enabled;
    }

    /**
     * A progress bar builder for stderr: redrawn in place on a terminal; where stderr is not one (a
     * log file, CI), one plain line every {@value #LOG_LINE_INTERVAL_MS} ms instead of a stream of
     * carriage returns.
     *
     * @param task the bar's label
     * @param max units of work
     * @param terminalIntervalMs redraw interval on a terminal
     */
    static ProgressBarBuilder builder(String task, long max, int terminalIntervalMs) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(1, max))
                .setStyle(ProgressBarStyle.ASCII);
        if (System.console() == null) {
            return b.setUpdateIntervalMillis(LOG_LINE_INTERVAL_MS).setConsumer(
                    new DelegatingProgressBarConsumer(line -> System.err.println(line.strip()), 120));
        }
        return b.setUpdateIntervalMillis(terminalIntervalMs);
    }

    @Override
    public synchronized void onProgress(Progress p) {
        if (!enabled) {
            return;
        }
        double etaS = p.etaSeconds();
        eta = Double.isFinite(etaS) ? Duration.ofMillis((long) (1000 * etaS)) : null;
        if (bar == null) {
            bar = builder(task, p.total(), 250).setMaxRenderedLength(100)
                    .setEtaFunction(s -> Optional.ofNullable(eta)).build();
        }
        if (bar.getMax() != p.total()) {
            bar.maxHint(p.total());
        }
        bar.stepTo(p.done());
        bar.setExtraMessage(p.phase());
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
