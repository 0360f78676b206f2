package dev.mledger.core.llm;

/**
 * Span attribute names: the OpenTelemetry GenAI semantic conventions, the older names some
 * instrumentations still send, and mledger's own attributes for what the conventions do not cover.
 */
public final class GenAiAttributes {
  private GenAiAttributes() {}

  // OpenTelemetry GenAI semantic conventions
  public static final String OPERATION_NAME = "gen_ai.operation.name";
  public static final String SYSTEM = "gen_ai.system";
  public static final String PROVIDER_NAME = "gen_ai.provider.name";
  public static final String REQUEST_MODEL = "gen_ai.request.model";
  public static final String RESPONSE_MODEL = "gen_ai.response.model";
  public static final String USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";
  public static final String USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";

  /** Pre-1.27 name of {@link #USAGE_INPUT_TOKENS}. */
  public static final String USAGE_PROMPT_TOKENS = "gen_ai.usage.prompt_tokens";

  /** Pre-1.27 name of {@link #USAGE_OUTPUT_TOKENS}. */
  public static final String USAGE_COMPLETION_TOKENS = "gen_ai.usage.completion_tokens";

  // mledger's attributes
  /** The prompt version used, as a URI: {@code prompts:/name/3}. */
  public static final String PROMPT_VERSION = "mledger.prompt.version";

  /** The cost of the span in US dollars; overrides the price table. */
  public static final String COST_USD = "mledger.cost.usd";

  public static final String JUDGE_MODEL = "mledger.judge.model";
  public static final String JUDGE_VERSION = "mledger.judge.version";

  /** What a guardrail did: e.g. {@code allow}, {@code block}, {@code redact}. */
  public static final String GUARDRAIL_ACTION = "mledger.guardrail.action";

  public static final String RETRIEVAL_INDEX_VERSION = "mledger.retrieval.index_version";

  /** The registered model version an application used, as a URI: {@code models:/NAME/3}. */
  public static final String MODEL_VERSION = "mledger.model.version";

  /** The evaluation set a trace was produced for (on the root span). */
  public static final String EVAL_SET = "mledger.eval.set";

  /** The example of the evaluation set a trace answers (on the root span). */
  public static final String EVAL_EXAMPLE_ID = "mledger.eval.example_id";

  /** The resource attribute naming the emitting service. */
  public static final String SERVICE_NAME = "service.name";
}
