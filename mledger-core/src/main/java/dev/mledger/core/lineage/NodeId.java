package dev.mledger.core.lineage;

import dev.mledger.core.error.MledgerException;

/**
 * A typed lineage node id. The text forms are:
 *
 * <ul>
 *   <li>{@code dataset:NAMESPACE/NAME} or {@code dataset:NAMESPACE/NAME@VERSION}
 *   <li>{@code job:NAMESPACE/NAME} (an OpenLineage job)
 *   <li>{@code run:RUN_ID} (an MLflow run)
 *   <li>{@code model:NAME/VERSION} (a registered model version)
 *   <li>{@code endpoint:NAME}, {@code code:COMMIT}, {@code artifact:URI}
 *   <li>{@code environment:FINGERPRINT} (a run's software environment, from its envelope)
 *   <li>{@code prompt:NAME/VERSION} (a prompt version of the prompt registry)
 *   <li>{@code evaluation:EVAL_SET/PROMPT_NAME@VERSION/MODEL} (traces of one evaluation set
 *       answered with one prompt version by one model; the prompt or model part is empty when
 *       unknown)
 * </ul>
 *
 * <p>In the two-part forms a {@code /} inside the namespace, an {@code @} inside a dataset name or
 * version, and every {@code %} are percent-escaped ({@code s3://bucket} becomes {@code
 * s3:%2F%2Fbucket}), so every id parses back to the node it came from. Single-part forms take the
 * rest of the text verbatim.
 */
public sealed interface NodeId extends Comparable<NodeId> {

  NodeKind kind();

  /** The canonical text form. */
  String id();

  @Override
  default int compareTo(NodeId other) {
    return id().compareTo(other.id());
  }

  /** A dataset (OpenLineage naming: namespace and name), with a version when one is known. */
  record Dataset(String namespace, String name, String version) implements NodeId {
    public Dataset {
      requireText(namespace, "dataset namespace");
      requireText(name, "dataset name");
      if (version != null && version.isEmpty()) {
        throw MledgerException.invalidParameter("A dataset version must not be empty.");
      }
    }

    /** The same dataset without a version: the identity all its versions belong to. */
    public Dataset unversioned() {
      return version == null ? this : new Dataset(namespace, name, null);
    }

    @Override
    public NodeKind kind() {
      return NodeKind.DATASET;
    }

    @Override
    public String id() {
      String base =
          "dataset:" + NodeIdText.escape(namespace, "/@") + "/" + NodeIdText.escape(name, "@");
      return version == null ? base : base + "@" + NodeIdText.escape(version, "@");
    }
  }

  /** An OpenLineage job: a pipeline step identified by namespace and name. */
  record Job(String namespace, String name) implements NodeId {
    public Job {
      requireText(namespace, "job namespace");
      requireText(name, "job name");
    }

    @Override
    public NodeKind kind() {
      return NodeKind.JOB;
    }

    @Override
    public String id() {
      return "job:" + NodeIdText.escape(namespace, "/") + "/" + NodeIdText.escape(name, "");
    }
  }

  /** An MLflow run. */
  record Run(String runId) implements NodeId {
    public Run {
      requireText(runId, "run id");
    }

    @Override
    public NodeKind kind() {
      return NodeKind.RUN;
    }

    @Override
    public String id() {
      return "run:" + runId;
    }
  }

  /** A version of a registered model. */
  record Model(String name, long version) implements NodeId {
    public Model {
      requireText(name, "model name");
      if (version < 1) {
        throw MledgerException.invalidParameter(
            "A model version must be a positive integer, got " + version + ".");
      }
    }

    @Override
    public NodeKind kind() {
      return NodeKind.MODEL;
    }

    @Override
    public String id() {
      return "model:" + NodeIdText.escape(name, "") + "/" + version;
    }
  }

  /** A serving endpoint. */
  record Endpoint(String name) implements NodeId {
    public Endpoint {
      requireText(name, "endpoint name");
    }

    @Override
    public NodeKind kind() {
      return NodeKind.ENDPOINT;
    }

    @Override
    public String id() {
      return "endpoint:" + name;
    }
  }

  /** A code version, identified by its commit. */
  record Code(String commit) implements NodeId {
    public Code {
      requireText(commit, "code commit");
    }

