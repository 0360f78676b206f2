package dev.mledger.core.llm;

import java.util.Map;

/**
 * What the GenAI conventions and mledger's attributes say about one span. Absent values are {@code
 * null}; token counts are {@code 0} when absent.
 *
 * @param system the provider ({@code gen_ai.system}, or the newer {@code gen_ai.provider.name})
 * @param model the model that answered: the response model, else the requested one
 * @param costUsd an explicit {@code mledger.cost.usd}, or {@code null}
 */
public record GenAiCall(
    String operation,
    String system,
    String requestModel,
    String responseModel,
    long inputTokens,
    long outputTokens,
    String promptVersion,
    Double costUsd,
    String judgeModel,
    String judgeVersion,
    String guardrailAction,
    String retrievalIndexVersion) {

  /** Reads the attributes of {@code span}; malformed numbers count as absent. */
  public static GenAiCall of(Span span) {
    Map<String, Object> a = span.attributes();
    return new GenAiCall(
        text(a, GenAiAttributes.OPERATION_NAME),
        firstText(a, GenAiAttributes.PROVIDER_NAME, GenAiAttributes.SYSTEM),
        text(a, GenAiAttributes.REQUEST_MODEL),
        text(a, GenAiAttributes.RESPONSE_MODEL),
        tokens(a, GenAiAttributes.USAGE_INPUT_TOKENS, GenAiAttributes.USAGE_PROMPT_TOKENS),
        tokens(a, GenAiAttributes.USAGE_OUTPUT_TOKENS, GenAiAttributes.USAGE_COMPLETION_TOKENS),
        text(a, GenAiAttributes.PROMPT_VERSION),
        number(a.get(GenAiAttributes.COST_USD)),
        text(a, GenAiAttributes.JUDGE_MODEL),
        text(a, GenAiAttributes.JUDGE_VERSION),
        text(a, GenAiAttributes.GUARDRAIL_ACTION),
        text(a, GenAiAttributes.RETRIEVAL_INDEX_VERSION));
  }

  /** The model that answered: the response model, else the requested one, else {@code null}. */
  public String model() {
    return responseModel != null ? responseModel : requestModel;
  }

  /** Whether the span reports any token usage or cost. */
  public boolean hasUsage() {
    return inputTokens > 0 || outputTokens > 0 || costUsd != null;
  }

  private static String text(Map<String, Object> a, String key) {
    Object value = a.get(key);
    if (value == null || value instanceof Map || value instanceof java.util.List) {
      return null;
    }
    String s = String.valueOf(value);
    return s.isEmpty() ? null : s;
  }

  private static String firstText(Map<String, Object> a, String key, String fallback) {
    String value = text(a, key);
    return value != null ? value : text(a, fallback);
  }

  private static long tokens(Map<String, Object> a, String key, String legacyKey) {
    Double value = number(a.get(key));
    if (value == null) {
      value = number(a.get(legacyKey));
    }
    return value == null || value < 0 ? 0 : (long) Math.floor(value);
  }

  private static Double number(Object value) {
    if (value instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? d : null;
    }
    if (value instanceof String s) {
      try {
        double d = Double.parseDouble(s.strip());
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
