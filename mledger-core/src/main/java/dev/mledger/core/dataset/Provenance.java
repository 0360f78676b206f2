package dev.mledger.core.dataset;

import java.util.List;

/**
 * Where a dataset version comes from and under which terms it may be used.
 *
 * @param source free-form origin (URL, upstream table, generating script); null when not given
 * @param owner the accountable person or team; null when not given
 * @param license license identifier such as {@code CC-BY-4.0}; null when not declared
 * @param piiColumns columns holding personal data; null when no declaration was made (an empty list
 *     is the explicit statement "no personal data")
 * @param runId the MLflow run that produced the data; null when not given
 * @param createdBy who added the version (the OS user for the CLI)
 */
public record Provenance(
    String source,
    String owner,
    String license,
    List<String> piiColumns,
    String runId,
    String createdBy) {

  public Provenance {
    piiColumns = piiColumns == null ? null : List.copyOf(piiColumns);
  }

  /** Whether PII columns were declared (possibly as none). */
  public boolean piiDeclared() {
    return piiColumns != null;
  }

  /** The declared PII columns, empty when none or undeclared. */
  public List<String> piiColumnsOrEmpty() {
    return piiColumns == null ? List.of() : piiColumns;
  }
}
