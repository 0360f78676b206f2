package dev.mledger.core.search;

import java.util.List;

/**
 * A parsed search filter. MLflow's grammar is a conjunction of comparisons; {@link Or} and
 * parentheses are mledger's extension.
 */
public sealed interface FilterExpr {

  /** All terms must hold. */
  record And(List<FilterExpr> terms) implements FilterExpr {
    public And {
      terms = List.copyOf(terms);
    }
  }

  /** At least one term must hold. */
  record Or(List<FilterExpr> terms) implements FilterExpr {
    public Or {
      terms = List.copyOf(terms);
    }
  }

  /**
   * {@code type.key op value}. For {@link EntityType#ATTRIBUTE} the key is canonical (aliases such
   * as {@code created} already mapped to {@code start_time}); for {@link EntityType#DATASET} it is
   * {@code name}, {@code digest} or {@code context}.
   */
  record Comparison(EntityType type, String key, Comparator op, FilterValue value)
      implements FilterExpr {}
}
