package dev.mledger.server.artifacts;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MLflow's {@code _guess_mime_type}: well-known text formats (and extension-less {@code MLmodel},
 * {@code MLproject}) are {@code text/plain}; otherwise Python's {@code mimetypes} table for the
 * extension; unknown types are {@code application/octet-stream}.
 */
final class MimeTypes {
  private static final String OCTET_STREAM = "application/octet-stream";

  /** mlflow/utils/mime_type_utils.py {@code _TEXT_EXTENSIONS} (case-sensitive, as there). */
  private static final Set<String> TEXT_EXTENSIONS =
      Set.of(
          "txt",
          "log",
          "err",
          "cfg",
          "conf",
          "cnf",
          "cf",
          "ini",
          "properties",
          "prop",
          "hocon",
          "toml",
          "yaml",
          "yml",
          "xml",
          "json",
          "js",
          "py",
          "py3",
          "csv",
          "tsv",
          "md",
          "rst",
          "MLmodel",
          "mlproject");

  /** The entries of Python 3's {@code mimetypes.types_map} artifacts commonly have. */
  private static final Map<String, String> PYTHON_TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html"),
          Map.entry("htm", "text/html"),
          Map.entry("css", "text/css"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("bmp", "image/bmp"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("tif", "image/tiff"),
          Map.entry("tiff", "image/tiff"),
          Map.entry("ico", "image/vnd.microsoft.icon"),
          Map.entry("webp", "image/webp"),
          Map.entry("pdf", "application/pdf"),
          Map.entry("zip", "application/zip"),
          Map.entry("tar", "application/x-tar"),
          Map.entry("wav", "audio/x-wav"),
          Map.entry("mp3", "audio/mpeg"),
          Map.entry("mp4", "video/mp4"),
          Map.entry("wasm", "application/wasm"),
          Map.entry("sh", "application/x-sh"));

  private MimeTypes() {}

  static String guess(String fileName) {
    int dot = fileName.lastIndexOf('.');
    // os.path.splitext ignores leading dots: ".bashrc" has no extension.
    boolean hasExtension = dot > 0 && fileName.chars().limit(dot).anyMatch(c -> c != '.');
    String extension = hasExtension ? fileName.substring(dot + 1) : fileName;
    if (TEXT_EXTENSIONS.contains(extension)) {
      return "text/plain";
    }
    if (!hasExtension) {
      return OCTET_STREAM;
    }
    // mimetypes tries the exact suffix, then its lower-case form.
    String type = PYTHON_TYPES.get(extension);
    if (type == null) {
      type = PYTHON_TYPES.get(extension.toLowerCase(Locale.ROOT));
    }
    return type == null ? OCTET_STREAM : type;
  }
}
