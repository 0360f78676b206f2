package dev.mledger.store.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.registry.Approval;
import dev.mledger.core.registry.ChangeContext;
import dev.mledger.core.registry.ModelUri;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.ModelVersionStatus;
import dev.mledger.core.registry.ModelVersionTag;
import dev.mledger.core.registry.RegisteredModel;
import dev.mledger.core.registry.RegisteredModelAlias;
import dev.mledger.core.registry.RegisteredModelTag;
import dev.mledger.core.registry.RegistryChange;
import dev.mledger.core.registry.Stage;
import dev.mledger.core.registry.StageTransition;
import dev.mledger.core.search.ModelVersionFilterParser;
import dev.mledger.core.search.PageToken;
import dev.mledger.core.search.RegisteredModelFilterParser;
import dev.mledger.core.search.RegistryOrderByParser;
import dev.mledger.core.tracking.Page;
import dev.mledger.store.Stores;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ModelRegistryStore} must have, written against the SPI only and run on
 * SQLite and PostgreSQL. Semantics follow MLflow 2.17's registry SqlAlchemyStore (codes, messages,
 * latest-version and archive rules, search order); the history rules are mledger's.
 */
public abstract class ModelRegistryStoreContract {
  private static final ChangeContext ALICE =
      new ChangeContext("alice", "validated on holdout", null);

  protected Stores stores;
  protected ModelRegistryStore store;

  /** Opens stores over a fresh, empty database; each call yields an independent database. */
  protected abstract Stores openEmptyStores();

  @BeforeEach
  void open() {
    stores = openEmptyStores();
    store = stores.registry();
  }

  @AfterEach
  void close() {
    if (stores != null) {
      stores.close();
    }
  }

  // ---- registered models ----------------------------------------------------------------------

  @Test
  void createdModelsCanBeReadBackWithTagsAndDescription() {
    RegisteredModel created =
        store.createRegisteredModel(
            "churn",
            List.of(
                new RegisteredModelTag("team", "a"),
                new RegisteredModelTag("team", "b"),
                new RegisteredModelTag("domain", "retail")),
            "predicts churn");
    assertThat(created.name()).isEqualTo("churn");
    assertThat(created.creationTimestamp()).isPositive();
    assertThat(created.lastUpdatedTimestamp()).isEqualTo(created.creationTimestamp());
    assertThat(created.tags())
        .containsExactly(
            new RegisteredModelTag("domain", "retail"), new RegisteredModelTag("team", "b"));
    assertThat(store.getRegisteredModel("churn")).isEqualTo(created);
  }

