package dev.mledger.store.jdbc;

import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.llm.EvaluationTriple;
import dev.mledger.core.llm.GenAiAttributes;
import dev.mledger.core.llm.ModelPrice;
import dev.mledger.core.llm.PriceTable;
import dev.mledger.core.llm.Prompt;
import dev.mledger.core.llm.PromptNames;
import dev.mledger.core.llm.PromptTemplate;
import dev.mledger.core.llm.PromptUri;
import dev.mledger.core.llm.PromptVersion;
import dev.mledger.core.llm.PromptVersionComparison;
import dev.mledger.core.llm.PromptVersionComparison.ScoredExample;
import dev.mledger.core.llm.Score;
import dev.mledger.core.llm.ScoreSource;
import dev.mledger.core.llm.ScoreValue;
import dev.mledger.core.llm.Span;
import dev.mledger.core.llm.SpanKind;
import dev.mledger.core.llm.SpanStatus;
import dev.mledger.core.llm.TraceAggregates;
import dev.mledger.core.llm.TraceSummary;
import dev.mledger.core.llm.TraceTree;
import dev.mledger.store.llm.LlmStore;
import dev.mledger.store.llm.NewPromptVersion;
import dev.mledger.store.llm.NewScore;
import dev.mledger.store.llm.SpanIngest;
import dev.mledger.store.llm.TraceQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** {@link LlmStore} on the tracking database's {@code llm_*} tables (migration V70). */
final class JdbcLlmStore implements LlmStore {
  private static final String TRACE_COLUMNS =
      "trace_id, root_name, start_time_ns, end_time_ns, span_count, status, error_spans,"
          + " input_tokens, output_tokens, cost_usd, unpriced_spans, prompt_version, eval_set,"
          + " eval_example_id, service_name";

  private final Database db;
  private final Clock clock;

  JdbcLlmStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  // ---- prompts

  @Override
  public Prompt createPrompt(String name, String description) {
    PromptNames.requireName(name);
    long now = clock.millis();
    return db.write(
        h -> {
          if (insertPrompt(h, name, description, now) == 0) {
            throw MledgerException.alreadyExists("Prompt '" + name + "' already exists.");
          }
          return findPrompt(h, name).orElseThrow();
        });
  }

  private static int insertPrompt(Handle h, String name, String description, long now) {
    return h.createUpdate(
            "INSERT INTO llm_prompts (name, description, latest_version, creation_time,"
                + " last_updated_time) VALUES (?, ?, 0, ?, ?) ON CONFLICT (name) DO NOTHING")
        .bind(0, name)
        .bind(1, description == null ? "" : description)
        .bind(2, now)
        .bind(3, now)
        .execute();
  }

  @Override
  public PromptVersion createPromptVersion(NewPromptVersion v) {
    long now = clock.millis();
    String tags = CanonicalJson.write(v.tags());
    return db.write(
        h -> {
          insertPrompt(h, v.name(), v.description(), now);
          // The row update serializes concurrent creators on PostgreSQL (row lock until commit).
          h.createUpdate(
                  "UPDATE llm_prompts SET latest_version = latest_version + 1,"
                      + " last_updated_time = ? WHERE name = ?")
              .bind(0, now)
              .bind(1, v.name())
              .execute();
          int version =
              h.createQuery("SELECT latest_version FROM llm_prompts WHERE name = ?")
                  .bind(0, v.name())
                  .mapTo(Integer.class)
                  .one();
          h.createUpdate(
                  "INSERT INTO llm_prompt_versions (name, version, template, commit_message, tags,"
                      + " created_by, creation_time) VALUES (?, ?, ?, ?, ?, ?, ?)")
              .bind(0, v.name())
              .bind(1, version)
              .bind(2, v.template().text())
              .bind(3, v.commitMessage())
              .bind(4, tags)
              .bind(5, v.createdBy())
              .bind(6, now)
              .execute();
          return findVersion(h, v.name(), version).orElseThrow();
        });
  }

  @Override
  public Prompt getPrompt(String name) {
    return db.read(h -> findPrompt(h, name).orElseThrow(() -> noSuchPrompt(name)));
  }

