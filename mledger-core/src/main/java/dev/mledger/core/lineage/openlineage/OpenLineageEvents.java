package dev.mledger.core.lineage.openlineage;

import dev.mledger.core.envelope.CanonicalJson;
import dev.mledger.core.error.MledgerException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Validates a parsed OpenLineage event (spec 2-0-2, {@code OpenLineage.json}) and builds the typed
 * event. The kind follows from the fields present, as the spec's {@code oneOf} does: {@code run}
 * makes a {@link RunEvent}, otherwise {@code job} a {@link JobEvent}, otherwise {@code dataset} a
 * {@link DatasetEvent}.
 *
 * <p>Checked: the required fields of each definition ({@code eventTime}, {@code producer}, {@code
 * schemaURL}, {@code run.runId}, {@code job.namespace}/{@code name}, dataset {@code
 * namespace}/{@code name}), their formats (RFC 3339 date-time with an offset, absolute URIs, UUID
 * run ids), the {@code eventType} enum, and that every facet is an object carrying the base facet's
 * {@code _producer} and {@code _schemaURL} (or, for dataset facets, {@code _deleted: true}).
 * Unknown fields and facets are kept, as the spec allows.
 */
public final class OpenLineageEvents {
  /** Bound on the datasets of one event, far above real producers, to keep ingestion bounded. */
  public static final int MAX_DATASETS = 10_000;

  private OpenLineageEvents() {}

  /**
   * The event in {@code document}, a JSON value as {@link CanonicalJson#parse} returns it.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE naming the first offending field
   */
  public static OpenLineageEvent parse(Object document) {
    if (!(document instanceof Map<?, ?> raw)) {
      throw invalid("the event must be a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> event = (Map<String, Object>) raw;
    OffsetDateTime eventTime = dateTime(event.get("eventTime"), "eventTime");
    String producer = uri(event.get("producer"), "producer");
    String schemaUrl = uri(event.get("schemaURL"), "schemaURL");
    String digest = CanonicalJson.sha256(event);
    if (event.containsKey("run")) {
      Map<String, Object> run = object(event.get("run"), "run");
      Map<String, Object> job = object(event.get("job"), "job");
      return new RunEvent(
          eventType(event.get("eventType")),
          eventTime,
          producer,
          schemaUrl,
          uuid(run.get("runId"), "run.runId"),
          facets(run.get("facets"), "run.facets", false),
          text(job.get("namespace"), "job.namespace"),
          text(job.get("name"), "job.name"),
          facets(job.get("facets"), "job.facets", false),
          datasets(event.get("inputs"), "inputs", "inputFacets"),
          datasets(event.get("outputs"), "outputs", "outputFacets"),
          event,
          digest);
    }
    if (event.containsKey("job")) {
      Map<String, Object> job = object(event.get("job"), "job");
      return new JobEvent(
          eventTime,
          producer,
          schemaUrl,
          text(job.get("namespace"), "job.namespace"),
          text(job.get("name"), "job.name"),
          facets(job.get("facets"), "job.facets", false),
          datasets(event.get("inputs"), "inputs", "inputFacets"),
          datasets(event.get("outputs"), "outputs", "outputFacets"),
          event,
          digest);
    }
    if (event.containsKey("dataset")) {
      return new DatasetEvent(
          eventTime,
          producer,
          schemaUrl,
          dataset(event.get("dataset"), "dataset", null),
          event,
          digest);
    }
    throw invalid("a RunEvent needs 'run' and 'job' (a JobEvent 'job', a DatasetEvent 'dataset')");
  }

  private static EventType eventType(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      for (EventType t : EventType.values()) {
        if (t.name().equals(s)) {
          return t;
        }
      }
    }
    throw invalid(
        "eventType must be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER; got "
            + describe(value));
  }

  private static List<LineageDataset> datasets(Object value, String field, String ioFacetsField) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw invalid(field + " must be an array, got " + describe(value));
    }
    if (list.size() > MAX_DATASETS) {
      throw invalid(field + " has " + list.size() + " datasets; at most " + MAX_DATASETS);
    }
    List<LineageDataset> datasets = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      datasets.add(dataset(list.get(i), field + "[" + i + "]", ioFacetsField));
    }
    return datasets;
  }

  private static LineageDataset dataset(Object value, String field, String ioFacetsField) {
    Map<String, Object> dataset = object(value, field);
    return new LineageDataset(
        text(dataset.get("namespace"), field + ".namespace"),
        text(dataset.get("name"), field + ".name"),
        facets(dataset.get("facets"), field + ".facets", true),
        ioFacetsField == null
            ? Map.of()
            : facets(dataset.get(ioFacetsField), field + "." + ioFacetsField, false));
  }

  /** A facets object: every value is a facet with the base facet's required fields. */
  private static Map<String, Object> facets(Object value, String field, boolean deletable) {
    if (value == null) {
      return Map.of();
    }
    Map<String, Object> facets = object(value, field);
    for (Map.Entry<String, Object> e : facets.entrySet()) {
      String facetField = field + "." + e.getKey();
      Map<String, Object> facet = object(e.getValue(), facetField);
      if (deletable && Boolean.TRUE.equals(facet.get("_deleted"))) {
        continue;
      }
      uri(facet.get("_producer"), facetField + "._producer");
      uri(facet.get("_schemaURL"), facetField + "._schemaURL");
    }
    return facets;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String field) {
    if (value == null) {
      throw invalid(field + " is required");
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw invalid(field + " must be an object, got " + describe(value));
    }
    return (Map<String, Object>) map;
  }

  private static String text(Object value, String field) {
    if (value == null) {
      throw invalid(field + " is required");
    }
    if (!(value instanceof String s)) {
      throw invalid(field + " must be a string, got " + describe(value));
    }
    if (s.isEmpty()) {
      throw invalid(field + " must not be empty");
    }
    return s;
  }

  private static String uri(Object value, String field) {
    String text = text(value, field);
    try {
      if (new URI(text).isAbsolute()) {
        return text;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw invalid(field + " must be an absolute URI, got '" + text + "'");
  }

  private static String uuid(Object value, String field) {
    String text = text(value, field);
    try {
      // UUID.fromString accepts shortened groups; the spec's format does not.
      if (text.length() == 36
          && UUID.fromString(text).toString().equals(text.toLowerCase(Locale.ROOT))) {
        return text;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw invalid(field + " must be a UUID, got '" + text + "'");
  }

  private static OffsetDateTime dateTime(Object value, String field) {
    String text = text(value, field);
    try {
      // ISO_DATE_TIME also takes a trailing [zone id], which Java producers append.
      return java.time.ZonedDateTime.parse(text, DateTimeFormatter.ISO_DATE_TIME)
          .toOffsetDateTime();
    } catch (DateTimeParseException e) {
      throw invalid(
          field
              + " must be an RFC 3339 date-time with a UTC offset (e.g."
              + " 2024-05-01T12:00:00.000Z), got '"
              + text
              + "'");
    }
  }

  private static String describe(Object value) {
    if (value instanceof String s) {
      return "'" + s + "'";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    return String.valueOf(value);
  }

  private static MledgerException invalid(String reason) {
    return MledgerException.invalidParameter("Invalid OpenLineage event: " + reason + ".");
  }
}