    @Override
    public NodeKind kind() {
      return NodeKind.CODE;
    }

    @Override
    public String id() {
      return "code:" + commit;
    }
  }

  /** An artifact, identified by its URI. */
  record Artifact(String uri) implements NodeId {
    public Artifact {
      requireText(uri, "artifact URI");
    }

    @Override
    public NodeKind kind() {
      return NodeKind.ARTIFACT;
    }

    @Override
    public String id() {
      return "artifact:" + uri;
    }
  }

  /**
   * A software environment: runtime, operating system, processor model, GPUs and dependency lock,
   * identified by {@code Envelope.environmentFingerprint()}.
   */
  record Environment(String fingerprint) implements NodeId {
    public Environment {
      requireText(fingerprint, "environment fingerprint");
    }

    @Override
    public NodeKind kind() {
      return NodeKind.ENVIRONMENT;
    }

    @Override
    public String id() {
      return "environment:" + fingerprint;
    }
  }

  /** A version of a registered prompt ({@code prompts:/NAME/VERSION}). */
  record Prompt(String name, long version) implements NodeId {
    public Prompt {
      requireText(name, "prompt name");
      if (version < 1) {
        throw MledgerException.invalidParameter(
            "A prompt version must be a positive integer, got " + version + ".");
      }
    }

    /**
     * The prompt version a registry URI names ({@code prompts:/NAME/VERSION}); empty for alias URIs
     * ({@code prompts:/NAME@alias}), which name no fixed version, and for anything else.
     */
    public static java.util.Optional<Prompt> fromUri(String uri) {
      if (uri == null || !uri.trim().startsWith("prompts:/")) {
        return java.util.Optional.empty();
      }
      String rest = uri.trim().substring("prompts:/".length());
      int slash = rest.lastIndexOf('/');
      if (slash <= 0) {
        return java.util.Optional.empty();
      }
      try {
        long version = Long.parseLong(rest.substring(slash + 1));
        return version < 1
            ? java.util.Optional.empty()
            : java.util.Optional.of(new Prompt(rest.substring(0, slash), version));
      } catch (NumberFormatException e) {
        return java.util.Optional.empty();
      }
    }

    /** The prompt registry URI, {@code prompts:/NAME/VERSION}. */
    public String uri() {
      return "prompts:/" + name + "/" + version;
    }

    @Override
    public NodeKind kind() {
      return NodeKind.PROMPT;
    }

    @Override
    public String id() {
      return "prompt:" + NodeIdText.escape(name, "/@") + "/" + version;
    }
  }

  /**
   * An evaluation: the traces that answered evaluation set {@code evalSet} with prompt version
   * {@code prompt} using {@code model} (a {@code models:/NAME/VERSION} URI of a registered model,
   * or the model name the GenAI spans report). Prompt and model are null when the traces do not
   * say.
   */
  record Evaluation(String evalSet, Prompt prompt, String model) implements NodeId {
    public Evaluation {
      requireText(evalSet, "evaluation set");
      if (model != null && model.isEmpty()) {
        model = null;
      }
    }

    @Override
    public NodeKind kind() {
      return NodeKind.EVALUATION;
    }

    @Override
    public String id() {
      return "evaluation:"
          + NodeIdText.escape(evalSet, "/")
          + "/"
          + (prompt == null ? "" : NodeIdText.escape(prompt.name(), "/@") + "@" + prompt.version())
          + "/"
          + (model == null ? "" : NodeIdText.escape(model, "/"));
    }
  }

  /**
   * Parses a node id in one of the text forms above.
   *
   * @throws MledgerException INVALID_PARAMETER_VALUE naming the problem
   */
  static NodeId parse(String text) {
    if (text == null || text.isBlank()) {
      throw MledgerException.invalidParameter("A lineage node id is required, e.g. run:<run_id>.");
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw invalid(text, "it has no kind prefix");
    }
    String prefix = text.substring(0, colon);
    String rest = text.substring(colon + 1);
    if (rest.isEmpty()) {
      throw invalid(text, "nothing follows '" + prefix + ":'");
    }
    return switch (prefix) {
      case "dataset" -> parseDataset(text, rest);
      case "job" -> {
        int slash = slash(text, rest, "job:NAMESPACE/NAME");
        yield new Job(
            NodeIdText.unescape(rest.substring(0, slash), text),
            NodeIdText.unescape(rest.substring(slash + 1), text));
      }
      case "run" -> new Run(rest);
      case "model" -> parseModel(text, rest);
      case "endpoint" -> new Endpoint(rest);
      case "code" -> new Code(rest);
      case "artifact" -> new Artifact(rest);
      case "environment" -> new Environment(rest);
      case "prompt" -> parsePrompt(text, rest);
      case "evaluation" -> parseEvaluation(text, rest);
      default ->
          throw invalid(
              text,
              "unknown kind '"
                  + prefix
                  + "' (expected dataset, job, run, model, endpoint, code, artifact,"
                  + " environment, prompt or evaluation)");
    };
  }

