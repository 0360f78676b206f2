package dev.mledger.cli.completion;

import dev.mledger.cli.CliException;
import dev.mledger.cli.VersionProvider;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mledger completion bash|zsh}: prints a completion script for every command and option.
 * picocli's generated script is bash that also runs under zsh through {@code bashcompinit}, which
 * the script loads itself when it detects zsh.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print a shell completion script.",
      "bash: source <(mledger completion bash)   (or save it under"
          + " /etc/bash_completion.d/mledger)",
      "zsh:  source <(mledger completion zsh)    (add it to ~/.zshrc)"
    })
public final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  String shell;

  @Override
  public Integer call() {
    String normalized = shell.strip().toLowerCase(Locale.ROOT);
    if (!normalized.equals("bash") && !normalized.equals("zsh")) {
      throw new CliException("completion supports bash and zsh, got '" + shell + "'", 2);
    }
    CommandLine root = spec.root().commandLine();
    PrintWriter out = spec.commandLine().getOut();
    out.print(AutoComplete.bash(root.getCommandName(), root));
    out.flush();
    return 0;
  }
}
