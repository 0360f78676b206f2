package dev.mledger.client;

/**
 * A hook into run start, for capturing context automatically (e.g. the reproducibility envelope:
 * git commit, JVM/OS/hardware, dependency lock hash, seed). Listeners are registered with {@link
 * Tracker.Builder#listener} or discovered with {@link java.util.ServiceLoader} (a {@code
 * META-INF/services/dev.mledger.client.RunStartListener} entry), and called in registration order
 * on the thread that starts the run.
 *
 * <p>A listener that throws does not stop the run: the failure is logged as a warning and the run
 * starts without that listener's contribution.
 */
public interface RunStartListener {

  /**
   * Called before the run is created: tags added to {@code context} are part of the create call,
   * params are logged with the run's first batch.
   */
  default void beforeStart(RunStartContext context) {}

  /** Called once the run exists (on the server, or in the offline spool). */
  default void afterStart(ActiveRun run) {}

  /**
   * Called when the run ends, after its queued data was sent and before its terminal status is
   * recorded (e.g. to store the reproducibility envelope with the datasets the run logged). Runs on
   * the thread that ends the run; a listener that throws is logged and does not stop the end.
   */
  default void beforeEnd(ActiveRun run, dev.mledger.core.tracking.RunStatus status) {}
}
