package dev.mledger.cli.experiments;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.tracking.ExperimentResolver;
import dev.mledger.client.MledgerClient;
import dev.mledger.core.tracking.Experiment;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deletes or restores an experiment and reports its new lifecycle stage. */
final class LifecycleChange {
  private LifecycleChange() {}

  static int apply(
      MledgerClient client, String nameOrId, boolean delete, PrintWriter out, boolean json) {
    Experiment e = ExperimentResolver.resolve(client, nameOrId);
    if (delete) {
      client.deleteExperiment(e.experimentId());
    } else {
      client.restoreExperiment(e.experimentId());
    }
    Experiment after = client.getExperiment(e.experimentId());
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("experiment_id", after.experimentId());
      doc.put("name", after.name());
      doc.put("lifecycle_stage", after.lifecycleStage().wireName());
      JsonOutput.print(out, doc);
    } else {
      out.printf(
          "%s experiment %s '%s'%n",
          delete ? "deleted" : "restored", after.experimentId(), after.name());
      out.flush();
    }
    return 0;
  }
}
