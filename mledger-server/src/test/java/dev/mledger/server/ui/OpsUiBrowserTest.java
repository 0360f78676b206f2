package dev.mledger.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mledger.server.testing.RunningServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the operations pages (monitors, LLM traces, prompts) in a real headless Chromium against a
 * server loaded with {@link OpsUiTestData}, storing a screenshot per page under {@code
 * target/ui-screenshots}. Skipped with a message when Chromium or chromedriver is missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsUiBrowserTest {
  static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

  @TempDir static Path dir;
  static RunningServer server;
  static OpsUiTestData data;
  static ChromeDriver browser;
  static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(WebUiBrowserTest.CHROMIUM)
            && Files.isExecutable(WebUiBrowserTest.CHROMEDRIVER),
        "Browser tests need "
            + WebUiBrowserTest.CHROMIUM
            + " and "
            + WebUiBrowserTest.CHROMEDRIVER
            + " (apt-get install chromium chromium-driver; .ci/run installs them).");
    server = RunningServer.sqlite(dir);
    data = OpsUiTestData.load(server, dir);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(WebUiBrowserTest.CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1000",
        "--lang=en-US");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(WebUiBrowserTest.CHROMEDRIVER.toFile())
            .build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void monitorsListShowsStatusLastWindowAndOpenAlertsBySeverity() throws IOException {
    open("#/monitors");
    wait.until(d -> rows("[data-testid=monitor-row]").size() == 2);
    WebElement prod = rowContaining("[data-testid=monitor-row]", OpsUiTestData.MONITOR);
    wait.until(
        d ->
            !prod.findElement(By.cssSelector("[data-testid=monitor-alerts]"))
                .getText()
                .equals("…"));
    assertThat(prod.getText()).contains(OpsUiTestData.MODEL, "every 200 events", "1200");
    assertThat(prod.findElements(By.cssSelector("[data-severity=critical]"))).isNotEmpty();
    WebElement idle = rowContaining("[data-testid=monitor-row]", OpsUiTestData.IDLE_MONITOR);
    wait.until(d -> idle.getText().contains("waiting for a full window"));
    assertThat(idle.findElement(By.cssSelector("[data-testid=monitor-alerts]")).getText())
        .isEqualTo("none");
    screenshot("10-monitors");
    assertNoBrowserErrors();
  }

  @Test
  @Order(2)
  void monitorPageChartsDriftPerFeatureAndHistogramsOfTheChosenWindow() throws IOException {
    open("#/monitors");
    click("[data-testid=monitor-link]");
    WebElement drift = waitFor("[data-testid=drift-chart][data-rendered=true]");
    assertThat(text("[data-testid=monitor-title]")).startsWith(OpsUiTestData.MONITOR);
    assertThat(drift.getAttribute("data-series")).isEqualTo("5");
    // The p-value rules (warning 0.01, critical 1e-6) are drawn as threshold lines.
    assertThat(drift.getAttribute("data-thresholds")).isEqualTo("2");
    assertThat(drift.getAttribute("aria-label")).contains("6 windows");
    // The newest window's top root cause is selected first: the shifted feature x1.
    assertThat(
            new Select(waitFor("[data-testid=feature-select]")).getFirstSelectedOption().getText())
        .isEqualTo("x1");
    waitFor("[data-testid=histogram][data-rendered=true][data-feature=x1] canvas");
    assertThat(text("[data-testid=feature-detail]")).contains("Drifted", "yes", "KS p-value");
    assertThat(text("[data-testid=root-cause]")).contains("x1", "No newer dataset version");
    assertThat(text("[data-testid=quality]")).contains("x0", "x3", "region");
    // Every region has at least 30 rows in a window, so each is reported as a slice.
    assertThat(rows("[data-testid=slice-row]")).hasSize(4);
    waitFor("[data-testid=ops-chart][data-rendered=true]");
    assertThat(text("[data-testid=performance]")).contains("MAE");
    screenshot("11-monitor");

    // Switch to PSI: the policy's PSI rule is the only threshold line.
    new Select(waitFor("[data-testid=drift-statistic]")).selectByValue("psi");
    wait.until(d -> "psi".equals(attr("[data-testid=drift-chart]", "data-statistic")));
    assertThat(attr("[data-testid=drift-chart]", "data-thresholds")).isEqualTo("1");

    // A categorical feature in a stable (oldest) window: bars per category, no drift.
    new Select(waitFor("[data-testid=feature-select]")).selectByValue("region");
    Select windows = new Select(waitFor("[data-testid=window-select]"));
    windows.selectByIndex(windows.getOptions().size() - 1);
    waitFor("[data-testid=histogram][data-rendered=true][data-feature=region]");
    assertThat(attr("[data-testid=histogram]", "data-bins")).isEqualTo("4");
    wait.until(d -> text("[data-testid=feature-detail]").contains("χ² p-value"));
    assertThat(browser.getCurrentUrl()).contains("feature=region", "statistic=psi");
    screenshot("12-monitor-categorical");
  }

  @Test
  @Order(3)
  void monitorPageApprovesTheRetrainingAttemptAndAcknowledgesAnAlert() throws IOException {
    open("#/monitors/" + data.monitorId);
    waitFor("[data-testid=alert-row]");
    assertThat(text("[data-testid=alerts-table]")).contains("critical", "x1", "opened", "open");
    assertThat(attr("[data-testid=lineage-link]", "href"))
        .endsWith("#/lineage?node=job%3Amledger.monitor%2F" + OpsUiTestData.MONITOR);
    wait.until(d -> !text("[data-testid=lineage-summary]").contains("…"));
    WebElement retrain = waitFor("[data-testid=retrain-row]");
    assertThat(retrain.getText())
        .contains(
            data.runId.substring(0, 8),
            OpsUiTestData.MODEL + " v2",
            "no-regression: passed",
            "awaiting_approval");
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", retrain);
    screenshot("13-monitor-alerts-retraining");

    // Without a name the decision is refused in the page, before any request.
    click("[data-testid=approve]");
    assertThat(waitFor("[data-testid=approval] [role=alert]").getText()).contains("your name");
    waitFor("[data-testid=approval] input[data-testid$=-user]").sendKeys("carol");
    waitFor("[data-testid=approval] input[data-testid$=-comment]").sendKeys("drift confirmed");
    click("[data-testid=approve]");
    wait.until(d -> text("[data-testid=retrain-row]").contains("promoted"));
    assertThat(text("[data-testid=retrain-row]")).doesNotContain("awaiting");
    assertThat(browser.findElements(By.cssSelector("[data-testid=approval]"))).isEmpty();

    // Acknowledge one of the two open alerts; the name is remembered from the approval.
    assertThat(rows("[data-testid=ack]")).hasSize(2);
    assertThat(attr("[data-testid=ack-user]", "value")).isEqualTo("carol");
    waitFor("[data-testid=ack-comment]").sendKeys("pipeline fix deployed");
    click("[data-testid=ack]");
    wait.until(d -> text("[data-testid=alerts-table]").contains("carol: pipeline fix deployed"));
    assertThat(rows("[data-testid=ack]")).hasSize(1);
    assertNoBrowserErrors();
  }

  @Test
  @Order(4)
  void tracesListFiltersByModelOperationPromptVersionAndTime() throws IOException {
    open("#/traces");
    wait.until(d -> rows("[data-testid=trace-row]").size() == 2 * OpsUiTestData.EXAMPLES + 1);
    wait.until(d -> text("[data-testid=agg-count]").contains("17 (16 ok, 1 failed)"));
    assertThat(text("[data-testid=agg-p95]")).endsWith("ms");
    assertThat(text("[data-testid=agg-cost-task]")).contains("Cost per successful task", "$");
    screenshot("14-traces");

    WebElement model = waitFor("[data-testid=filter-model]");
    model.sendKeys("gpt-4o");
    waitFor("[data-testid=filter-prompt_version]")
        .sendKeys("prompts:/" + OpsUiTestData.PROMPT + "/3");
    click("[data-testid=apply-filters]");
    wait.until(d -> browser.getCurrentUrl().contains("model=gpt-4o"));
    wait.until(d -> rows("[data-testid=trace-row]").size() == OpsUiTestData.EXAMPLES);
    wait.until(
        d ->
            text("[data-testid=agg-count]")
                .contains(OpsUiTestData.EXAMPLES + " (" + OpsUiTestData.EXAMPLES + " ok"));

    open("#/traces?operation=embeddings");
    wait.until(d -> rows("[data-testid=trace-row]").size() == 1);
    assertThat(text("[data-testid=traces-table]")).contains("embed documents");

    // Pages of 5, newest first; the next page starts at the last trace's millisecond.
    open("#/traces?limit=5");
    wait.until(d -> rows("[data-testid=trace-row]").size() == 5);
    List<String> first = traceIds();
    click("[data-testid=older-traces]");
    wait.until(d -> browser.getCurrentUrl().contains("before_ms="));
    wait.until(d -> waitFor("[data-testid=trace-count]").getText().contains("started before"));
    List<String> second = traceIds();
    assertThat(second).hasSize(5).doesNotContainAnyElementsOf(first.subList(0, 4));
    assertThat(second.get(0)).isEqualTo(first.get(4));
    click("[data-testid=newest-traces]");
    wait.until(d -> !browser.getCurrentUrl().contains("before_ms="));
    wait.until(d -> traceIds().equals(first));

    // Traces start from BASE_MS + 1 min, one a minute; the window holds the first three.
    open("#/traces?from=2023-11-14T22:14&to=2023-11-14T22:17");
    wait.until(d -> rows("[data-testid=trace-row]").size() == 3);
    assertThat(attr("[data-testid=filter-from]", "value")).isEqualTo("2023-11-14T22:14");
    assertNoBrowserErrors();
  }

  @Test
  @Order(5)
  void tracePageShowsTheSpanTreeGenAiAttributesAndScores() throws IOException {
    open("#/traces?prompt_version=prompts:/" + OpsUiTestData.PROMPT + "/2");
    wait.until(d -> rows("[data-testid=trace-row]").size() == OpsUiTestData.EXAMPLES);
    browser
        .findElements(By.cssSelector("[data-testid=trace-link]"))
        .get(OpsUiTestData.EXAMPLES - 1)
        .click();

    waitFor("[data-testid=waterfall]");
    List<WebElement> spans = rows("[data-testid=span-row]");
    assertThat(spans)
        .extracting(s -> s.getAttribute("data-depth"))
        .containsExactly("0", "1", "1", "1");
    assertThat(spans.get(0).getText()).contains("answer");
    assertThat(text("[data-testid=trace-usage]")).contains("Input tokens", "600", "Cost");
    assertThat(text("[data-testid=span-detail]"))
        .contains("Evaluation set", OpsUiTestData.EVAL_SET);

    spans.get(2).findElement(By.cssSelector("[data-testid=span-button]")).click();
    wait.until(d -> text("[data-testid=span-name]").equals("chat gpt-4o"));
    assertThat(text("[data-testid=genai-attributes]"))
        .contains(
            "Operation",
            "chat",
            "Response model",
            "gpt-4o-2024-08-06",
            "Input tokens",
            "Output tokens",
            "160");
    assertThat(spans.get(2).getAttribute("class")).contains("selected");
    assertThat(browser.findElements(By.cssSelector("[data-testid=score-source]")))
        .extracting(WebElement::getText)
        .contains("LLM judge gpt-4o (2024-08-06)", "human: alice", "code: has_citation");
    assertThat(text("[data-testid=scores-table]"))
        .contains("relevance", "cites_source", "chat gpt-4o", "friendly");
    screenshot("15-trace");
    assertNoBrowserErrors();
  }

  @Test
  @Order(6)
  void promptPagesShowVersionsAliasesDiffAndPairedComparison() throws IOException {
    open("#/prompts");
    wait.until(d -> rows("[data-testid=prompt-row]").size() == 2);
    assertThat(rowContaining("[data-testid=prompt-row]", OpsUiTestData.PROMPT).getText())
        .contains("v3", "@production → v2", "@staging → v3");
    screenshot("16-prompts");

    browser.findElements(By.cssSelector("[data-testid=prompt-link]")).stream()
        .filter(a -> a.getText().equals(OpsUiTestData.PROMPT))
        .findFirst()
        .orElseThrow()
        .click();
    wait.until(d -> rows("[data-testid=prompt-version-row]").size() == 3);
    assertThat(browser.findElements(By.cssSelector("[data-testid=prompt-alias]")))
        .extracting(WebElement::getText)
        .containsExactlyInAnyOrder("@staging", "@production", "@staging");
    assertThat(text("[data-testid=template]")).contains("{{product}}", "at most three sentences");
    wait.until(d -> rows("[data-testid=evaluation-row]").size() == 2);
    assertThat(text("[data-testid=evaluations]"))
        .contains(OpsUiTestData.EVAL_SET, "relevance: ", "(n=" + OpsUiTestData.EXAMPLES + ")");

    new Select(waitFor("[data-testid=diff-a]")).selectByValue("1");
    new Select(waitFor("[data-testid=diff-b]")).selectByValue("3");
    wait.until(d -> text("[data-testid=diff-summary]").startsWith("v1 → v3"));
    assertThat(browser.findElements(By.cssSelector("[data-testid=diff-add]")))
        .extracting(WebElement::getText)
        .anyMatch(t -> t.contains("at most three sentences"));
    assertThat(browser.findElements(By.cssSelector("[data-testid=diff-del]")))
        .extracting(WebElement::getText)
        .containsExactly("- You are a support agent.", "- Answer {{question}} briefly.");
    assertThat(browser.getCurrentUrl()).contains("a=1", "b=3");

    new Select(waitFor("[data-testid=cmp-a]")).selectByValue("3");
    new Select(waitFor("[data-testid=cmp-b]")).selectByValue("2");
    wait.until(d -> OpsUiTestData.EVAL_SET.equals(attr("[data-testid=cmp-eval-set]", "value")));
    waitFor("[data-testid=cmp-score]").sendKeys("relevance");
    click("[data-testid=cmp-run]");
    waitFor("[data-testid=compare-stats]");
    assertThat(text("[data-testid=compare-stats]"))
        .contains(
            "Paired examples", String.valueOf(OpsUiTestData.EXAMPLES), "Wilcoxon", "interval");
    screenshot("17-prompt");

    waitFor("[data-testid=cmp-score]").clear();
    waitFor("[data-testid=cmp-score]").sendKeys("tone");
    click("[data-testid=cmp-run]");
    assertThat(waitFor("[data-testid=compare-result] [data-testid=error]").getText()).isNotBlank();
    assertNoBrowserErrors();
  }

  private List<String> traceIds() {
    return rows("[data-testid=trace-link]").stream()
        .map(a -> a.getAttribute("href").replaceAll(".*#/traces/", ""))
        .toList();
  }

  private void open(String hash) {
    browser.get(server.base() + "/ui/" + hash);
    browser.navigate().refresh();
  }

  private List<WebElement> rows(String css) {
    return browser.findElements(By.cssSelector(css));
  }

  private WebElement rowContaining(String css, String firstCell) {
    return wait.until(
        d ->
            rows(css).stream()
                .filter(r -> r.findElement(By.tagName("td")).getText().equals(firstCell))
                .findFirst()
                .orElse(null));
  }

  private WebElement waitFor(String css) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  private void click(String css) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  private String text(String css) {
    return waitFor(css).getText();
  }

  private String attr(String css, String name) {
    return waitFor(css).getAttribute(name);
  }

  private void screenshot(String name) throws IOException {
    ((JavascriptExecutor) browser)
        .executeAsyncScript(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));");
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve(name + ".png"), png);
  }

  private void assertNoBrowserErrors() {
    List<String> severe =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            // The comparison on a categorical score is refused by the server (400) and shown.
            .filter(m -> !(m.contains("/api/v1/prompts/compare") && m.contains("400")))
            .toList();
    assertThat(severe).as("browser console errors").isEmpty();
  }
}
