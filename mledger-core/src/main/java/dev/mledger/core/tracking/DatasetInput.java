package dev.mledger.core.tracking;

import java.util.List;

/** A dataset used by a run, with tags describing how it was used. */
public record DatasetInput(List<InputTag> tags, Dataset dataset) {
  public DatasetInput {
    tags = List.copyOf(tags);
  }
}
