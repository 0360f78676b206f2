package dev.mledger.cli.tracking;

import dev.mledger.cli.CliException;
import dev.mledger.client.MledgerClient;
import dev.mledger.client.ServerUnavailableException;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the commands that call the tracking server: connects, runs the command, and maps failures
 * to the documented exit codes (see {@link ExitCodes}).
 */
public abstract class TrackingCommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  @Mixin protected TrackingOptions tracking;

  /** Runs the command against a connected client; returns the exit code. */
  protected abstract int execute(MledgerClient client);

  @Override
  public final Integer call() {
    try (MledgerClient client = tracking.connect()) {
      return execute(client);
    } catch (ServerUnavailableException e) {
      throw new CliException(
          "cannot reach the tracking server at "
              + tracking.trackingUri()
              + " ("
              + e.getMessage()
              + ")",
          ExitCodes.SERVER_UNAVAILABLE,
          e);
    } catch (MledgerException e) {
      throw translate(e);
    }
  }

  private RuntimeException translate(MledgerException e) {
    if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
      return new CliException(e.getMessage(), ExitCodes.NOT_FOUND, e);
    }
    if (e.code().httpStatus() >= 500) {
      return new CliException(
          "the tracking server failed: " + e.getMessage(), ExitCodes.SERVER_UNAVAILABLE, e);
    }
    return new CliException(e.getMessage(), ExitCodes.USAGE, e);
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected boolean json() {
    return tracking.json();
  }
}
