package dev.mledger.core.dataset;

import dev.mledger.core.error.MledgerException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** One rule of a {@link DataContract}; each yields one or more {@link CheckOutcome}s. */
public sealed interface ContractRule
    permits ContractRule.Schema,
        ContractRule.RowCount,
        ContractRule.Hash,
        ContractRule.Freshness,
        ContractRule.Privacy,
        ContractRule.License {

  /** Checks {@code facts} at time {@code now}. */
  List<CheckOutcome> check(DatasetFacts facts, Instant now);

  /**
   * A required column, optionally with its type.
   *
   * @param name column name
   * @param type {@code numeric} or {@code categorical}; null accepts either
   */
  record Column(String name, String type) {
    public Column {
      Objects.requireNonNull(name, "name");
      if (type != null && !type.equals("numeric") && !type.equals("categorical")) {
        throw MledgerException.invalidParameter(
            "column '" + name + "': type must be numeric or categorical, not '" + type + "'");
      }
    }
  }

  /**
   * The table has these columns (with these types); with {@code allowExtra} false, no others.
   * Blocks data that is not a table.
   */
  record Schema(List<Column> columns, boolean allowExtra) implements ContractRule {
    public Schema {
      columns = List.copyOf(columns);
    }

    @Override
    public List<CheckOutcome> check(DatasetFacts facts, Instant now) {
      if (facts.profile() == null) {
        return List.of(CheckOutcome.block("schema", "the dataset is not a CSV/TSV/Parquet table"));
      }
      Map<String, String> actual = facts.profile().schema();
      List<CheckOutcome> out = new ArrayList<>();
      for (Column c : columns) {
        String check = "schema.column." + c.name();
        String type = actual.get(c.name());
        if (type == null) {
          out.add(CheckOutcome.block(check, "required column '" + c.name() + "' is missing"));
        } else if (c.type() != null && !c.type().equals(type)) {
          out.add(
              CheckOutcome.block(
                  check, "column '" + c.name() + "' is " + type + ", expected " + c.type()));
        } else {
          out.add(CheckOutcome.pass(check, "column '" + c.name() + "' present (" + type + ")"));
        }
      }
      if (!allowExtra) {
        Set<String> extra = new LinkedHashSet<>(actual.keySet());
        columns.forEach(c -> extra.remove(c.name()));
        out.add(
            extra.isEmpty()
                ? CheckOutcome.pass("schema.extra_columns", "no undeclared columns")
                : CheckOutcome.block(
                    "schema.extra_columns", "undeclared columns: " + String.join(", ", extra)));
      }
      return out;
    }
  }

  /** The number of data rows lies in [min, max]; either bound may be null. */
  record RowCount(Long min, Long max) implements ContractRule {
    public RowCount {
      if (min == null && max == null) {
        throw MledgerException.invalidParameter("row_count needs min, max or both");
      }
      if (min != null && max != null && min > max) {
        throw MledgerException.invalidParameter("row_count min " + min + " exceeds max " + max);
      }
    }

    @Override
    public List<CheckOutcome> check(DatasetFacts facts, Instant now) {
      if (facts.profile() == null) {
        return List.of(
            CheckOutcome.block("row_count", "the dataset is not a CSV/TSV/Parquet table"));
      }
      long rows = facts.profile().rows();
      String range = "[" + (min == null ? "" : min) + ", " + (max == null ? "" : max) + "]";
      boolean ok = (min == null || rows >= min) && (max == null || rows <= max);
      return List.of(
          ok
              ? CheckOutcome.pass("row_count", rows + " rows, within " + range)
              : CheckOutcome.block("row_count", rows + " rows, outside " + range));
    }
  }

  /** The snapshot hash is exactly this one (pins a dataset to known bytes). */
  record Hash(String sha256) implements ContractRule {
    public Hash {
      Objects.requireNonNull(sha256, "sha256");
      sha256 = sha256.toLowerCase(Locale.ROOT);
      if (!sha256.matches("[0-9a-f]{64}")) {
        throw MledgerException.invalidParameter("hash must be a hex SHA-256, got '" + sha256 + "'");
      }
    }

    @Override
    public List<CheckOutcome> check(DatasetFacts facts, Instant now) {
      return List.of(
          sha256.equals(facts.sha256())
              ? CheckOutcome.pass("hash", "content hash matches " + sha256)
              : CheckOutcome.block(
                  "hash", "content hash is " + facts.sha256() + ", expected " + sha256));
    }
  }

  /**
   * The snapshot is at most this old: older than {@code warnAfter} warns, older than {@code
   * blockAfter} blocks. Either may be null.
   */
  record Freshness(Duration warnAfter, Duration blockAfter) implements ContractRule {
    public Freshness {
      if (warnAfter == null && blockAfter == null) {
        throw MledgerException.invalidParameter("freshness needs warn_after, block_after or both");
      }
      if ((warnAfter != null && warnAfter.isNegative())
          || (blockAfter != null && blockAfter.isNegative())) {
        throw MledgerException.invalidParameter("freshness limits must not be negative");
      }
    }

    @Override
    public List<CheckOutcome> check(DatasetFacts facts, Instant now) {
      Duration age = Duration.between(facts.createdAt(), now);
      String ageText = "snapshot age " + Durations.format(age);
      if (blockAfter != null && age.compareTo(blockAfter) > 0) {
        return List.of(
            CheckOutcome.block(
                "freshness", ageText + " exceeds block_after " + Durations.format(blockAfter)));
      }
      if (warnAfter != null && age.compareTo(warnAfter) > 0) {
        return List.of(
            new CheckOutcome(
                "freshness",
                CheckStatus.WARN,
                ageText + " exceeds warn_after " + Durations.format(warnAfter)));
      }
      return List.of(CheckOutcome.pass("freshness", ageText + " within the limits"));
    }
  }

  /**
   * Privacy gate: declared PII columns must all be in {@code allowedPii}; no column (declared or
   * not) may be in {@code forbiddenColumns}; with {@code requireDeclaration}, a PII declaration
   * (possibly empty) must have been made when the version was added.
   */
  record Privacy(Set<String> allowedPii, Set<String> forbiddenColumns, boolean requireDeclaration)
      implements ContractRule {
    public Privacy {
      allowedPii = Set.copyOf(allowedPii);
      forbiddenColumns = Set.copyOf(forbiddenColumns);
    }

    @Override
    public List<CheckOutcome> check(DatasetFacts facts, Instant now) {
      List<CheckOutcome> out = new ArrayList<>();
      if (requireDeclaration) {
        out.add(
            facts.piiDeclared()
                ? CheckOutcome.pass("privacy.declaration", "PII columns declared")
                : CheckOutcome.block(
                    "privacy.declaration",
                    "no PII declaration: add the version with --pii col,... (or --pii '' for none)"));
      }
      Set<String> undeclared = new TreeSet<>(facts.piiColumns());
      undeclared.removeAll(allowedPii);
      out.add(
          undeclared.isEmpty()
              ? CheckOutcome.pass(
                  "privacy.pii_columns",
                  facts.piiColumns().isEmpty()
                      ? "no PII columns declared"
                      : "PII columns allowed: " + String.join(", ", facts.piiColumns()))
              : CheckOutcome.block(
                  "privacy.pii_columns",
                  "PII columns not allowed by the contract: " + String.join(", ", undeclared)));
      if (!forbiddenColumns.isEmpty()) {
        Set<String> present = new TreeSet<>(facts.piiColumns());
        facts.tabular().ifPresent(p -> present.addAll(p.schema().keySet()));
        present.retainAll(forbiddenColumns);
        out.add(
            present.isEmpty()
                ? CheckOutcome.pass("privacy.forbidden_columns", "no forbidden column present")
                : CheckOutcome.block(
                    "privacy.forbidden_columns",
                    "forbidden columns present: " + String.join(", ", present)));
      }
      return out;
    }
  }

  /** License gate: the declared license is one of {@code allowed} (compared ignoring case). */
  record License(Set<String> allowed) implements ContractRule {
    public License {
      if (allowed.isEmpty()) {
        throw MledgerException.invalidParameter("license.allowed must name at least one license");
      }
      allowed = Set.copyOf(allowed);
    }

    @Override
    public List<CheckOutcome> check(DatasetFacts facts, Instant now) {
      if (facts.license() == null || facts.license().isBlank()) {
        return List.of(
            CheckOutcome.block("license", "no license declared (add the version with --license)"));
      }
      boolean ok = allowed.stream().anyMatch(a -> a.equalsIgnoreCase(facts.license()));
      return List.of(
          ok
              ? CheckOutcome.pass("license", "license " + facts.license() + " is allowed")
              : CheckOutcome.block(
                  "license",
                  "license "
                      + facts.license()
                      + " is not in the allow-list ("
                      + String.join(", ", new TreeSet<>(allowed))
                      + ")"));
    }
  }
}
