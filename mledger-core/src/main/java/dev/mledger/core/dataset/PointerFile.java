package dev.mledger.core.dataset;

import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.error.MledgerException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The small text file {@code NAME.mledger} that stands for a dataset version in a git repository
 * (the role of a DVC {@code .dvc} file). It is JSON with one key per line, so diffs stay readable:
 *
 * <pre>{@code
 * {
 *   "format": "mledger-pointer/1",
 *   "name": "churn",
 *   "version": "1.2.0",
 *   "kind": "directory",
 *   "sha256": "9f86d08...",
 *   "size": 1048576,
 *   "files": 12,
 *   "path": "data"
 * }
 * }</pre>
 *
 * {@code path} is the file or directory name the snapshot was taken from, where {@code data
 * checkout} restores it by default. Readers refuse other formats instead of guessing.
 */
public record PointerFile(
    String name,
    SemanticVersion version,
    DatasetKind kind,
    String sha256,
    long size,
    long files,
    String path) {
  /** The format identifier written as {@code "format"}. */
  public static final String FORMAT = "mledger-pointer/1";

  /** The file name extension of pointer files. */
  public static final String EXTENSION = ".mledger";

  private static final Set<String> KEYS =
      Set.of("format", "name", "version", "kind", "sha256", "size", "files", "path");

  public PointerFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(path, "path");
    DatasetNames.requireValid(name);
    ManifestEntry.requireValidPath(path);
    if (path.contains("/")) {
      throw MledgerException.invalidParameter("pointer path must be a single name: " + path);
    }
    new ManifestEntry(path, size, sha256); // validates the hash and the size
    if (files < 0 || (kind == DatasetKind.FILE && files != 1)) {
      throw MledgerException.invalidParameter("invalid file count " + files + " for " + kind);
    }
  }

  /** The text written to {@code NAME.mledger}, ending with a line break. */
  public String toText() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("format", FORMAT);
    fields.put("name", name);
    fields.put("version", version.toString());
    fields.put("kind", kind.jsonName());
    fields.put("sha256", sha256);
    fields.put("size", size);
    fields.put("files", files);
    fields.put("path", path);
    StringBuilder out = new StringBuilder("{\n");
    int i = 0;
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      out.append("  ")
          .append(CanonicalJson.write(e.getKey()))
          .append(": ")
          .append(CanonicalJson.write(e.getValue()))
          .append(++i < fields.size() ? ",\n" : "\n");
    }
    return out.append("}\n").toString();
  }

  /**
   * Reads a pointer file's text.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE naming what is wrong
   */
  public static PointerFile parse(String text) {
    Object parsed;
    try {
      parsed = CanonicalJson.parse(text.strip());
    } catch (IllegalArgumentException e) {
      throw MledgerException.invalidParameter(
          "not a pointer file (invalid JSON: " + e.getMessage() + ")");
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw MledgerException.invalidParameter("not a pointer file: expected a JSON object");
    }
    if (!FORMAT.equals(map.get("format"))) {
      throw MledgerException.invalidParameter(
          "unsupported pointer format "
              + map.get("format")
              + " (this version reads "
              + FORMAT
              + ")");
    }
    for (Object key : map.keySet()) {
      if (!KEYS.contains(key)) {
        throw MledgerException.invalidParameter("unknown key '" + key + "' in pointer file");
      }
    }
    return new PointerFile(
        text(map, "name"),
        SemanticVersion.parse(text(map, "version")),
        DatasetKind.fromName(text(map, "kind")),
        text(map, "sha256"),
        number(map, "size"),
        number(map, "files"),
        text(map, "path"));
  }

  private static String text(Map<?, ?> map, String key) {
    if (map.get(key) instanceof String s) {
      return s;
    }
    throw MledgerException.invalidParameter("pointer file lacks the text field '" + key + "'");
  }

  private static long number(Map<?, ?> map, String key) {
    if (map.get(key) instanceof Long n) {
      return n;
    }
    throw MledgerException.invalidParameter("pointer file lacks the integer field '" + key + "'");
  }
}
