package dev.mledger.server.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.server.mlflow.proto.PythonRepr;

/** The request-validation errors MLflow's handlers raise, with MLflow's exact wording. */
final class RequestErrors {
  private static final String API_DOCS_HINT =
      " See the API docs for more information about request parameters.";

  private RequestErrors() {}

  /** {@code _assert_required} failing. */
  static MledgerException missing(String param) {
    return invalid("Missing value for required parameter '" + param + "'.");
  }

  /** A type assertion failing on the raw JSON value. */
  static MledgerException wrongType(String param, JsonNode value) {
    return invalid(
        "Invalid value "
            + PythonRepr.str(value)
            + " for parameter '"
            + param
            + "' supplied. Hint: Value was of type '"
            + PythonRepr.typeName(value)
            + "'.");
  }

  /** A schema assertion that carries its own message. */
  static MledgerException assertion(String message) {
    return invalid(message);
  }

  private static MledgerException invalid(String message) {
    return new MledgerException(ErrorCode.INVALID_PARAMETER_VALUE, message + API_DOCS_HINT);
  }
}
