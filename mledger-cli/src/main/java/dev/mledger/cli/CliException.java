package dev.mledger.cli;

/** A failure the CLI reports as one line, with a chosen exit code. */
final class CliException extends RuntimeException {
  private final int exitCode;

  CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  CliException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
