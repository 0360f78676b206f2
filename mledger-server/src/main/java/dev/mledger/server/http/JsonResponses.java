package dev.mledger.server.http;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends complete responses from inside the handler: status, type, length and body are written and
 * flushed before the handler returns, so a request counted as finished for graceful shutdown has
 * really been answered. JSON goes out as MLflow sends it: {@code Content-Type: application/json}.
 */
public final class JsonResponses {
  public static final String CONTENT_TYPE = "application/json";
  private static final Logger LOG = LoggerFactory.getLogger(JsonResponses.class);

  private JsonResponses() {}

  public static void write(Context ctx, String json) {
    send(ctx, ctx.statusCode(), CONTENT_TYPE, json);
  }

  public static void send(Context ctx, int status, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpServletResponse response = ctx.res();
    ctx.status(status);
    response.setContentType(contentType);
    response.setContentLength(bytes.length);
    try {
      response.getOutputStream().write(bytes);
      response.flushBuffer();
    } catch (IOException e) {
      // The client went away; there is nobody left to answer.
      LOG.debug("could not send response to {}: {}", ctx.ip(), e.getMessage());
    }
  }
}
