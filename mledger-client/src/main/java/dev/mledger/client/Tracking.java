package dev.mledger.client;

import java.util.Objects;

/**
 * The shortest way to track a run, with a process-wide default {@link Tracker} configured from the
 * environment ({@code MLEDGER_TRACKING_URI} / {@code MLFLOW_TRACKING_URI}, {@code MLEDGER_OFFLINE},
 * {@code MLEDGER_SPOOL_DIR}, ...). The default tracker is created on first use and closed at JVM
 * exit, which sends what is queued and ends runs still open.
 *
 * <pre>{@code
 * try (ActiveRun run = Tracking.start("churn").name("gbm").param("lr", 0.1).seed(42).begin()) {
 *   for (int epoch = 0; epoch < 10; epoch++) {
 *     run.metric("loss", train(epoch), epoch);
 *   }
 *   for (int fold = 0; fold < 5; fold++) {
 *     try (ActiveRun child = run.child("fold-" + fold).begin()) {
 *       child.metric("auc", evaluate(fold));
 *     }
 *   }
 * }
 *
 * Tracking.run("churn", run -> run.metric("auc", fit())); // FAILED if fit() throws
 * }</pre>
 */
public final class Tracking {
  private static Tracker defaultTracker;
  private static boolean shutdownHookInstalled;

  private Tracking() {}

  /** Describes a run in the experiment named {@code experimentName} (created if missing). */
  public static RunBuilder start(String experimentName) {
    return tracker().start(experimentName);
  }

  /** Runs {@code body} in a new run of {@code experimentName}; see {@link RunBuilder#run}. */
  public static void run(String experimentName, RunAction body) {
    start(experimentName).run(body);
  }

  /** Like {@link #run}, returning the body's result. */
  public static <T> T call(String experimentName, RunFunction<T> body) {
    return start(experimentName).call(body);
  }

  /** The default tracker, built from the environment on first use. */
  public static synchronized Tracker tracker() {
    if (defaultTracker == null) {
      use(Tracker.builder().build());
    }
    return defaultTracker;
  }

  /**
   * Makes {@code tracker} the default (closing the previous default). It is closed at JVM exit
   * unless closed before.
   */
  public static synchronized void use(Tracker tracker) {
    Objects.requireNonNull(tracker, "tracker");
    if (defaultTracker != null && defaultTracker != tracker) {
      defaultTracker.close();
    }
    defaultTracker = tracker;
    if (!shutdownHookInstalled) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(Tracking::closeDefault, "mledger-tracking-shutdown"));
      shutdownHookInstalled = true;
    }
  }

  private static synchronized void closeDefault() {
    if (defaultTracker != null) {
      defaultTracker.close();
    }
  }
}
