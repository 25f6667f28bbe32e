package org.dedup4j.cli;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.dedup4j.ScanListener;

/**
 * A progress bar on standard error (rate and ETA in MiB), fed by a {@link ScanListener}. Disabled
 * unless standard error is a terminal and the user did not ask for {@code --no-progress}; a
 * disabled one does nothing. With an unknown total (a stream among the inputs) the bar is
 * indeterminate.
 *
 * <p>{@link #onProgress} is called from scan threads; updates are serialised and never go backwards.
 * The bar is cleared when closed, so the report that follows starts on a clean line.
 */
final class Progress implements ScanListener, AutoCloseable {

  private static final int UNIT = 1 << 20;

  private final ProgressBar bar;
  private final AtomicInteger skipped = new AtomicInteger();
  private long shown;
  private int inputs = -1;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /**
   * A bar, or a listener that does nothing.
   *
   * @param enabled whether to show a bar
   * @param err where to draw it
   * @param task the label
   * @param total bytes expected, or -1 when unknown (a scan sets it in {@link #onStart})
   */
  static Progress create(boolean enabled, PrintStream err, String task, long total) {
    return create(enabled, err, task, total, enabled ? Terminal.width() : 0);
  }

  /**
   * A bar of a known width, or a listener that does nothing.
   *
   * @param width the terminal's columns; the bar stays one column narrower so it never wraps
   */
  static Progress create(boolean enabled, PrintStream err, String task, long total, int width) {
    if (!enabled) {
      return new Progress(null);
    }
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(unicode(err) ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
        .setUnit(" MiB", UNIT)
        .showSpeed()
        .setUpdateIntervalMillis(250)
        // An explicit width, or the library opens a JLine terminal (see Terminal.width).
        .setConsumer(new ConsoleProgressBarConsumer(err, Math.max(40, width - 1)))
        .clearDisplayOnFinish()
        .build();
    return new Progress(bar);
  }

  private static boolean unicode(PrintStream err) {
    try {
      return StandardCharsets.UTF_8.equals(Charset.forName(System.getProperty(
          "stderr.encoding", System.getProperty("native.encoding", "US-ASCII"))));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether a bar is shown. */
  boolean enabled() {
    return bar != null;
  }

  @Override
  public synchronized void onStart(long totalBytes, int inputs) {
    if (bar != null) {
      this.inputs = inputs;
      bar.maxHint(totalBytes < 0 ? -1 : totalBytes);
      describe();
    }
  }

  @Override
  public void onProgress(long bytesDone) {
    if (bar != null) {
      advanceTo(bytesDone);
    }
  }

  /**
   * Moves the bar to {@code bytesDone} unless it is already further.
   *
   * @param bytesDone bytes done so far
   */
  synchronized void advanceTo(long bytesDone) {
    if (bar != null && bytesDone > shown) {
      shown = bytesDone;
      bar.stepTo(bytesDone);
    }
  }

  @Override
  public synchronized void onSkipped(String path, String reason) {
    if (bar != null) {
      skipped.incrementAndGet();
      describe();
    }
  }

  private void describe() {
    StringBuilder sb = new StringBuilder();
    if (inputs >= 0) {
      sb.append(inputs).append(inputs == 1 ? " input" : " inputs");
    }
    if (skipped.get() > 0) {
      sb.append(sb.length() == 0 ? "" : ", ").append(skipped.get()).append(" skipped");
    }
    bar.setExtraMessage(sb.length() == 0 ? "" : " " + sb); // the renderer adds no space
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
