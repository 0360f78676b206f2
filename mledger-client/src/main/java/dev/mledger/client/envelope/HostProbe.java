package dev.mledger.client.envelope;

import dev.mledger.core.envelope.Environment;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Captures the environment (e): host name, JVM, OS (with the Linux distribution), CPU model ({@code
 * /proc/cpuinfo}), cores, physical memory and heap limit, and GPUs via {@code nvidia-smi} when it
 * is installed (bounded by a timeout).
 */
public final class HostProbe {
  static final Duration NVIDIA_SMI_TIMEOUT = Duration.ofSeconds(5);

  /** The captured environment and why parts of it are missing, by component. */
  public record Capture(Environment environment, Map<String, String> errors) {}

  private final Path procDirectory;
  private final Path etcDirectory;

  private HostProbe(Path procDirectory, Path etcDirectory) {
    this.procDirectory = procDirectory;
    this.etcDirectory = etcDirectory;
  }

  /** Captures this machine's environment; never throws. */
  public static Capture capture() {
    return new HostProbe(Path.of("/proc"), Path.of("/etc")).probe();
  }

  /** Reads {@code /proc} and {@code /etc} files from other directories (tests). */
  static Capture capture(Path procDirectory, Path etcDirectory) {
    return new HostProbe(procDirectory, etcDirectory).probe();
  }

  private Capture probe() {
    Map<String, String> errors = new TreeMap<>();
    Environment.Jvm jvm =
        new Environment.Jvm(
            System.getProperty("java.vendor"),
            System.getProperty("java.runtime.version", System.getProperty("java.version")),
            System.getProperty("java.vm.name"));
    Environment.Os os =
        new Environment.Os(
            System.getProperty("os.name"),
            System.getProperty("os.version"),
            System.getProperty("os.arch"),
            osRelease());
    String cpuModel = cpuModel();
    if (cpuModel == null) {
      errors.put("environment.cpu", "no CPU model in " + procDirectory.resolve("cpuinfo"));
    }
    Environment.Cpu cpu = new Environment.Cpu(cpuModel, Runtime.getRuntime().availableProcessors());
    Long total = totalMemory();
    if (total == null) {
      errors.put("environment.memory", "physical memory size not available");
    }
    Environment.Memory memory = new Environment.Memory(total, Runtime.getRuntime().maxMemory());
    List<Environment.Gpu> gpus = gpus(errors);
    return new Capture(new Environment(hostname(), jvm, os, cpu, memory, gpus), errors);
  }

  private String hostname() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    String fromFile = firstLine(etcDirectory.resolve("hostname"));
    if (fromFile != null) {
      return fromFile;
    }
    try {
      // May consult DNS, hence last.
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return null;
    }
  }

  private String osRelease() {
    try {
      for (String line : Files.readAllLines(etcDirectory.resolve("os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) {
          return unquote(line.substring("PRETTY_NAME=".length()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or a minimal image: the distribution is optional.
    }
    return null;
  }

  private String cpuModel() {
    try {
      for (String line : Files.readAllLines(procDirectory.resolve("cpuinfo"))) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          String key = line.substring(0, colon).strip();
          // x86 says "model name"; some ARM kernels only report "Hardware" or "Processor".
          if (key.equals("model name") || key.equals("Hardware") || key.equals("Processor")) {
            String value = line.substring(colon + 1).strip();
            if (!value.isEmpty()) {
              return value;
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  private Long totalMemory() {
    try {
      for (String line : Files.readAllLines(procDirectory.resolve("meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          String[] parts = line.substring("MemTotal:".length()).strip().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Fall through to the platform MXBean.
    }
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return null;
  }

  private static List<Environment.Gpu> gpus(Map<String, String> errors) {
    if (!onPath("nvidia-smi")) {
      return List.of();
    }
    Commands.Result result =
        Commands.run(
            null,
            NVIDIA_SMI_TIMEOUT,
            List.of(
                "nvidia-smi",
                "--query-gpu=name,driver_version,memory.total",
                "--format=csv,noheader,nounits"));
    if (!result.ok()) {
      errors.put("environment.gpus", result.failure());
      return List.of();
    }
    return parseNvidiaSmi(result.text());
  }

  static List<Environment.Gpu> parseNvidiaSmi(String csv) {
    List<Environment.Gpu> gpus = new ArrayList<>();
    for (String line : csv.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split(",");
      String name = fields[0].strip();
      String driver = fields.length > 1 ? fields[1].strip() : null;
      Long memory = null;
      if (fields.length > 2) {
        try {
          memory = Long.parseLong(fields[2].strip());
        } catch (NumberFormatException e) {
          memory = null;
        }
      }
      gpus.add(new Environment.Gpu(name, driver, memory));
    }
    return gpus;
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.isEmpty() || lines.get(0).isBlank() ? null : lines.get(0).strip();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String unquote(String value) {
    String v = value.strip();
    if (v.length() >= 2
        && (v.startsWith("\"") || v.startsWith("'"))
        && v.endsWith(v.substring(0, 1))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
