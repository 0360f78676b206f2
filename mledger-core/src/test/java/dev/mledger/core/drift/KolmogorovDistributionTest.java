package dev.mledger.core.drift;

import static dev.mledger.core.drift.DriftFixtures.assertMatches;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class KolmogorovDistributionTest {

  @TestFactory
  Stream<DynamicTest> kstwoSurvivalMatchesScipy() {
    return DriftFixtures.load("kolmogorov.txt", "kstwo").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () ->
                        assertMatches(
                            "kstwo.sf",
                            KolmogorovDistribution.sf(c.longValue("n"), c.number("x")),
                            c.number("sf"))));
  }

  @TestFactory
  Stream<DynamicTest> smirnovMatchesScipy() {
    return DriftFixtures.load("kolmogorov.txt", "smirnov").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () ->
                        assertMatches(
                            "smirnov", Smirnov.sf(c.integer("n"), c.number("x")), c.number("sf"))));
  }
}
