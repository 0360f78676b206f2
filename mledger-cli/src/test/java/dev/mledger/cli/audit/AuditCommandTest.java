package dev.mledger.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mledger.cli.Main;
import dev.mledger.core.audit.AuditEntry;
import dev.mledger.store.Stores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AuditCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  String head;

  @BeforeEach
  void seed() {
    try (Stores stores = Stores.open("sqlite:///" + dir.resolve("mledger.db"), "/tmp/a")) {
      AuditEntry last = null;
      for (int i = 1; i <= 3; i++) {
        last =
            stores
                .audit()
                .append("alice", "registry.create", "registered_model", "m" + i, Map.of("i", i));
      }
      head = last.hash();
    }
  }

  int run(String... args) {
    CommandLine cli = Main.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  void tamper(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mledger.db"));
        Statement st = c.createStatement()) {
      st.execute("DROP TRIGGER IF EXISTS audit_log_no_update");
      st.execute("DROP TRIGGER IF EXISTS audit_log_no_delete");
      st.execute(sql);
    }
  }

  @Test
  void anIntactChainExitsZeroAndPrintsItsHead() {
    assertThat(run("audit", "verify", "--data", dir.toString())).isZero();
    assertThat(out.toString()).contains("audit trail intact: 3 entries, head 3 " + head);
  }

  @Test
  void anEditedEntryExitsOneNamingIt() throws Exception {
    tamper("UPDATE audit_log SET subject_id = 'forged' WHERE sequence = 2");
    assertThat(run("audit", "verify", "--data", dir.toString())).isEqualTo(1);
    assertThat(out.toString()).contains("BROKEN at entry 2 (edited)");
  }

  @Test
  void aTruncatedTailIsCaughtWithTheExpectedHeadAsJson() throws Exception {
    tamper("DELETE FROM audit_log WHERE sequence = 3");
    assertThat(run("audit", "verify", "--data", dir.toString())).isZero();
    out.getBuffer().setLength(0);

    int code = run("audit", "verify", "--data", dir.toString(), "--expect-head", head, "--json");

    assertThat(code).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("intact").asBoolean()).isFalse();
    assertThat(json.get("problem").asText()).isEqualTo("head_mismatch");
  }

  @Test
  void logListsEntriesAndAMissingDatabaseIsAClearError() throws Exception {
    assertThat(run("audit", "log", "--data", dir.toString(), "--after", "1", "--json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("entries")).hasSize(2);
    assertThat(json.at("/entries/0/subjectId").asText()).isEqualTo("m2");

    assertThat(run("audit", "verify", "--data", dir.resolve("nowhere").toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("mledger: no mledger database at");
  }
}
