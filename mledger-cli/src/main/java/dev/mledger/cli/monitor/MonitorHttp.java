package dev.mledger.cli.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.cli.CliException;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.NativeCalls;
import dev.mledger.cli.tracking.TrackingOptions;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.NativeApi;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Calls the server's native monitoring API through the SDK's {@link NativeApi}; server errors
 * become one-line {@link CliException}s (404 exits {@link ExitCodes#NOT_FOUND}, 5xx and an
 * unreachable server {@link ExitCodes#SERVER_UNAVAILABLE}, anything else {@link ExitCodes#USAGE}).
 */
final class MonitorHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Event files can be large: one batch may take longer than an interactive call. */
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final NativeCalls calls;
  private final NativeApi api;

  MonitorHttp(String trackingUri) {
    // Monitoring has no conflict of its own to report: a 409 is a usage error.
    this.calls = new NativeCalls(trackingUri, ExitCodes.USAGE);
    this.api =
        call(
            () ->
                MledgerClient.builder()
                    .trackingUri(trackingUri)
                    .retryPolicy(TrackingOptions.CLI_RETRIES)
                    .requestTimeout(TIMEOUT)
                    .build()
                    .nativeApi());
  }

  static String encode(String segment) {
    return NativeApi.segment(segment);
  }

  JsonNode get(String path) {
    return call(() -> api.get(path));
  }

  JsonNode post(String path, String body, String contentType) {
    return call(() -> api.postText(path, body, contentType, Map.of()));
  }

  /** POSTs JSON as {@code user} (the {@code X-Mledger-User} header). */
  JsonNode postAs(String path, String body, String user) {
    return call(() -> api.postText(path, body, "application/json", Map.of("X-Mledger-User", user)));
  }

  private <T> T call(Supplier<T> request) {
    return calls.call(request);
  }
}
