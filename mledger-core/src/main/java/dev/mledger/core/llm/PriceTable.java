package dev.mledger.core.llm;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Model prices, looked up by the model a span reports. Providers answer with dated model names
 * ({@code gpt-4o-2024-08-06}) while prices are usually listed per family ({@code gpt-4o}), so a
 * model without an exact entry takes the price of the longest listed name that it starts with,
 * followed by {@code -}, {@code :}, {@code @} or {@code /}.
 */
public final class PriceTable {
  public static final PriceTable EMPTY = new PriceTable(List.of());

  private final TreeMap<String, ModelPrice> byModel = new TreeMap<>();

  public PriceTable(Collection<ModelPrice> prices) {
    for (ModelPrice price : prices) {
      byModel.put(price.model(), price);
    }
  }

  /** The prices, sorted by model. */
  public List<ModelPrice> prices() {
    return List.copyOf(byModel.values());
  }

  /** The price applying to {@code model}, if any. */
  public Optional<ModelPrice> priceOf(String model) {
    if (model == null) {
      return Optional.empty();
    }
    ModelPrice exact = byModel.get(model);
    if (exact != null) {
      return Optional.of(exact);
    }
    ModelPrice best = null;
    for (Map.Entry<String, ModelPrice> entry : byModel.headMap(model, false).entrySet()) {
      String family = entry.getKey();
      if (model.startsWith(family)
          && "-:@/".indexOf(model.charAt(family.length())) >= 0
          && (best == null || family.length() > best.model().length())) {
        best = entry.getValue();
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The cost of one span: its explicit {@code mledger.cost.usd} if present, else its tokens at the
   * price of its model; empty when it reports no usage or its model has no price.
   */
  public OptionalDouble costOf(GenAiCall call) {
    if (call.costUsd() != null) {
      return OptionalDouble.of(call.costUsd());
    }
    if (call.inputTokens() == 0 && call.outputTokens() == 0) {
      return OptionalDouble.empty();
    }
    return priceOf(call.model())
        .map(p -> OptionalDouble.of(p.cost(call.inputTokens(), call.outputTokens())))
        .orElse(OptionalDouble.empty());
  }
}
