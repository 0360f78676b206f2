package dev.mledger.cli.models;

import dev.mledger.core.registry.Approval;
import dev.mledger.core.registry.ChangeContext;
import picocli.CommandLine.Option;

/** Who makes an audited registry change, why, and who approved it; recorded in the history. */
final class ChangeOptions {
  @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded in the history.")
  String reason;

  @Option(
      names = "--actor",
      paramLabel = "USER",
      defaultValue = "${env:USER:-unknown}",
      description =
          "Who makes the change (default: $USER; basic-auth credentials take precedence).")
  String actor;

  @Option(
      names = "--approved-by",
      paramLabel = "USER",
      description = "Who approved the change, if someone did.")
  String approvedBy;

  @Option(
      names = "--approval-reference",
      paramLabel = "REF",
      description = "Reference to the approval, e.g. a ticket; needs --approved-by.")
  String approvalReference;

  ChangeContext context() {
    Approval approval =
        approvedBy == null || approvedBy.isBlank()
            ? null
            : new Approval(approvedBy, approvalReference);
    return new ChangeContext(actor, reason, approval);
  }
}
