package dev.mledger.cli.repro;

/**
 * One line of a reproducibility report.
 *
 * @param item what was checked, e.g. {@code envelope.fingerprint} or {@code dataset:train@ab12}
 * @param status the verdict
 * @param detail a human explanation of the verdict
 */
record CheckItem(String item, Status status, String detail) {

  /** Verdict on one item. */
  enum Status {
    /** Checked and as recorded. */
    OK,
    /** Something the run depends on is not recorded or no longer exists. */
    MISSING,
    /** It exists, but differs from what was recorded. */
    MISMATCH,
    /** mledger has no way (yet) to check it; the reason says why. */
    UNVERIFIABLE;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
