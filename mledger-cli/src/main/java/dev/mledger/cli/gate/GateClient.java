package dev.mledger.cli.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.cli.CliException;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.NativeCalls;
import dev.mledger.cli.tracking.TrackingOptions;
import dev.mledger.client.NativeApi;
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

  private final NativeCalls calls;
  private final NativeApi api;

  GateClient(TrackingOptions tracking) {
    this.calls = new NativeCalls(tracking.trackingUri(), GateCommand.REFUSED);
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
    return calls.call(request);
  }
}
