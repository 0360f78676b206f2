package dev.mledger.cli;

import dev.mledger.core.error.MledgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one clear line on stderr and a non-zero exit code. Stack traces go to the
 * debug log only: a user should never have to read one.
 */
final class CliErrorHandler implements IExecutionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CliErrorHandler.class);

  /** Exit code for a user error (bad input, missing resource). */
  static final int USER_ERROR = 2;

  /** Exit code for an unexpected failure. */
  static final int INTERNAL_ERROR = 1;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parseResult) {
    LOG.debug("command failed", ex);
    if (ex instanceof MledgerException me) {
      cli.getErr().println("mledger: " + me.getMessage());
      return USER_ERROR;
    }
    if (ex instanceof CliException ce) {
      cli.getErr().println("mledger: " + ce.getMessage());
      return ce.exitCode();
    }
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    cli.getErr().println("mledger: unexpected error: " + message);
    cli.getErr().println("(set MLEDGER_LOG_LEVEL=DEBUG for details)");
    return INTERNAL_ERROR;
  }
}
