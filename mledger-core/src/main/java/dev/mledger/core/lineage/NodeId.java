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
      default ->
          throw invalid(
              text,
              "unknown kind '"
                  + prefix
                  + "' (expected dataset, job, run, model, endpoint, code or artifact)");
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
