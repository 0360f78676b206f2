package dev.mledger.store.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the shared {@link TestPostgres} server once all tests of the JVM have run. */
public final class StopTestPostgres implements LauncherSessionListener {
  @Override
  public void launcherSessionClosed(LauncherSession session) {
    TestPostgres.stop();
  }
}
