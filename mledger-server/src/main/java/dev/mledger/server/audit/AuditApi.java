package dev.mledger.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.core.audit.AuditEntry;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.server.http.JsonResponses;
import dev.mledger.server.http.Routes;
import dev.mledger.store.audit.AuditFacets;
import dev.mledger.store.audit.AuditLog;
import dev.mledger.store.audit.AuditQuery;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read access to the audit trail: {@code GET /api/v1/audit?after=&limit=} pages through entries
 * oldest first ({@code next_after} is the cursor for the next page, null at the end); with {@code
 * order=desc} newest first, paged by {@code before} and {@code next_before}. {@code subject_type}
 * and {@code actor} filter either order and {@code total} counts the matching entries. {@code GET
 * /api/v1/audit/facets} lists the subject types and actors to filter by, {@code GET
 * /api/v1/audit/verify?expect_head=} re-checks the chain. Verification that must not trust the
 * server runs in the CLI against the database ({@code mledger audit verify}).
 */
public final class AuditApi {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AuditLog audit;

  public AuditApi(AuditLog audit) {
    this.audit = audit;
  }

  public void register(Routes routes) {
    routes.add(HandlerType.GET, "/api/v1/audit", this::list);
    routes.add(HandlerType.GET, "/api/v1/audit/verify", this::verify);
    routes.add(HandlerType.GET, "/api/v1/audit/facets", this::facets);
  }

  private void list(Context ctx) {
    long limit = longParam(ctx, "limit", DEFAULT_LIMIT);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw MledgerException.invalidParameter(
          "'limit' must be between 1 and " + MAX_LIMIT + ", got " + limit + ".");
    }
    String order = ctx.queryParam("order");
    boolean newestFirst;
    if (order == null || order.isBlank() || order.equals("asc")) {
      newestFirst = false;
    } else if (order.equals("desc")) {
      newestFirst = true;
    } else {
      throw MledgerException.invalidParameter(
          "'order' must be 'asc' (oldest first) or 'desc' (newest first), got '" + order + "'.");
    }
    String cursorName = newestFirst ? "before" : "after";
    String wrongCursor = newestFirst ? "after" : "before";
    if (ctx.queryParam(wrongCursor) != null) {
      throw MledgerException.invalidParameter(
          "'"
              + wrongCursor
              + "' pages in the other order; use '"
              + cursorName
              + "' with order="
              + (newestFirst ? "desc" : "asc")
              + ".");
    }
    AuditQuery query =
        new AuditQuery(
            ctx.queryParam("subject_type"),
            ctx.queryParam("actor"),
            newestFirst,
            longParam(ctx, cursorName, 0),
            (int) limit);
    List<AuditEntry> entries = audit.list(query);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entries", entries.stream().map(AuditEntry::toJson).toList());
    body.put(
        "next_" + cursorName,
        entries.size() < limit ? null : entries.get(entries.size() - 1).sequence());
    body.put("total", audit.count(query));
    send(ctx, body);
  }

  private void facets(Context ctx) {
    AuditFacets facets = audit.facets();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subject_types", facets.subjectTypes());
    body.put("actors", facets.actors());
    send(ctx, body);
  }

  private void verify(Context ctx) {
    send(ctx, audit.verify(ctx.queryParam("expect_head")).toJson());
  }

  private static long longParam(Context ctx, String name, long defaultValue) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw MledgerException.invalidParameter(
          "Parameter '" + name + "' must be an integer, got '" + value + "'.");
    }
  }

  private static void send(Context ctx, Object body) {
    try {
      JsonResponses.send(ctx, 200, JsonResponses.CONTENT_TYPE, JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new MledgerException(ErrorCode.INTERNAL_ERROR, "Cannot render the response.", e);
    }
  }
}
