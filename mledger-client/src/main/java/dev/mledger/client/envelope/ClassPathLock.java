package dev.mledger.client.envelope;

import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.envelope.DependencyLock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dependency lock (H): SHA-256 over the sorted lines {@code "<jar file name> <jar sha256>\n"}
 * of every jar on the class path. Directories (a build's own classes) are left out: they are the
 * code, which the git commit pins. Jar hashes are cached per (path, size, modification time), so
 * only the first run of a process pays for hashing.
 */
public final class ClassPathLock {

  private record CacheKey(Path path, long size, long modified) {}

  private static final Map<CacheKey, String> CACHE = new ConcurrentHashMap<>();

  /** The lock and, if some jar could not be read, why. */
  public record Capture(DependencyLock lock, String error) {}

  private ClassPathLock() {}

  /** The lock of this JVM's {@code java.class.path}. */
  public static Capture ofCurrentClassPath() {
    String classPath = System.getProperty("java.class.path", "");
    List<Path> entries = new ArrayList<>();
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry));
      }
    }
    return of(entries);
  }

  /** The lock over the jars among {@code entries}; never throws. */
  public static Capture of(List<Path> entries) {
    List<String> lines = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (Path entry : entries) {
      Path name = entry.getFileName();
      if (name == null || !name.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
        continue;
      }
      try {
        lines.add(entry.getFileName() + " " + sha256(entry) + "\n");
      } catch (IOException e) {
        unreadable.add(entry + " (" + e.getMessage() + ")");
      }
    }
    if (!unreadable.isEmpty()) {
      return new Capture(
          DependencyLock.unknown(),
          "class path: unreadable jars: " + String.join(", ", unreadable));
    }
    lines.sort(null);
    String lock = CanonicalJson.sha256Hex(String.join("", lines).getBytes(StandardCharsets.UTF_8));
    return new Capture(new DependencyLock(lock, lines.size()), null);
  }

  static String sha256(Path jar) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
    CacheKey key =
        new CacheKey(
            jar.toAbsolutePath().normalize(),
            attributes.size(),
            attributes.lastModifiedTime().toMillis());
    String cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(jar), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    String hash = HexFormat.of().formatHex(digest.digest());
    CACHE.put(key, hash);
    return hash;
  }
}
