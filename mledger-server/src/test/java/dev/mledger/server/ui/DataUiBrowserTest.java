package dev.mledger.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.server.testing.RunningServer;
import dev.mledger.store.artifact.LocalArtifactStore;
import dev.mledger.store.artifact.LocalContentStore;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dataset, lineage and audit pages in a real headless Chromium against a server loaded with
 * {@link DataUiTestData}; screenshots go to {@code target/ui-screenshots}. Skipped when Chromium or
 * chromedriver is missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataUiBrowserTest {
  @TempDir static Path dir;
  static RunningServer server;
  static DataUiTestData data;
  static HeadlessChromium browser;

  @BeforeAll
  static void start() throws Exception {
    HeadlessChromium.assumeInstalled();
    // mlflow-artifacts: locations, so that the run page's artifact browser reads through the proxy.
    server =
        RunningServer.withArtifacts(
            "sqlite:///" + dir.resolve("mledger.db"),
            "mlflow-artifacts:",
            new LocalArtifactStore(dir.resolve("artifact-store")),
            new LocalContentStore(dir.resolve("datasets/blobs")));
    data = DataUiTestData.load(server, dir);
    browser = HeadlessChromium.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void noConsoleErrors() {
    // Expected answers shown in the page: the invalid contract (400) and the run without an
    // envelope (404).
    browser.assertNoConsoleErrors(
        m ->
            (m.contains("/check") && m.contains("400 (Bad Request)"))
                || (m.contains("/envelope") && m.contains("404")));
  }

  private void open(String hash) {
    browser.driver.get(server.base() + "/ui/#" + hash);
    browser.driver.navigate().refresh();
  }

  @Test
  @Order(1)
  void datasetListShowsCurrentVersionsAndFilters() throws IOException {
    open("/datasets");
    browser.waitFor("[data-testid=dataset-row]");
    List<WebElement> rows = browser.all("[data-testid=dataset-row]");
    assertThat(rows).hasSize(2);
    String table = rows.get(0).getText();
    assertThat(table)
        .contains(DataUiTestData.TABLE, "v1.1.0", "pricing-team", "CC-BY-4.0")
        .contains(String.valueOf(DataUiTestData.TABLE_ROWS_V2));
    assertThat(rows.get(1).getText())
        .contains(DataUiTestData.IMAGES, "vision-team", "undeclared", "3", "60 KiB");
    assertThat(browser.text("a[data-nav=datasets]")).isEqualTo("Datasets");
    assertThat(browser.waitFor("a[data-nav=datasets]").getAttribute("class")).contains("active");
    browser.screenshot("09-datasets");

    browser.waitFor("[data-testid=dataset-filter]").sendKeys("vision");
    browser.waitUntil(b -> b.text("[data-testid=dataset-count]").equals("1 of 2 datasets"));
    assertThat(rows.get(0).isDisplayed()).isFalse();
    assertThat(rows.get(1).isDisplayed()).isTrue();
  }

  @Test
  @Order(2)
  void datasetPageShowsVersionsProvenanceProfileAndChecksAContract() throws IOException {
    open("/datasets");
    browser.click("[data-testid=dataset-link]");
    browser.waitFor("[data-testid=profile-table]");
    assertThat(browser.text("[data-testid=dataset-title]"))
        .contains("housing", "v1.1.0", "current");
    assertThat(browser.all("[data-testid=version-row]")).hasSize(2);
    assertThat(browser.all("[data-testid=current-label]")).hasSize(1);
    assertThat(browser.text("[data-testid=provenance]"))
        .contains("s3://open-data/housing", "CC-BY-4.0", "none (declared)", "id", data.runId);
    assertThat(browser.all("[data-testid=column-row]"))
        .extracting(r -> r.getAttribute("data-column"))
        .containsExactly("id", "sqft", "rooms", "city", "price", "age");
    assertThat(browser.text("[data-column=city]")).contains("categorical", "Lyon");

    // The suggested contract describes the version, so it passes.
    browser.click("[data-testid=run-check]");
    browser.waitUntil(b -> b.text("[data-testid=check-result]").contains("checks"));
    assertThat(browser.text("[data-testid=check-status]")).startsWith("pass");
    browser.screenshot("10-dataset");

    WebElement contract = browser.waitFor("[data-testid=contract-text]");
    contract.clear();
    contract.sendKeys("row_count: {min: 1000}\nlicense: {allowed: [MIT]}\n");
    browser.click("[data-testid=run-check]");
    browser.waitUntil(b -> b.text("[data-testid=check-status]").startsWith("block"));
    assertThat(browser.text("[data-testid=check-result]")).contains("row_count", "license");

    contract.clear();
    contract.sendKeys("rows: 3\n");
    browser.click("[data-testid=run-check]");
    assertThat(browser.waitFor("[data-testid=check-result] [data-testid=error]").getText())
        .contains("rows");

    // Another version is one click away and keeps its own profile.
    browser.all("[data-testid=version-link]").get(1).click();
    browser.waitUntil(b -> b.text("[data-testid=dataset-title]").contains("v1.0.0"));
    assertThat(browser.text("[data-testid=dataset-title]")).contains("not current");
    browser.waitUntil(b -> b.all("[data-testid=column-row]").size() == 5);
  }

  @Test
  @Order(3)
  void diffShowsSchemaRowsAndColumnShift() throws IOException {
    open("/datasets/" + DataUiTestData.TABLE);
    browser.waitFor("[data-testid=profile-table]");
    assertThat(browser.text("[data-testid=diff-selected]")).isEqualTo("Diff v1.0.0 → v1.1.0");
    browser.click("[data-testid=diff-selected]");

    browser.waitFor("[data-testid=shift-table]");
    assertThat(browser.text("[data-testid=diff-title]")).isEqualTo("housing: v1.0.0 → v1.1.0");
    assertThat(browser.all("[data-testid=schema-change]"))
        .extracting(WebElement::getText)
        .containsExactly("age added — numeric");
    assertThat(browser.text("[data-testid=row-delta]"))
        .isEqualTo("+" + (DataUiTestData.TABLE_ROWS_V2 - DataUiTestData.TABLE_ROWS_V1));
    assertThat(browser.text("[data-testid=file-changes]")).contains("Modified 1");
    // Rows matched by the declared key: v1.1.0 regenerated every row and added 20.
    assertThat(browser.text("[data-testid=row-changes]"))
        .contains("Added " + (DataUiTestData.TABLE_ROWS_V2 - DataUiTestData.TABLE_ROWS_V1));
    assertThat(browser.all("[data-testid=drift-test]")).isNotEmpty();
    // Prices moved by ~25k on a spread of ~65k: the shift is flagged.
    WebElement price = browser.waitFor("[data-testid=column-shift][data-column=price]");
    assertThat(price.getAttribute("class")).contains("differs");
    assertThat(browser.waitFor("[data-testid=column-shift][data-column=city]").getText())
        .contains("categorical");
    browser.waitFor("[data-testid=shift-chart][data-rendered=true] canvas");
    assertThat(browser.waitFor("[data-testid=shift-chart]").getAttribute("aria-label"))
        .contains("price");
    browser.screenshot("11-dataset-diff");

    browser.click("[data-testid=diff-swap]");
    browser.waitUntil(b -> b.text("[data-testid=diff-title]").equals("housing: v1.1.0 → v1.0.0"));
    assertThat(browser.all("[data-testid=schema-change]"))
        .extracting(WebElement::getText)
        .containsExactly("age removed numeric —");
    new Select(browser.waitFor("[data-testid=diff-to]")).selectByValue("1.1.0");
    browser.waitUntil(b -> b.waitFor("[data-testid=diff-identical]").isDisplayed());
  }

  @Test
  @Order(4)
  void lineageExplorerRecentresAndFollowsDirectionAndDepth() throws IOException {
    // From the run page's lineage card into the explorer.
    open("/runs/" + data.runId);
    browser.waitUntil(b -> b.text("[data-testid=lineage-summary]").contains("upstream: 1 dataset"));
    assertThat(browser.text("[data-testid=lineage-summary]"))
        .contains("downstream: 1 model version");
    browser.click("[data-testid=lineage-link]");

    browser.waitFor("[data-testid=lineage-graph][data-rendered=true] canvas");
    assertThat(browser.text("[data-testid=lineage-centre]")).isEqualTo("run:" + data.runId);
    assertThat(types()).contains("DATASET", "JOB", "RUN", "MODEL", "ENDPOINT");
    assertThat(browser.text("[data-testid=lineage-legend]"))
        .contains("Dataset", "Job", "Run", "Model version", "Endpoint");
    assertThat(browser.text("[data-testid=lineage-table]"))
        .contains("housing v1.0.0", DataUiTestData.JOB, "housing-price v1", "1 upstream");
    browser.screenshot("12-lineage");

    // Depth 1 keeps only the direct neighbours.
    new Select(browser.waitFor("[data-testid=lineage-depth]")).selectByValue("1");
    browser.waitUntil(b -> b.driver.getCurrentUrl().contains("depth=1"));
    // The table is emptied while the new graph loads: wait for the re-rendered rows, not for "no
    // JOB".
    browser.waitUntil(b -> Set.copyOf(types()).equals(Set.of("DATASET", "RUN", "MODEL")));
    assertThat(types()).containsExactlyInAnyOrder("DATASET", "RUN", "MODEL");

    // Recentre on the model version, then look downstream only.
    browser.click("[data-testid=lineage-row][data-type=MODEL] [data-testid=recentre]");
    browser.waitUntil(
        b -> b.text("[data-testid=lineage-centre]").equals("model:" + DataUiTestData.MODEL + "/1"));
    browser.click("[data-testid=direction-downstream]");
    browser.waitUntil(b -> types().size() == 2);
    assertThat(types()).containsExactlyInAnyOrder("MODEL", "ENDPOINT");
    assertThat(browser.waitFor("[data-testid=direction-downstream]").getAttribute("aria-checked"))
        .isEqualTo("true");
    assertThat(browser.driver.getCurrentUrl()).contains("direction=downstream");

    browser.click("[data-testid=open-page]");
    browser.waitFor("[data-testid=model-title]");
    assertThat(browser.text("[data-testid=model-title]")).isEqualTo(DataUiTestData.MODEL);
    browser.waitUntil(b -> b.text("[data-testid=lineage-card]").contains("downstream: 1 endpoint"));
  }

  @Test
  @Order(5)
  void lineageDeepLinkFromADatasetVersionAndBadIds() {
    open("/datasets/" + DataUiTestData.TABLE + "?version=1.0.0");
    browser.click("[data-testid=dataset-lineage]");
    browser.waitFor("[data-testid=lineage-graph][data-rendered=true]");
    assertThat(browser.text("[data-testid=lineage-centre]")).contains("housing/versions/1.0.0@");
    assertThat(types()).contains("RUN", "DATASET");

    open("/lineage?node=" + URLEncoder.encode("nonsense", StandardCharsets.UTF_8));
    assertThat(browser.text("[data-testid=error]")).contains("Invalid lineage node id 'nonsense'");
    browser.assertNoConsoleErrors(m -> m.contains("/api/v1/lineage") && m.contains("400"));
  }

  @Test
  @Order(6)
  void auditLogPagesFiltersAndVerifiesTheChain() throws IOException {
    open("/audit");
    browser.waitFor("[data-testid=audit-row]");
    assertThat(browser.all("[data-testid=audit-row]")).hasSize(50);
    // Plus what setup audited: three dataset versions (alice, alice, bob), two registry calls.
    long total = DataUiTestData.AUDIT_ENTRIES + 5;
    assertThat(browser.text("[data-testid=audit-count]"))
        .isEqualTo("Entries 1–50 of " + total + ", newest first");
    assertThat(browser.all("[data-testid=audit-row]").get(0).getAttribute("data-sequence"))
        .isEqualTo(String.valueOf(total));

    browser.click("[data-testid=verify-chain]");
    assertThat(browser.waitFor("[data-testid=verify-ok]").getText())
        .contains("Chain intact: " + total + " entries verified");
    browser.screenshot("13-audit");

    browser.click("[data-testid=older-page]");
    browser.waitUntil(b -> b.text("[data-testid=audit-count]").startsWith("Entries 51–100"));
    assertThat(browser.all("[data-testid=audit-row]").get(0).getAttribute("data-sequence"))
        .isEqualTo(String.valueOf(total - 50));
    browser.click("[data-testid=older-page]");
    browser.waitUntil(b -> b.text("[data-testid=audit-count]").startsWith("Entries 101–" + total));
    assertThat(browser.waitFor("[data-testid=older-page]").isEnabled()).isFalse();
    browser.click("[data-testid=newer-page]");
    browser.waitUntil(b -> b.text("[data-testid=audit-count]").startsWith("Entries 51–100"));
    browser.click("[data-testid=newer-page]");
    browser.waitUntil(b -> b.text("[data-testid=audit-count]").startsWith("Entries 1–50"));

    new Select(browser.waitFor("[data-testid=audit-actor]")).selectByValue("bob");
    browser.waitUntil(b -> b.text("[data-testid=audit-count]").endsWith("of 41, newest first"));
    new Select(browser.waitFor("[data-testid=audit-type]")).selectByValue("dataset");
    browser.waitUntil(
        b -> b.text("[data-testid=audit-count]").equals("Entries 1–11 of 11, newest first"));
    assertThat(browser.all("[data-testid=audit-row]"))
        .allSatisfy(r -> assertThat(r.getText()).contains("bob", "dataset.add"));
    assertThat(browser.all("[data-testid=audit-row]").get(0).getText()).contains("housing@");
    browser.all("[data-testid=audit-row] a").get(0).click();
    browser.waitFor("[data-testid=dataset-title]");
  }

  private List<String> types() {
    return browser.all("[data-testid=lineage-row]").stream()
        .map(r -> r.getAttribute("data-type"))
        .distinct()
        .toList();
  }
}
