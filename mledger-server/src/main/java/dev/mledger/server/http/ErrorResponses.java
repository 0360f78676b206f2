package dev.mledger.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.server.json.PythonJson;
import io.javalin.http.Context;

/**
 * Writes errors as MLflow's server does ({@code MlflowException.serialize_as_json}): {@code
 * {"error_code": "...", "message": "..."}} on one line, with the status of the error code.
 */
public final class ErrorResponses {
  private ErrorResponses() {}

  public static void write(Context ctx, MledgerException error) {
    write(ctx, error.code(), error.getMessage());
  }

  public static void write(Context ctx, ErrorCode code, String message) {
    write(ctx, code.httpStatus(), code.name(), message);
  }

  /** For statuses no MLflow error code maps to, such as 413 from the HTTP layer. */
  public static void write(Context ctx, int status, String errorCode, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error_code", errorCode);
    body.put("message", message == null ? "" : message);
    JsonResponses.send(ctx, status, JsonResponses.CONTENT_TYPE, PythonJson.compact(body));
  }
}
