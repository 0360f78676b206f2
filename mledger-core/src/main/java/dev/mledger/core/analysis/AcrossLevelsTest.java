package dev.mledger.core.analysis;

/** Whether the means of all levels were tested for equality, and with what outcome. */
public sealed interface AcrossLevelsTest {

  /** Welch's one-way ANOVA across the levels. */
  record Tested(WelchAnovaResult result) implements AcrossLevelsTest {}

  /** The test could not be run; {@code reason} says why, for the user. */
  record NotTested(String reason) implements AcrossLevelsTest {}
}
