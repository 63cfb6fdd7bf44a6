package org.mediamonitor.api;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.mediamonitor.model.Item;

/**
 * The web page in headless Chromium (Debian's chromium and chromedriver, which CI installs) against
 * the service crawling the demo site: what staff do every morning.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium"), DRIVER = Path.of("/usr/bin/chromedriver");
    /** Screenshots for the documentation, kept in the repository's docs folder. */
    private static final Path DOCS = Path.of("..", "docs", "screenshots");

    @TempDir
    static Path data;
    @TempDir
    static Path profile;
    private DemoSite site;
    private Service service;
    private String viewer, editor;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "Chromium and chromedriver are installed");
        AccessTokens tokens = new AccessTokens(data);
        viewer = tokens.create("reader", Role.VIEWER);
        editor = tokens.create("alice", Role.EDITOR);
        site = new DemoSite();
        service = new Service(Settings.load(null).withData(data).withPort(0).withSources(site.sources())
                .withPerHostDelay("0ms").withAnonymousRead(true));
        assertTrue(service.awaitFirstCrawl(5, TimeUnit.MINUTES));
    }

    @AfterAll
    void stop() throws Exception {
        if (service != null) service.close();
        if (site != null) site.close();
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,1000", "--lang=zh-TW",
                "--user-data-dir=" + profile.resolve("run-" + System.nanoTime()));
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.quit();
    }

    private String url(String pathAndQuery) {
        return "http://127.0.0.1:" + service.port() + pathAndQuery;
    }

    private void signIn(String token) {
        if (!browser.getCurrentUrl().startsWith(url("/"))) browser.get(url("/"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("signin-open"))).click();
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("#signin-form button")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("signin")));
    }

    private int kpiCard(String key) {
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-kpi='" + key + "'] b")));
        return Integer.parseInt(card.getText().strip());
    }

    @Test
    void aSearchInEitherScriptShowsHighlightedResultsInBoth() {
        browser.get(url("/?view=search&q=" + java.net.URLEncoder.encode("臺灣", java.nio.charset.StandardCharsets.UTF_8)));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#results li .snippet mark")));
        String html = browser.findElement(By.id("results")).getDomProperty("innerHTML");
        assertTrue(html.contains("<mark>台湾</mark>"), "Simplified spelling found and marked");
        assertTrue(html.contains("<mark>台灣</mark>"), "Traditional spelling found and marked");
        assertTrue(browser.getCurrentUrl().contains("q="), "the search is kept in the URL");
        assertTrue(browser.findElements(By.cssSelector(".pick")).isEmpty(), "anonymous readers get no correction controls");
    }

    @Test
    void anItemShowsItsEvidenceAndAViewerCannotCorrectIt() throws Exception {
        signIn(viewer);
        browser.get(url("/?view=item&id=" + labelledItem().id()));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".evidence li")));
        assertFalse(browser.findElements(By.cssSelector(".evidence li mark")).isEmpty(), "the deciding words are marked");
        assertTrue(browser.findElements(By.id("correct")).isEmpty(), "a viewer sees no correction form");
    }

    @Test
    void anEditorsCorrectionShowsOnTheDashboard() throws Exception {
        Item item = labelledItem();
        String year = item.published().atZone(Period.TAIPEI).getYear() + "";
        browser.get(url("/?view=dashboard&year=" + year));
        signIn(editor);
        browser.get(url("/?view=dashboard&year=" + year));
        int negative = kpiCard("negative");
        Files.createDirectories(DOCS);
        Files.write(DOCS.resolve("dashboard.png"), browser.getScreenshotAs(OutputType.BYTES));

        browser.get(url("/?view=item&id=" + item.id()));
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("correct")));
        new org.openqa.selenium.support.ui.Select(form.findElement(By.id("new-label"))).selectByValue("negative");
        form.findElement(By.id("new-reason")).sendKeys("hostile framing");
        form.findElement(By.tagName("button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("decided-by"), "staff:alice"));
        List<WebElement> history = browser.findElements(By.cssSelector("#history li"));
        assertEquals(2, history.size(), "the machine's decision, then the correction");
        assertEquals("classified", history.get(0).getDomAttribute("data-action"));
        assertTrue(history.get(0).findElement(By.className("who")).getText().startsWith("model:"), history.get(0).getText());
        assertEquals(item.classification().label().wireName(), history.get(0).getDomAttribute("data-to"));
        assertEquals("corrected", history.get(1).getDomAttribute("data-action"));
        assertEquals("negative", history.get(1).getDomAttribute("data-to"));
        assertTrue(history.get(1).getText().contains("alice") && history.get(1).getText().contains("hostile framing"),
                history.get(1).getText());

        browser.get(url("/?view=dashboard&year=" + year));
        wait.until(d -> kpiCard("negative") == negative + 1);
    }

    @Test
    void theLanguageSwitchesToEnglishAndTheDigestRenders() throws Exception {
        browser.get(url("/"));
        WebElement nav = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("header nav a[data-view='dashboard']")));
        assertEquals("儀表板", nav.getText());
        browser.findElement(By.id("language")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("header nav a[data-view='dashboard']"), "Dashboard"));

        browser.get(url("/digest/2018-03-23"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("h1")));
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("2018-03-23"));
        Files.createDirectories(DOCS);
        Files.write(DOCS.resolve("digest.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void anEditorWorksThroughTheReviewQueueByKeyboard() throws Exception {
        signIn(editor);
        WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("header nav a[data-view='review']")));
        link.click();
        WebElement first = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#review-list li[data-id]")));
        String id = first.getDomAttribute("data-id");
        Item before = service.index().get(id).orElseThrow();
        assertTrue(before.classification().confidence() < org.mediamonitor.classifier.Classifier.REVIEW_BELOW,
                "the queue holds the verdicts the machine was unsure of: " + before);
        int total = Integer.parseInt(browser.findElement(By.id("review-total")).getText().split(" ")[0]);
        Files.createDirectories(DOCS);
        Files.write(DOCS.resolve("review.png"), browser.getScreenshotAs(OutputType.BYTES));

        String other = before.classification().label() == org.mediamonitor.model.Label.NEGATIVE ? "balanced" : "negative";
        WebElement button = first.findElement(By.cssSelector(".choices button[data-label='" + other + "']"));
        browser.findElement(By.id("review-reason")).sendKeys("checked by the desk");
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(button).perform();
        button.sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("#review-list li[data-id='" + id + "']"), "class", "done"));
        assertEquals((total - 1) + "", browser.findElement(By.id("review-total")).getText().split(" ")[0]);
        assertEquals("staff:alice", service.index().get(id).orElseThrow().classification().decidedBy());

        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#review-list li")));
        assertTrue(browser.findElements(By.cssSelector("#review-list li[data-id='" + id + "']")).isEmpty(),
                "a reviewed item leaves the queue");

        browser.get(url("/?view=item&id=" + id));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#history li[data-action='corrected']")));
        String last = browser.findElement(By.cssSelector("#history li:last-child")).getText();
        assertTrue(last.contains("checked by the desk") && last.contains("alice"), last);
    }

    @Test
    void aViewerSeesNoReviewQueueLink() {
        signIn(viewer);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("header nav a[data-view='sources']")));
        assertFalse(browser.findElement(By.cssSelector("header nav a[data-view='review']")).isDisplayed());
    }

    @Test
    void sourceHealthListsEverySourceAndFitsAPhone() throws Exception {
        signIn(viewer);
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.get(url("/?view=sources"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#source-health tbody tr")));
        List<WebElement> rows = browser.findElements(By.cssSelector("#source-health tbody tr"));
        assertEquals(site.sources().size(), rows.size());
        for (WebElement row : rows) {
            assertEquals("ok", row.getDomAttribute("data-status"), "the demo outlets were crawled: " + row.getText());
        }
        Number overflow = (Number) browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertTrue(overflow.intValue() <= 0, "nothing wider than a phone's screen: " + overflow);
        Files.createDirectories(DOCS);
        Files.write(DOCS.resolve("sources-phone.png"), browser.getScreenshotAs(OutputType.BYTES));

        assertEquals("來源狀態", browser.findElement(By.id("sources-title")).getText());
        browser.findElement(By.id("language")).click();
        wait.until(ExpectedConditions.textToBe(By.id("sources-title"), "Source health"));
        assertTrue(browser.findElement(By.cssSelector("#source-health tbody tr .status")).getText().matches("OK|Failing|Disabled|Not visited yet"));
    }

    /** A relevant demo item the model labelled positive or balanced, so that a correction to negative shows. */
    private Item labelledItem() throws Exception {
        List<Item> items = new java.util.ArrayList<>();
        service.index().forEach(items::add);
        return items.stream()
                .filter(i -> i.classification() != null && i.classification().relevant() && !i.classification().byStaff())
                .filter(i -> i.classification().label() != org.mediamonitor.model.Label.NEGATIVE)
                .filter(i -> !i.classification().evidence().isEmpty())
                .filter(i -> items.stream().filter(o -> o.cluster().equals(i.cluster())).count() == 1)
                .findFirst().orElseThrow();
    }
}
