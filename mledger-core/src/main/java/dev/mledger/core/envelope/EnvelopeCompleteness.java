package dev.mledger.core.envelope;

import java.util.ArrayList;
import java.util.List;

/** The completeness predicate behind {@link Envelope#missing()}. */
final class EnvelopeCompleteness {

  private EnvelopeCompleteness() {}

  static List<String> missing(Envelope e) {
    List<String> missing = new ArrayList<>();
    if (e.datasets().isEmpty()) {
      missing.add("datasets");
    }
    CodeVersion code = e.code();
    if (code.commit() == null) {
      missing.add("code.commit");
    }
    if (code.dirty() == null) {
      missing.add("code.dirty");
    } else if (code.dirty() && code.diffSha256() == null) {
      // A dirty tree is only pinned down when the uncommitted change is identified.
      missing.add("code.diff_sha256");
    }
    Environment env = e.environment();
    if (env.jvm() == null || env.jvm().version() == null) {
      missing.add("environment.jvm");
    }
    if (env.os() == null || env.os().name() == null) {
      missing.add("environment.os");
    }
    if (e.seed() == null) {
      missing.add("seed");
    }
    if (e.dependencies().sha256() == null) {
      missing.add("dependencies.lock_sha256");
    }
    return List.copyOf(missing);
  }
}