  private static NodeId parseDataset(String text, String rest) {
    int slash = slash(text, rest, "dataset:NAMESPACE/NAME[@VERSION]");
    String namespace = NodeIdText.unescape(rest.substring(0, slash), text);
    String nameAndVersion = rest.substring(slash + 1);
    int at = nameAndVersion.indexOf('@');
    if (at < 0) {
      return new Dataset(namespace, NodeIdText.unescape(nameAndVersion, text), null);
    }
    String version = nameAndVersion.substring(at + 1);
    if (version.isEmpty()) {
      throw invalid(text, "the version after '@' is empty");
    }
    if (version.indexOf('@') >= 0) {
      throw invalid(text, "an '@' inside a dataset version must be escaped as %40");
    }
    return new Dataset(
        namespace,
        NodeIdText.unescape(nameAndVersion.substring(0, at), text),
        NodeIdText.unescape(version, text));
  }

  private static NodeId parseModel(String text, String rest) {
    int slash = rest.lastIndexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw invalid(text, "expected model:NAME/VERSION");
    }
    String version = rest.substring(slash + 1);
    long number;
    try {
      number = Long.parseLong(version);
    } catch (NumberFormatException e) {
      throw invalid(text, "the model version '" + version + "' is not a positive integer");
    }
    if (number < 1 || !version.equals(Long.toString(number))) {
      throw invalid(text, "the model version '" + version + "' is not a positive integer");
    }
    return new Model(NodeIdText.unescape(rest.substring(0, slash), text), number);
  }

  private static Prompt parsePrompt(String text, String rest) {
    int slash = rest.lastIndexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw invalid(text, "expected prompt:NAME/VERSION");
    }
    return new Prompt(
        NodeIdText.unescape(rest.substring(0, slash), text),
        positive(text, rest.substring(slash + 1), "prompt"));
  }

  private static Evaluation parseEvaluation(String text, String rest) {
    String[] parts = rest.split("/", -1);
    if (parts.length != 3 || parts[0].isEmpty()) {
      throw invalid(text, "expected evaluation:EVAL_SET/PROMPT_NAME@VERSION/MODEL");
    }
    Prompt prompt = null;
    if (!parts[1].isEmpty()) {
      int at = parts[1].lastIndexOf('@');
      if (at <= 0) {
        throw invalid(text, "the prompt part must be PROMPT_NAME@VERSION");
      }
      prompt =
          new Prompt(
              NodeIdText.unescape(parts[1].substring(0, at), text),
              positive(text, parts[1].substring(at + 1), "prompt"));
    }
    return new Evaluation(
        NodeIdText.unescape(parts[0], text),
        prompt,
        parts[2].isEmpty() ? null : NodeIdText.unescape(parts[2], text));
  }

  private static long positive(String text, String version, String what) {
    long number;
    try {
      number = Long.parseLong(version);
    } catch (NumberFormatException e) {
      throw invalid(text, "the " + what + " version '" + version + "' is not a positive integer");
    }
    if (number < 1 || !version.equals(Long.toString(number))) {
      throw invalid(text, "the " + what + " version '" + version + "' is not a positive integer");
    }
    return number;
  }

  private static int slash(String text, String rest, String form) {
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw invalid(text, "expected " + form);
    }
    return slash;
  }

  /** The error for an id that does not parse. */
  static MledgerException invalid(String text, String reason) {
    return MledgerException.invalidParameter(
        "Invalid lineage node id '" + text + "': " + reason + ".");
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isEmpty()) {
      throw MledgerException.invalidParameter("A " + what + " is required.");
    }
  }
}