  @Test
  void duplicateAndMissingModelsFailWithMlflowCodes() {
    store.createRegisteredModel("m", List.of(), null);
    assertError(
            ErrorCode.RESOURCE_ALREADY_EXISTS,
            () -> store.createRegisteredModel("m", List.of(), null))
        .hasMessage("Registered Model (name=m) already exists.");
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.getRegisteredModel("nope"))
        .hasMessage("Registered Model with name=nope not found");
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.getRegisteredModel("M"));
  }

  @Test
  void updateSetsAndClearsTheDescription() {
    store.createRegisteredModel("m", List.of(), "old");
    assertThat(store.updateRegisteredModel("m", "new").description()).isEqualTo("new");
    assertThat(store.updateRegisteredModel("m", null).description()).isNull();
  }

  @Test
  void renameMovesVersionsTagsAliasesAndHistory() {
    store.createRegisteredModel("old", List.of(new RegisteredModelTag("k", "v")), null);
    version("old", "s3://b/1");
    version("old", "s3://b/2");
    store.setModelVersionTag("old", 2, new ModelVersionTag("t", "x"));
    store.setAlias("old", "champion", 2, ALICE);
    store.transitionStage("old", 1, Stage.PRODUCTION, false, ALICE);

    RegisteredModel renamed = store.renameRegisteredModel("old", "new");
    assertThat(renamed.name()).isEqualTo("new");
    assertThat(renamed.tags()).containsExactly(new RegisteredModelTag("k", "v"));
    assertThat(renamed.aliases()).containsExactly(new RegisteredModelAlias("champion", "2"));
    ModelVersion v2 = store.getModelVersion("new", 2);
    assertThat(v2.name()).isEqualTo("new");
    assertThat(v2.tags()).containsExactly(new ModelVersionTag("t", "x"));
    assertThat(v2.aliases()).containsExactly("champion");
    assertThat(store.history("new")).hasSize(2).allMatch(e -> e.modelName().equals("new"));
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.getRegisteredModel("old"));

    store.createRegisteredModel("taken", List.of(), null);
    assertError(
            ErrorCode.RESOURCE_ALREADY_EXISTS, () -> store.renameRegisteredModel("new", "taken"))
        .hasMessage("Registered Model (name=taken) already exists.");
    assertThat(store.renameRegisteredModel("new", "new").name()).isEqualTo("new");
  }

  @Test
  void deletingAModelRemovesItsVersionsButKeepsItsHistory() {
    store.createRegisteredModel("m", List.of(), null);
    version("m", "s3://b/1");
    store.setAlias("m", "champion", 1, ALICE);
    store.deleteRegisteredModel("m", ChangeContext.by("bob"));

    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.getRegisteredModel("m"));
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.getModelVersion("m", 1));
    List<StageTransition> history = store.history("m");
    assertThat(history)
        .extracting(StageTransition::change)
        .containsExactly(
            new RegistryChange.AliasChange("champion", null, "1"),
            new RegistryChange.AliasChange("champion", "1", null));
    assertThat(history.get(1).actor()).isEqualTo("bob");

    // A new model of the same name starts again at version 1, with the old history still there.
    store.createRegisteredModel("m", List.of(), null);
    assertThat(version("m", "s3://b/new").version()).isEqualTo("1");
    assertThat(store.history("m")).hasSize(2);
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.deleteRegisteredModel("x", ALICE));
  }

  @Test
  void modelTagsAreUpsertedAndDeleted() {
    store.createRegisteredModel("m", List.of(), null);
    store.setRegisteredModelTag("m", new RegisteredModelTag("k", "1"));
    store.setRegisteredModelTag("m", new RegisteredModelTag("k", "2"));
    store.setRegisteredModelTag("m", new RegisteredModelTag("empty", ""));
    assertThat(store.getRegisteredModel("m").tags())
        .containsExactly(new RegisteredModelTag("empty", ""), new RegisteredModelTag("k", "2"));
    store.deleteRegisteredModelTag("m", "k");
    store.deleteRegisteredModelTag("m", "absent");
    assertThat(store.getRegisteredModel("m").tags())
        .extracting(RegisteredModelTag::key)
        .containsExactly("empty");
    assertError(
        ErrorCode.RESOURCE_DOES_NOT_EXIST,
        () -> store.setRegisteredModelTag("x", new RegisteredModelTag("k", "v")));
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.deleteRegisteredModelTag("x", "k"));
  }

  // ---- model versions -------------------------------------------------------------------------

  @Test
  void versionsAreNumberedPerModelAndNeverReused() {
    store.createRegisteredModel("a", List.of(), null);
    store.createRegisteredModel("b", List.of(), null);
    ModelVersion a1 =
        store.createModelVersion(
            new NewModelVersion(
                "a",
                "runs:/abc/model",
                "abc",
                List.of(new ModelVersionTag("k", "v")),
                "http://x/run",
                "first",
                "carol"));
    assertThat(a1.version()).isEqualTo("1");
    assertThat(a1.currentStage()).isEqualTo(Stage.NONE);
    assertThat(a1.status()).isEqualTo(ModelVersionStatus.READY);
    assertThat(a1.source()).isEqualTo("runs:/abc/model");
    assertThat(a1.runId()).isEqualTo("abc");
    assertThat(a1.runLink()).isEqualTo("http://x/run");
    assertThat(a1.description()).isEqualTo("first");
    assertThat(a1.userId()).isEqualTo("carol");
    assertThat(a1.tags()).containsExactly(new ModelVersionTag("k", "v"));
    assertThat(a1.aliases()).isEmpty();
    assertThat(store.getModelVersion("a", 1)).isEqualTo(a1);

    assertThat(version("a", "s3://x").version()).isEqualTo("2");
    assertThat(version("b", "s3://x").version()).isEqualTo("1");
    store.deleteModelVersion("a", 2, ALICE);
    assertThat(version("a", "s3://x").version()).isEqualTo("3");
    assertThat(store.getRegisteredModel("a").lastUpdatedTimestamp())
        .isGreaterThanOrEqualTo(a1.creationTimestamp());
  }

  @Test
  void missingVersionsAndModelsFailWithMlflowMessages() {
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> version("none", "s3://x"))
        .hasMessage("Registered Model with name=none not found");
    store.createRegisteredModel("m", List.of(), null);
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.getModelVersion("m", 7))
        .hasMessage("Model Version (name=m, version=7) not found");
    version("m", "s3://x");
    store.deleteModelVersion("m", 1, ALICE);
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.getModelVersion("m", 1));
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.deleteModelVersion("m", 1, ALICE));
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.getModelVersionDownloadUri("m", 1));
    assertError(
        ErrorCode.RESOURCE_DOES_NOT_EXIST,
        () -> store.transitionStage("m", 1, Stage.STAGING, false, ALICE));
  }

  @Test
  void updateModelVersionSetsTheDescriptionAsMlflowDoes() {
    store.createRegisteredModel("m", List.of(), null);
    version("m", "s3://x");
    assertThat(store.updateModelVersion("m", 1, "better").description()).isEqualTo("better");
    assertThat(store.updateModelVersion("m", 1, null).description()).isNull();
  }

  @Test
  void downloadUriIsTheSourceOrWhatAModelsUriSourcePointsAt() {
    store.createRegisteredModel("m", List.of(), null);
    version("m", "s3://bucket/model");
    assertThat(store.getModelVersionDownloadUri("m", 1)).isEqualTo("s3://bucket/model");
    store.setAlias("m", "champion", 1, ALICE);
    store.createRegisteredModel("copy", List.of(), null);
    ModelVersion copied = version("copy", "models:/m@champion");
    assertThat(copied.source()).isEqualTo("models:/m@champion");
    assertThat(store.getModelVersionDownloadUri("copy", 1)).isEqualTo("s3://bucket/model");
    assertError(ErrorCode.INVALID_PARAMETER_VALUE, () -> version("copy", "models:/m/9"))
        .hasMessageStartingWith(
            "Unable to fetch model from model URI source artifact location 'models:/m/9'");
  }

  @Test
  void versionTagsAreUpsertedAndDeleted() {
    store.createRegisteredModel("m", List.of(), null);
    version("m", "s3://x");
    store.setModelVersionTag("m", 1, new ModelVersionTag("k", "1"));
    store.setModelVersionTag("m", 1, new ModelVersionTag("k", "2"));
    assertThat(store.getModelVersion("m", 1).tags()).containsExactly(new ModelVersionTag("k", "2"));
    store.deleteModelVersionTag("m", 1, "k");
    store.deleteModelVersionTag("m", 1, "k");
    assertThat(store.getModelVersion("m", 1).tags()).isEmpty();
    assertError(
        ErrorCode.RESOURCE_DOES_NOT_EXIST,
        () -> store.setModelVersionTag("m", 2, new ModelVersionTag("k", "v")));
  }

  @Test
  void concurrentRegistrationsGetDistinctConsecutiveNumbers() throws Exception {
    store.createRegisteredModel("m", List.of(), null);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<ModelVersion>> futures = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        int n = i;
        Callable<ModelVersion> task = () -> version("m", "s3://x/" + n);
        futures.add(pool.submit(task));
      }
      Set<String> numbers = new java.util.HashSet<>();
      for (Future<ModelVersion> f : futures) {
        numbers.add(f.get(60, TimeUnit.SECONDS).version());
      }
      assertThat(numbers).hasSize(24);
      assertThat(numbers.stream().mapToLong(Long::parseLong).max().orElseThrow()).isEqualTo(24);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- stages and latest versions --------------------------------------------------------------

  @Test
  void latestVersionsArePerStageInMlflowOrder() {
    store.createRegisteredModel("m", List.of(), null);
    for (int i = 1; i <= 5; i++) {
      version("m", "s3://x/" + i);
    }
    store.transitionStage("m", 2, Stage.PRODUCTION, false, ALICE);
    store.transitionStage("m", 3, Stage.STAGING, false, ALICE);
    store.transitionStage("m", 4, Stage.PRODUCTION, false, ALICE);
    store.setAlias("m", "champion", 4, ALICE);

    // Stage order follows the lowest version in each stage: None (1), Production (2), Staging (3).
    assertThat(store.getRegisteredModel("m").latestVersions())
        .extracting(ModelVersion::version, ModelVersion::currentStage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("5", Stage.NONE),
            org.assertj.core.groups.Tuple.tuple("4", Stage.PRODUCTION),
            org.assertj.core.groups.Tuple.tuple("3", Stage.STAGING));
    assertThat(store.getRegisteredModel("m").latestVersions()).allMatch(v -> v.aliases().isEmpty());

    List<ModelVersion> production = store.getLatestVersions("m", List.of(Stage.PRODUCTION));
    assertThat(production).extracting(ModelVersion::version).containsExactly("4");
    assertThat(production.get(0).aliases()).containsExactly("champion");
    assertThat(store.getLatestVersions("m", List.of())).hasSize(3);
    assertThat(store.getLatestVersions("m", List.of(Stage.ARCHIVED))).isEmpty();
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.getLatestVersions("x", List.of()));
  }

  @Test
  void archiveExistingVersionsArchivesTheOthersInTheTargetStageAndRecordsEachMove() {
    store.createRegisteredModel("m", List.of(), null);
    for (int i = 1; i <= 4; i++) {
      version("m", "s3://x/" + i);
    }
    store.transitionStage("m", 1, Stage.PRODUCTION, false, ALICE);
    store.transitionStage("m", 2, Stage.PRODUCTION, false, ALICE);
    store.transitionStage("m", 3, Stage.STAGING, false, ALICE);
    ChangeContext approved =
        new ChangeContext("bob", "beats v2 by 3%", new Approval("carol", "GATE-17"));
    ModelVersion promoted = store.transitionStage("m", 4, Stage.PRODUCTION, true, approved);

    assertThat(promoted.currentStage()).isEqualTo(Stage.PRODUCTION);
    assertThat(store.getModelVersion("m", 1).currentStage()).isEqualTo(Stage.ARCHIVED);
    assertThat(store.getModelVersion("m", 2).currentStage()).isEqualTo(Stage.ARCHIVED);
    assertThat(store.getModelVersion("m", 3).currentStage()).isEqualTo(Stage.STAGING);

    List<StageTransition> history = store.history("m");
    assertThat(history).hasSize(6);
    List<StageTransition> last = history.subList(3, 6);
    assertThat(last)
        .extracting(StageTransition::version, StageTransition::change)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "1", new RegistryChange.StageChange(Stage.PRODUCTION, Stage.ARCHIVED)),
            org.assertj.core.groups.Tuple.tuple(
                "2", new RegistryChange.StageChange(Stage.PRODUCTION, Stage.ARCHIVED)),
            org.assertj.core.groups.Tuple.tuple(
                "4", new RegistryChange.StageChange(Stage.NONE, Stage.PRODUCTION)));
    assertThat(last).allMatch(e -> e.actor().equals("bob"));
    assertThat(last).allMatch(e -> new Approval("carol", "GATE-17").equals(e.approval()));
    assertThat(last.get(0).reason())
        .isEqualTo("archive_existing_versions: version 4 moved to Production: beats v2 by 3%");
    assertThat(last.get(2).reason()).isEqualTo("beats v2 by 3%");
    assertThat(history.get(0).sequence()).isLessThan(history.get(5).sequence());
    assertThat(history.get(5).timestamp()).isPositive();
  }

  @Test
  void archivingNeedsAnActiveTargetStage() {
    store.createRegisteredModel("m", List.of(), null);
    version("m", "s3://x");
    assertError(
            ErrorCode.INVALID_PARAMETER_VALUE,
            () -> store.transitionStage("m", 1, Stage.ARCHIVED, true, ALICE))
        .hasMessage(
            "Model version transition cannot archive existing model versions because 'Archived'"
                + " is not an Active stage. Valid stages are ['Staging', 'Production']");
    assertThat(store.history("m")).isEmpty();
  }

  // ---- aliases ----------------------------------------------------------------------------------

  @Test
  void aliasesPointAtVersionsMoveAndAreRecorded() {
    store.createRegisteredModel("m", List.of(), null);
    version("m", "s3://1");
    version("m", "s3://2");
    store.setAlias("m", "champion", 1, ALICE);
    store.setAlias("m", "challenger", 2, ALICE);
    assertThat(store.getModelVersionByAlias("m", "champion").version()).isEqualTo("1");
    assertThat(store.getRegisteredModel("m").aliases())
        .containsExactly(
            new RegisteredModelAlias("challenger", "2"), new RegisteredModelAlias("champion", "1"));

    store.setAlias("m", "champion", 2, ChangeContext.by("bob").withReason("promoted"));
    ModelVersion v2 = store.getModelVersion("m", 2);
    assertThat(v2.aliases()).containsExactly("challenger", "champion");
    assertThat(store.getModelVersion("m", 1).aliases()).isEmpty();

    store.deleteAlias("m", "challenger", ALICE);
    store.deleteAlias("m", "never-set", ALICE);
    assertError(
            ErrorCode.INVALID_PARAMETER_VALUE,
            () -> store.getModelVersionByAlias("m", "challenger"))
        .hasMessage("Registered model alias challenger not found.");

    assertThat(store.history("m"))
        .extracting(StageTransition::change)
        .containsExactly(
            new RegistryChange.AliasChange("champion", null, "1"),
            new RegistryChange.AliasChange("challenger", null, "2"),
            new RegistryChange.AliasChange("champion", "1", "2"),
            new RegistryChange.AliasChange("challenger", "2", null));
    StageTransition moved = store.history("m").get(2);
    assertThat(moved.actor()).isEqualTo("bob");
    assertThat(moved.reason()).isEqualTo("promoted");
    assertThat(moved.version()).isEqualTo("2");
  }

  @Test
  void aliasesNeedALiveVersionAndDisappearWithIt() {
    store.createRegisteredModel("m", List.of(), null);
    version("m", "s3://1");
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.setAlias("m", "a", 2, ALICE));
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.setAlias("x", "a", 1, ALICE));
    assertError(ErrorCode.RESOURCE_DOES_NOT_EXIST, () -> store.deleteAlias("x", "a", ALICE));
    store.setAlias("m", "a", 1, ALICE);
    store.deleteModelVersion("m", 1, ChangeContext.by("dave"));
    assertThat(store.getRegisteredModel("m").aliases()).isEmpty();
    assertThat(store.history("m").get(1).change())
        .isEqualTo(new RegistryChange.AliasChange("a", "1", null));
    assertThat(store.history("m").get(1).actor()).isEqualTo("dave");
  }

  @Test
  void modelsUrisResolveToVersions() {
    store.createRegisteredModel("m", List.of(), null);
    version("m", "s3://1");
    version("m", "s3://2");
    version("m", "s3://3");
    store.transitionStage("m", 2, Stage.STAGING, false, ALICE);
    store.setAlias("m", "champion", 1, ALICE);
    assertThat(store.resolve(ModelUri.parse("models:/m/2")).source()).isEqualTo("s3://2");
    assertThat(store.resolve(ModelUri.parse("models:/m@champion")).version()).isEqualTo("1");
    assertThat(store.resolve(ModelUri.parse("models:/m/staging")).version()).isEqualTo("2");
    assertThat(store.resolve(ModelUri.parse("models:/m/latest")).version()).isEqualTo("3");
    assertError(
            ErrorCode.RESOURCE_DOES_NOT_EXIST,
            () -> store.resolve(ModelUri.parse("models:/m/Production")))
        .hasMessage("No versions of model with name 'm' and stage 'Production' found");
  }

  // ---- search -----------------------------------------------------------------------------------

  @Test
  void searchRegisteredModelsFiltersOrdersAndPages() {
    for (String name : List.of("beta", "alpha", "Gamma", "delta")) {
      store.createRegisteredModel(
          name, List.of(new RegisteredModelTag("team", name.length() > 4 ? "big" : "small")), null);
    }
    assertThat(names(searchModels(null, 10, List.of(), 0).items()))
        .containsExactly("Gamma", "alpha", "beta", "delta");
    assertThat(names(searchModels("name LIKE '%a'", 10, List.of(), 0).items()))
        .containsExactly("Gamma", "alpha", "beta", "delta");
    assertThat(names(searchModels("name LIKE 'g%'", 10, List.of(), 0).items())).isEmpty();
    assertThat(names(searchModels("name ILIKE 'g%'", 10, List.of(), 0).items()))
        .containsExactly("Gamma");
    assertThat(
            names(searchModels("tags.team = 'small' AND name != 'beta'", 10, List.of(), 0).items()))
        .isEmpty();
    assertThat(names(searchModels("tags.team = 'big'", 10, List.of("name DESC"), 0).items()))
        .containsExactly("delta", "alpha", "Gamma");

    Page<RegisteredModel> first = searchModels(null, 3, List.of(), 0);
    assertThat(first.items()).hasSize(3);
    assertThat(first.nextPageToken()).isEqualTo(PageToken.encode(3));
    Page<RegisteredModel> second = searchModels(null, 3, List.of(), 3);
    assertThat(names(second.items())).containsExactly("delta");
    assertThat(second.nextPageToken()).isNull();
  }

  @Test
  void searchRegisteredModelsOrdersByLastUpdate() throws InterruptedException {
    store.createRegisteredModel("a", List.of(), null);
    Thread.sleep(3);
    store.createRegisteredModel("b", List.of(), null);
    Thread.sleep(3);
    store.updateRegisteredModel("a", "touched");
    assertThat(names(searchModels(null, 10, List.of("timestamp DESC"), 0).items()))
        .containsExactly("a", "b");
    assertThat(names(searchModels(null, 10, List.of("last_updated_timestamp"), 0).items()))
        .containsExactly("b", "a");
  }

  @Test
  void searchModelVersionsFiltersByEveryMlflowKey() {
    store.createRegisteredModel("m", List.of(), null);
    store.createRegisteredModel("other", List.of(), null);
    store.createModelVersion(
        new NewModelVersion(
            "m",
            "runs:/aaa/model",
            "aaa",
            List.of(new ModelVersionTag("q", "good")),
            null,
            null,
            null));
    store.createModelVersion(
        new NewModelVersion("m", "s3://b/2", "bbb", List.of(), null, null, null));
    store.createModelVersion(
        new NewModelVersion("other", "s3://b/o", "aaa", List.of(), null, null, null));
    store.createModelVersion(
        new NewModelVersion("m", "s3://b/4", null, List.of(), null, null, null));
    store.deleteModelVersion("m", 3, ALICE);

    assertThat(keys(searchVersions("name = 'm'"))).containsExactlyInAnyOrder("m/1", "m/2");
    assertThat(keys(searchVersions("run_id = 'aaa'"))).containsExactlyInAnyOrder("m/1", "other/1");
    assertThat(keys(searchVersions("run_id IN ('aaa', 'bbb', 'AAA')")))
        .containsExactlyInAnyOrder("m/1", "m/2", "other/1");
    assertThat(keys(searchVersions("source_path LIKE 's3://%'")))
        .containsExactlyInAnyOrder("m/2", "other/1");
    assertThat(keys(searchVersions("name = 'm' AND version_number >= 2"))).containsExactly("m/2");
    assertThat(keys(searchVersions("tags.q = 'good'"))).containsExactly("m/1");
    assertThat(keys(searchVersions("tags.q != 'good'"))).isEmpty();
    assertThat(keys(searchVersions("name = 'other' OR tags.q LIKE 'go%'")))
        .containsExactlyInAnyOrder("m/1", "other/1");
    // Searches return versions without aliases, as MLflow's do.
    store.setAlias("m", "champion", 1, ALICE);
    assertThat(searchVersions("name = 'm'").items()).allMatch(v -> v.aliases().isEmpty());
  }

  @Test
  void searchModelVersionsOrdersAndPagesLikeMlflow() throws InterruptedException {
    store.createRegisteredModel("a", List.of(), null);
    store.createRegisteredModel("b", List.of(), null);
    version("a", "s3://1");
    Thread.sleep(3);
    version("b", "s3://1");
    Thread.sleep(3);
    version("a", "s3://2");
    // Default: last update descending.
    assertThat(keys(searchVersions(null))).containsExactly("a/2", "b/1", "a/1");
    Page<ModelVersion> byName =
        store.searchModelVersions(
            new ModelVersionSearch(
                null, 2, RegistryOrderByParser.forModelVersions(List.of("name")), 0));
    assertThat(keys(byName)).containsExactly("a/2", "a/1");
    assertThat(byName.nextPageToken()).isEqualTo(PageToken.encode(2));
    Page<ModelVersion> rest =
        store.searchModelVersions(
            new ModelVersionSearch(
                null, 2, RegistryOrderByParser.forModelVersions(List.of("name")), 2));
    assertThat(keys(rest)).containsExactly("b/1");
    assertThat(rest.nextPageToken()).isNull();
    assertThat(
            keys(
                store.searchModelVersions(
                    new ModelVersionSearch(
                        null,
                        10,
                        RegistryOrderByParser.forModelVersions(
                            List.of("version_number ASC", "name DESC")),
                        0))))
        .containsExactly("b/1", "a/1", "a/2");
  }

  @Test
  void historyOfAnUnknownModelIsEmpty() {
    assertThat(store.history("never")).isEmpty();
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private ModelVersion version(String name, String source) {
    return store.createModelVersion(
        new NewModelVersion(name, source, null, List.of(), null, null, null));
  }

  private Page<RegisteredModel> searchModels(
      String filter, int maxResults, List<String> orderBy, int offset) {
    return store.searchRegisteredModels(
        new RegisteredModelSearch(
            RegisteredModelFilterParser.parse(filter),
            maxResults,
            RegistryOrderByParser.forRegisteredModels(orderBy),
            offset));
  }

  private Page<ModelVersion> searchVersions(String filter) {
    return store.searchModelVersions(
        new ModelVersionSearch(ModelVersionFilterParser.parse(filter), 100, List.of(), 0));
  }

  private static List<String> names(List<RegisteredModel> models) {
    return models.stream().map(RegisteredModel::name).toList();
  }

  private static List<String> keys(Page<ModelVersion> page) {
    return page.items().stream().map(v -> v.name() + "/" + v.version()).toList();
  }

  protected static AbstractThrowableAssert<?, ? extends Throwable> assertError(
      ErrorCode code, ThrowingCallable call) {
    return assertThatThrownBy(call)
        .isInstanceOf(MledgerException.class)
        .satisfies(e -> assertThat(((MledgerException) e).code()).isEqualTo(code));
  }
}
