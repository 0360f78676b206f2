package dev.mledger.server.gate;

import dev.mledger.core.envelope.ArtifactReference;
import dev.mledger.core.envelope.DatasetVersion;
import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.error.ErrorCode;
import dev.mledger.core.error.MledgerException;
import dev.mledger.core.registry.ModelVersion;
import dev.mledger.core.registry.ModelVersionStatus;
import dev.mledger.core.tracking.DatasetInput;
import dev.mledger.core.tracking.LifecycleStage;
import dev.mledger.core.tracking.Run;
import dev.mledger.store.Stores;
import dev.mledger.store.envelope.StoredEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that everything a model version depends on still resolves: the version itself, its model
 * artifacts, its source run, the run's envelope, and the datasets and input artifacts the envelope
 * and the run's inputs name.
 */
final class DependencyClosure {
  private final Stores stores;
  private final ArtifactLocator artifacts;

  DependencyClosure(Stores stores, ArtifactLocator artifacts) {
    this.stores = stores;
    this.artifacts = artifacts;
  }

  List<ClosureItem> check(String model, String version) {
    List<ClosureItem> items = new ArrayList<>();
    ModelVersion mv;
    try {
      mv = stores.registry().getModelVersion(model, Long.parseLong(version));
    } catch (MledgerException e) {
      if (e.code() != ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        throw e;
      }
      items.add(missing("model_version", model + "/" + version, "The version was deleted."));
      return items;
    }
    items.add(
        mv.status() == ModelVersionStatus.READY
            ? resolved("model_version", model + "/" + version, "Registered and READY.")
            : missing("model_version", model + "/" + version, "Status is " + mv.status() + "."));

    String artifactUri = stores.registry().getModelVersionDownloadUri(model, mv.versionNumber());
    items.add(location("model_artifacts", artifactUri));

    if (mv.runId() == null) {
      items.add(
          new ClosureItem(
              "source_run",
              "none",
              ClosureItem.Status.UNVERIFIABLE,
              "The version names no source run, so its envelope and datasets cannot be checked."));
      return items;
    }
    Run run;
    try {
      run = stores.tracking().getRun(mv.runId());
    } catch (MledgerException e) {
      if (e.code() != ErrorCode.RESOURCE_DOES_NOT_EXIST) {
        throw e;
      }
      items.add(missing("source_run", mv.runId(), "The run does not exist."));
      return items;
    }
    items.add(
        run.info().lifecycleStage() == LifecycleStage.DELETED
            ? missing("source_run", mv.runId(), "The run is deleted.")
            : resolved("source_run", mv.runId(), "The run exists."));

    Optional<StoredEnvelope> stored = stores.envelopes().get(mv.runId());
    Envelope envelope = null;
    if (stored.isEmpty()) {
      items.add(missing("envelope", mv.runId(), "No reproducibility envelope was recorded."));
    } else {
      StoredEnvelope.Verification verification = stored.get().verify();
      if (verification instanceof StoredEnvelope.Verification.Intact intact) {
        envelope = intact.envelope();
        items.add(resolved("envelope", stored.get().fingerprint(), "Intact."));
      } else if (verification instanceof StoredEnvelope.Verification.FingerprintMismatch m) {
        items.add(
            missing(
                "envelope",
                stored.get().fingerprint(),
                "The stored envelope no longer matches its fingerprint (now "
                    + m.recomputed()
                    + ")."));
      } else {
        items.add(
            missing(
                "envelope",
                stored.get().fingerprint(),
                "The stored envelope is unreadable: "
                    + ((StoredEnvelope.Verification.Unreadable) verification).reason()));
      }
    }
    if (envelope != null) {
      for (DatasetVersion dataset : envelope.datasets()) {
        items.add(dataset(dataset.name(), dataset.digest(), dataset.source()));
      }
      for (ArtifactReference artifact : envelope.artifacts()) {
        items.add(location("input_artifact", artifact.uri()));
      }
    }
    for (DatasetInput input : run.inputs()) {
      items.add(
          dataset(input.dataset().name(), input.dataset().digest(), input.dataset().source()));
    }
    return items;
  }

  private ClosureItem dataset(String name, String digest, String source) {
    String item = name + (digest == null ? "" : "@" + digest);
    Optional<Boolean> exists = source == null ? Optional.empty() : artifacts.exists(source);
    if (exists.isEmpty()) {
      return new ClosureItem(
          "dataset",
          item,
          ClosureItem.Status.UNVERIFIABLE,
          "No dataset registry is available to confirm this version still exists"
              + (source == null ? "." : " (source " + source + ")."));
    }
    return exists.get()
        ? resolved("dataset", item, "Source " + source + " exists.")
        : missing("dataset", item, "Source " + source + " no longer exists.");
  }

  private ClosureItem location(String kind, String uri) {
    Optional<Boolean> exists = artifacts.exists(uri);
    if (exists.isEmpty()) {
      return new ClosureItem(
          kind,
          uri,
          ClosureItem.Status.UNVERIFIABLE,
          "This server cannot check this storage location.");
    }
    return exists.get() ? resolved(kind, uri, "Exists.") : missing(kind, uri, "Does not exist.");
  }

  private static ClosureItem resolved(String kind, String item, String detail) {
    return new ClosureItem(kind, item, ClosureItem.Status.RESOLVED, detail);
  }

  private static ClosureItem missing(String kind, String item, String detail) {
    return new ClosureItem(kind, item, ClosureItem.Status.MISSING, detail);
  }
}
