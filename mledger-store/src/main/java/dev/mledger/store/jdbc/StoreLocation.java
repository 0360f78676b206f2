package dev.mledger.store.jdbc;

import dev.mledger.core.error.MledgerException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the tracking database lives, parsed from a store URI.
 *
 * <p>Accepted forms: {@code sqlite:///abs/path/mledger.db} (also {@code sqlite:////abs/...} as
 * SQLAlchemy writes it), a plain file path, {@code postgresql://user:pass@host:port/db} (also
 * {@code postgres://}, {@code postgresql+driver://} as MLflow users write it) and {@code
 * jdbc:postgresql://...} passed through unchanged.
 *
 * @param sqliteFile the database file for SQLite, null for PostgreSQL
 * @param user null when the URL carries the credentials itself
 * @param password null when the URL carries the credentials itself
 */
public record StoreLocation(
    Dialect dialect, String jdbcUrl, Path sqliteFile, String user, String password) {

  public static StoreLocation parse(String storeUri) {
    if (storeUri == null || storeUri.isBlank()) {
      throw MledgerException.invalidParameter("The store URI must not be empty.");
    }
    String uri = storeUri.strip();
    String lower = uri.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:postgresql:")) {
      return new StoreLocation(Dialect.POSTGRESQL, uri, null, null, null);
    }
    if (lower.startsWith("jdbc:sqlite:")) {
      return sqlite(uri.substring("jdbc:sqlite:".length()));
    }
    if (lower.startsWith("sqlite:")) {
      String rest = uri.substring("sqlite:".length());
      if (!rest.startsWith("//")) {
        throw MledgerException.invalidParameter(
            "Invalid SQLite store URI '" + storeUri + "'. Use sqlite:///absolute/path/mledger.db.");
      }
      String path = rest.substring(2);
      // sqlite:////abs/db (SQLAlchemy's absolute form) and sqlite:///abs/db name the same file.
      while (path.startsWith("//")) {
        path = path.substring(1);
      }
      return sqlite(path);
    }
    if (lower.startsWith("postgresql:")
        || lower.startsWith("postgresql+")
        || lower.startsWith("postgres:")) {
      return postgres(storeUri, uri);
    }
    if (hasScheme(uri)) {
      throw MledgerException.invalidParameter(
          "Unsupported store URI '"
              + redact(storeUri)
              + "'. Supported: sqlite:///path/to/mledger.db, a file path, "
              + "postgresql://user:password@host:port/database.");
    }
    return sqlite(uri);
  }

  private static StoreLocation sqlite(String path) {
    if (path.isBlank()) {
      throw MledgerException.invalidParameter("The SQLite store URI names no file.");
    }
    Path file = Path.of(path).toAbsolutePath().normalize();
    return new StoreLocation(Dialect.SQLITE, "jdbc:sqlite:" + file, file, null, null);
  }

  private static StoreLocation postgres(String original, String uri) {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw MledgerException.invalidParameter(
          "Invalid PostgreSQL store URI '" + redact(original) + "': " + e.getReason());
    }
    if (parsed.getHost() == null) {
      throw MledgerException.invalidParameter(
          "Invalid PostgreSQL store URI '"
              + redact(original)
              + "'. Expected postgresql://user:password@host:port/database.");
    }
    StringBuilder url = new StringBuilder("jdbc:postgresql://").append(parsed.getHost());
    if (parsed.getPort() >= 0) {
      url.append(':').append(parsed.getPort());
    }
    String database = parsed.getRawPath() == null ? "" : parsed.getRawPath();
    url.append(database.isEmpty() ? "/" : database);
    if (parsed.getRawQuery() != null) {
      url.append('?').append(parsed.getRawQuery());
    }
    String user = null;
    String password = null;
    String userInfo = parsed.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    return new StoreLocation(Dialect.POSTGRESQL, url.toString(), null, user, password);
  }

  private static boolean hasScheme(String uri) {
    int colon = uri.indexOf(':');
    // A single letter before the colon is a Windows drive, not a scheme.
    return colon > 1 && uri.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The URI with any password masked, for error messages. */
  static String redact(String uri) {
    return uri.replaceAll("(//[^:/@]+:)[^@/]*@", "$1***@");
  }

  @Override
  public String toString() {
    return "StoreLocation[" + dialect + ", " + redact(jdbcUrl) + ", user=" + user + "]";
  }
}
