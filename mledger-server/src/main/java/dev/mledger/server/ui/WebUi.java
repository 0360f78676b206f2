package dev.mledger.server.ui;

import dev.mledger.server.http.Routes;
import dev.mledger.store.TrackingStore;

/**
 * The web UI: static pages under {@code /ui/} ({@code /} redirects there) and the two native
 * endpoints its charts need, {@code GET /api/v1/runs/{run_id}/metrics/{key}/series} (LTTB
 * down-sampled history) and {@code GET /api/v1/compare} (Δ table, param diff and mean ± CI over
 * seeds). Everything else the pages show comes from the MLflow and native APIs.
 */
public final class WebUi {
  private final TrackingStore tracking;

  public WebUi(TrackingStore tracking) {
    this.tracking = tracking;
  }

  /** Registers the UI's routes. */
  public void register(Routes routes) {
    new UiAssets().register(routes);
    new MetricSeriesApi(tracking).register(routes);
    new CompareApi(tracking).register(routes);
  }
}
