package dev.mledger.client;

/** The body of a run started with {@link RunBuilder#run(RunAction)}. */
@FunctionalInterface
public interface RunAction {
  void accept(ActiveRun run) throws Exception;
}
