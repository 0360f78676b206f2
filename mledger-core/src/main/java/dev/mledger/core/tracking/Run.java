package dev.mledger.core.tracking;

import java.util.List;

/** A run as returned by the tracking API: info, logged data and dataset inputs. */
public record Run(RunInfo info, RunData data, List<DatasetInput> inputs) {
  public Run {
    inputs = List.copyOf(inputs);
  }
}
