package dev.mledger.cli.repro;

import dev.mledger.cli.repro.CheckItem.Status;
import dev.mledger.client.envelope.EnvelopeApiClient;
import dev.mledger.client.envelope.EnvelopeCaptureListener;
import dev.mledger.client.envelope.GitProbe;
import dev.mledger.core.envelope.ArtifactReference;
import dev.mledger.core.envelope.CodeVersion;
import dev.mledger.core.envelope.DatasetVersion;
import dev.mledger.core.envelope.Envelope;
import dev.mledger.core.envelope.EnvelopeTags;
import dev.mledger.core.tracking.Run;
import dev.mledger.core.tracking.RunTag;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reproducibility predicate of a run: its envelope exists, is complete, still hashes to its
 * fingerprint (and the mirror tag agrees), and everything it references resolves: each dataset
 * version is among the run's logged inputs, the commit is in the local repository (and a dirty
 * tree's diff is the local one), and each input artifact still has its hash on the server.
 */
final class ReproducibilityCheck {

  /** The report: every item checked, in order. */
  record Report(String runId, String fingerprint, List<CheckItem> items) {
    boolean reproducible() {
      return items.stream().allMatch(i -> i.status() == Status.OK);
    }

    /** Whether some item is missing or mismatched (as opposed to only unverifiable). */
    boolean failed() {
      return items.stream()
          .anyMatch(i -> i.status() == Status.MISSING || i.status() == Status.MISMATCH);
    }

    String verdict() {
      return reproducible() ? "reproducible" : failed() ? "not_reproducible" : "unverified";
    }
  }

  private final Path repository;
  private final ArtifactHasher artifacts;

  ReproducibilityCheck(Path repository, ArtifactHasher artifacts) {
    this.repository = repository;
    this.artifacts = artifacts;
  }

  Report check(Run run, Optional<EnvelopeApiClient.StoredEnvelope> stored) {
    String runId = run.info().runId();
    List<CheckItem> items = new ArrayList<>();
    if (stored.isEmpty()) {
      items.add(
          new CheckItem(
              "envelope",
              Status.MISSING,
              "the run has no envelope (runs logged without the mledger client have none)"));
      return new Report(runId, null, items);
    }
    EnvelopeApiClient.StoredEnvelope record = stored.get();
    Envelope envelope;
    try {
      envelope = Envelope.fromJson(record.envelopeJson());
    } catch (IllegalArgumentException e) {
      items.add(
          new CheckItem(
              "envelope", Status.MISMATCH, "stored envelope is unreadable: " + e.getMessage()));
      return new Report(runId, record.fingerprint(), items);
    }
    items.add(
        new CheckItem(
            "envelope",
            Status.OK,
            "stored " + java.time.Instant.ofEpochMilli(record.createdTime())));
    items.add(fingerprint(envelope, record.fingerprint()));
    items.add(mirror(run, record.fingerprint()));
    List<String> missing = envelope.missing();
    items.add(
        missing.isEmpty()
            ? new CheckItem("envelope.complete", Status.OK, "every component was captured")
            : new CheckItem(
                "envelope.complete",
                Status.MISSING,
                "not captured: " + String.join(", ", missing) + captureErrors(envelope)));
    items.addAll(datasets(envelope, run));
    items.addAll(code(envelope.code()));
    for (ArtifactReference ref : envelope.artifacts()) {
      items.add(artifacts.check(ref));
    }
    return new Report(runId, record.fingerprint(), items);
  }

  private static CheckItem fingerprint(Envelope envelope, String recorded) {
    String recomputed = envelope.fingerprint();
    return recomputed.equals(recorded)
        ? new CheckItem("envelope.fingerprint", Status.OK, "canonical JSON hashes to " + recorded)
        : new CheckItem(
            "envelope.fingerprint",
            Status.MISMATCH,
            "canonical JSON hashes to " + recomputed + ", recorded " + recorded);
  }

  private static CheckItem mirror(Run run, String recorded) {
    String tag = null;
    for (RunTag t : run.data().tags()) {
      if (EnvelopeTags.FINGERPRINT.equals(t.key())) {
        tag = t.value();
      }
    }
    if (tag == null) {
      return new CheckItem(
          "tags." + EnvelopeTags.FINGERPRINT, Status.MISSING, "the MLflow mirror tag is absent");
    }
    return tag.equals(recorded)
        ? new CheckItem("tags." + EnvelopeTags.FINGERPRINT, Status.OK, "mirror tag agrees")
        : new CheckItem(
            "tags." + EnvelopeTags.FINGERPRINT,
            Status.MISMATCH,
            "mirror tag says " + tag + ", the envelope is " + recorded);
  }

  private static String captureErrors(Envelope envelope) {
    if (envelope.captureErrors().isEmpty()) {
      return "";
    }
    List<String> reasons = new ArrayList<>();
    envelope.captureErrors().forEach((k, v) -> reasons.add(k + ": " + v));
    return " (" + String.join("; ", reasons) + ")";
  }

  private static List<CheckItem> datasets(Envelope envelope, Run run) {
    List<CheckItem> items = new ArrayList<>();
    Set<String> logged = new LinkedHashSet<>();
    for (DatasetVersion d : EnvelopeCaptureListener.datasetVersions(run.inputs())) {
      logged.add(d.name() + "@" + d.digest());
    }
    Set<String> pinned = new LinkedHashSet<>();
    for (DatasetVersion d : envelope.datasets()) {
      String key = d.name() + "@" + d.digest();
      pinned.add(key);
      items.add(
          logged.contains(key)
              ? new CheckItem(
                  "dataset:" + key,
                  Status.OK,
                  "digest resolves to the run's logged input (content snapshots are not stored"
                      + " yet, so the bytes themselves are not re-hashed)")
              : new CheckItem(
                  "dataset:" + key, Status.MISSING, "no logged dataset input has this digest"));
    }
    for (String key : logged) {
      if (!pinned.contains(key)) {
        items.add(
            new CheckItem(
                "dataset:" + key,
                Status.MISMATCH,
                "logged as an input of the run but not pinned by the envelope"));
      }
    }
    return items;
  }

  private List<CheckItem> code(CodeVersion code) {
    List<CheckItem> items = new ArrayList<>();
    if (code.commit() == null) {
      return items; // Reported by envelope.complete.
    }
    if (!GitProbe.isRepository(repository)) {
      items.add(
          new CheckItem(
              "code.commit",
              Status.UNVERIFIABLE,
              repository + " is not a git working tree; run from a clone or pass --repo"));
      return items;
    }
    if (!GitProbe.hasCommit(repository, code.commit())) {
      items.add(
          new CheckItem(
              "code.commit",
              Status.MISSING,
              "commit " + code.commit() + " is not in the repository at " + repository));
      return items;
    }
    items.add(new CheckItem("code.commit", Status.OK, "commit " + code.commit() + " resolves"));
    if (Boolean.TRUE.equals(code.dirty())) {
      String local = GitProbe.capture(repository).code().commit();
      String localDiff = GitProbe.diffSha256(repository);
      boolean same =
          code.commit().equals(local)
              && code.diffSha256() != null
              && code.diffSha256().equals(localDiff);
      items.add(
          same
              ? new CheckItem(
                  "code.diff", Status.OK, "the local uncommitted changes hash to the recorded diff")
              : new CheckItem(
                  "code.diff",
                  Status.UNVERIFIABLE,
                  "the run had uncommitted changes (diff sha256 "
                      + code.diffSha256()
                      + ") that are not stored; the working tree here differs"));
    }
    return items;
  }
}
