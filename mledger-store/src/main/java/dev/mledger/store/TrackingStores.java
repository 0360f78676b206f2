package dev.mledger.store;

import dev.mledger.store.jdbc.JdbcTrackingStore;
import dev.mledger.store.jdbc.StoreLocation;

/** Opens tracking stores from store URIs. */
public final class TrackingStores {
  private TrackingStores() {}

  /**
   * Opens the tracking store at {@code storeUri}, creating and migrating the database as needed and
   * creating the Default experiment (id {@value TrackingStore#DEFAULT_EXPERIMENT_ID}) on first
   * open.
   *
   * @param storeUri {@code sqlite:///abs/path/mledger.db}, a plain file path (SQLite), {@code
   *     postgresql://user:password@host:port/database} or {@code jdbc:postgresql://...}
   * @param defaultArtifactRoot root under which experiments without an explicit artifact location
   *     get {@code root/<experiment id>}, e.g. {@code mlflow-artifacts:} or {@code
   *     s3://bucket/mlruns}
   * @throws dev.mledger.core.error.MledgerException INVALID_PARAMETER_VALUE for a malformed or
   *     unsupported URI, TEMPORARILY_UNAVAILABLE when the database cannot be reached
   */
  public static TrackingStore open(String storeUri, String defaultArtifactRoot) {
    return JdbcTrackingStore.open(StoreLocation.parse(storeUri), defaultArtifactRoot);
  }
}
