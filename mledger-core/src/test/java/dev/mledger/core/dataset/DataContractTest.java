package dev.mledger.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.error.MledgerException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataContractTest {
  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
  private static final String HASH =
      "308a5b9a918d39a826ee3c0cc29c6caa21264bafcffabae7e2e42330dfc1cc2b";

  private static ColumnProfile column(String name, String type) {
    return new ColumnProfile(name, type, 10, 0, 0, 3, null, null, null, null, null, Map.of());
  }

  private static DatasetFacts facts(String license, List<String> pii, boolean declared) {
    TabularProfile profile =
        new TabularProfile(
            "d.csv", 100, List.of(column("id", "numeric"), column("email", "categorical")));
    return new DatasetFacts(
        "users", SemanticVersion.INITIAL, HASH, CREATED, license, pii, declared, profile);
  }

  private static CheckReport check(ContractRule rule, DatasetFacts facts, Duration age) {
    return new DataContract("t", List.of(rule)).check(facts, CREATED.plus(age));
  }

  @Test
  void schemaChecksPresenceTypeAndExtraColumns() {
    ContractRule ok =
        new ContractRule.Schema(
            List.of(
                new ContractRule.Column("id", "numeric"), new ContractRule.Column("email", null)),
            false);
    assertThat(check(ok, facts("MIT", List.of(), true), Duration.ZERO).status())
        .isEqualTo(CheckStatus.PASS);
    ContractRule wrongType =
        new ContractRule.Schema(List.of(new ContractRule.Column("id", "categorical")), true);
    CheckReport report = check(wrongType, facts("MIT", List.of(), true), Duration.ZERO);
    assertThat(report.passed()).isFalse();
    assertThat(report.outcomes().get(0).message()).contains("is numeric, expected categorical");
    ContractRule strict =
        new ContractRule.Schema(List.of(new ContractRule.Column("id", null)), false);
    assertThat(
            check(strict, facts("MIT", List.of(), true), Duration.ZERO)
                .withStatus(CheckStatus.BLOCK))
        .extracting(CheckOutcome::message)
        .containsExactly("undeclared columns: email");
  }

  @Test
  void rowCountAndHash() {
    DatasetFacts f = facts("MIT", List.of(), true);
    assertThat(check(new ContractRule.RowCount(50L, null), f, Duration.ZERO).passed()).isTrue();
    assertThat(check(new ContractRule.RowCount(null, 99L), f, Duration.ZERO).passed()).isFalse();
    assertThat(check(new ContractRule.Hash(HASH.toUpperCase()), f, Duration.ZERO).passed())
        .isTrue();
    assertThat(check(new ContractRule.Hash("0".repeat(64)), f, Duration.ZERO).passed()).isFalse();
    assertThatThrownBy(() -> new ContractRule.RowCount(5L, 1L))
        .isInstanceOf(MledgerException.class);
  }

  @Test
  void freshnessWarnsThenBlocks() {
    ContractRule rule = new ContractRule.Freshness(Duration.ofDays(7), Duration.ofDays(30));
    DatasetFacts f = facts("MIT", List.of(), true);
    assertThat(check(rule, f, Duration.ofDays(1)).status()).isEqualTo(CheckStatus.PASS);
    CheckReport warned = check(rule, f, Duration.ofDays(8));
    assertThat(warned.status()).isEqualTo(CheckStatus.WARN);
    assertThat(warned.passed()).isTrue();
    assertThat(warned.outcomes().get(0).message()).contains("8d").contains("warn_after 7d");
    assertThat(check(rule, f, Duration.ofDays(31)).status()).isEqualTo(CheckStatus.BLOCK);
  }

  @Test
  void privacyGateBlocksUndeclaredOrForbiddenPii() {
    ContractRule rule = new ContractRule.Privacy(Set.of("email"), Set.of("ssn"), true);
    assertThat(check(rule, facts("MIT", List.of("email"), true), Duration.ZERO).passed()).isTrue();
    assertThat(check(rule, facts("MIT", List.of("phone"), true), Duration.ZERO).passed()).isFalse();
    assertThat(check(rule, facts("MIT", List.of(), false), Duration.ZERO).passed()).isFalse();
    ContractRule noEmail = new ContractRule.Privacy(Set.of(), Set.of("email"), false);
    assertThat(
            check(noEmail, facts("MIT", List.of(), true), Duration.ZERO)
                .withStatus(CheckStatus.BLOCK))
        .extracting(CheckOutcome::check)
        .containsExactly("privacy.forbidden_columns");
  }

  @Test
  void licenseAllowListIgnoresCaseAndBlocksMissingLicenses() {
    ContractRule rule = new ContractRule.License(Set.of("CC-BY-4.0", "MIT"));
    assertThat(check(rule, facts("mit", List.of(), true), Duration.ZERO).passed()).isTrue();
    assertThat(check(rule, facts("GPL-3.0", List.of(), true), Duration.ZERO).passed()).isFalse();
    assertThat(check(rule, facts(null, List.of(), true), Duration.ZERO).passed()).isFalse();
  }

  @Test
  void nonTablesFailTabularRules() {
    DatasetFacts blob =
        new DatasetFacts("b", SemanticVersion.INITIAL, HASH, CREATED, null, List.of(), false, null);
    assertThat(check(new ContractRule.RowCount(1L, null), blob, Duration.ZERO).passed()).isFalse();
  }

  @Test
  void durationsParseShortAndIsoForms() {
    assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("2w")).isEqualTo(Duration.ofDays(14));
    assertThat(Durations.parse("PT12H")).isEqualTo(Duration.ofHours(12));
    assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(MledgerException.class);
  }

  @Test
  void profilesRoundTripThroughJson() {
    TabularProfile p =
        new TabularProfile(
            "d.csv",
            3,
            List.of(
                new ColumnProfile("x", "numeric", 3, 0, 0, 3, 1.0, 3.0, 2.0, 1.0, 2.0, Map.of()),
                new ColumnProfile(
                    "c",
                    "categorical",
                    2,
                    1,
                    0,
                    2,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Map.of("a", 1L, "b", 1L))));
    assertThat(TabularProfile.fromJson(p.toJson())).isEqualTo(p);
  }
}
