package org.huxley.cli;

import java.time.Duration;
import java.util.Optional;
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
    private final String task;
    private final boolean enabled;
    private ProgressBar bar;
    private volatile Duration eta;

    ProgressDisplay(String task, boolean enabled) {
        this.task = task;
        this.enabled = enabled;
    }

    @Override
    public synchronized void onProgress(Progress p) {
        if (!enabled) {
            return;
        }
        double etaS = p.etaSeconds();
        eta = Double.isFinite(etaS) ? Duration.ofMillis((long) (1000 * etaS)) : null;
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(1, p.total()))
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setMaxRenderedLength(100)
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
