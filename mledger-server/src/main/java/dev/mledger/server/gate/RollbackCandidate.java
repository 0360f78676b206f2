package dev.mledger.server.gate;

import java.util.List;

/**
 * A version that previously held the rollback target, with its checked dependency closure.
 *
 * @param version the model version
 * @param closure every dependency checked, in check order
 */
public record RollbackCandidate(String version, List<ClosureItem> closure) {
  public RollbackCandidate {
    closure = List.copyOf(closure);
  }

  /** Whether no dependency is missing; with {@code strict}, also none unverifiable. */
  public boolean resolves(boolean strict) {
    return closure.stream()
        .noneMatch(
            i ->
                i.status() == ClosureItem.Status.MISSING
                    || (strict && i.status() == ClosureItem.Status.UNVERIFIABLE));
  }

  /** The items that keep this version from being a rollback target. */
  public List<ClosureItem> blocking(boolean strict) {
    return closure.stream()
        .filter(
            i ->
                i.status() == ClosureItem.Status.MISSING
                    || (strict && i.status() == ClosureItem.Status.UNVERIFIABLE))
        .toList();
  }
}
