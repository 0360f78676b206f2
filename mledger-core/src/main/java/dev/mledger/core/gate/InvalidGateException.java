package dev.mledger.core.gate;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;

/**
 * A gate specification that cannot be read, with the path of the offending element ({@code
 * rules[1].limit}; empty for the document itself) so that file readers can point at a line and
 * column.
 */
public final class InvalidGateException extends MledgerException {
  private final String path;
  private final String detail;

  public InvalidGateException(String path, String detail) {
    super(ErrorCode.INVALID_PARAMETER_VALUE, (path.isEmpty() ? "" : path + ": ") + detail);
    this.path = path;
    this.detail = detail;
  }

  /** Where in the document the problem is, as {@code key.key[index]}; empty for the root. */
  public String path() {
    return path;
  }

  /** The problem without the path. */
  public String detail() {
    return detail;
  }
}
