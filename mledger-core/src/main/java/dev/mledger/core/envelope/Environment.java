package dev.mledger.core.envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The machine and runtime a run executed on (e). Any component, and any field of one, may be null
 * when it could not be determined; {@code gpus} is empty when there are none.
 *
 * @param hostname the machine's host name, or null if unknown
 * @param jvm the Java runtime
 * @param os the operating system
 * @param cpu the processor
 * @param memory physical memory and the JVM's heap limit
 * @param gpus the GPUs {@code nvidia-smi} reported, in its order
 */
public record Environment(String hostname, Jvm jvm, Os os, Cpu cpu, Memory memory, List<Gpu> gpus) {

  public Environment {
    gpus = gpus == null ? List.of() : List.copyOf(gpus);
  }

  /** Nothing is known about the environment. */
  public static Environment unknown() {
    return new Environment(null, null, null, null, null, List.of());
  }

  /**
   * The hardware aspects in which {@code other} differs from this environment: {@code hostname},
   * {@code cpu}, {@code gpus}. Results of numeric code may legitimately differ between such hosts
   * (floating-point reduction order, vector units, GPU kernels), which a replay must point out.
   * Aspects unknown on either side are not reported as differences.
   */
  public List<String> hardwareDifferences(Environment other) {
    List<String> differences = new ArrayList<>();
    if (hostname != null && other.hostname != null && !hostname.equals(other.hostname)) {
      differences.add("hostname");
    }
    String model = cpu == null ? null : cpu.model();
    String otherModel = other.cpu == null ? null : other.cpu.model();
    if (model != null && otherModel != null && !model.equals(otherModel)) {
      differences.add("cpu");
    }
    if (!gpuNames(gpus).equals(gpuNames(other.gpus))) {
      differences.add("gpus");
    }
    return List.copyOf(differences);
  }

  private static List<String> gpuNames(List<Gpu> gpus) {
    return gpus.stream().map(g -> Objects.requireNonNullElse(g.name(), "unknown")).toList();
  }

  /** The Java runtime: {@code java.vendor}, {@code java.runtime.version}, {@code java.vm.name}. */
  public record Jvm(String vendor, String version, String vmName) {}

  /**
   * The operating system: {@code os.name}, {@code os.version}, {@code os.arch}, and the
   * distribution's pretty name (Linux {@code /etc/os-release}) when available.
   */
  public record Os(String name, String version, String arch, String distribution) {}

  /** The processor model (null when not reported) and the cores available to the JVM. */
  public record Cpu(String model, int cores) {}

  /** Physical memory of the machine (null if unknown) and the JVM's maximum heap, in bytes. */
  public record Memory(Long totalBytes, long maxHeapBytes) {}

  /** One GPU as {@code nvidia-smi} reports it; {@code memoryMib} is null when not reported. */
  public record Gpu(String name, String driverVersion, Long memoryMib) {}
}