  @Override
  public List<Prompt> listPrompts(String namePrefix) {
    return db.read(
        h -> {
          List<String> names =
              h.createQuery("SELECT name FROM llm_prompts ORDER BY name")
                  .mapTo(String.class)
                  .list();
          List<Prompt> prompts = new ArrayList<>();
          for (String name : names) {
            if (namePrefix == null || name.startsWith(namePrefix)) {
              prompts.add(findPrompt(h, name).orElseThrow());
            }
          }
          return prompts;
        });
  }

  @Override
  public PromptVersion getPromptVersion(String name, int version) {
    return db.read(h -> requireVersion(h, name, version));
  }

  @Override
  public List<PromptVersion> listPromptVersions(String name) {
    return db.read(
        h -> {
          if (findPrompt(h, name).isEmpty()) {
            throw noSuchPrompt(name);
          }
          return h.createQuery(
                  "SELECT * FROM llm_prompt_versions WHERE name = ? ORDER BY version DESC")
              .bind(0, name)
              .map((rs, ctx) -> version(rs))
              .list();
        });
  }

  @Override
  public PromptVersion resolve(PromptUri uri) {
    return db.read(h -> resolve(h, uri));
  }

  private static PromptVersion resolve(Handle h, PromptUri uri) {
    if (uri instanceof PromptUri.ByVersion v) {
      return requireVersion(h, v.name(), v.version());
    }
    PromptUri.ByAlias a = (PromptUri.ByAlias) uri;
    Prompt prompt = findPrompt(h, a.name()).orElseThrow(() -> noSuchPrompt(a.name()));
    if (a.isLatest()) {
      if (prompt.latestVersion() == 0) {
        throw MledgerException.notFound("Prompt '" + a.name() + "' has no versions yet.");
      }
      return requireVersion(h, a.name(), prompt.latestVersion());
    }
    Integer version = prompt.aliases().get(a.alias());
    if (version == null) {
      throw MledgerException.notFound(
          "Prompt '"
              + a.name()
              + "' has no alias '"
              + a.alias()
              + "'"
              + (prompt.aliases().isEmpty()
                  ? "."
                  : "; its aliases: " + prompt.aliases().keySet() + "."));
    }
    return requireVersion(h, a.name(), version);
  }

  @Override
  public Prompt setAlias(String name, String alias, int version) {
    PromptNames.requireSettableAlias(alias);
    long now = clock.millis();
    return db.write(
        h -> {
          requireVersion(h, name, version);
          h.createUpdate(
                  "INSERT INTO llm_prompt_aliases (name, alias, version, updated_time)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT (name, alias) DO UPDATE SET"
                      + " version = excluded.version, updated_time = excluded.updated_time")
              .bind(0, name)
              .bind(1, alias)
              .bind(2, version)
              .bind(3, now)
              .execute();
          touch(h, name, now);
          return findPrompt(h, name).orElseThrow();
        });
  }

  @Override
  public Prompt deleteAlias(String name, String alias) {
    long now = clock.millis();
    return db.write(
        h -> {
          if (findPrompt(h, name).isEmpty()) {
            throw noSuchPrompt(name);
          }
          int deleted =
              h.createUpdate("DELETE FROM llm_prompt_aliases WHERE name = ? AND alias = ?")
                  .bind(0, name)
                  .bind(1, alias)
                  .execute();
          if (deleted == 0) {
            throw MledgerException.notFound("Prompt '" + name + "' has no alias '" + alias + "'.");
          }
          touch(h, name, now);
          return findPrompt(h, name).orElseThrow();
        });
  }

  private static void touch(Handle h, String name, long now) {
    h.createUpdate("UPDATE llm_prompts SET last_updated_time = ? WHERE name = ?")
        .bind(0, now)
        .bind(1, name)
        .execute();
  }

  private static Optional<Prompt> findPrompt(Handle h, String name) {
    Map<String, Integer> aliases = new LinkedHashMap<>();
    h.createQuery("SELECT alias, version FROM llm_prompt_aliases WHERE name = ? ORDER BY alias")
        .bind(0, name)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
        .forEach(e -> aliases.put(e.getKey(), e.getValue()));
    return h.createQuery("SELECT * FROM llm_prompts WHERE name = ?")
        .bind(0, name)
        .map(
            (rs, ctx) ->
                new Prompt(
                    rs.getString("name"),
                    rs.getString("description"),
                    rs.getInt("latest_version"),
                    aliases,
                    rs.getLong("creation_time"),
                    rs.getLong("last_updated_time")))
        .findOne();
  }

