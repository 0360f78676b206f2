package dev.mledger.cli;

import dev.mledger.core.drift.CategoricalDrift;
import dev.mledger.core.drift.ColumnDrift;
import dev.mledger.core.drift.DriftAnalysis;
import dev.mledger.core.drift.DriftInput;
import dev.mledger.core.drift.DriftReport;
import dev.mledger.core.drift.DriftSettings;
import dev.mledger.core.drift.DriftTest;
import dev.mledger.core.drift.KsMethod;
import dev.mledger.core.drift.NumericDrift;
import dev.mledger.core.error.MledgerException;
import dev.mledger.store.tabular.CategoricalColumn;
import dev.mledger.store.tabular.ColumnType;
import dev.mledger.store.tabular.NumericColumn;
import dev.mledger.store.tabular.ReadOptions;
import dev.mledger.store.tabular.Table;
import dev.mledger.store.tabular.TableColumn;
import dev.mledger.store.tabular.TableReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mledger drift REF CUR}: per-column drift statistics between a reference and a current
 * table, with the test chosen by default (or forced) and its verdict. Rules: docs/DRIFT.md.
 */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Drift report between a reference and a current CSV/TSV/Parquet file, per column:",
      "psi, kl, js (nats; *_base2 in bits), wasserstein, wasserstein_norm, ks_statistic,"
          + " ks_pvalue; chi2 and G-test for categorical columns; the default test and its"
          + " verdict. Exit code 0 unless --fail-on-drift is given and a column drifted (1)."
    })
