package dev.mledger.core.llm;

import dev.mledger.core.error.MledgerException;

/**
 * The price of one model in US dollars per million tokens, input and output priced separately (as
 * providers publish them).
 */
public record ModelPrice(String model, double inputUsdPerMillion, double outputUsdPerMillion) {
  public ModelPrice {
    if (model == null || model.isBlank()) {
      throw MledgerException.invalidParameter("A price needs a model name.");
    }
    requirePrice("input", inputUsdPerMillion);
    requirePrice("output", outputUsdPerMillion);
  }

  /** A price quoted per 1,000 tokens. */
  public static ModelPrice perThousand(String model, double inputUsd, double outputUsd) {
    requirePrice("input", inputUsd);
    requirePrice("output", outputUsd);
    return new ModelPrice(model, inputUsd * 1000, outputUsd * 1000);
  }

  /** A price quoted per 1,000,000 tokens. */
  public static ModelPrice perMillion(String model, double inputUsd, double outputUsd) {
    return new ModelPrice(model, inputUsd, outputUsd);
  }

  /** The cost of a call with these token counts. */
  public double cost(long inputTokens, long outputTokens) {
    return (inputTokens * inputUsdPerMillion + outputTokens * outputUsdPerMillion) / 1e6;
  }

  private static void requirePrice(String what, double price) {
    if (!Double.isFinite(price) || price < 0) {
      throw MledgerException.invalidParameter(
          "The " + what + " token price must be a finite, non-negative number, got " + price + ".");
    }
  }
}
