package dev.mledger.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(captured, true, StandardCharsets.UTF_8);
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  private ProgressBar bar(long total, boolean silent, boolean interactive) {
    return new ProgressBar(
        "upload x", total, new java.io.PrintWriter(err, true), silent, interactive, clock::get);
  }

  private void tick(long millis) {
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  private String output() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void interactiveBarRedrawsInPlaceAfterTheFirstHalfSecondAndIsThrottled() {
    ProgressBar bar = bar(1000, false, true);
    bar.advance(100);
    assertThat(output()).as("a quick start draws nothing").isEmpty();

    tick(600);
    bar.advance(150);
    assertThat(output()).startsWith("\rupload x [######..................]  25% 250 B / 1000 B");

    int before = output().length();
    tick(50);
    bar.advance(100);
    assertThat(output()).as("throttled").hasSize(before);

    tick(ProgressBar.REDRAW_MILLIS);
    bar.advance(100);
    assertThat(output().substring(before)).contains(" 45% 450 B / 1000 B").contains("ETA ");

    tick(150);
    bar.finish();
    assertThat(output())
        .endsWith("\r\u001b[Kupload x: 450 B in 1.0 s (450 B/s)" + System.lineSeparator());
  }

  @Test
  void nonTerminalGetsOnlyTheSummaryLine() {
    ProgressBar bar = bar(4L << 30, false, false);
    for (int i = 0; i < 4; i++) {
      tick(1000);
      bar.advance(1L << 30);
    }
    bar.close();
    bar.close();
    assertThat(output())
        .isEqualTo("upload x: 4.0 GiB in 4.0 s (1.0 GiB/s)" + System.lineSeparator());
  }

  @Test
  void silentBarCountsButNeverWrites() throws Exception {
    ProgressBar bar = bar(10, true, true);
    try (InputStream in = bar.wrap(new ByteArrayInputStream(new byte[10]))) {
      tick(5000);
      in.transferTo(OutputStream.nullOutputStream());
    }
    bar.finish();
    assertThat(bar.bytesDone()).isEqualTo(10);
    assertThat(output()).isEmpty();
  }

  @Test
  void unknownTotalShowsBytesAndRateWithoutPercentage() {
    ProgressBar bar = bar(ProgressBar.UNKNOWN_TOTAL, false, true);
    tick(2000);
    bar.advance(3 * 1024 * 1024);
    assertThat(output()).startsWith("\rupload x 3.0 MiB  1.5 MiB/s").doesNotContain("%");
  }

  @Test
  void wrappedStreamsCountEveryByte() throws Exception {
    ProgressBar bar = bar(ProgressBar.UNKNOWN_TOTAL, true, false);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = bar.wrap(sink)) {
      out.write(1);
      out.write(new byte[99], 0, 99);
    }
    try (InputStream in = bar.wrap(new ByteArrayInputStream(new byte[50]))) {
      assertThat(in.read()).isZero();
      assertThat(in.skip(9)).isEqualTo(9);
      assertThat(in.readAllBytes()).hasSize(40);
    }
    assertThat(sink.size()).isEqualTo(100);
    assertThat(bar.bytesDone()).isEqualTo(150);
  }

  @Test
  void bytesAreFormattedInBinaryUnits() {
    assertThat(ProgressBar.formatBytes(0)).isEqualTo("0 B");
    assertThat(ProgressBar.formatBytes(1023)).isEqualTo("1023 B");
    assertThat(ProgressBar.formatBytes(1536)).isEqualTo("1.5 KiB");
    assertThat(ProgressBar.formatBytes(2L << 30)).isEqualTo("2.0 GiB");
    assertThat(ProgressBar.formatBytes(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
  }

  @Test
  void longTransfersShowMinutesInTheSummary() {
    ProgressBar bar = bar(ProgressBar.UNKNOWN_TOTAL, false, false);
    tick(125_000);
    bar.advance(125L * 1024 * 1024);
    bar.finish();
    assertThat(output()).startsWith("upload x: 125.0 MiB in 2:05 (1.0 MiB/s)");
  }
}