public final class DriftCommand implements Callable<Integer> {
  /** Exit code of {@code --fail-on-drift} when at least one column drifted. */
  static final int DRIFT_EXIT_CODE = 1;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "REF",
      description = "Reference table (.csv, .tsv, .parquet).")
  Path reference;

  @Parameters(
      index = "1",
      paramLabel = "CUR",
      description = "Current table (.csv, .tsv, .parquet).")
  Path current;

  @Option(
      names = "--columns",
      split = ",",
      paramLabel = "COL",
      description = "Columns to compare (default: every column present in both files).")
  List<String> columns = new ArrayList<>();

  @Option(
      names = "--categorical",
      split = ",",
      paramLabel = "COL",
      description = "Columns to compare as categories even if they look numeric (e.g. codes).")
  List<String> categorical = new ArrayList<>();

  @Option(
      names = "--test",
      paramLabel = "TEST",
      description =
          "Use this test for every column where it applies: ks, chi2, g_test, wasserstein,"
              + " jensenshannon, psi, kl (default: chosen per column by type and size).")
  String test;

  @Option(
      names = "--bins",
      defaultValue = "10",
      description = "Reference-quantile bins for psi/kl/js of numeric columns (default: 10).")
  int bins;

  @Option(
      names = "--ks-method",
      defaultValue = "auto",
      description = "KS p-value: auto, exact or asymp, as scipy's ks_2samp (default: auto).")
  String ksMethod;

  @Option(
      names = "--fail-on-drift",
      description = "Exit with code 1 when at least one column drifted.")
  boolean failOnDrift;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    DriftSettings settings = settings();
    Map<String, ColumnType> forced = new HashMap<>();
    for (String name : categorical) {
      forced.put(name.trim(), ColumnType.CATEGORICAL);
    }
    List<String> wanted = columns.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    ReadOptions options = ReadOptions.defaults().withColumns(wanted).withTypes(forced);
    Tables tables = readBoth(options);
    Table ref = tables.reference();
    Table cur = tables.current();

    List<String> compared = new ArrayList<>();
    List<Map<String, Object>> quality = new ArrayList<>();
    for (String name : ref.names()) {
      if (cur.find(name).isPresent()) {
        compared.add(name);
      } else {
        quality.add(issue(name, "current", "missing_column", 0, List.of()));
      }
    }
    for (String name : cur.names()) {
      if (ref.find(name).isEmpty()) {
        quality.add(issue(name, "reference", "missing_column", 0, List.of()));
      }
    }
    if (compared.isEmpty()) {
      throw MledgerException.invalidParameter(
          "REF and CUR have no column in common (REF: "
              + ref.names()
              + ", CUR: "
              + cur.names()
              + ")");
    }
    Set<String> unknownCategorical = new LinkedHashSet<>(forced.keySet());
    unknownCategorical.removeAll(compared);
    if (!unknownCategorical.isEmpty()) {
      throw MledgerException.notFound(
          "--categorical names columns not in both files: "
              + String.join(", ", unknownCategorical));
    }

    List<DriftInput> inputs = new ArrayList<>(compared.size());
    for (String name : compared) {
      TableColumn r = ref.column(name);
      TableColumn c = cur.column(name);
      checkSameType(name, r, c);
      collectQuality(r, "reference", quality);
      collectQuality(c, "current", quality);
      inputs.add(input(name, r, c));
    }
    DriftReport report = DriftAnalysis.report(inputs, settings);
    Map<String, TableColumn[]> sources = new HashMap<>();
    for (String name : compared) {
      sources.put(name, new TableColumn[] {ref.column(name), cur.column(name)});
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(out, document(ref, cur, report, sources, quality));
    } else {
      printText(out, ref, cur, report, quality);
    }
    return failOnDrift && report.driftedColumns() > 0 ? DRIFT_EXIT_CODE : 0;
  }

  private record Tables(Table reference, Table current) {}

  /**
   * Reads both files concurrently (parsing dominates on large files); a failure of REF is reported
   * before one of CUR so messages do not depend on timing.
   */
  private Tables readBoth(ReadOptions options) {
    CompletableFuture<Table> refRead =
        CompletableFuture.supplyAsync(() -> TableReader.read(reference, options));
    Table cur = null;
    RuntimeException curFailure = null;
    try {
      cur = TableReader.read(current, options);
    } catch (RuntimeException e) {
      curFailure = e;
    }
    Table ref;
    try {
      ref = refRead.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
    if (curFailure != null) {
      throw curFailure;
    }
    return new Tables(ref, cur);
  }

  private DriftSettings settings() {
    DriftSettings settings;
    try {
      settings = DriftSettings.defaults().withBins(bins);
    } catch (MledgerException e) {
      throw new CliException("--bins: " + e.getMessage(), CliErrorHandler.USER_ERROR);
    }
    settings = settings.withKsMethod(ksMethod(ksMethod));
    if (test != null) {
      try {
        settings = settings.withForcedTest(DriftTest.fromName(test));
      } catch (MledgerException e) {
        throw new CliException("--test: " + e.getMessage(), CliErrorHandler.USER_ERROR);
      }
    }
    return settings;
  }

  private static KsMethod ksMethod(String name) {
    for (KsMethod m : KsMethod.values()) {
      if (m.scipyName().equalsIgnoreCase(name.trim())) {
        return m;
      }
    }
    throw new CliException(
        "--ks-method must be auto, exact or asymp, not '" + name + "'", CliErrorHandler.USER_ERROR);
  }

  private static void checkSameType(String name, TableColumn r, TableColumn c) {
    if (r.type() == c.type()) {
      return;
    }
    String hint = "";
    NumericColumn numeric = r instanceof NumericColumn n ? n : (NumericColumn) c;
    String numericSide = r instanceof NumericColumn ? "REF" : "CUR";
    hint =
        " ("
            + numericSide
            + " has "
            + numeric.invalid()
            + " non-numeric values"
            + (numeric.invalidExamples().isEmpty()
                ? ""
                : " such as '" + numeric.invalidExamples().get(0) + "'")
            + ")";
    throw MledgerException.invalidParameter(
        "column '"
            + name
            + "' is "
            + r.type().jsonName()
            + " in REF but "
            + c.type().jsonName()
            + " in CUR"
            + hint
            + "; use --categorical "
            + name
            + " to compare it as categories");
  }

  private static DriftInput input(String name, TableColumn r, TableColumn c) {
    if (r instanceof NumericColumn rn && c instanceof NumericColumn cn) {
      double[] rv = rn.finiteValues();
      double[] cv = cn.finiteValues();
      requireValues(name, "REF", rv.length, rn);
      requireValues(name, "CUR", cv.length, cn);
      return new DriftInput.Numeric(name, rv, cv);
    }
    CategoricalColumn rc = (CategoricalColumn) r;
    CategoricalColumn cc = (CategoricalColumn) c;
    Map<String, Long> rcounts = rc.counts();
    Map<String, Long> ccounts = cc.counts();
    requireValues(name, "REF", rcounts.values().stream().mapToLong(Long::longValue).sum(), rc);
    requireValues(name, "CUR", ccounts.values().stream().mapToLong(Long::longValue).sum(), cc);
    return new DriftInput.Categorical(name, rcounts, ccounts);
  }

  private static void requireValues(String name, String side, long count, TableColumn column) {
    if (count > 0) {
      return;
    }
    String detail = column.missing() + " missing";
    if (column instanceof NumericColumn n && n.invalid() > 0) {
      detail += ", " + n.invalid() + " non-numeric";
    }
    throw MledgerException.invalidParameter(
        "column '"
            + name
            + "' has no values in "
            + side
            + " ("
            + detail
            + " of "
            + column.rows()
            + " rows)");
  }

  private static void collectQuality(
      TableColumn column, String side, List<Map<String, Object>> out) {
    if (column instanceof NumericColumn n && n.invalid() > 0) {
      out.add(issue(n.name(), side, "non_numeric_values", n.invalid(), n.invalidExamples()));
    }
    if (column.missing() > 0) {
      out.add(issue(column.name(), side, "missing_values", column.missing(), List.of()));
    }
  }

  private static Map<String, Object> issue(
      String column, String side, String issue, long count, List<String> examples) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("column", column);
    m.put("file", side);
    m.put("issue", issue);
    if (count > 0) {
      m.put("count", count);
    }
    if (!examples.isEmpty()) {
      m.put("examples", examples);
    }
    return m;
  }

  private static Map<String, Object> document(
      Table ref,
      Table cur,
      DriftReport report,
      Map<String, TableColumn[]> sources,
      List<Map<String, Object>> quality) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("reference", file(ref));
    doc.put("current", file(cur));
    DriftSettings s = report.settings();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("bins", s.bins());
    settings.put("ks_method", s.ksMethod().scipyName());
    settings.put("p_value_threshold", s.pValueThreshold());
    settings.put("wasserstein_norm_threshold", s.wassersteinNormThreshold());
    settings.put("js_threshold", s.jsThreshold());
    settings.put("psi_threshold", s.psiThreshold());
    settings.put("kl_threshold", s.klThreshold());
    settings.put("forced_test", s.forcedTest().map(DriftTest::jsonName).orElse(null));
    doc.put("settings", settings);
    Map<String, Object> units = new LinkedHashMap<>();
    units.put("kl", "KL(reference || current), nats (base e)");
    units.put("kl_base2", "KL(reference || current), bits (base 2)");
    units.put("js", "Jensen-Shannon divergence (not distance), nats (base e)");
    units.put("js_base2", "Jensen-Shannon divergence (not distance), bits (base 2)");
    doc.put("units", units);
    List<Map<String, Object>> cols = new ArrayList<>();
    for (ColumnDrift drift : report.columns()) {
      cols.add(column(drift, sources.get(drift.column())));
    }
    doc.put("columns", cols);
    doc.put("total_columns", report.columns().size());
    doc.put("drifted_columns", report.driftedColumns());
    doc.put("drift_share", report.driftShare());
    doc.put("dataset_drift", report.datasetDrift());
    doc.put("data_quality", quality);
    return doc;
  }

  private static Map<String, Object> file(Table table) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", table.source().toString());
    m.put("rows", table.rows());
    return m;
  }

  private static Map<String, Object> column(ColumnDrift drift, TableColumn[] sources) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("column", drift.column());
    m.put("type", drift.kind().jsonName());
    m.put("reference_count", drift.referenceCount());
    m.put("current_count", drift.currentCount());
    m.put("reference_missing", sources[0].missing());
    m.put("current_missing", sources[1].missing());
    if (sources[0] instanceof NumericColumn r && sources[1] instanceof NumericColumn c) {
      m.put("reference_invalid", r.invalid());
      m.put("current_invalid", c.invalid());
    }
    m.put("psi", drift.divergences().psi());
    m.put("kl", drift.divergences().kl());
    m.put("kl_base2", drift.divergences().klBase2());
    m.put("js", drift.divergences().js());
    m.put("js_base2", drift.divergences().jsBase2());
    m.put("bins", drift.divergences().bins());
    if (drift instanceof NumericDrift n) {
      m.put("wasserstein", n.wasserstein());
      m.put("wasserstein_norm", n.wassersteinNorm());
      m.put("ks_statistic", n.ks().statistic());
      m.put("ks_pvalue", n.ks().pValue());
      m.put("ks_method", n.ks().method().scipyName());
      if (n.chiSquare() != null) {
        m.put("chi2_statistic", n.chiSquare().statistic());
        m.put("chi2_pvalue", n.chiSquare().pValue());
      }
      m.put("reference_mean", n.reference().mean());
      m.put("current_mean", n.current().mean());
      m.put("reference_std", n.reference().std());
      m.put("current_std", n.current().std());
      m.put("distinct_values", n.distinctValues());
    } else if (drift instanceof CategoricalDrift c) {
      m.put("chi2_statistic", c.chiSquare().statistic());
      m.put("chi2_pvalue", c.chiSquare().pValue());
      m.put("chi2_dof", c.chiSquare().degreesOfFreedom());
      m.put("g_statistic", c.gTest().statistic());
      m.put("g_pvalue", c.gTest().pValue());
      m.put("categories", c.categories());
      m.put("unseen_categories", c.unseenCategories());
      m.put("unseen_category_count", c.unseenCategoryCount());
    }
    m.put("test", drift.verdict().test().jsonName());
    m.put("statistic", drift.verdict().test().statistic());
    m.put("value", drift.verdict().value());
    m.put("threshold", drift.verdict().threshold());
    m.put("drift", drift.verdict().drifted());
    m.put("verdict", drift.verdict().drifted() ? "drift" : "no_drift");
    m.put("reason", drift.verdict().reason());
    return m;
  }

  private static void printText(
      PrintWriter out,
      Table ref,
      Table cur,
      DriftReport report,
      List<Map<String, Object>> quality) {
    out.printf(
        "reference %s (%d rows)  current %s (%d rows)%n",
        ref.source(), ref.rows(), cur.source(), cur.rows());
    out.printf(
        "%-24s %-11s %-13s %-12s %-10s %-9s %-11s %-11s %-11s%n",
        "column", "type", "test", "value", "threshold", "verdict", "psi", "ks_pvalue", "wass_norm");
    for (ColumnDrift d : report.columns()) {
      String ksP = d instanceof NumericDrift n ? fmt(n.ks().pValue()) : "-";
      String wn = d instanceof NumericDrift n ? fmt(n.wassersteinNorm()) : "-";
      out.printf(
          "%-24s %-11s %-13s %-12s %-10s %-9s %-11s %-11s %-11s%n",
          d.column(),
          d.kind().jsonName(),
          d.verdict().test().jsonName(),
          fmt(d.verdict().value()),
          fmt(d.verdict().threshold()),
          d.verdict().drifted() ? "DRIFT" : "ok",
          fmt(d.divergences().psi()),
          ksP,
          wn);
    }
    out.printf(
        "%d of %d columns drifted (share %s)%s%n",
        report.driftedColumns(),
        report.columns().size(),
        fmt(report.driftShare()),
        report.datasetDrift() ? ": dataset drift" : "");
    for (Map<String, Object> q : quality) {
      out.printf(
          "data quality: %s column '%s': %s%s%s%n",
          q.get("file"),
          q.get("column"),
          q.get("issue").toString().replace('_', ' '),
          q.containsKey("count") ? " (" + q.get("count") + ")" : "",
          q.containsKey("examples") ? ", e.g. " + q.get("examples") : "");
    }
    out.flush();
  }

  private static String fmt(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
