package dev.mledger.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * mledger-core is the pure domain: it may use the JDK and the few small libraries DESIGN.md allows,
 * never server, store, CLI or framework code.
 */
class CoreDependencyRulesTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.mledger.core");

  @Test
  void coreDependsOnlyOnJdkAndAllowedLibraries() {
    ArchRule rule =
        classes()
            .that()
            .resideInAPackage("dev.mledger.core..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                "java..",
                "javax.annotation..",
                "dev.mledger.core..",
                "org.hipparchus..",
                "org.apache.datasketches..",
                "com.fasterxml.jackson.annotation..");
    rule.check(CORE);
  }

  @Test
  void coreNeverReachesIntoOuterModules() {
    ArchRule rule =
        classes()
            .that()
            .resideInAPackage("dev.mledger.core..")
            .should()
            .onlyDependOnClassesThat()
            .resideOutsideOfPackages(
                "dev.mledger.store..",
                "dev.mledger.server..",
                "dev.mledger.cli..",
                "dev.mledger.client..");
    rule.check(CORE);
  }

  @Test
  void theImportActuallySeesTheCoreClasses() {
    // Guards against a vacuous pass: the rules above mean nothing if no class was imported.
    org.assertj.core.api.Assertions.assertThat(CORE.size()).isGreaterThan(10);
  }
}
