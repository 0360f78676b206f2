package dev.mledger.core.tracking;

/** MLflow run status; the names are the wire names. */
public enum RunStatus {
  RUNNING,
  SCHEDULED,
  FINISHED,
  FAILED,
  KILLED;

  public boolean isTerminal() {
    return this == FINISHED || this == FAILED || this == KILLED;
  }
}
