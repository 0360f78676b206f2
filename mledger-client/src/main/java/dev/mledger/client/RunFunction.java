package dev.mledger.client;

/** The body of a run started with {@link RunBuilder#call(RunFunction)}, computing a result. */
@FunctionalInterface
public interface RunFunction<T> {
  T apply(ActiveRun run) throws Exception;
}
