package dev.mledger.server.ui;

import dev.mledger.core.error.MledgerException;
import io.javalin.http.Context;

/** Integer query parameters with a default and bounds, refused with INVALID_PARAMETER_VALUE. */
final class QueryParams {
  private QueryParams() {}

  static int intParam(Context ctx, String name, int defaultValue, int min, int max) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw MledgerException.invalidParameter(
          "Query parameter '" + name + "' must be an integer, got '" + raw + "'.");
    }
    if (value < min || value > max) {
      throw MledgerException.invalidParameter(
          "Query parameter '"
              + name
              + "' must be between "
              + min
              + " and "
              + max
              + ", got "
              + value
              + ".");
    }
    return value;
  }
}
