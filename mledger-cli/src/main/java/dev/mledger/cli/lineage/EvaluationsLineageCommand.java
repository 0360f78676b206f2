package dev.mledger.cli.lineage;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.audit.DatabaseOptions;
import dev.mledger.core.llm.EvaluationTriple;
import dev.mledger.store.Stores;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mledger lineage evaluations}: dataset–model–prompt triples evaluated together. */
@Command(
    name = "evaluations",
    mixinStandardHelpOptions = true,
    description = {
      "List the dataset-model-prompt triples that were evaluated together: LLM traces with an",
      "evaluation set (mledger.eval.set), grouped by prompt version and model, with their scores.",
      "Each is an evaluation:... node; 'lineage show' walks it to its dataset, prompt and model."
    })
public final class EvaluationsLineageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatabaseOptions database;

  @Option(names = "--eval-set", paramLabel = "SET", description = "Only this evaluation set.")
  String evalSet;

  @Option(
      names = "--prompt",
      paramLabel = "URI",
      description = "Only this prompt version, e.g. prompts:/qa/3.")
  String prompt;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description = "Only this model: models:/NAME/VERSION or a GenAI model name.")
  String model;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    List<EvaluationTriple> triples;
    try (Stores stores = database.open()) {
      triples = stores.llm().evaluationTriples(evalSet, prompt, model);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      JsonOutput.print(
          out, Map.of("evaluations", triples.stream().map(EvaluationTriple::toMap).toList()));
      return 0;
    }
    if (triples.isEmpty()) {
      out.println("no evaluations recorded (traces need mledger.eval.set on their root span)");
      out.flush();
      return 0;
    }
    out.printf("%-20s %-18s %-20s %7s  %s%n", "EVAL SET", "PROMPT", "MODEL", "TRACES", "SCORES");
    for (EvaluationTriple t : triples) {
      out.printf(
          "%-20s %-18s %-20s %7d  %s%n",
          t.evalSet(),
          t.promptVersion() == null ? "-" : t.promptVersion(),
          t.model() == null ? "-" : t.model(),
          t.traces(),
          t.scores().stream()
              .map(EvaluationsLineageCommand::score)
              .collect(Collectors.joining(", ")));
    }
    out.flush();
    return 0;
  }

  private static String score(EvaluationTriple.ScoreSummary s) {
    if (s.mean() != null) {
      return String.format(Locale.ROOT, "%s %.4g (n=%d)", s.name(), s.mean(), s.count());
    }
    String top =
        s.labels().entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(3)
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining("/"));
    return s.name() + " " + top + " (n=" + s.count() + ")";
  }
}