  private static Optional<PromptVersion> findVersion(Handle h, String name, int version) {
    return h.createQuery("SELECT * FROM llm_prompt_versions WHERE name = ? AND version = ?")
        .bind(0, name)
        .bind(1, version)
        .map((rs, ctx) -> version(rs))
        .findOne();
  }

  private static PromptVersion requireVersion(Handle h, String name, int version) {
    return findVersion(h, name, version)
        .orElseThrow(
            () -> {
              if (findPrompt(h, name).isEmpty()) {
                return noSuchPrompt(name);
              }
              return MledgerException.notFound(
                  "Prompt '" + name + "' has no version " + version + ".");
            });
  }

  @SuppressWarnings("unchecked")
  private static PromptVersion version(ResultSet rs) throws SQLException {
    Map<String, String> tags = new LinkedHashMap<>();
    ((Map<String, Object>) CanonicalJson.parse(rs.getString("tags")))
        .forEach((k, v) -> tags.put(k, String.valueOf(v)));
    return new PromptVersion(
        rs.getString("name"),
        rs.getInt("version"),
        new PromptTemplate(rs.getString("template")),
        rs.getString("commit_message"),
        tags,
        rs.getString("created_by"),
        rs.getLong("creation_time"));
  }

  private static MledgerException noSuchPrompt(String name) {
    return MledgerException.notFound("Prompt '" + name + "' does not exist.");
  }

  // ---- traces

  @Override
  public SpanIngest ingestSpans(List<Span> spans) {
    if (spans.isEmpty()) {
      return new SpanIngest(0, List.of());
    }
    TreeSet<String> traceIds = new TreeSet<>();
    spans.forEach(s -> traceIds.add(s.traceId()));
    return db.write(
        h -> {
          var batch =
              h.prepareBatch(
                  "INSERT INTO llm_spans (trace_id, span_id, parent_span_id, name, kind,"
                      + " start_time_ns, end_time_ns, status, status_message, attributes, resource,"
                      + " events) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (trace_id, span_id)"
                      + " DO UPDATE SET parent_span_id = excluded.parent_span_id,"
                      + " name = excluded.name, kind = excluded.kind,"
                      + " start_time_ns = excluded.start_time_ns, end_time_ns = excluded.end_time_ns,"
                      + " status = excluded.status, status_message = excluded.status_message,"
                      + " attributes = excluded.attributes, resource = excluded.resource,"
                      + " events = excluded.events");
          for (Span s : spans) {
            batch
                .bind(0, s.traceId())
                .bind(1, s.spanId())
                .bind(2, s.parentSpanId())
                .bind(3, s.name())
                .bind(4, s.kind().ordinal())
                .bind(5, s.startTimeNanos())
                .bind(6, s.endTimeNanos())
                .bind(7, s.status().ordinal())
                .bind(8, s.statusMessage())
                .bind(9, CanonicalJson.write(s.attributes()))
                .bind(10, CanonicalJson.write(s.resource()))
                .bind(11, CanonicalJson.write(s.events()))
                .add();
          }
          batch.execute();
          PriceTable prices = prices(h);
          for (String traceId : traceIds) {
            TraceTree tree = TraceTree.assemble(spansOf(h, traceId));
            upsertSummary(h, TraceSummary.of(tree, prices));
            h.createUpdate("UPDATE llm_traces SET model = ? WHERE trace_id = ?")
                .bind(0, EvaluationTriple.modelOf(tree))
                .bind(1, traceId)
                .execute();
          }
          return new SpanIngest(spans.size(), List.copyOf(traceIds));
        });
  }

