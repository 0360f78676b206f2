package dev.mledger.core.drift;

import static dev.mledger.core.testing.ScipyFixtures.assertMatches;

import dev.mledger.core.testing.ScipyFixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class KolmogorovDistributionTest {

  @TestFactory
  Stream<DynamicTest> kstwoSurvivalMatchesScipy() {
    return ScipyFixtures.load("/dev/mledger/core/drift/kolmogorov.txt", "kstwo").stream()
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
    return ScipyFixtures.load("/dev/mledger/core/drift/kolmogorov.txt", "smirnov").stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () ->
                        assertMatches(
                            "smirnov", Smirnov.sf(c.integer("n"), c.number("x")), c.number("sf"))));
  }
}
