package dev.mledger.store.audit;

import java.util.List;

/**
 * The values the audit log can be filtered by, each sorted.
 *
 * @param subjectTypes every subject type that occurs in the log
 * @param actors every actor that occurs in the log
 */
public record AuditFacets(List<String> subjectTypes, List<String> actors) {
  public AuditFacets {
    subjectTypes = List.copyOf(subjectTypes);
    actors = List.copyOf(actors);
  }
}
