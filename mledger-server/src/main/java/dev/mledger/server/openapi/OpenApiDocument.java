package dev.mledger.server.openapi;

import dev.mledger.server.http.JsonResponses;
import dev.mledger.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the OpenAPI 3.1 document of the native API ({@code /api/v1/**}, {@code POST /v1/traces})
 * at {@value #PATH}. The document is the resource {@value #RESOURCE}, maintained by hand next to
 * the routes; a test fails when a registered route is missing from it or a documented path is not
 * served.
 */
public final class OpenApiDocument {
  public static final String PATH = "/api/v1/openapi.json";
  public static final String RESOURCE = "/openapi/openapi.json";

  private final String document;

  public OpenApiDocument() {
    this.document = load();
  }

  /** The document's JSON text. */
  public String json() {
    return document;
  }

  public void register(Routes routes) {
    routes.add(HandlerType.GET, PATH, this::serve);
  }

  private void serve(Context ctx) {
    JsonResponses.send(ctx, 200, JsonResponses.CONTENT_TYPE, document);
  }

  private static String load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        // A packaging mistake, not a runtime condition: fail the server start loudly.
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
