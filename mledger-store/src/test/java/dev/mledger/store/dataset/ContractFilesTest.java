package dev.mledger.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mledger.core.dataset.ContractRule;
import dev.mledger.core.dataset.DataContract;
import dev.mledger.core.error.MledgerException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContractFilesTest {
  @Test
  void readsEverySection() {
    DataContract c =
        ContractFiles.parse(
            "schema:\n"
                + "  columns: [{name: id, type: numeric}, email]\n"
                + "  allow_extra: false\n"
                + "row_count: {min: 10, max: 100}\n"
                + "hash: "
                + "A".repeat(64)
                + "\n"
                + "freshness: {warn_after: 7d, block_after: P30D}\n"
                + "privacy: {allowed_pii: [email], forbidden_columns: [ssn], require_declaration: true}\n"
                + "license: {allowed: [MIT]}\n",
            "c.yaml");
    assertThat(c.rules())
        .containsExactly(
            new ContractRule.Schema(
                List.of(
                    new ContractRule.Column("id", "numeric"),
                    new ContractRule.Column("email", null)),
                false),
            new ContractRule.RowCount(10L, 100L),
            new ContractRule.Hash("a".repeat(64)),
            new ContractRule.Freshness(Duration.ofDays(7), Duration.ofDays(30)),
            new ContractRule.Privacy(Set.of("email"), Set.of("ssn"), true),
            new ContractRule.License(Set.of("MIT")));
  }

  @Test
  void refusesTyposAndBadValuesNamingTheKey() {
    assertThatThrownBy(() -> ContractFiles.parse("row_cout: {min: 1}\n", "c.yaml"))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("c.yaml: unknown key 'row_cout'");
    assertThatThrownBy(() -> ContractFiles.parse("row_count: {min: -1}\n", "c.yaml"))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("row_count.min");
    assertThatThrownBy(() -> ContractFiles.parse("freshness: {warn_after: soon}\n", "c.yaml"))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("c.yaml: invalid duration 'soon'");
    assertThatThrownBy(() -> ContractFiles.parse("{\"license\": {\"allowed\": []}}", "c.json"))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("license.allowed");
    assertThatThrownBy(() -> ContractFiles.parse("", "c.yaml"))
        .isInstanceOf(MledgerException.class)
        .hasMessageContaining("empty");
  }
}
