package dev.mledger.cli.data;

import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.progress.ProgressBar;
import dev.mledger.core.dataset.PointerFile;
import dev.mledger.store.dataset.Checkout;
import dev.mledger.store.dataset.CheckoutResult;
import dev.mledger.store.dataset.DatasetVersion;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mledger data checkout N@v [--to PATH]}: restore a version exactly, hash-verified. */
@Command(
    name = "checkout",
    mixinStandardHelpOptions = true,
    description = {
      "Restores a dataset version, every file verified against its SHA-256. Files already right",
      "are kept; modified or extra files are refused unless --force (then overwritten/removed).",
      "TARGET is NAME@VERSION, NAME (current version) or a NAME.mledger pointer file."
    })
public final class CheckoutDataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataStoreOptions storeOptions;

  @Parameters(index = "0", paramLabel = "TARGET")
  String target;

  @Option(
      names = "--to",
      description =
          "Path to restore to (default: the original name, in the current directory or next to"
              + " the pointer file).")
  Path to;

  @Option(names = "--force", description = "Overwrite modified files and remove extra ones.")
  boolean force;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress output.")
  boolean quiet;

  @Override
  public Integer call() {
    try (DataWorkspace ws = DataWorkspace.open(storeOptions)) {
      Path base = Path.of("");
      DatasetVersion v;
      if (target.endsWith(PointerFile.EXTENSION) && Files.isRegularFile(Path.of(target))) {
        Path pointerPath = Path.of(target).toAbsolutePath();
        PointerFile pointer = Pointers.read(pointerPath);
        v = ws.get(pointer.name() + "@" + pointer.version());
        if (!v.sha256().equals(pointer.sha256())) {
          throw new dev.mledger.cli.CliException(
              target
                  + " records sha256 "
                  + pointer.sha256()
                  + " but "
                  + v.ref()
                  + " is "
                  + v.sha256()
                  + "; the pointer file was edited or comes from another store",
              1);
        }
        base = pointerPath.getParent();
      } else {
        v = ws.get(target);
      }
      Path destination = to != null ? to : base.resolve(v.path());
      // Finished (summary line) only on success: a failure prints just the one error line.
      ProgressBar bar =
          ProgressBar.start(
              "checkout " + v.ref(), v.size(), quiet || json, spec.commandLine().getErr());
      CheckoutResult result =
          new Checkout(ws.datasets(), ws.blobs(), DataWorkspace.threads())
              .checkout(v, destination, force, bar::advance);
      bar.finish();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dataset", v.ref());
        doc.put("sha256", v.sha256());
        doc.put("target", result.target().toString());
        doc.put("written", result.written());
        doc.put("unchanged", result.unchanged());
        doc.put("removed", result.removed());
        doc.put("bytes_written", result.bytesWritten());
        JsonOutput.print(out, doc);
      } else {
        out.printf(
            "Checked out %s to %s: %d written, %d unchanged, %d removed (verified sha256 %s)%n",
            v.ref(),
            result.target(),
            result.written(),
            result.unchanged(),
            result.removed(),
            v.sha256());
        out.flush();
      }
    }
    return 0;
  }
}
