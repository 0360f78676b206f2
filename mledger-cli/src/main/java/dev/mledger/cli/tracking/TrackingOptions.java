package dev.mledger.cli.tracking;

import dev.mledger.client.MledgerClient;
import dev.mledger.client.RetryPolicy;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options shared by every command that talks to a tracking server. */
public final class TrackingOptions {
  // Interactive commands should fail fast when the server is down: two quick retries, not the
  // SDK's 15-second default meant for training jobs.
  public static final RetryPolicy CLI_RETRIES =
      new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(1), 2.0, 0.5);

  @Option(
      names = "--tracking-uri",
      paramLabel = "URI",
      defaultValue = "${env:MLEDGER_TRACKING_URI:-http://127.0.0.1:5000}",
      description = "Tracking server (default: $MLEDGER_TRACKING_URI, else http://127.0.0.1:5000).")
  String trackingUri;

  @Option(names = "--json", description = "Print exactly one JSON document instead of text.")
  boolean json;

  /** The server address as given. */
  public String trackingUri() {
    return trackingUri;
  }

  /** Whether to print JSON. */
  public boolean json() {
    return json;
  }

  /** A client for the tracking server; the caller closes it. */
  public MledgerClient connect() {
    return MledgerClient.builder()
        .trackingUri(trackingUri)
        .retryPolicy(CLI_RETRIES)
        .requestTimeout(Duration.ofSeconds(60))
        .build();
  }
}
