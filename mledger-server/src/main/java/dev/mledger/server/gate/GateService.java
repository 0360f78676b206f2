package dev.mledger.server.gate;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.gate.GateDecision;
import dev.mledger.core.gate.GateDefinition;
import dev.mledger.core.gate.GateEvaluator;
import dev.mledger.core.gate.ModelEvidence;
import dev.mledger.core.gate.PromotionOverride;
import dev.mledger.core.gate.PromotionRecord;
import dev.mledger.core.gate.PromotionTarget;
import dev.mledger.core.gate.RecordedDecision;
import dev.mledger.core.gate.RuleOutcome;
import dev.mledger.core.registry.Approval;
import dev.mledger.core.registry.ChangeContext;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.RegistryChange;
import dev.mledger.core.registry.Stage;
import dev.mledger.core.registry.StageTransition;
import dev.mledger.store.Stores;
import dev.mledger.store.artifact.ArtifactStore;
import dev.mledger.store.registry.ModelRegistryStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Promotion gates over one database: evaluates gates for registered model versions, records and
 * approves decisions, enforces them on promotion, and plans rollbacks. The native HTTP API and the
 * command line both call this class.
 */
public final class GateService {
  /** The alias a gate compares with when no champion is named. */
  public static final String DEFAULT_CHAMPION_ALIAS = "champion";

  private final Stores stores;
  private final Clock clock;
  private final EvidenceCollector evidence;
  private final DependencyClosure closure;

  public GateService(Stores stores, Clock clock, ArtifactLocator artifacts) {
    this.stores = stores;
    this.clock = clock;
    this.evidence = new EvidenceCollector(stores.tracking());
    this.closure = new DependencyClosure(stores, artifacts);
  }

  /** A service on the system clock that can check local artifact paths. */
  public GateService(Stores stores) {
    this(stores, Clock.systemUTC(), ArtifactLocator.localFiles());
  }

  /**
   * A service on the system clock that checks local artifact paths and, with {@code artifacts}, the
   * {@code mlflow-artifacts:} locations this server's artifact proxy serves.
   *
   * @param artifacts the proxy's store ({@code ServerConfig.artifacts()}); null when there is none
   */
  public GateService(Stores stores, ArtifactStore artifacts) {
    this(stores, Clock.systemUTC(), ArtifactLocator.serving(artifacts));
  }

  /**
   * Evaluates {@code gate} for each candidate version against the champion and records one decision
   * per candidate. The candidates form one multiple-comparison family.
   *
   * @param champion a version number or an alias; {@code null} means the {@value
   *     #DEFAULT_CHAMPION_ALIAS} alias if it is set, and no champion otherwise
   */
  public List<RecordedDecision> evaluate(
      GateDefinition gate, String model, List<String> candidates, String champion) {
    if (candidates == null || candidates.isEmpty()) {
      throw MledgerException.invalidParameter("Name at least one candidate version.");
    }
    ModelRegistryStore registry = stores.registry();
    List<ModelEvidence> candidateEvidence = new ArrayList<>();
    for (String candidate : candidates) {
      candidateEvidence.add(evidence.collect(registry.getModelVersion(model, number(candidate))));
    }
    ModelVersion championVersion = resolveChampion(model, champion);
    ModelEvidence championEvidence =
        championVersion == null ? null : evidence.collect(championVersion);
    List<GateDecision> decisions =
        GateEvaluator.evaluateAll(gate, candidateEvidence, championEvidence, clock.instant());
    List<RecordedDecision> recorded = new ArrayList<>();
    for (GateDecision decision : decisions) {
      recorded.add(stores.decisions().record(decision));
    }
    return recorded;
  }

  public RecordedDecision decision(String id) {
    return stores.decisions().get(id);
  }

  public List<RecordedDecision> decisions(String model, String version) {
    return stores.decisions().list(model, version);
  }

  public RecordedDecision approve(String id, String approver, String comment) {
    return stores.decisions().approve(id, approver, comment);
  }

  /** What a promotion did. */
  public record Promotion(PromotionRecord record, ModelVersion version) {}

