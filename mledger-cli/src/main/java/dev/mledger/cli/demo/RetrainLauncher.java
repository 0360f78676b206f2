package dev.mledger.cli.demo;

import dev.mledger.cli.Main;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command the monitor's retraining policy runs: {@code mledger demo retrain} in a new JVM on
 * this process's class path (the distribution jar, or the build's classes in tests). The server
 * starts it with {@code MLEDGER_TRACKING_URI} and reads the run and model version it prints.
 */
record RetrainLauncher(Path dataDir, Path workDir, long seed) {

  List<String> command(ModelConfig config) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A short-lived job: fast start-up matters more than peak compilation.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(classPath());
    command.add(Main.class.getName());
    command.addAll(
        List.of(
            "demo",
            "retrain",
            "--data",
            dataDir.toString(),
            "--workdir",
            workDir.toString(),
            "--seed",
            Long.toString(seed),
            "--model",
            config.model(),
            "--alpha",
            ModelConfig.ParamText.of(config.alpha())));
    return command;
  }

  private static String classPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }
}
