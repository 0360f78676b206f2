package dev.mledger.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/** Sends a JSON body with MLflow's {@code Content-Type: application/json} (no charset). */
public final class JsonResponses {
  public static final String CONTENT_TYPE = "application/json";

  private JsonResponses() {}

  public static void write(Context ctx, String json) {
    ctx.contentType(CONTENT_TYPE);
    ctx.result(json.getBytes(StandardCharsets.UTF_8));
  }
}