  private static void upsertSummary(Handle h, TraceSummary t) {
    h.createUpdate(
            "INSERT INTO llm_traces ("
                + TRACE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (trace_id)"
                + " DO UPDATE SET root_name = excluded.root_name,"
                + " start_time_ns = excluded.start_time_ns, end_time_ns = excluded.end_time_ns,"
                + " span_count = excluded.span_count, status = excluded.status,"
                + " error_spans = excluded.error_spans, input_tokens = excluded.input_tokens,"
                + " output_tokens = excluded.output_tokens, cost_usd = excluded.cost_usd,"
                + " unpriced_spans = excluded.unpriced_spans,"
                + " prompt_version = excluded.prompt_version, eval_set = excluded.eval_set,"
                + " eval_example_id = excluded.eval_example_id,"
                + " service_name = excluded.service_name")
        .bind(0, t.traceId())
        .bind(1, t.rootName())
        .bind(2, t.startTimeNanos())
        .bind(3, t.endTimeNanos())
        .bind(4, t.spanCount())
        .bind(5, t.status().ordinal())
        .bind(6, t.errorSpans())
        .bind(7, t.inputTokens())
        .bind(8, t.outputTokens())
        .bind(9, t.costUsd())
        .bind(10, t.unpricedSpans())
        .bind(11, t.promptVersion())
        .bind(12, t.evalSet())
        .bind(13, t.evalExampleId())
        .bind(14, t.serviceName())
        .execute();
  }

  @SuppressWarnings("unchecked")
  private static List<Span> spansOf(Handle h, String traceId) {
    return h.createQuery("SELECT * FROM llm_spans WHERE trace_id = ?")
        .bind(0, traceId)
        .map(
            (rs, ctx) ->
                new Span(
                    rs.getString("trace_id"),
                    rs.getString("span_id"),
                    rs.getString("parent_span_id"),
                    rs.getString("name"),
                    SpanKind.values()[rs.getInt("kind")],
                    rs.getLong("start_time_ns"),
                    rs.getLong("end_time_ns"),
                    SpanStatus.values()[rs.getInt("status")],
                    rs.getString("status_message"),
                    (Map<String, Object>) CanonicalJson.parse(rs.getString("attributes")),
                    (Map<String, Object>) CanonicalJson.parse(rs.getString("resource")),
                    (List<Map<String, Object>>) CanonicalJson.parse(rs.getString("events"))))
        .list();
  }

  @Override
  public Optional<TraceTree> getTrace(String traceId) {
    return db.read(
        h -> {
          List<Span> spans = spansOf(h, traceId);
          return spans.isEmpty() ? Optional.empty() : Optional.of(TraceTree.assemble(spans));
        });
  }

  @Override
  public Optional<TraceSummary> getTraceSummary(String traceId) {
    return db.read(
        h ->
            h.createQuery("SELECT " + TRACE_COLUMNS + " FROM llm_traces WHERE trace_id = ?")
                .bind(0, traceId)
                .map((rs, ctx) -> summary(rs))
                .findOne());
  }

  @Override
  public List<TraceSummary> listTraces(TraceQuery query) {
    return db.read(
        h -> traceQuery(h, query, " ORDER BY start_time_ns DESC, trace_id LIMIT " + query.limit()));
  }

  @Override
  public TraceAggregates aggregate(TraceQuery query) {
    return db.read(h -> TraceAggregates.of(traceQuery(h, query, "")));
  }

