package dev.mledger.core.tracking;

/** Whether an experiment or run is live or soft-deleted (MLflow's {@code lifecycle_stage}). */
public enum LifecycleStage {
  ACTIVE("active"),
  DELETED("deleted");

  private final String wireName;

  LifecycleStage(String wireName) {
    this.wireName = wireName;
  }

  /** The lower-case name MLflow puts on the wire. */
  public String wireName() {
    return wireName;
  }

  public static LifecycleStage fromWire(String name) {
    for (LifecycleStage s : values()) {
      if (s.wireName.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown lifecycle stage: " + name);
  }
}