  /**
   * Promotes {@code version} to {@code target} after checking that a decision authorizes it: the
   * newest decision about the version (or {@code decisionId}, which must be that one) passed, is
   * approved, and was evaluated against the version that holds the target now. With an {@code
   * override} the checks are skipped and the override is recorded.
   *
   * @throws MledgerException RESOURCE_CONFLICT (409) when no decision authorizes the promotion
   */
  public Promotion promote(
      String model,
      String version,
      PromotionTarget target,
      String decisionId,
      PromotionOverride override,
      String actor) {
    ModelVersion mv = stores.registry().getModelVersion(model, number(version));
    String who = actor == null || actor.isBlank() ? ChangeContext.UNKNOWN_ACTOR : actor;
    RecordedDecision decision =
        override == null
            ? authorizingDecision(mv, target, decisionId)
            : (decisionId == null ? null : stores.decisions().get(decisionId));
    ChangeContext context =
        new ChangeContext(
            who,
            override == null
                ? "promoted by gate decision " + decision.id()
                : "override: " + override.reason(),
            decision == null || decision.approvals().isEmpty()
                ? null
                : new Approval(
                    decision.approvals().get(0).approver(), "gate-decision:" + decision.id()));
    ModelVersion promoted = apply(mv, target, context);
    PromotionRecord record =
        stores
            .decisions()
            .recordPromotion(
                model, version, target, decision == null ? null : decision.id(), override, who);
    return new Promotion(record, promoted);
  }

  private RecordedDecision authorizingDecision(
      ModelVersion mv, PromotionTarget target, String decisionId) {
    String subject = "model '" + mv.name() + "' version " + mv.version();
    List<RecordedDecision> decisions = stores.decisions().list(mv.name(), mv.version());
    if (decisions.isEmpty()) {
      throw conflict(
          "No gate decision exists for "
              + subject
              + ". Evaluate a gate first, or promote with an explicit override {reason, actor}.");
    }
    RecordedDecision latest = decisions.get(0);
    RecordedDecision chosen = latest;
    if (decisionId != null) {
      chosen = stores.decisions().get(decisionId);
      if (!chosen.decision().modelName().equals(mv.name())
          || !chosen.decision().candidateVersion().equals(mv.version())) {
        throw MledgerException.invalidParameter(
            "Decision "
                + decisionId
                + " is about model '"
                + chosen.decision().modelName()
                + "' version "
                + chosen.decision().candidateVersion()
                + ", not "
                + subject
                + ".");
      }
      if (!chosen.id().equals(latest.id())) {
        throw conflict(
            "Decision "
                + decisionId
                + " is superseded by the newer decision "
                + latest.id()
                + " for "
                + subject
                + ".");
      }
    }
    if (!chosen.decision().passed()) {
      throw conflict(
          "The latest gate decision "
              + chosen.id()
              + " for "
              + subject
              + " did not pass: "
              + chosen.decision().failures().stream()
                  .map(RuleOutcome::reason)
                  .collect(Collectors.joining(" "))
              + " Promotion needs a passing decision or an explicit override.");
    }
    if (chosen.approvals().isEmpty()) {
      throw conflict(
          "Gate decision "
              + chosen.id()
              + " for "
              + subject
              + " passed but is not approved yet; approve it first (mledger gate approve "
              + chosen.id()
              + ").");
    }
    String holder = currentHolder(mv.name(), target);
    String compared = chosen.decision().championVersion();
    if (holder != null && !holder.equals(mv.version()) && !holder.equals(compared)) {
      throw conflict(
          "Gate decision "
              + chosen.id()
              + " compared "
              + subject
              + " with "
              + (compared == null ? "no champion" : "version " + compared)
              + ", but "
              + target.kind()
              + " '"
              + target.name()
              + "' is now held by version "
              + holder
              + "; evaluate the gate again.");
    }
    return chosen;
  }

  private ModelVersion apply(ModelVersion mv, PromotionTarget target, ChangeContext context) {
    ModelRegistryStore registry = stores.registry();
    if (target instanceof PromotionTarget.Alias alias) {
      registry.setAlias(mv.name(), alias.name(), mv.versionNumber(), context);
      return registry.getModelVersion(mv.name(), mv.versionNumber());
    }
    Stage stage = Stage.parse(target.name());
    return registry.transitionStage(
        mv.name(), mv.versionNumber(), stage, Stage.ACTIVE.contains(stage), context);
  }

  /** The version holding {@code target} now, or {@code null}. */
  String currentHolder(String model, PromotionTarget target) {
    if (target instanceof PromotionTarget.Alias alias) {
      // The registry answers an unknown alias as MLflow does (INVALID_PARAMETER_VALUE); the
      // model's alias list tells "not set" apart from real errors.
      return stores.registry().getRegisteredModel(model).aliases().stream()
          .filter(a -> a.alias().equals(alias.name()))
          .map(a -> a.version())
          .findFirst()
          .orElse(null);
    }
    Stage stage = Stage.parse(target.name());
    List<ModelVersion> latest = stores.registry().getLatestVersions(model, List.of(stage));
    return latest.isEmpty() ? null : latest.get(0).version();
  }

