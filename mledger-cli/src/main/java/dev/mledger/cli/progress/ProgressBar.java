package dev.mledger.cli.progress;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A byte-counting progress bar for long transfers and hashing, drawn on stderr.
 *
 * <pre>{@code
 * try (ProgressBar bar = ProgressBar.start("upload model.bin", size, quiet || json)) {
 *   try (InputStream in = bar.wrap(Files.newInputStream(file))) {
 *     in.transferTo(out);
 *   }
 * } // prints "upload model.bin: 2.0 GiB in 14.2 s (144.2 MiB/s)"
 * }</pre>
 *
 * <ul>
 *   <li>The bar is redrawn in place (carriage return) at most every {@value #REDRAW_MILLIS} ms and
 *       only when stderr is an interactive terminal; transfers shorter than {@value
 *       #FIRST_DRAW_MILLIS} ms never draw it, so quick commands stay quiet.
 *   <li>{@link #finish()} (or {@link #close()}) prints one summary line with size, time and
 *       throughput, terminal or not, so logs of long jobs record what was moved.
 *   <li>A silent bar ({@code --quiet}, {@code --json}) counts but never writes anything: stdout
 *       stays one JSON document and stderr stays empty.
 * </ul>
 *
 * {@link #advance(long)} may be called from several threads.
 */
public final class ProgressBar implements AutoCloseable {
  /** Minimum time between two redraws. */
  public static final long REDRAW_MILLIS = 200;

  /** Transfers that finish sooner never draw the bar, only the summary line. */
  public static final long FIRST_DRAW_MILLIS = 500;

  /** Marks an unknown total: the bar shows bytes and rate but no percentage. */
  public static final long UNKNOWN_TOTAL = -1;

  private static final int BAR_CELLS = 24;

  private final String label;
  private final long total;
  private final PrintWriter err;
  private final boolean silent;
  private final boolean interactive;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private final AtomicLong done = new AtomicLong();
  private long lastDrawNanos;
  private boolean drawn;
  private boolean finished;

  ProgressBar(
      String label,
      long total,
      PrintWriter err,
      boolean silent,
      boolean interactive,
      LongSupplier nanoClock) {
    this.label = label;
    this.total = total < 0 ? UNKNOWN_TOTAL : total;
    this.err = err;
    this.silent = silent;
    this.interactive = interactive;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
    this.lastDrawNanos = startNanos;
  }

  /**
   * Starts a bar on {@code System.err}.
   *
   * @param label what is being transferred, e.g. {@code "upload model.bin"}
   * @param totalBytes the expected size, or {@link #UNKNOWN_TOTAL} (any negative value)
   * @param silent true for {@code --quiet} or {@code --json}: nothing is ever written
   */
  public static ProgressBar start(String label, long totalBytes, boolean silent) {
    return start(label, totalBytes, silent, new PrintWriter(System.err, true));
  }

  /**
   * Starts a bar on {@code err}, e.g. a picocli command's {@code spec.commandLine().getErr()}; it
   * is redrawn only when the process runs on a terminal.
   */
  public static ProgressBar start(String label, long totalBytes, boolean silent, PrintWriter err) {
    return new ProgressBar(
        label, totalBytes, err, silent, System.console() != null, System::nanoTime);
  }

  /** A bar that counts and never writes. */
  public static ProgressBar silent() {
    return new ProgressBar(
        "", UNKNOWN_TOTAL, new PrintWriter(System.err, true), true, false, System::nanoTime);
  }

  /** Records {@code bytes} more bytes done and redraws if it is time to. */
  public void advance(long bytes) {
    long now = done.addAndGet(bytes);
    if (silent || !interactive) {
      return;
    }
    long t = nanoClock.getAsLong();
    synchronized (this) {
      if (finished
          || t - startNanos < TimeUnit.MILLISECONDS.toNanos(FIRST_DRAW_MILLIS)
          || (drawn && t - lastDrawNanos < TimeUnit.MILLISECONDS.toNanos(REDRAW_MILLIS))) {
        return;
      }
      lastDrawNanos = t;
      drawn = true;
      err.print("\r" + barLine(now, t - startNanos) + "\u001b[K");
      err.flush();
    }
  }

  /** Bytes counted so far. */
  public long bytesDone() {
    return done.get();
  }

  /** A stream that counts every byte read from {@code in}. Closing it closes {@code in}. */
  public InputStream wrap(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          advance(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          advance(n);
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        advance(skipped);
        return skipped;
      }
    };
  }

  /** A stream that counts every byte written to {@code out}. Closing it closes {@code out}. */
  public OutputStream wrap(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        advance(1);
      }

      @Override
      public void write(byte[] buf, int off, int len) throws IOException {
        out.write(buf, off, len);
        advance(len);
      }
    };
  }

  /** Clears the bar and prints the summary line; later calls do nothing. */
  public synchronized void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (silent) {
      return;
    }
    long elapsed = nanoClock.getAsLong() - startNanos;
    if (drawn) {
      err.print("\r\u001b[K");
    }
    err.println(summaryLine(done.get(), elapsed));
    err.flush();
  }

  /** Same as {@link #finish()}. */
  @Override
  public void close() {
    finish();
  }

  String summaryLine(long bytes, long elapsedNanos) {
    double seconds = elapsedNanos / 1e9;
    return String.format(
        Locale.ROOT,
        "%s: %s in %s (%s)",
        label,
        formatBytes(bytes),
        formatSeconds(seconds),
        formatRate(bytes, seconds));
  }

  String barLine(long bytes, long elapsedNanos) {
    double seconds = elapsedNanos / 1e9;
    String rate = formatRate(bytes, seconds);
    if (total == UNKNOWN_TOTAL) {
      return String.format(Locale.ROOT, "%s %s  %s", label, formatBytes(bytes), rate);
    }
    double fraction = total == 0 ? 1.0 : Math.min(1.0, (double) bytes / total);
    int filled = (int) Math.floor(fraction * BAR_CELLS);
    String bar = "#".repeat(filled) + ".".repeat(BAR_CELLS - filled);
    String eta = "";
    if (bytes > 0 && bytes < total && seconds > 0) {
      double remaining = (total - bytes) / (bytes / seconds);
      eta = "  ETA " + formatDuration(remaining);
    }
    return String.format(
        Locale.ROOT,
        "%s [%s] %3d%% %s / %s  %s%s",
        label,
        bar,
        (int) Math.floor(fraction * 100),
        formatBytes(bytes),
        formatBytes(total),
        rate,
        eta);
  }

  /** Binary units, one decimal: {@code 512 B}, {@code 1.5 KiB}, {@code 2.0 GiB}. */
  public static String formatBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  private static String formatRate(long bytes, double seconds) {
    if (seconds <= 0) {
      return "-- B/s";
    }
    return formatBytes((long) (bytes / seconds)) + "/s";
  }

  private static String formatSeconds(double seconds) {
    return seconds < 60 ? String.format(Locale.ROOT, "%.1f s", seconds) : formatDuration(seconds);
  }

  private static String formatDuration(double seconds) {
    long s = (long) Math.ceil(seconds);
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long rest = s % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, rest)
        : String.format(Locale.ROOT, "%d:%02d", m, rest);
  }
}
