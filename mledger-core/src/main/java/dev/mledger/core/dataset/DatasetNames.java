package dev.mledger.core.dataset;

import dev.mledger.core.error.MledgerException;
import java.util.regex.Pattern;

/**
 * Dataset names: 1 to 128 characters, letters, digits, {@code . _ -}, starting with a letter or
 * digit. They appear in file names ({@code NAME.mledger}), URLs and {@code NAME@VERSION}
 * references, so anything that needs quoting in one of those is refused.
 */
public final class DatasetNames {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private DatasetNames() {}

  /** Throws INVALID_PARAMETER_VALUE unless {@code name} is a valid dataset name. */
  public static void requireValid(String name) {
    if (name == null || !VALID.matcher(name).matches()) {
      throw MledgerException.invalidParameter(
          "invalid dataset name '"
              + name
              + "': use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }
}
