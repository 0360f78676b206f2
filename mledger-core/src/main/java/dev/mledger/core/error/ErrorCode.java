package dev.mledger.core.error;

/** MLflow-compatible error codes, each with the HTTP status MLflow answers it with. */
public enum ErrorCode {
  INTERNAL_ERROR(500),
  TEMPORARILY_UNAVAILABLE(503),
  IO_ERROR(500),
  BAD_REQUEST(400),
  INVALID_PARAMETER_VALUE(400),
  ENDPOINT_NOT_FOUND(404),
  MALFORMED_REQUEST(400),
  INVALID_STATE(400),
  PERMISSION_DENIED(403),
  FEATURE_DISABLED(501),
  CUSTOMER_UNAUTHORIZED(401),
  REQUEST_LIMIT_EXCEEDED(429),
  RESOURCE_ALREADY_EXISTS(400),
  RESOURCE_DOES_NOT_EXIST(404),
  RESOURCE_EXHAUSTED(429),
  RESOURCE_CONFLICT(409),
  NOT_IMPLEMENTED(501);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
