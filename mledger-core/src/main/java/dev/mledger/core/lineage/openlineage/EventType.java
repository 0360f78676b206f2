package dev.mledger.core.lineage.openlineage;

/** The run state transition a {@link RunEvent} reports (OpenLineage 2-0-2). */
public enum EventType {
  START,
  RUNNING,
  COMPLETE,
  ABORT,
  FAIL,
  OTHER
}
