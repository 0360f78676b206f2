package dev.mledger.client;

/** Run tag keys with a meaning to MLflow's UI and clients, and the SDK's own. */
public final class MlflowTags {
  /** Who started the run; MLflow's client also sends it as the run's user id. */
  public static final String USER = "mlflow.user";

  /** The program that started the run (for Java: the main class or jar). */
  public static final String SOURCE_NAME = "mlflow.source.name";

  /** How the run was started; {@code LOCAL} for a program run on this machine. */
  public static final String SOURCE_TYPE = "mlflow.source.type";

  /** The run's display name. */
  public static final String RUN_NAME = "mlflow.runName";

  /** The run a nested run belongs to. */
  public static final String PARENT_RUN_ID = "mlflow.parentRunId";

  /** The run's description (Markdown) shown in MLflow's UI. */
  public static final String NOTE = "mlflow.note.content";

  /** Why a run failed, as given to {@link ActiveRun#fail(Throwable)}. */
  public static final String FAILURE = "mledger.failure";

  /** The seed given with {@link RunBuilder#seed(long)}. */
  public static final String SEED = "mledger.seed";

  private MlflowTags() {}
}
