package dev.mledger.client.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.core.envelope.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostProbeTest {
  @TempDir Path proc;
  @TempDir Path etc;

  @Test
  void readsCpuMemoryAndDistributionFromProcAndEtc() throws IOException {
    Files.writeString(
        proc.resolve("cpuinfo"),
        "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13 64-Core Processor\n");
    Files.writeString(proc.resolve("meminfo"), "MemTotal:       16384000 kB\nMemFree: 1 kB\n");
    Files.writeString(
        etc.resolve("os-release"),
        "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
    HostProbe.Capture capture = HostProbe.capture(proc, etc);
    Environment e = capture.environment();
    assertThat(e.cpu().model()).isEqualTo("AMD EPYC 7B13 64-Core Processor");
    assertThat(e.cpu().cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(e.memory().totalBytes()).isEqualTo(16384000L * 1024);
    assertThat(e.memory().maxHeapBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
    assertThat(e.os().distribution()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(e.os().name()).isEqualTo(System.getProperty("os.name"));
    assertThat(e.jvm().version()).isEqualTo(System.getProperty("java.runtime.version"));
    assertThat(e.hostname()).isNotBlank();
    assertThat(capture.errors()).doesNotContainKeys("environment.cpu", "environment.memory");
  }

  @Test
  void missingFilesAreRecordedNotFatal() {
    HostProbe.Capture capture = HostProbe.capture(proc, etc);
    assertThat(capture.environment().cpu().model()).isNull();
    assertThat(capture.environment().os().distribution()).isNull();
    assertThat(capture.errors()).containsKey("environment.cpu");
    // Memory falls back to the platform MXBean.
    assertThat(capture.environment().memory().totalBytes()).isPositive();
  }

  @Test
  void parsesNvidiaSmiCsv() {
    assertThat(
            HostProbe.parseNvidiaSmi(
                "NVIDIA A100-SXM4-40GB, 535.104.05, 40960\nTesla T4, 535.104.05, [N/A]\n"))
        .containsExactly(
            new Environment.Gpu("NVIDIA A100-SXM4-40GB", "535.104.05", 40960L),
            new Environment.Gpu("Tesla T4", "535.104.05", null));
  }
}
