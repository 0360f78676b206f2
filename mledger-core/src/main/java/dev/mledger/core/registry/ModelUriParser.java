package dev.mledger.core.registry;

import dev.mledger.core.error.MledgerException;
import java.util.regex.Pattern;

/** MLflow's {@code _parse_model_uri}. */
final class ModelUriParser {
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern ALIAS = Pattern.compile("[\\w\\-]*");

  private ModelUriParser() {}

  static ModelUri parse(String uri) {
    if (uri == null || !uri.startsWith("models:")) {
      throw improper(uri);
    }
    String path = uri.substring("models:".length());
    // A netloc names a remote registry (models://profile@databricks/...); none is served here.
    if (path.startsWith("//") || !path.startsWith("/") || path.length() <= 1) {
      throw improper(uri);
    }
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    String[] parts = path.substring(1).split("/", -1);
    if (parts.length > 2 || parts[0].isBlank()) {
      throw improper(uri);
    }
    if (parts.length == 2) {
      String name = parts[0];
      String suffix = parts[1];
      if (suffix.isBlank()) {
        throw improper(uri);
      }
      if (DIGITS.matcher(suffix).matches()) {
        return new ModelUri.ByVersion(name, Long.parseLong(suffix));
      }
      if (suffix.equalsIgnoreCase("latest")) {
        return new ModelUri.Latest(name);
      }
      return new ModelUri.ByStage(name, Stage.parse(suffix));
    }
    int at = parts[0].lastIndexOf('@');
    if (at <= 0 || at == parts[0].length() - 1) {
      throw improper(uri);
    }
    String alias = parts[0].substring(at + 1);
    if (!ALIAS.matcher(alias).matches()) {
      throw improper(uri);
    }
    return new ModelUri.ByAlias(parts[0].substring(0, at), alias);
  }

  private static MledgerException improper(String uri) {
    return MledgerException.invalidParameter(
        "Not a proper models:/ URI: "
            + uri
            + ". Models URIs must be of the form 'models:/model_name/suffix' or"
            + " 'models:/model_name@alias' where suffix is a model version, stage, or the string"
            + " 'latest' and where alias is a registered model alias. Only letters, numbers,"
            + " underscores and dashes are allowed in registered model aliases. ");
  }
}
