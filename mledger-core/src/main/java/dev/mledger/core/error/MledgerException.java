package dev.mledger.core.error;

/**
 * The one exception type that crosses module boundaries. It carries an {@link ErrorCode} so the
 * HTTP layer can answer with MLflow's {@code {"error_code", "message"}} body and status.
 */
public class MledgerException extends RuntimeException {
  private final ErrorCode code;

  public MledgerException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public MledgerException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public static MledgerException invalidParameter(String message) {
    return new MledgerException(ErrorCode.INVALID_PARAMETER_VALUE, message);
  }

  public static MledgerException notFound(String message) {
    return new MledgerException(ErrorCode.RESOURCE_DOES_NOT_EXIST, message);
  }

  public static MledgerException alreadyExists(String message) {
    return new MledgerException(ErrorCode.RESOURCE_ALREADY_EXISTS, message);
  }

  public static MledgerException invalidState(String message) {
    return new MledgerException(ErrorCode.INVALID_STATE, message);
  }
}
