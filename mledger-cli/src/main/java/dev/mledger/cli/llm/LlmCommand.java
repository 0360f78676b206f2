package dev.mledger.cli.llm;

import dev.mledger.cli.tracking.TrackingCommand;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.llm.LlmClient;

/** Base of the {@code prompts} and {@code traces} commands: talks to the native LLM API. */
abstract class LlmCommand extends TrackingCommand {

  /** Runs the command; returns the exit code. */
  protected abstract int execute(LlmClient llm);

  @Override
  protected final int execute(MledgerClient client) {
    return execute(new LlmClient(client));
  }
}
