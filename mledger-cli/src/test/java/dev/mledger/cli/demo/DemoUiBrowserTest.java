package dev.mledger.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mledger.cli.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Runs the demo, then visits every page of {@link UiPages} in a real headless Chromium against a
 * server on the demo's data, with a screenshot per page in {@code target/ui-screenshots-demo}. A
 * page fails on an error box, a "Not found" page, a page still loading, or a browser console error.
 * Needs the Debian packages {@code chromium} and {@code chromium-driver}; skipped without them.
 */
class DemoUiBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "ui-screenshots-demo");

  static EmbeddedServer server;
  static dev.mledger.client.MledgerClient client;
  static ChromeDriver browser;
  static WebDriverWait wait;
  static List<UiPages.Page> pages;

  @BeforeAll
  static void start() throws IOException {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Browser tests need "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver; .ci/run installs them).");
    DemoRun demo = DemoRun.shared();
    server = EmbeddedServer.start("127.0.0.1", 0, demo.dataDir, null, null);
    client = dev.mledger.client.MledgerClient.builder().trackingUri(server.baseUrl()).build();
    pages = UiPages.of(resultFromApi(new DemoApi(client)));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
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
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
            options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyPageRendersWithoutErrors() throws IOException {
    List<String> failures = new ArrayList<>();
    int index = 0;
    for (UiPages.Page page : pages) {
      index++;
      String url = page.url(server.baseUrl());
      browser.get(url);
      // Navigating between hash routes keeps the document: reload so each page starts fresh.
      browser.navigate().refresh();
      try {
        wait.until(d -> rendered());
      } catch (org.openqa.selenium.TimeoutException e) {
        failures.add(page.name() + ": still loading after 20 s (" + url + ")");
      }
      settle();
      screenshot(String.format("%02d-%s", index, page.name()));
      for (WebElement error : browser.findElements(By.cssSelector("[data-testid=error], .error"))) {
        failures.add(page.name() + ": error box '" + error.getText() + "' (" + url + ")");
      }
      String heading =
          browser.findElements(By.cssSelector("#main h1")).stream()
              .map(WebElement::getText)
              .findFirst()
              .orElse("");
      if (heading.equals("Not found")) {
        failures.add(page.name() + ": no such page (" + url + ")");
      }
      for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER).getAll()) {
        if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
          failures.add(page.name() + ": console error " + entry.getMessage());
        }
      }
    }
    assertThat(failures).as("pages visited: %d", pages.size()).isEmpty();
    assertThat(pages).extracting(UiPages.Page::name).contains("compare", "model");
  }

  @Test
  void comparePageShowsTheBestConfigAgainstTheBaselineWithSeedBands() {
    UiPages.Page compare =
        pages.stream().filter(p -> p.name().equals("compare")).findFirst().orElseThrow();
    browser.get(compare.url(server.baseUrl()));
    browser.navigate().refresh();
    wait.until(d -> !d.findElements(By.cssSelector("[data-testid=group-table]")).isEmpty());
    String groups = browser.findElement(By.cssSelector("[data-testid=group-table]")).getText();
    assertThat(groups).contains("model=linear").contains("model=ridge");
    assertThat(
            browser
                .findElement(By.cssSelector("[data-testid=compare-metric]"))
                .getAttribute("value"))
        .isEqualTo("test_r2");
    wait.until(
        d ->
            "2"
                .equals(
                    d.findElement(By.cssSelector("[data-testid=compare-curves]"))
                        .getAttribute("data-bands")));
    assertThat(browser.findElement(By.cssSelector("[data-testid=compare-title]")).getText())
        .isEqualTo("Compare 10 runs");
  }

  @Test
  void lineagePageWalksTheChampionBackToTheRawFile() {
    UiPages.Page lineage =
        pages.stream().filter(p -> p.name().equals("lineage")).findFirst().orElseThrow();
    browser.get(lineage.url(server.baseUrl()));
    browser.navigate().refresh();
    wait.until(
        d ->
            !d.findElements(By.cssSelector("[data-testid=lineage-graph][data-rendered=true]"))
                .isEmpty());
    // The deep link's depth is shown even though it is not one of the usual choices.
    assertThat(
            new org.openqa.selenium.support.ui.Select(
                    browser.findElement(By.cssSelector("[data-testid=lineage-depth]")))
                .getFirstSelectedOption()
                .getText())
        .isEqualTo("12 hops");
    String nodes = browser.findElement(By.cssSelector("[data-testid=lineage-table]")).getText();
    // File datasets are labelled by file name (their ids keep the full path).
    assertThat(nodes).contains("raw.csv", "clean.csv", "Environment", "Run", "Job");
    assertThat(
            browser
                .findElements(By.cssSelector("[data-testid=lineage-row] td:nth-child(3)"))
                .stream()
                .map(WebElement::getText)
                .filter(name -> name.endsWith(".csv"))
                .toList())
        .isNotEmpty()
        .allSatisfy(name -> assertThat(name).doesNotContain("/"));
    assertThat(browser.findElement(By.cssSelector("[data-testid=lineage-legend]")).getText())
        .contains("Environment", "Model version");
  }

  private boolean rendered() {
    List<WebElement> main = browser.findElements(By.id("main"));
    if (main.isEmpty()) {
      return false;
    }
    String text = main.get(0).getText();
    return !text.isBlank() && !text.contains("Loading…");
  }

  /** Waits until the page's text stops changing (sections load after the first paint). */
  private void settle() {
    String before = "";
    for (int i = 0; i < 20; i++) {
      String now = browser.findElement(By.id("main")).getText();
      if (now.equals(before) && !now.contains("Loading")) {
        return;
      }
      before = now;
      sleep(250);
    }
  }

  private void screenshot(String name) throws IOException {
    ((JavascriptExecutor) browser)
        .executeAsyncScript(
            "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(done));");
    Files.write(
        SCREENSHOTS.resolve(name + ".png"),
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The demo's result as {@link DemoScenario} returned it, read back through the API. */
  static DemoScenario.Result resultFromApi(DemoApi api) {
    String experimentId =
        api.get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + DemoContext.EXPERIMENT)
            .path("experiment")
            .path("experiment_id")
            .asText();
    JsonNode runs =
        api.post(
                "/api/2.0/mlflow/runs/search",
                Map.of(
                    "experiment_ids",
                    List.of(experimentId),
                    "filter",
                    "tags.`mledger.demo.stage` = 'sweep'",
                    "max_results",
                    1000))
            .path("runs");
    String bestConfig = null;
    for (JsonNode run : runs) {
      if ("true".equals(tag(run, "mledger.demo.best"))) {
        bestConfig = tag(run, "mledger.demo.config");
      }
    }
    List<String> compare = new ArrayList<>();
    for (String config : List.of(ModelConfig.baseline().label(), bestConfig)) {
      for (JsonNode run : runs) {
        if (config.equals(tag(run, "mledger.demo.config"))
            && tag(run, "mlflow.parentRunId") != null) {
          compare.add(run.path("info").path("run_id").asText());
        }
      }
    }
    String monitorId = api.get("/api/v1/monitors").path("monitors").get(0).path("id").asText();
    String champion =
        api.get(
                "/api/2.0/mlflow/registered-models/alias?name="
                    + DemoContext.MODEL
                    + "&alias=champion")
            .path("model_version")
            .path("version")
            .asText();
    List<String> traceIds = new ArrayList<>();
    api.get("/api/v1/traces")
        .path("traces")
        .forEach(t -> traceIds.add(t.path("trace_id").asText()));
    return new DemoScenario.Result(
        experimentId,
        compare,
        "1",
        champion,
        monitorId,
        new TreeSet<>(List.of("x0", "x3")),
        traceIds);
  }

  private static String tag(JsonNode run, String key) {
    for (JsonNode t : run.path("data").path("tags")) {
      if (t.path("key").asText().equals(key)) {
        return t.path("value").asText();
      }
    }
    return null;
  }
}
