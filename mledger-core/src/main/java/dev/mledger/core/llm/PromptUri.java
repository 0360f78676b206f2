package dev.mledger.core.llm;

import dev.mledger.core.error.MledgerException;

/**
 * A reference to one prompt version: {@code prompts:/name/3} (a fixed version) or {@code
 * prompts:/name@production} (whatever version the alias points to; {@code @latest} is the newest).
 */
public sealed interface PromptUri {
  String SCHEME = "prompts:/";

  /** The prompt's name. */
  String name();

  /** A fixed version. */
  record ByVersion(String name, int version) implements PromptUri {
    public ByVersion {
      PromptNames.requireName(name);
      PromptNames.requireVersion(version);
    }

    @Override
    public String toString() {
      return SCHEME + name + "/" + version;
    }
  }

  /** The version an alias points to when resolved. */
  record ByAlias(String name, String alias) implements PromptUri {
    public ByAlias {
      PromptNames.requireName(name);
      PromptNames.requireAliasSyntax(alias);
    }

    /** Whether this is the reserved {@code @latest}. */
    public boolean isLatest() {
      return alias.equalsIgnoreCase(PromptNames.LATEST);
    }

    @Override
    public String toString() {
      return SCHEME + name + "@" + alias;
    }
  }

  /**
   * Parses {@code prompts:/name/version} or {@code prompts:/name@alias}.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE with the accepted forms otherwise
   */
  static PromptUri parse(String uri) {
    if (uri == null || !uri.startsWith(SCHEME)) {
      throw invalid(uri);
    }
    String rest = uri.substring(SCHEME.length());
    int at = rest.indexOf('@');
    int slash = rest.indexOf('/');
    try {
      if (at > 0 && slash < 0) {
        return new ByAlias(rest.substring(0, at), rest.substring(at + 1));
      }
      if (slash > 0 && at < 0 && rest.indexOf('/', slash + 1) < 0) {
        String version = rest.substring(slash + 1);
        if (!version.matches("[0-9]{1,10}")) {
          throw invalid(uri);
        }
        return new ByVersion(
            rest.substring(0, slash), PromptNames.requireVersion(Long.parseLong(version)));
      }
    } catch (MledgerException e) {
      throw MledgerException.invalidParameter(
          "Invalid prompt URI '" + uri + "': " + e.getMessage());
    }
    throw invalid(uri);
  }

  private static MledgerException invalid(String uri) {
    return MledgerException.invalidParameter(
        "Invalid prompt URI '"
            + uri
            + "': expected prompts:/<name>/<version> or prompts:/<name>@<alias>.");
  }
}