  private static List<TraceSummary> traceQuery(Handle h, TraceQuery q, String tail) {
    StringBuilder sql =
        new StringBuilder("SELECT " + TRACE_COLUMNS + " FROM llm_traces WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    filter(sql, args, "prompt_version = ?", q.promptVersion());
    filter(sql, args, "eval_set = ?", q.evalSet());
    filter(sql, args, "service_name = ?", q.serviceName());
    filter(sql, args, "status = ?", q.status() == null ? null : q.status().ordinal());
    filter(sql, args, "start_time_ns >= ?", q.startedAfterNanos());
    filter(sql, args, "start_time_ns < ?", q.startedBeforeNanos());
    if (q.model() != null) {
      spanAttributeFilter(
          sql, args, q.model(), GenAiAttributes.REQUEST_MODEL, GenAiAttributes.RESPONSE_MODEL);
    }
    if (q.operation() != null) {
      spanAttributeFilter(sql, args, q.operation(), GenAiAttributes.OPERATION_NAME);
    }
    Query query = h.createQuery(sql + tail);
    for (int i = 0; i < args.size(); i++) {
      query.bind(i, args.get(i));
    }
    return query.map((rs, ctx) -> summary(rs)).list();
  }

  /**
   * Traces with a span whose attribute {@code keys} (any of them) has the string {@code value}.
   * Attributes are stored as canonical JSON (sorted keys, no whitespace), so the pair appears
   * verbatim as {@code "key":"value"} and a LIKE over the text finds it on both dialects.
   */
  private static void spanAttributeFilter(
      StringBuilder sql, List<Object> args, String value, String... keys) {
    sql.append(
        " AND EXISTS (SELECT 1 FROM llm_spans s WHERE s.trace_id = llm_traces.trace_id AND (");
    for (int i = 0; i < keys.length; i++) {
      sql.append(i == 0 ? "" : " OR ").append("s.attributes LIKE ? ESCAPE '!'");
      args.add(
          "%" + likeLiteral(CanonicalJson.write(keys[i]) + ":" + CanonicalJson.write(value)) + "%");
    }
    sql.append("))");
  }

  private static String likeLiteral(String text) {
    // '!' rather than a backslash, which JDBI's statement lexer reads as escaping the quote.
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  private static void filter(StringBuilder sql, List<Object> args, String clause, Object value) {
    if (value != null) {
      sql.append(" AND ").append(clause);
      args.add(value);
    }
  }

  private static TraceSummary summary(ResultSet rs) throws SQLException {
    double cost = rs.getDouble("cost_usd");
    Double costUsd = rs.wasNull() ? null : cost;
    return new TraceSummary(
        rs.getString("trace_id"),
        rs.getString("root_name"),
        rs.getLong("start_time_ns"),
        rs.getLong("end_time_ns"),
        rs.getInt("span_count"),
        SpanStatus.values()[rs.getInt("status")],
        rs.getInt("error_spans"),
        rs.getLong("input_tokens"),
        rs.getLong("output_tokens"),
        costUsd,
        rs.getInt("unpriced_spans"),
        rs.getString("prompt_version"),
        rs.getString("eval_set"),
        rs.getString("eval_example_id"),
        rs.getString("service_name"));
  }

  // ---- scores

  @Override
  public Score logScore(NewScore s) {
    String scoreId = UUID.randomUUID().toString().replace("-", "");
    long now = clock.millis();
    return db.write(
        h -> {
          boolean trace =
              h.createQuery("SELECT 1 FROM llm_traces WHERE trace_id = ?")
                  .bind(0, s.traceId())
                  .mapTo(Integer.class)
                  .findOne()
                  .isPresent();
          if (!trace) {
            throw MledgerException.notFound("Trace " + s.traceId() + " does not exist.");
          }
          if (s.spanId() != null
              && h.createQuery("SELECT 1 FROM llm_spans WHERE trace_id = ? AND span_id = ?")
                  .bind(0, s.traceId())
                  .bind(1, s.spanId())
                  .mapTo(Integer.class)
                  .findOne()
                  .isEmpty()) {
            throw MledgerException.notFound(
                "Trace " + s.traceId() + " has no span " + s.spanId() + ".");
          }
          Double number = null;
          String label = null;
          if (s.value() instanceof ScoreValue.Categorical c) {
            label = c.label();
          } else {
            number = s.value().asNumber().getAsDouble();
          }
          String sourceName;
          String sourceVersion = null;
          if (s.source() instanceof ScoreSource.Human human) {
            sourceName = human.user();
          } else if (s.source() instanceof ScoreSource.LlmJudge judge) {
            sourceName = judge.model();
            sourceVersion = judge.version();
          } else {
            sourceName = ((ScoreSource.Code) s.source()).name();
          }
          h.createUpdate(
                  "INSERT INTO llm_scores (score_id, trace_id, span_id, name, value_type,"
                      + " numeric_value, label, source_type, source_name, source_version,"
                      + " rationale, created_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
              .bind(0, scoreId)
              .bind(1, s.traceId())
              .bind(2, s.spanId())
              .bind(3, s.name())
              .bind(4, s.value().type())
              .bind(5, number)
              .bind(6, label)
              .bind(7, s.source().type())
              .bind(8, sourceName)
              .bind(9, sourceVersion)
              .bind(10, s.rationale())
              .bind(11, now)
              .execute();
          return new Score(
              scoreId,
              s.traceId(),
              s.spanId(),
              s.name(),
              s.value(),
              s.source(),
              s.rationale(),
              now);
        });
  }

  @Override
  public List<Score> scores(String traceId) {
    return db.read(
        h ->
            h.createQuery(
                    "SELECT * FROM llm_scores WHERE trace_id = ? ORDER BY created_time, score_id")
                .bind(0, traceId)
                .map((rs, ctx) -> score(rs))
                .list());
  }

  private static Score score(ResultSet rs) throws SQLException {
    return new Score(
        rs.getString("score_id"),
        rs.getString("trace_id"),
        rs.getString("span_id"),
        rs.getString("name"),
        scoreValue(rs),
        ScoreSource.of(
            rs.getString("source_type"),
            rs.getString("source_name"),
            rs.getString("source_version")),
        rs.getString("rationale"),
        rs.getLong("created_time"));
  }

  private static ScoreValue scoreValue(ResultSet rs) throws SQLException {
    return switch (rs.getString("value_type")) {
      case "numeric" -> new ScoreValue.Numeric(rs.getDouble("numeric_value"));
      case "boolean" -> new ScoreValue.Bool(rs.getDouble("numeric_value") != 0);
      default -> new ScoreValue.Categorical(rs.getString("label"));
    };
  }

  @Override
  public List<EvaluationTriple> evaluationTriples(
      String evalSet, String promptVersion, String model) {
    StringBuilder where = new StringBuilder(" WHERE t.eval_set IS NOT NULL");
    List<Object> args = new ArrayList<>();
    filter(where, args, "t.eval_set = ?", evalSet);
    filter(where, args, "t.prompt_version = ?", promptVersion);
    filter(where, args, "t.model = ?", model);
    String group = " GROUP BY t.eval_set, t.prompt_version, t.model";
    return db.read(
        h -> {
          Map<List<String>, long[]> traces = new LinkedHashMap<>();
          bindAll(
                  h.createQuery(
                      "SELECT t.eval_set, t.prompt_version, t.model, COUNT(*) AS n,"
                          + " MIN(t.start_time_ns) AS first_ns, MAX(t.start_time_ns) AS last_ns"
                          + " FROM llm_traces t"
                          + where
                          + group
                          + " ORDER BY t.eval_set, t.prompt_version, t.model"),
                  args)
              .map(
                  (rs, ctx) ->
                      Map.entry(
                          tripleKey(rs),
                          new long[] {
                            rs.getLong("n"), rs.getLong("first_ns"), rs.getLong("last_ns")
                          }))
              .forEach(e -> traces.put(e.getKey(), e.getValue()));
          Map<List<String>, Map<String, ScoreTotals>> scores = new HashMap<>();
          bindAll(
                  h.createQuery(
                      "SELECT t.eval_set, t.prompt_version, t.model, s.name, s.value_type,"
                          + " s.label, COUNT(*) AS n, SUM(s.numeric_value) AS total"
                          + " FROM llm_scores s JOIN llm_traces t ON t.trace_id = s.trace_id"
                          + where
                          + " AND s.span_id IS NULL"
                          + group
                          + ", s.name, s.value_type, s.label"),
                  args)
              .map(
                  (rs, ctx) -> {
                    ScoreTotals totals =
                        scores
                            .computeIfAbsent(tripleKey(rs), k -> new TreeMap<>())
                            .computeIfAbsent(rs.getString("name"), k -> new ScoreTotals());
                    long n = rs.getLong("n");
                    totals.count += n;
                    if ("categorical".equals(rs.getString("value_type"))) {
                      totals.labels.merge(rs.getString("label"), n, Long::sum);
                    } else {
                      totals.numeric += n;
                      totals.sum += rs.getDouble("total");
                    }
                    return totals;
                  })
              .list();
          List<EvaluationTriple> out = new ArrayList<>();
          for (Map.Entry<List<String>, long[]> e : traces.entrySet()) {
            List<EvaluationTriple.ScoreSummary> summaries = new ArrayList<>();
            scores
                .getOrDefault(e.getKey(), Map.of())
                .forEach(
                    (name, t) ->
                        summaries.add(
                            new EvaluationTriple.ScoreSummary(
                                name,
                                t.count,
                                t.numeric == 0 ? null : t.sum / t.numeric,
                                t.labels)));
            out.add(
                new EvaluationTriple(
                    e.getKey().get(0),
                    e.getKey().get(1),
                    e.getKey().get(2),
                    e.getValue()[0],
                    e.getValue()[1],
                    e.getValue()[2],
                    summaries));
          }
          // The same order on both databases (they sort nulls differently).
          java.util.Comparator<String> nullsFirst =
              java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder());
          out.sort(
              java.util.Comparator.comparing(EvaluationTriple::evalSet)
                  .thenComparing(EvaluationTriple::promptVersion, nullsFirst)
                  .thenComparing(EvaluationTriple::model, nullsFirst));
          return out;
        });
  }

  /** Running totals of one score name on one triple. */
  private static final class ScoreTotals {
    long count;
    long numeric;
    double sum;
    final Map<String, Long> labels = new TreeMap<>();
  }

  private static List<String> tripleKey(ResultSet rs) throws SQLException {
    return java.util.Arrays.asList(
        rs.getString("eval_set"), rs.getString("prompt_version"), rs.getString("model"));
  }

  private static Query bindAll(Query query, List<Object> args) {
    for (int i = 0; i < args.size(); i++) {
      query.bind(i, args.get(i));
    }
    return query;
  }

  @Override
  public PromptVersionComparison comparePromptVersions(
      PromptUri a, PromptUri b, String evalSet, String scoreName) {
    Score.requireName(scoreName);
    if (evalSet == null || evalSet.isBlank()) {
      throw MledgerException.invalidParameter("An evaluation set name is required.");
    }
    return db.read(
        h -> {
          String versionA = resolve(h, a).uri().toString();
          String versionB = resolve(h, b).uri().toString();
          List<ScoredExample> scored =
              h.createQuery(
                      "SELECT t.prompt_version, t.eval_example_id, s.* FROM llm_scores s"
                          + " JOIN llm_traces t ON t.trace_id = s.trace_id"
                          + " WHERE s.name = ? AND s.span_id IS NULL AND t.eval_set = ?"
                          + " AND t.prompt_version IN (?, ?)")
                  .bind(0, scoreName)
                  .bind(1, evalSet)
                  .bind(2, versionA)
                  .bind(3, versionB)
                  .map(
                      (rs, ctx) ->
                          new ScoredExample(
                              rs.getString("prompt_version"),
                              rs.getString("eval_example_id"),
                              scoreValue(rs)))
                  .list();
          return PromptVersionComparison.compare(versionA, versionB, evalSet, scoreName, scored);
        });
  }

  // ---- prices

  @Override
  public PriceTable prices() {
    return db.read(JdbcLlmStore::prices);
  }

  private static PriceTable prices(Handle h) {
    return new PriceTable(
        h.createQuery("SELECT * FROM llm_model_prices")
            .map(
                (rs, ctx) ->
                    ModelPrice.perMillion(
                        rs.getString("model"),
                        rs.getDouble("input_usd_per_million"),
                        rs.getDouble("output_usd_per_million")))
            .list());
  }

  @Override
  public ModelPrice setPrice(ModelPrice price) {
    long now = clock.millis();
    return db.write(
        h -> {
          h.createUpdate(
                  "INSERT INTO llm_model_prices (model, input_usd_per_million,"
                      + " output_usd_per_million, updated_time) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (model) DO UPDATE SET"
                      + " input_usd_per_million = excluded.input_usd_per_million,"
                      + " output_usd_per_million = excluded.output_usd_per_million,"
                      + " updated_time = excluded.updated_time")
              .bind(0, price.model())
              .bind(1, price.inputUsdPerMillion())
              .bind(2, price.outputUsdPerMillion())
              .bind(3, now)
              .execute();
          return price;
        });
  }

  @Override
  public boolean deletePrice(String model) {
    return db.write(
        h ->
            h.createUpdate("DELETE FROM llm_model_prices WHERE model = ?").bind(0, model).execute()
                > 0);
  }
}
