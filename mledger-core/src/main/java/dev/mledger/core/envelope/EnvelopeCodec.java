package dev.mledger.core.envelope;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Maps envelopes to and from the JSON value tree {@link CanonicalJson} reads and writes. */
final class EnvelopeCodec {

  private EnvelopeCodec() {}

  static Map<String, Object> toJsonValue(Envelope e) {
    List<Object> datasets = new ArrayList<>();
    for (DatasetVersion d : e.datasets()) {
      datasets.add(
          object(
              "name",
              d.name(),
              "digest",
              d.digest(),
              "source",
              d.source(),
              "context",
              d.context()));
    }
    List<Object> artifacts = new ArrayList<>();
    for (ArtifactReference a : e.artifacts()) {
      artifacts.add(object("uri", a.uri(), "sha256", a.sha256()));
    }
    CodeVersion c = e.code();
    return object(
        "format",
        Envelope.FORMAT,
        "datasets",
        datasets,
        "code",
        object("commit", c.commit(), "dirty", c.dirty(), "diff_sha256", c.diffSha256()),
        "environment",
        environment(e.environment()),
        "seed",
        e.seed(),
        "dependencies",
        object("lock_sha256", e.dependencies().sha256(), "jars", e.dependencies().jars()),
        "artifacts",
        artifacts,
        "capture_errors",
        new TreeMap<String, Object>(e.captureErrors()));
  }

  /** What {@link Envelope#environmentFingerprint()} hashes. */
  static Map<String, Object> environmentIdentity(Envelope e) {
    Environment env = e.environment();
    List<Object> gpus = new ArrayList<>();
    for (Environment.Gpu g : env.gpus()) {
      gpus.add(object("name", g.name(), "driver_version", g.driverVersion()));
    }
    Environment.Jvm jvm = env.jvm();
    Environment.Os os = env.os();
    return object(
        "jvm",
        jvm == null
            ? null
            : object("vendor", jvm.vendor(), "version", jvm.version(), "vm_name", jvm.vmName()),
        "os",
        os == null
            ? null
            : object(
                "name", os.name(),
                "version", os.version(),
                "arch", os.arch(),
                "distribution", os.distribution()),
        "cpu_model",
        env.cpu() == null ? null : env.cpu().model(),
        "gpus",
        gpus,
        "dependencies",
        e.dependencies().sha256());
  }

  private static Map<String, Object> environment(Environment env) {
    List<Object> gpus = new ArrayList<>();
    for (Environment.Gpu g : env.gpus()) {
      gpus.add(
          object(
              "name", g.name(), "driver_version", g.driverVersion(), "memory_mib", g.memoryMib()));
    }
    Environment.Jvm jvm = env.jvm();
    Environment.Os os = env.os();
    Environment.Cpu cpu = env.cpu();
    Environment.Memory memory = env.memory();
    return object(
        "hostname", env.hostname(),
        "jvm",
            jvm == null
                ? null
                : object("vendor", jvm.vendor(), "version", jvm.version(), "vm_name", jvm.vmName()),
        "os",
            os == null
                ? null
                : object(
                    "name", os.name(),
                    "version", os.version(),
                    "arch", os.arch(),
                    "distribution", os.distribution()),
        "cpu", cpu == null ? null : object("model", cpu.model(), "cores", cpu.cores()),
        "memory",
            memory == null
                ? null
                : object(
                    "total_bytes", memory.totalBytes(), "max_heap_bytes", memory.maxHeapBytes()),
        "gpus", gpus);
  }

