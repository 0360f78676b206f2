package dev.mledger.cli.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.cli.CliException;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.TrackingOptions;
import dev.mledger.client.NativeApi;
import dev.mledger.client.ServerUnavailableException;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Calls the server's native gate API ({@code /api/v1}) through the SDK's {@link NativeApi}; server
 * errors become {@link CliException}s carrying the server's message: 404 exits {@link
 * ExitCodes#NOT_FOUND}, 409 (a refused promotion) {@link GateCommand#REFUSED}, 5xx and an
 * unreachable server {@link ExitCodes#SERVER_UNAVAILABLE}, anything else {@link ExitCodes#USAGE}.
 */
final class GateClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String trackingUri;
  private final NativeApi api;

  GateClient(TrackingOptions tracking) {
    String uri = tracking.trackingUri();
    this.trackingUri = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    this.api = call(() -> tracking.connect().nativeApi());
  }

  static String encode(String segment) {
    return NativeApi.segment(segment);
  }

  /** The body of GET {@code path} (query included) as text, e.g. a Markdown model card. */
  String getText(String path) {
    return call(() -> api.getText(path, List.of(), "text/markdown, application/json"));
  }

  JsonNode get(String path) {
    return call(() -> api.get(path));
  }

  JsonNode post(String path, Object body) {
    return call(() -> api.post(path, JSON.valueToTree(body), Map.of()));
  }

  private <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (ServerUnavailableException e) {
      if (e.getCause() instanceof MledgerException failure
          && failure.getCause() instanceof IOException io) {
        throw new CliException(
            "cannot reach the server at "
                + trackingUri
                + " ("
                + (io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage())
                + ")",
            ExitCodes.SERVER_UNAVAILABLE,
            e);
      }
      throw new CliException(e.getMessage(), ExitCodes.SERVER_UNAVAILABLE, e);
    } catch (MledgerException e) {
      int status = e.code().httpStatus();
      int exit =
          status == 404
              ? ExitCodes.NOT_FOUND
              : status == 409
                  ? GateCommand.REFUSED
                  : status >= 500 ? ExitCodes.SERVER_UNAVAILABLE : ExitCodes.USAGE;
      throw new CliException(e.getMessage(), exit, e);
    }
  }
}