  /** The versions that held {@code target} before, newest first, with their checked closure. */
  public record RollbackPlan(
      String model, PromotionTarget target, String current, List<RollbackCandidate> candidates) {
    public RollbackPlan {
      candidates = List.copyOf(candidates);
    }
  }

  /** Lists the rollback candidates for {@code target}, newest previous holder first. */
  public RollbackPlan rollbackCandidates(String model, PromotionTarget target) {
    String current = currentHolder(model, target);
    List<StageTransition> history = new ArrayList<>(stores.registry().history(model));
    Set<String> previous = new LinkedHashSet<>();
    for (int i = history.size() - 1; i >= 0; i--) {
      String version = heldVersion(history.get(i), target);
      if (version != null && !version.equals(current)) {
        previous.add(version);
      }
    }
    List<RollbackCandidate> candidates = new ArrayList<>();
    for (String version : previous) {
      candidates.add(new RollbackCandidate(version, closure.check(model, version)));
    }
    return new RollbackPlan(model, target, current, candidates);
  }

  /** The version that {@code entry} put into {@code target}, or {@code null}. */
  private static String heldVersion(StageTransition entry, PromotionTarget target) {
    RegistryChange change = entry.change();
    if (target instanceof PromotionTarget.Alias alias
        && change instanceof RegistryChange.AliasChange a
        && a.alias().equals(alias.name())) {
      return a.newVersion();
    }
    if (target instanceof PromotionTarget.Stage stage
        && change instanceof RegistryChange.StageChange s
        && s.to() == Stage.parse(stage.name())) {
      return entry.version();
    }
    return null;
  }

  /**
   * Moves {@code target} back to the newest previous holder whose dependency closure resolves,
   * recording the rollback as an override by {@code actor}.
   *
   * @param strict also refuse versions with dependencies that cannot be verified here
   * @throws MledgerException INVALID_STATE naming every unresolved item when no version qualifies
   */
  public Promotion rollback(
      String model, PromotionTarget target, String actor, String reason, boolean strict) {
    RollbackPlan plan = rollbackCandidates(model, target);
    if (plan.candidates().isEmpty()) {
      throw MledgerException.invalidState(
          "Model '"
              + model
              + "' has no previous version that held "
              + target.kind()
              + " '"
              + target.name()
              + "'; nothing to roll back to.");
    }
    List<String> refusals = new ArrayList<>();
    for (RollbackCandidate candidate : plan.candidates()) {
      if (candidate.resolves(strict)) {
        String why =
            "rollback from version "
                + (plan.current() == null ? "none" : plan.current())
                + " to version "
                + candidate.version()
                + (reason == null || reason.isBlank() ? "" : ": " + reason);
        String who = actor == null || actor.isBlank() ? ChangeContext.UNKNOWN_ACTOR : actor;
        return promote(
            model, candidate.version(), target, null, new PromotionOverride(why, who), who);
      }
      refusals.add(
          "version "
              + candidate.version()
              + " ("
              + candidate.blocking(strict).stream()
                  .map(i -> i.kind() + " " + i.item() + ": " + i.detail())
                  .collect(Collectors.joining("; "))
              + ")");
    }
    throw MledgerException.invalidState(
        "No previous version of model '"
            + model
            + "' can be rolled back to; unresolved dependencies: "
            + String.join("; ", refusals)
            + ".");
  }

  ModelVersion resolveChampion(String model, String champion) {
    if (champion == null || champion.isBlank()) {
      String holder = currentHolder(model, new PromotionTarget.Alias(DEFAULT_CHAMPION_ALIAS));
      return holder == null ? null : stores.registry().getModelVersion(model, number(holder));
    }
    if (champion.chars().allMatch(Character::isDigit)) {
      return stores.registry().getModelVersion(model, number(champion));
    }
    return stores.registry().getModelVersionByAlias(model, champion);
  }

  Stores stores() {
    return stores;
  }

  Instant now() {
    return clock.instant();
  }

  static long number(String version) {
    try {
      long v = Long.parseLong(version.trim());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException | NullPointerException e) {
      // reported below
    }
    throw MledgerException.invalidParameter(
        "A model version is a positive integer, got '" + version + "'.");
  }

  private static MledgerException conflict(String message) {
    return new MledgerException(ErrorCode.RESOURCE_CONFLICT, message);
  }
}