  /** A map that, unlike {@code Map.of}, holds null values (canonical JSON writes them). */
  private static Map<String, Object> object(Object... keyValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  // ---- reading -----------------------------------------------------------------------------

  static Envelope fromJsonValue(Object root) {
    Fields top =
        Fields.of(
            root,
            "envelope",
            Set.of(
                "format",
                "datasets",
                "code",
                "environment",
                "seed",
                "dependencies",
                "artifacts",
                "capture_errors"));
    Long format = top.optLong("format");
    if (format == null || format < 1 || format > Envelope.FORMAT) {
      throw new IllegalArgumentException(
          "unsupported envelope format "
              + format
              + " (this reader knows 1.."
              + Envelope.FORMAT
              + ")");
    }
    List<DatasetVersion> datasets = new ArrayList<>();
    for (Fields d : top.optObjects("datasets", Set.of("name", "digest", "source", "context"))) {
      datasets.add(
          new DatasetVersion(
              d.requireString("name"),
              d.requireString("digest"),
              d.optString("source"),
              d.optString("context")));
    }
    List<ArtifactReference> artifacts = new ArrayList<>();
    for (Fields a : top.optObjects("artifacts", Set.of("uri", "sha256"))) {
      artifacts.add(new ArtifactReference(a.requireString("uri"), a.requireString("sha256")));
    }
    CodeVersion code = CodeVersion.unknown();
    Fields c = top.optObject("code", Set.of("commit", "dirty", "diff_sha256"));
    if (c != null) {
      code =
          new CodeVersion(c.optString("commit"), c.optBoolean("dirty"), c.optString("diff_sha256"));
    }
    Fields deps = top.optObject("dependencies", Set.of("lock_sha256", "jars"));
    DependencyLock lock =
        deps == null
            ? DependencyLock.unknown()
            : new DependencyLock(deps.optString("lock_sha256"), deps.optInt("jars", 0));
    Fields env =
        top.optObject("environment", Set.of("hostname", "jvm", "os", "cpu", "memory", "gpus"));
    return new Envelope(
        datasets,
        code,
        env == null ? null : environment(env),
        top.optLong("seed"),
        lock,
        artifacts,
        top.optStringMap("capture_errors"));
  }

  private static Environment environment(Fields env) {
    Fields jvm = env.optObject("jvm", Set.of("vendor", "version", "vm_name"));
    Fields os = env.optObject("os", Set.of("name", "version", "arch", "distribution"));
    Fields cpu = env.optObject("cpu", Set.of("model", "cores"));
    Fields memory = env.optObject("memory", Set.of("total_bytes", "max_heap_bytes"));
    List<Environment.Gpu> gpus = new ArrayList<>();
    for (Fields g : env.optObjects("gpus", Set.of("name", "driver_version", "memory_mib"))) {
      gpus.add(
          new Environment.Gpu(
              g.optString("name"), g.optString("driver_version"), g.optLong("memory_mib")));
    }
    return new Environment(
        env.optString("hostname"),
        jvm == null
            ? null
            : new Environment.Jvm(
                jvm.optString("vendor"), jvm.optString("version"), jvm.optString("vm_name")),
        os == null
            ? null
            : new Environment.Os(
                os.optString("name"),
                os.optString("version"),
                os.optString("arch"),
                os.optString("distribution")),
        cpu == null ? null : new Environment.Cpu(cpu.optString("model"), cpu.optInt("cores", 0)),
        memory == null
            ? null
            : new Environment.Memory(
                memory.optLong("total_bytes"), memory.optLongOr("max_heap_bytes", 0)),
        gpus);
  }

  /** Typed access to one JSON object, with the field path in every error. */
  record Fields(Map<?, ?> map, String path) {

    static Fields of(Object value, String path, Set<String> known) {
      if (!(value instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException(path + ": expected an object");
      }
      for (Object key : m.keySet()) {
        if (!known.contains(key)) {
          throw new IllegalArgumentException(path + "." + key + ": unknown member");
        }
      }
      return new Fields(m, path);
    }

    Fields optObject(String key, Set<String> known) {
      Object v = map.get(key);
      return v == null ? null : of(v, where(key), known);
    }

    List<Fields> optObjects(String key, Set<String> known) {
      Object v = map.get(key);
      if (v == null) {
        return List.of();
      }
      if (!(v instanceof List<?> list)) {
        throw new IllegalArgumentException(where(key) + ": expected an array");
      }
      List<Fields> objects = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        objects.add(of(list.get(i), where(key) + "[" + i + "]", known));
      }
      return objects;
    }

    Map<String, String> optStringMap(String key) {
      Object v = map.get(key);
      if (v == null) {
        return Map.of();
      }
      if (!(v instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException(where(key) + ": expected an object");
      }
      Map<String, String> strings = new TreeMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getValue() instanceof String s)) {
          throw new IllegalArgumentException(where(key) + "." + e.getKey() + ": expected a string");
        }
        strings.put((String) e.getKey(), s);
      }
      return strings;
    }

    String optString(String key) {
      Object v = map.get(key);
      if (v != null && !(v instanceof String)) {
        throw new IllegalArgumentException(where(key) + ": expected a string");
      }
      return (String) v;
    }

    String requireString(String key) {
      String v = optString(key);
      if (v == null) {
        throw new IllegalArgumentException(where(key) + ": required");
      }
      return v;
    }

    Boolean optBoolean(String key) {
      Object v = map.get(key);
      if (v != null && !(v instanceof Boolean)) {
        throw new IllegalArgumentException(where(key) + ": expected true or false");
      }
      return (Boolean) v;
    }

    Long optLong(String key) {
      Object v = map.get(key);
      if (v == null) {
        return null;
      }
      if (v instanceof Long l) {
        return l;
      }
      if (v instanceof BigInteger) {
        throw new IllegalArgumentException(where(key) + ": integer out of 64-bit range");
      }
      throw new IllegalArgumentException(where(key) + ": expected an integer");
    }

    long optLongOr(String key, long fallback) {
      Long v = optLong(key);
      return v == null ? fallback : v;
    }

    int optInt(String key, int fallback) {
      Long v = optLong(key);
      if (v == null) {
        return fallback;
      }
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(where(key) + ": integer out of 32-bit range");
      }
      return v.intValue();
    }

    private String where(String key) {
      return path + "." + key;
    }
  }
}
