package dev.mledger.client;

import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.RunStatus;
import dev.mledger.core.tracking.RunTag;
import java.util.List;

/**
 * One line of a run's offline journal. {@code seq} numbers a journal's records from 1; sync
 * checkpoints the highest applied {@code seq}, and every record is safe to apply twice.
 */
sealed interface JournalRecord {
  long seq();

  /**
   * The run was started offline. The experiment is named (ids are the server's to give) unless the
   * caller gave an id; the parent is a run of the same spool ({@code parentClientRunId}) or a
   * server run ({@code parentRunId}).
   */
  record Create(
      long seq,
      String clientRunId,
      String experimentName,
      String experimentId,
      String runName,
      long startTime,
      String userId,
      List<RunTag> tags,
      String parentClientRunId,
      String parentRunId)
      implements JournalRecord {
    public Create {
      tags = List.copyOf(tags);
    }
  }

  /** The run exists on the server already (it went offline after it started). */
  record Attach(long seq, String clientRunId, String runId) implements JournalRecord {}

  record LogBatch(long seq, Batch batch) implements JournalRecord {}

  record LogInputs(long seq, List<DatasetInput> inputs) implements JournalRecord {
    public LogInputs {
      inputs = List.copyOf(inputs);
    }
  }

  record End(long seq, RunStatus status, long endTime) implements JournalRecord {}
}
