package dev.mledger.core.llm;

import dev.mledger.core.error.MledgerException;
import java.util.regex.Pattern;

/** Validation of prompt names and aliases, with messages that say what is allowed. */
public final class PromptNames {
  /** The alias that always resolves to a prompt's newest version; it cannot be set. */
  public static final String LATEST = "latest";

  public static final int MAX_NAME_LENGTH = 256;
  public static final int MAX_ALIAS_LENGTH = 256;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*");
  private static final Pattern ALIAS = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-]*");

  private PromptNames() {}

  /**
   * @throws MledgerException INVALID_PARAMETER_VALUE unless the name is 1–256 letters, digits,
   *     {@code _ . -}, starting with a letter or digit
   */
  public static String requireName(String name) {
    if (name == null || name.isEmpty()) {
      throw MledgerException.invalidParameter("Prompt name must not be empty.");
    }
    if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
      throw MledgerException.invalidParameter(
          "Invalid prompt name '"
              + name
              + "': use up to "
              + MAX_NAME_LENGTH
              + " letters, digits, '_', '.' or '-', starting with a letter or digit.");
    }
    return name;
  }

  /**
   * @throws MledgerException INVALID_PARAMETER_VALUE unless the alias is 1–256 letters, digits,
   *     {@code _ -} starting with a letter, and not the reserved {@value #LATEST}
   */
  public static String requireSettableAlias(String alias) {
    requireAliasSyntax(alias);
    if (alias.equalsIgnoreCase(LATEST)) {
      throw MledgerException.invalidParameter(
          "The alias 'latest' is reserved: it always means the newest version.");
    }
    return alias;
  }

  static String requireAliasSyntax(String alias) {
    if (alias == null || alias.isEmpty()) {
      throw MledgerException.invalidParameter("Prompt alias must not be empty.");
    }
    if (alias.length() > MAX_ALIAS_LENGTH || !ALIAS.matcher(alias).matches()) {
      throw MledgerException.invalidParameter(
          "Invalid prompt alias '"
              + alias
              + "': use letters, digits, '_' or '-', starting with a letter.");
    }
    return alias;
  }

  /**
   * @throws MledgerException INVALID_PARAMETER_VALUE unless {@code version} is at least 1
   */
  public static int requireVersion(long version) {
    if (version < 1 || version > Integer.MAX_VALUE) {
      throw MledgerException.invalidParameter(
          "Prompt version must be a positive integer, got " + version + ".");
    }
    return (int) version;
  }
}
