package io.layerline.console;

import io.layerline.contracts.EventTypes;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.EventStream;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.Samples;
import io.layerline.testing.ServiceJar;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in Debian's headless Chromium, in front of the promotion-service and the catalog-service run from
 * their jars: signing in (a wrong token first), what runs where with the team filter, and a service's rollback
 * candidates — with no error in the browser's console, and a screenshot of each step under
 * {@code target/screenshots/}.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleIT implements TestPropertyProvider {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String REGISTRY = "registry.console.test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private ServiceJar promotion;
    private ServiceJar catalog;
    private WebDriver browser;
    private int deployments;

    @Inject
    EmbeddedServer console;

    @Override
    public Map<String, String> getProperties() {
        Path home = Path.of("..").toAbsolutePath().normalize();
        CompletableFuture<ServiceJar> startingPromotion = CompletableFuture.supplyAsync(() ->
                ServiceJar.start(home, "promotion-service", Infrastructure.newDatabase(), Map.of()));
        CompletableFuture<ServiceJar> startingCatalog = CompletableFuture.supplyAsync(() ->
                ServiceJar.start(home, "catalog-service", Infrastructure.newDatabase(), Map.of()));
        promotion = startingPromotion.join();
        catalog = startingCatalog.join();
        return Map.of(
                "micronaut.server.port", "-1",
                "layerline.console.services.promotion", promotion.base().toString(),
                "layerline.console.services.catalog", catalog.base().toString(),
                // not asked in these flows: an address nothing answers on
                "layerline.console.services.build", "http://127.0.0.1:9",
                "layerline.console.services.retention", "http://127.0.0.1:9");
    }

    @BeforeAll
    void recordImagesAndDeploymentsAndOpenABrowser() throws Exception {
        assertThat(CHROMIUM).as("Debian's chromium is needed: apt-get install -y chromium chromium-driver").exists();
        assertThat(CHROMEDRIVER).as("apt-get install -y chromium-driver").exists();
        try (EventStream events = EventStream.onTestBroker()) {
            events.publish(Samples.event(EventTypes.IMAGE_BUILT, "image-built--from-scratch", Map.of(
                    "/registry", REGISTRY, "/repository", "shop/checkout-" + run, "/digest", digest('c'))));
            events.publish(Samples.event(EventTypes.IMAGE_BUILT, "image-built--from-scratch", Map.of(
                    "/registry", REGISTRY, "/repository", "payments/billing-" + run, "/digest", digest('b'))));
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                send(catalog, "GET", "/api/v1/repositories?q=" + run, null).body().contains("billing-" + run)
                        && send(catalog, "GET", "/api/v1/repositories?q=" + run, null).body()
                        .contains("checkout-" + run));
        owns("shop/checkout-" + run, "shop");
        owns("payments/billing-" + run, "payments");

        deploy("checkout-" + run, "prod", "shop/checkout-" + run, digest('0'), "1.0", "2026-11-20T10:00:00Z");
        deploy("checkout-" + run, "dev", "shop/checkout-" + run, digest('c'), "1.1", "2026-11-25T09:00:00Z");
        deploy("checkout-" + run, "prod_test", "shop/checkout-" + run, digest('c'), "1.1", "2026-11-25T10:00:00Z");
        deploy("checkout-" + run, "prod", "shop/checkout-" + run, digest('c'), "1.1", "2026-11-26T10:00:00Z");
        deploy("billing-" + run, "prod", "payments/billing-" + run, digest('b'), "4.2", "2026-11-24T10:00:00Z");

        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1366,900");
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build(), options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void noErrorInTheBrowsersConsole() {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(errors).as("the browser's console").isEmpty();
    }

    @AfterAll
    void closeEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (promotion != null) {
            promotion.close();
        }
        if (catalog != null) {
            catalog.close();
        }
    }

    @Test
    void signInFindAServiceAndItsRollbackCandidates() throws IOException {
        browser.get("http://127.0.0.1:" + console.getPort() + "/");
        WebElement token = await().until(() -> browser.findElements(By.id("token")), found -> !found.isEmpty()).get(0);
        token.sendKeys("not-a-token");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(await().until(() -> text(By.cssSelector("[role=alert]")), found -> !found.isEmpty()))
                .isEqualTo("this token is not accepted");
        screenshot("console-sign-in-refused");

        token.clear();
        token.sendKeys(ApiTokens.VIEWER);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        await().until(() -> !browser.findElements(By.cssSelector("table.matrix")).isEmpty());
        String checkout = "checkout-" + run;
        String billing = "billing-" + run;
        assertThat(cell(checkout, "prod")).contains("1.1").contains(digest('c').substring(7, 19));
        assertThat(cell(checkout, "prod_test")).contains("1.1");
        assertThat(cell(billing, "prod")).contains("4.2");
        assertThat(headers()).containsSubsequence("dev", "prod_test", "prod");
        screenshot("console-environments");

        await().until(() -> !browser.findElements(By.xpath("//label[contains(., 'Team')]//select")).isEmpty());
        choose("Team", "payments");
        assertThat(rowNames()).contains(billing).doesNotContain(checkout);
        choose("Team", "all");
        choose("Environment", "dev");
        assertThat(rowNames()).contains(checkout).doesNotContain(billing);
        assertThat(headers()).containsExactly("Service", "dev");

        browser.findElement(By.linkText(checkout)).click();
        await().until(() -> !browser.findElements(By.cssSelector("table.candidates")).isEmpty());
        assertThat(browser.findElement(By.id("service-title")).getText()).isEqualTo(checkout);
        assertThat(browser.findElement(By.cssSelector("table.candidates tbody")).getText())
                .contains(digest('0')).contains("argocd").doesNotContain(digest('c'));
        assertThat(browser.getCurrentUrl()).endsWith("#/environments/service/" + checkout);
        screenshot("console-rollback-candidates");
    }

    private String cell(String service, String environment) {
        return browser.findElement(By.xpath("//table[contains(@class,'matrix')]//tr[th/a[text()='" + service
                + "']]/td[@data-environment='" + environment + "']")).getText();
    }

    /** Picks an option of the labelled select, as a click on it does. */
    private void choose(String label, String option) {
        browser.findElement(By.xpath("//label[contains(., '" + label + "')]//select/option[text()='" + option + "']"))
                .click();
    }

    private List<String> headers() {
        return browser.findElements(By.cssSelector("table.matrix thead th")).stream().map(WebElement::getText)
                .toList();
    }

    private List<String> rowNames() {
        return browser.findElements(By.cssSelector("table.matrix tbody th")).stream().map(WebElement::getText)
                .toList();
    }

    private String text(By by) {
        List<WebElement> found = browser.findElements(by);
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String digest(char fill) {
        return "sha256:" + String.valueOf(fill).repeat(64);
    }

    private void owns(String repository, String team) throws Exception {
        HttpResponse<String> answer = send(catalog, "PUT", "/api/v1/repositories/" + REGISTRY + "/" + repository
                + "/metadata", "{\"ownerTeam\": \"" + team + "\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private void deploy(String service, String environment, String repository, String digest, String tag,
                        String finishedAt) throws Exception {
        HttpResponse<String> answer = send(promotion, "POST", "/api/v1/deployments", """
                {"deploymentId": "%s", "service": "%s", "environment": "%s",
                 "image": {"registry": "%s", "repository": "%s", "digest": "%s", "tag": "%s"},
                 "status": "SUCCEEDED", "deployer": "argocd", "finishedAt": "%s"}"""
                .formatted(service + "-" + environment + "-" + (++deployments), service, environment, REGISTRY,
                        repository, digest, tag, finishedAt));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    private static HttpResponse<String> send(ServiceJar service, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = ApiTokens.request(URI.create(service.base() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
