package dev.mledger.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the build version that Maven filtered into {@code mledger-version.properties}. */
public final class VersionProvider implements IVersionProvider {

  /** The mledger version, or {@code "dev"} when running from unfiltered sources. */
  public static String version() {
    Properties props = new Properties();
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/mledger-version.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      return "dev";
    }
    String v = props.getProperty("version", "dev");
    return v.startsWith("${") ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"mledger " + version()};
  }
}
