package dev.mledger.server.registry;

import dev.mledger.core.registry.ChangeContext;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Who a request acts for, recorded with registry changes: the basic-auth user when the request
 * carries one (MLflow's auth sends it), else the {@code X-Mledger-User} header, else {@value
 * ChangeContext#UNKNOWN_ACTOR}.
 */
final class Actors {
  static final String USER_HEADER = "X-Mledger-User";

  private Actors() {}

  /** The identified user, or null when the request names nobody. */
  static String identified(Context ctx) {
    String basic = basicAuthUser(ctx.header("Authorization"));
    if (basic != null) {
      return basic;
    }
    String header = ctx.header(USER_HEADER);
    return header == null || header.isBlank() ? null : header.strip();
  }

  static ChangeContext context(Context ctx) {
    return ChangeContext.by(identified(ctx));
  }

  private static String basicAuthUser(String authorization) {
    if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("basic ")) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      String user = colon < 0 ? decoded : decoded.substring(0, colon);
      return user.isBlank() ? null : user;
    } catch (IllegalArgumentException e) {
      // Not base64: the header carries no usable identity, which is not an error here.
      return null;
    }
  }
}
