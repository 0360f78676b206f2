package dev.mledger.cli.data;

import dev.mledger.cli.CliException;
import dev.mledger.cli.JsonOutput;
import dev.mledger.core.dataset.CheckOutcome;
import dev.mledger.core.dataset.CheckReport;
import dev.mledger.core.dataset.CheckStatus;
import dev.mledger.core.dataset.DataContract;
import dev.mledger.core.dataset.PointerFile;
import dev.mledger.store.dataset.ContractFiles;
import dev.mledger.store.dataset.DatasetVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mledger data check [POINTER|N@v] --contract FILE}: contract checks for CI. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a dataset version against a contract (schema, row count, hash, freshness, privacy,",
      "license). Exit code 0 when nothing blocks (warnings are printed), 1 when a check blocks,",
      "2 for bad input. TARGET is a NAME.mledger pointer file, NAME@VERSION or NAME; default:",
      "the only *.mledger file in the current directory."
    })
public final class CheckDataCommand implements Callable<Integer> {
  /** Exit code when at least one check blocks. */
  public static final int BLOCKED = 1;

  @Spec CommandSpec spec;
  @Mixin DataStoreOptions storeOptions;

  @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET")
  String target;

  @Option(names = "--contract", required = true, description = "Contract file (YAML or JSON).")
  Path contractFile;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() {
    DataContract contract = ContractFiles.read(contractFile);
    String resolved = target != null ? target : onlyPointerInWorkingDirectory();
    List<CheckOutcome> pointerOutcomes = new ArrayList<>();
    CheckReport report;
    try (DataWorkspace ws = DataWorkspace.open(storeOptions)) {
      DatasetVersion v;
      if (resolved.endsWith(PointerFile.EXTENSION) && Files.isRegularFile(Path.of(resolved))) {
        PointerFile pointer = Pointers.read(Path.of(resolved));
        v = ws.get(pointer.name() + "@" + pointer.version());
        pointerOutcomes.add(
            pointer.sha256().equals(v.sha256())
                ? new CheckOutcome("pointer", CheckStatus.PASS, resolved + " matches " + v.ref())
                : new CheckOutcome(
                    "pointer",
                    CheckStatus.BLOCK,
                    resolved
                        + " records sha256 "
                        + pointer.sha256()
                        + " but "
                        + v.ref()
                        + " is "
                        + v.sha256()));
      } else {
        v = ws.get(resolved);
      }
      CheckReport checked = contract.check(v.facts(), Instant.now());
      List<CheckOutcome> all = new ArrayList<>(pointerOutcomes);
      all.addAll(checked.outcomes());
      report = new CheckReport(checked.dataset(), all);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = report.toMap();
      doc.put("contract", contractFile.toString());
      JsonOutput.print(out, doc);
    } else {
      out.printf("%s against %s%n", report.dataset(), contractFile);
      for (CheckOutcome o : report.outcomes()) {
        out.printf("  %-5s %-28s %s%n", o.status().name(), o.check(), o.message());
      }
      out.printf(
          "%s: %d checks, %d warnings, %d blocking%n",
          report.passed() ? "PASSED" : "BLOCKED",
          report.outcomes().size(),
          report.withStatus(CheckStatus.WARN).size(),
          report.withStatus(CheckStatus.BLOCK).size());
      out.flush();
    }
    return report.passed() ? 0 : BLOCKED;
  }

  private static String onlyPointerInWorkingDirectory() {
    List<Path> pointers;
    try (Stream<Path> files = Files.list(Path.of(""))) {
      pointers =
          files.filter(p -> p.getFileName().toString().endsWith(PointerFile.EXTENSION)).toList();
    } catch (IOException e) {
      throw new CliException("cannot list the current directory: " + e.getMessage(), 2);
    }
    if (pointers.size() != 1) {
      throw new CliException(
          "name the dataset to check (NAME@VERSION or a .mledger file): the current directory has "
              + pointers.size()
              + " pointer files",
          2);
    }
    return pointers.get(0).toString();
  }
}
