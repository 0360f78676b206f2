package dev.mledger.store;

import dev.mledger.core.tracking.RunTag;
import java.util.List;

/**
 * What a client gives to create a run; {@code runName} may be null (the store then makes one up).
 */
public record NewRun(
    String experimentId, String userId, long startTime, String runName, List<RunTag> tags) {
  public NewRun {
    tags = List.copyOf(tags);
  }
}
