package dev.mledger.cli.llm;

import dev.mledger.cli.CliException;
import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.VersionProvider;
import dev.mledger.cli.output.Table;
import dev.mledger.cli.output.TableStyle;
import dev.mledger.cli.tracking.ExitCodes;
import dev.mledger.cli.tracking.Times;
import dev.mledger.client.llm.LlmClient;
import dev.mledger.client.llm.PromptComparisonReport;
import dev.mledger.core.llm.Prompt;
import dev.mledger.core.llm.PromptUri;
import dev.mledger.core.llm.PromptVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mledger prompts}: the prompt registry. */
@Command(
    name = "prompts",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Create, show, alias, list and compare prompt versions.",
    subcommands = {
      PromptsCommand.Create.class,
      PromptsCommand.Show.class,
      PromptsCommand.Alias.class,
      PromptsCommand.ListPrompts.class,
      PromptsCommand.Compare.class
    })
public final class PromptsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code mledger prompts create NAME (--template TEXT | --template-file FILE)}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "Create the next immutable version of a prompt (the prompt too, if new).")
  static final class Create extends LlmCommand {
    @Parameters(paramLabel = "NAME", description = "Prompt name.")
    String name;

    static final class Source {
      @Option(
          names = "--template",
          paramLabel = "TEXT",
          description = "Template text with {{variable}} placeholders.")
      String text;

      @Option(names = "--template-file", paramLabel = "FILE", description = "Read the template.")
      Path file;
    }

    @ArgGroup(multiplicity = "1")
    Source source;

    @Option(
        names = {"-m", "--message"},
        paramLabel = "TEXT",
        description = "Commit message.")
    String message = "";

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Tag (repeatable).")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(
        names = "--alias",
        paramLabel = "ALIAS",
        description = "Point ALIAS at the new version.")
    String alias;

    @Override
    protected int execute(LlmClient llm) {
      String template = source.text;
      if (template == null) {
        try {
          template = Files.readString(source.file, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new CliException(
              "cannot read " + source.file + ": " + e.getMessage(), ExitCodes.USAGE, e);
        }
      }
      PromptVersion v = llm.registerPrompt(name, template, message, tags);
      if (alias != null) {
        llm.setAlias(name, alias, v.version());
      }
      if (json()) {
        JsonOutput.print(out(), Map.of("version", LlmJsonDocs.version(v)));
      } else {
        out()
            .println(
                "Created "
                    + v.uri()
                    + (alias == null ? "" : " (alias " + alias + ")")
                    + "; variables: "
                    + (v.template().variables().isEmpty()
                        ? "none"
                        : String.join(", ", v.template().variables())));
      }
      return 0;
    }
  }

  /** {@code mledger prompts show NAME | prompts:/NAME/VERSION | prompts:/NAME@ALIAS}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "Show a prompt with its versions, or one version by URI.")
  static final class Show extends LlmCommand {
    @Parameters(paramLabel = "NAME|URI", description = "A prompt name or a prompts:/ URI.")
    String target;

    @Override
    protected int execute(LlmClient llm) {
      PrintWriter out = out();
      if (target.startsWith(PromptUri.SCHEME)) {
        PromptVersion v = llm.loadPrompt(target);
        if (json()) {
          JsonOutput.print(out, Map.of("version", LlmJsonDocs.version(v)));
          return 0;
        }
        Table.of("field", "value")
            .row("uri", v.uri())
            .row("commit_message", v.commitMessage())
            .row("variables", String.join(", ", v.template().variables()))
            .row("created", Times.instant(v.creationTime()))
            .row("created_by", v.createdBy() == null ? "" : v.createdBy())
            .print(out, TableStyle.detect().withMaxCellWidth(200));
        out.println();
        out.println(v.template().text());
        return 0;
      }
      Prompt prompt = llm.getPrompt(target);
      List<PromptVersion> versions = llm.listVersions(target);
      if (json()) {
        List<Object> docs = new ArrayList<>();
        versions.forEach(v -> docs.add(LlmJsonDocs.version(v)));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("prompt", LlmJsonDocs.prompt(prompt));
        doc.put("versions", docs);
        JsonOutput.print(out, doc);
        return 0;
      }
      out.println(
          prompt.name() + (prompt.description().isEmpty() ? "" : ": " + prompt.description()));
      Table table = Table.of("version", "aliases", "created", "commit message");
      for (PromptVersion v : versions) {
        List<String> aliases = new ArrayList<>();
        prompt
            .aliases()
            .forEach(
                (a, n) -> {
                  if (n == v.version()) {
                    aliases.add(a);
                  }
                });
        table.row(
            v.version(),
            String.join(",", aliases),
            Times.instant(v.creationTime()),
            v.commitMessage());
      }
      table.print(out, TableStyle.detect());
      return 0;
    }
  }

  /** {@code mledger prompts alias NAME ALIAS VERSION} or {@code --delete}. */
  @Command(
      name = "alias",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "Point an alias (production, staging, ...) at a version, or delete it.")
  static final class Alias extends LlmCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Prompt name.")
    String name;

    @Parameters(index = "1", paramLabel = "ALIAS", description = "Alias name.")
    String alias;

    @Parameters(index = "2", arity = "0..1", paramLabel = "VERSION", description = "Version.")
    Integer version;

    @Option(names = "--delete", description = "Delete the alias instead.")
    boolean delete;

    @Override
    protected int execute(LlmClient llm) {
      if (delete == (version != null)) {
        throw new CliException(
            "give either VERSION or --delete, e.g. mledger prompts alias qa production 3",
            ExitCodes.USAGE);
      }
      Prompt prompt = delete ? llm.deleteAlias(name, alias) : llm.setAlias(name, alias, version);
      if (json()) {
        JsonOutput.print(out(), Map.of("prompt", LlmJsonDocs.prompt(prompt)));
      } else {
        out()
            .println(
                delete
                    ? "Deleted alias " + alias + " of " + name
                    : "prompts:/" + name + "@" + alias + " -> prompts:/" + name + "/" + version);
      }
      return 0;
    }
  }

  /** {@code mledger prompts list [--prefix P]}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "List prompts.")
  static final class ListPrompts extends LlmCommand {
    @Option(names = "--prefix", paramLabel = "TEXT", description = "Only names starting so.")
    String prefix;

    @Override
    protected int execute(LlmClient llm) {
      List<Prompt> prompts = llm.listPrompts(prefix);
      if (json()) {
        List<Object> docs = new ArrayList<>();
        prompts.forEach(p -> docs.add(LlmJsonDocs.prompt(p)));
        JsonOutput.print(out(), Map.of("prompts", docs));
        return 0;
      }
      Table table = Table.of("name", "latest", "aliases", "updated", "description");
      for (Prompt p : prompts) {
        List<String> aliases = new ArrayList<>();
        p.aliases().forEach((a, n) -> aliases.add(a + "=" + n));
        table.row(
            p.name(),
            p.latestVersion(),
            String.join(",", aliases),
            Times.instant(p.lastUpdatedTime()),
            p.description());
      }
      table.print(out(), TableStyle.detect());
      return 0;
    }
  }

  /** {@code mledger prompts compare A B --eval-set SET --score NAME}. */
  @Command(
      name = "compare",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description =
          "Compare two prompt versions on one evaluation set with paired statistics"
              + " (paired t-test and Wilcoxon signed-rank over the examples both answered).")
  static final class Compare extends LlmCommand {
    @Parameters(index = "0", paramLabel = "A", description = "prompts:/name/version or @alias.")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "The baseline version.")
    String b;

    @Option(
        names = "--eval-set",
        required = true,
        paramLabel = "SET",
        description = "Evaluation set.")
    String evalSet;

    @Option(
        names = "--score",
        defaultValue = "score",
        paramLabel = "NAME",
        description = "Score to compare (default: ${DEFAULT-VALUE}).")
    String score;

    @Override
    protected int execute(LlmClient llm) {
      PromptComparisonReport r = llm.compare(a, b, evalSet, score);
      if (json()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("a", r.a());
        doc.put("b", r.b());
        doc.put("eval_set", r.evalSet());
        doc.put("score", r.score());
        doc.put("paired_examples", r.pairedExamples());
        doc.put("mean_a", r.meanA());
        doc.put("mean_b", r.meanB());
        doc.put("mean_delta", r.meanDelta());
        doc.put("se", r.standardError());
        doc.put("t", r.t());
        doc.put("p_value", r.pValue());
        doc.put("ci_low", r.ciLow());
        doc.put("ci_high", r.ciHigh());
        doc.put("wilcoxon_p_value", r.wilcoxonPValue());
        JsonOutput.print(out(), doc);
        return 0;
      }
      Table.of("statistic", "value")
          .row("a", r.a())
          .row("b", r.b())
          .row("paired examples", r.pairedExamples())
          .row("mean " + score + " (a)", format(r.meanA()))
          .row("mean " + score + " (b)", format(r.meanB()))
          .row("mean delta (a - b)", format(r.meanDelta()))
          .row("95% CI", "[" + format(r.ciLow()) + ", " + format(r.ciHigh()) + "]")
          .row("paired t p-value", format(r.pValue()))
          .row("wilcoxon p-value", format(r.wilcoxonPValue()))
          .print(out(), TableStyle.detect().withMaxCellWidth(80));
      return 0;
    }

    private static String format(Double value) {
      return value == null ? "n/a" : String.format(Locale.ROOT, "%.6g", value);
    }
  }
}
