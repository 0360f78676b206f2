package dev.mledger.cli.artifacts;

import dev.mledger.cli.CliException;
import dev.mledger.cli.JsonOutput;
import dev.mledger.cli.progress.ProgressBar;
import dev.mledger.store.artifact.ArtifactPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mledger artifacts upload|download|list}: moves files through a server's MLflow artifact
 * proxy, streaming, with one progress bar per command on stderr.
 */
@Command(
    name = "artifacts",
    mixinStandardHelpOptions = true,
    description = "Upload, download and list artifacts through an mledger (or MLflow) server.",
    subcommands = {
      ArtifactsCommand.Upload.class,
      ArtifactsCommand.Download.class,
      ArtifactsCommand.ListCommand.class
    })
public final class ArtifactsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every subcommand shares. */
  static final class Common {
    @Option(
        names = "--tracking-uri",
        description = "Server URL (default: $MLFLOW_TRACKING_URI, else http://127.0.0.1:5000).")
    String trackingUri;

    @Option(
        names = "--run-id",
        description = "Make artifact paths relative to this run's artifact root.")
    String runId;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Option(
        names = {"-q", "--quiet"},
        description = "No progress bar or summary.")
    boolean quiet;

    ArtifactProxyClient client() {
      String uri = trackingUri;
      if (uri == null) {
        uri = System.getenv("MLFLOW_TRACKING_URI");
      }
      return new ArtifactProxyClient(uri == null || uri.isBlank() ? "http://127.0.0.1:5000" : uri);
    }

    /** The proxy path of {@code path}, under the run's root when {@code --run-id} is given. */
    String proxyPath(ArtifactProxyClient client, String path) {
      String relative = ArtifactPaths.normalize(path);
      if (runId == null) {
        return relative;
      }
      String root = client.runArtifactRoot(runId);
      return relative.isEmpty() ? root : ArtifactPaths.join(root, relative);
    }

    boolean silent() {
      return quiet || json;
    }
  }

  @Command(
      name = "upload",
      mixinStandardHelpOptions = true,
      description = {
        "Uploads a file or a directory tree (like mlflow's log_artifact / log_artifacts).",
        "A file goes to DEST/<its name>; a directory's contents go under DEST."
      })
  static final class Upload implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Parameters(index = "0", paramLabel = "LOCAL", description = "File or directory to upload.")
    Path local;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "DEST",
        description = "Artifact directory to upload into (default: the root).")
    String dest = "";

    @Override
    public void run() {
      if (!Files.exists(local)) {
        throw new CliException("no such file or directory: " + local, 2);
      }
      ArtifactProxyClient client = common.client();
      String destination = common.proxyPath(client, dest);
      List<Path> files = filesUnder(local);
      Path base = Files.isDirectory(local) ? local : local.getParent();
      long total = 0;
      for (Path file : files) {
        total += size(file);
      }
      List<Map<String, Object>> uploaded = new ArrayList<>();
      try (ProgressBar bar =
          ProgressBar.start(
              "upload " + local.getFileName(),
              total,
              common.silent(),
              spec.commandLine().getErr())) {
        for (Path file : files) {
          String relative =
              (base == null ? file.getFileName() : base.relativize(file))
                  .toString()
                  .replace('\\', '/');
          String target = destination.isEmpty() ? relative : destination + "/" + relative;
          long size = size(file);
          client.upload(target, size, () -> bar.wrap(open(file)));
          uploaded.add(entry(target, size));
        }
      }
      report(spec, common, uploaded, "uploaded");
    }
  }

  @Command(
      name = "download",
      mixinStandardHelpOptions = true,
      description = "Downloads a file or a directory tree of artifacts.")
  static final class Download implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Parameters(index = "0", paramLabel = "PATH", description = "Artifact file or directory.")
    String path;

    @Option(
        names = {"-d", "--dest"},
        description = "Local directory to download into (default: the current directory).")
    Path dest = Path.of(".");

    @Override
    public void run() {
      ArtifactProxyClient client = common.client();
      String source = common.proxyPath(client, path);
      List<ArtifactProxyClient.Entry> files = new ArrayList<>();
      collect(client, source, "", files);
      boolean isDirectory = !files.isEmpty();
      String name = source.isEmpty() ? "" : ArtifactPaths.name(source);
      if (!isDirectory) {
        files.add(new ArtifactProxyClient.Entry("", false, ProgressBar.UNKNOWN_TOTAL));
      }
      long total = 0;
      for (ArtifactProxyClient.Entry file : files) {
        total = file.size() < 0 || total < 0 ? ProgressBar.UNKNOWN_TOTAL : total + file.size();
      }
      List<Map<String, Object>> downloaded = new ArrayList<>();
      try (ProgressBar bar =
          ProgressBar.start(
              "download " + (name.isEmpty() ? "artifacts" : name),
              total,
              common.silent(),
              spec.commandLine().getErr())) {
        for (ArtifactProxyClient.Entry file : files) {
          String remote = file.name().isEmpty() ? source : ArtifactPaths.join(source, file.name());
          Path target =
              file.name().isEmpty()
                  ? dest.resolve(name)
                  : dest.resolve(name.isEmpty() ? "." : name).resolve(file.name()).normalize();
          long written = save(client, remote, target, bar);
          downloaded.add(entry(target.toString(), written));
        }
      }
      report(spec, common, downloaded, "downloaded");
    }

    private static void collect(
        ArtifactProxyClient client,
        String dir,
        String prefix,
        List<ArtifactProxyClient.Entry> out) {
      for (ArtifactProxyClient.Entry entry : client.list(dir)) {
        // Names come from the server; they must not steer writes outside the destination.
        String name = ArtifactPaths.normalizeFile(entry.name());
        String relative = prefix.isEmpty() ? name : prefix + "/" + name;
        if (entry.isDir()) {
          collect(client, ArtifactPaths.join(dir, name), relative, out);
        } else {
          out.add(new ArtifactProxyClient.Entry(relative, false, entry.size()));
        }
      }
    }

    /** Writes to a temporary file beside the target and renames it, so no partial file stays. */
    private static long save(
        ArtifactProxyClient client, String remote, Path target, ProgressBar bar) {
      try {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".mledger-download-", ".tmp");
        try {
          long written;
          try (InputStream in = bar.wrap(client.download(remote));
              OutputStream out = Files.newOutputStream(temp)) {
            written = in.transferTo(out);
          }
          Files.move(
              temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          return written;
        } finally {
          Files.deleteIfExists(temp);
        }
      } catch (IOException e) {
        throw new CliException("cannot write " + target + ": " + e.getMessage(), 1, e);
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the artifacts directly under a directory.")
  static final class ListCommand implements Runnable {
    @Spec CommandSpec spec;
    @Mixin Common common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "Directory.")
    String path = "";

    @Override
    public void run() {
      ArtifactProxyClient client = common.client();
      List<ArtifactProxyClient.Entry> entries = client.list(common.proxyPath(client, path));
      if (common.json) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (ArtifactProxyClient.Entry e : entries) {
          Map<String, Object> file = new LinkedHashMap<>();
          file.put("path", e.name());
          file.put("is_dir", e.isDir());
          if (!e.isDir()) {
            file.put("file_size", e.size());
          }
          files.add(file);
        }
        JsonOutput.print(spec.commandLine().getOut(), Map.of("files", files));
        return;
      }
      for (ArtifactProxyClient.Entry e : entries) {
        spec.commandLine()
            .getOut()
            .printf(
                "%12s  %s%s%n",
                e.isDir() ? "-" : ProgressBar.formatBytes(e.size()),
                e.name(),
                e.isDir() ? "/" : "");
      }
      spec.commandLine().getOut().flush();
    }
  }

  private static void report(
      CommandSpec spec, Common common, List<Map<String, Object>> files, String verb) {
    if (common.json) {
      JsonOutput.print(spec.commandLine().getOut(), Map.of(verb, files));
    } else if (!common.quiet) {
      for (Map<String, Object> file : files) {
        spec.commandLine().getOut().println(verb + " " + file.get("path"));
      }
      spec.commandLine().getOut().flush();
    }
  }

  private static Map<String, Object> entry(String path, long size) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("path", path);
    file.put("size", size);
    return file;
  }

  private static List<Path> filesUnder(Path local) {
    if (!Files.isDirectory(local)) {
      return List.of(local);
    }
    try (Stream<Path> walk = Files.walk(local)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new CliException("cannot read " + local + ": " + e.getMessage(), 1, e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), 1, e);
    }
  }

  private static InputStream open(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
