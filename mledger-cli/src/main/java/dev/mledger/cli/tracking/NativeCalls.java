package dev.mledger.cli.tracking;

import dev.mledger.cli.CliException;
import dev.mledger.client.ServerUnavailableException;
import dev.mledger.core.error.MledgerException;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Runs one native API call for a command and turns its failure into a one-line {@link CliException}
 * with the server's message: an unreachable server or a 5xx exits {@link
 * ExitCodes#SERVER_UNAVAILABLE}, 404 {@link ExitCodes#NOT_FOUND}, 409 the command's own conflict
 * code, anything else {@link ExitCodes#USAGE}.
 */
public final class NativeCalls {
  private final String serverUri;
  private final int conflictExit;

  /**
   * @param serverUri the server named in "cannot reach" messages (a trailing slash is dropped)
   * @param conflictExit the exit code for a 409 answer (e.g. a refused promotion)
   */
  public NativeCalls(String serverUri, int conflictExit) {
    this.serverUri =
        serverUri.endsWith("/") ? serverUri.substring(0, serverUri.length() - 1) : serverUri;
    this.conflictExit = conflictExit;
  }

  /** The result of {@code request}, or a {@link CliException} describing why it failed. */
  public <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (ServerUnavailableException e) {
      if (e.getCause() instanceof MledgerException failure
          && failure.getCause() instanceof IOException io) {
        throw new CliException(
            "cannot reach the server at "
                + serverUri
                + " ("
                + (io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage())
                + ")",
            ExitCodes.SERVER_UNAVAILABLE,
            e);
      }
      throw new CliException(e.getMessage(), ExitCodes.SERVER_UNAVAILABLE, e);
    } catch (MledgerException e) {
      int status = e.code().httpStatus();
      int exit =
          status == 404
              ? ExitCodes.NOT_FOUND
              : status == 409
                  ? conflictExit
                  : status >= 500 ? ExitCodes.SERVER_UNAVAILABLE : ExitCodes.USAGE;
      throw new CliException(e.getMessage(), exit, e);
    }
  }
}
