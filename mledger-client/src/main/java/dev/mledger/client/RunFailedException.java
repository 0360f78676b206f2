package dev.mledger.client;

/**
 * A checked exception thrown by the body of {@link RunBuilder#run(RunAction)} or {@link
 * RunBuilder#call(RunFunction)}, rethrown unchecked after the run was marked FAILED. Unchecked
 * exceptions and errors are rethrown as they are.
 */
public final class RunFailedException extends RuntimeException {
  private final String runId;

  public RunFailedException(String runId, Exception cause) {
    super("Run " + runId + " failed: " + cause, cause);
    this.runId = runId;
  }

  /** The failed run's id. */
  public String runId() {
    return runId;
  }
}
