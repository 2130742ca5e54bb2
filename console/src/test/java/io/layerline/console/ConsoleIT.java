package io.layerline.console;

import io.layerline.contracts.EventTypes;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.ContextArchives;
import io.layerline.testing.DockerEngines;
import io.layerline.testing.EventStream;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.OciImages;
import io.layerline.testing.Registries;
import io.layerline.testing.Samples;
import io.layerline.testing.ServiceJar;
import io.micronaut.context.ApplicationContext;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in Debian's headless Chromium, in front of the four services run from their jars: signing in (a wrong
 * token first), what runs where with the team filter, and a service's rollback candidates; a retention plan computed,
 * reviewed by repository and reason, one image held, applied on the real registry, paused, resumed and watched to
 * its end; a real build's log as it streams, its findings and layers; the graph of a thousand repositories with no
 * two labels overlapping, a search, a repository and the impact of a change to it — with no error in the browser's
 * console, and a screenshot of each step under {@code target/screenshots/}.
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
    private ServiceJar build;
    private ServiceJar retention;
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
        CompletableFuture<ServiceJar> startingBuild = CompletableFuture.supplyAsync(() ->
                ServiceJar.start(home, "build-service", Infrastructure.newDatabase(), Map.of(
                        "DOCKER_HOST", DockerEngines.dockerHost(),
                        "LAYERLINE_REGISTRY_URL", Registries.registry().url().toString())));
        CompletableFuture<ServiceJar> startingRetention = CompletableFuture.supplyAsync(() ->
                ServiceJar.start(home, "retention-service", Infrastructure.newDatabase(), Map.of(
                        "LAYERLINE_RETENTION_REGISTRY_TYPE", "oci",
                        "LAYERLINE_REGISTRY_URL", Registries.registry().url().toString(),
                        // one deletion a second: an apply lasts long enough to be watched and paused
                        "LAYERLINE_RETENTION_DELETES_PER_SECOND", "1")));
        promotion = startingPromotion.join();
        catalog = startingCatalog.join();
        build = startingBuild.join();
        retention = startingRetention.join();
        return services(retention.base().toString());
    }

    /** The console's settings, in front of the services this test started and the retention-service at {@code url}. */
    private Map<String, String> services(String retentionUrl) {
        return Map.of(
                "micronaut.server.port", "-1",
                "layerline.console.services.promotion", promotion.base().toString(),
                "layerline.console.services.catalog", catalog.base().toString(),
                "layerline.console.services.build", build.base().toString(),
                "layerline.console.services.retention", retentionUrl);
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
        if (build != null) {
            build.close();
        }
        if (retention != null) {
            retention.close();
        }
    }

    @Test
    void signInFindAServiceAndItsRollbackCandidates() throws IOException {
        openSignedOut();
        WebElement token = browser.findElement(By.id("token"));
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
        assertThat(cell(checkout, "prod")).contains("1.1").contains(digest('c').substring(7, 19))
                .contains("by argocd");
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

    @Test
    void aThousandRepositoriesWithoutOverlappingLabelsASearchAndAnImpact() throws Exception {
        int apps = feedATreeOfAThousandRepositories();
        signInAsAViewer();
        browser.findElement(By.linkText("Catalog")).click();

        await().atMost(Duration.ofSeconds(60)).until(() ->
                !browser.findElements(By.cssSelector("svg .node")).isEmpty());
        List<String> groups = browser.findElements(By.cssSelector("svg .node.group text")).stream()
                .map(label -> label.getDomProperty("textContent")).toList();
        for (String team : TEAMS) {
            assertThat(groups).as("one folded box per team").anyMatch(label -> label.startsWith(team + " · "));
        }
        assertThat(groups).as("the applications without a team, with what the other tests add")
                .anyMatch(label -> label.startsWith("no team · "));
        assertThat(labelOverlaps()).isEmpty();
        screenshot("console-graph-folded");

        browser.findElement(By.xpath("//button[text()='Open every team']")).click();
        await().atMost(Duration.ofSeconds(90)).until(() ->
                browser.findElements(By.cssSelector("svg .node.repository")).size() >= 1_000);
        assertThat(browser.findElements(By.cssSelector("svg .node.group"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("svg .node.repository")).size()).isGreaterThanOrEqualTo(1_000);
        assertThat(labelOverlaps()).as("labels that overlap another or leave their box").isEmpty();
        screenshot("console-graph-open");

        browser.findElement(By.xpath("//fieldset[contains(@class,'tiers')]//label[contains(., 'app')]/input"))
                .click();
        await().until(() -> browser.findElements(By.cssSelector("svg .node.repository.tier-app")).isEmpty()
                && !browser.findElements(By.cssSelector("svg .node.group.tier-app")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("svg .node.group.tier-app text")))
                .as("every application in one box").singleElement()
                .satisfies(label -> assertThat(label.getDomProperty("textContent")).startsWith("app · "));
        screenshot("console-graph-tier-folded");

        WebElement search = browser.findElement(By.cssSelector(".search input"));
        search.sendKeys(imageDigest("tooling/kit-" + run + "-7"));
        await().until(() -> text(By.id("search-results")).contains("holds "));
        assertThat(browser.findElement(By.cssSelector("#search-results a")).getText())
                .endsWith("tooling/kit-" + run + "-7");
        search.clear();
        search.sendKeys("tooling/kit-" + run + "-3");
        await().until(() -> text(By.cssSelector("#search-results a")).endsWith("tooling/kit-" + run + "-3"));
        browser.findElement(By.cssSelector("#search-results a")).click();
        await().until(() -> !browser.findElements(By.id("repository-title")).isEmpty());
        assertThat(browser.findElement(By.id("repository-title")).getText()).endsWith("tooling/kit-" + run + "-3");
        browser.findElement(By.xpath("//button[starts-with(text(), 'Show what a change')]")).click();
        await().until(() -> !browser.findElements(By.cssSelector(".waves li")).isEmpty());
        String firstWave = browser.findElement(By.cssSelector(".waves li[data-wave='1']")).getText();
        assertThat(firstWave).contains("apps/svc-" + run + "-3").doesNotContain("tooling/");
        long onKit3 = IntStream.range(0, apps).filter(i -> i % TOOLING == 3).count();
        assertThat(browser.findElement(By.cssSelector(".impact p")).getText())
                .isEqualTo(onKit3 + " repositories to rebuild in 1 wave.");
        screenshot("console-impact");

        browser.findElement(By.xpath("//button[starts-with(text(), 'Show its lineage')]")).click();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                browser.findElements(By.cssSelector("svg .node.wave")).size() == onKit3);
        assertThat(browser.findElements(By.cssSelector("svg .node.repository")))
                .as("its applications, itself, its runtime and its OS").hasSize((int) onKit3 + 3);
        assertThat(browser.findElements(By.cssSelector("svg .node.wave[data-wave='1'] text")))
                .allSatisfy(label -> assertThat(label.getDomProperty("textContent")).endsWith(" · wave 1"));
        assertThat(labelOverlaps()).isEmpty();
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()",
                browser.findElement(By.cssSelector(".graph-area")));
        screenshot("console-impact-graph");

        startACascadeAndFollowIt(apps);
    }

    /**
     * A new image under the tag the applications of one tooling image build on starts a cascade; the build-service
     * has no definition to rebuild them from, so each fails and the cascade ends — followed on its page.
     */
    private void startACascadeAndFollowIt(int apps) throws IOException {
        String kit = "tooling/kit-" + run + "-5";
        try (EventStream events = EventStream.onTestBroker()) {
            // the tag as the tree was built (the catalog learns where it pointed), then moved
            for (String digest : List.of(imageDigest(kit), digest('5'))) {
                events.publish(Samples.event(EventTypes.IMAGE_BUILT, "image-built--from-scratch", Map.of(
                        "/registry", REGISTRY, "/repository", kit, "/digest", digest, "/tags", List.of("1"))));
            }
        }
        browser.findElement(By.linkText("Catalog")).click();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            browser.navigate().refresh();
            return !browser.findElements(By.partialLinkText(REGISTRY + "/" + kit + ":1")).isEmpty();
        });
        browser.findElement(By.partialLinkText(REGISTRY + "/" + kit + ":1")).click();
        long onKit5 = IntStream.range(0, apps).filter(i -> i % TOOLING == 5).count();
        await().atMost(Duration.ofSeconds(60)).until(() -> text(By.id("cascade-state")).equals("finished"));
        assertThat(text(By.id("cascade-counts"))).isEqualTo(onKit5 + " failed");
        assertThat(text(By.cssSelector("table.cascade-items[data-wave='1']")))
                .contains("apps/svc-" + run + "-5").contains("no build definition");
        screenshot("console-cascade");
    }

    @Test
    void openABuildAndSeeItsLogStream() throws Exception {
        String id = submitABusyboxBuild();
        signInAsAViewer();
        browser.findElement(By.linkText("Builds")).click();
        await().until(() -> !browser.findElements(By.cssSelector("table.builds a[href='#/builds/" + id + "']"))
                .isEmpty());
        browser.findElement(By.cssSelector("table.builds a[href='#/builds/" + id + "']")).click();

        await().atMost(Duration.ofSeconds(120)).until(() -> text(By.id("build-state")).startsWith("pushed"));
        await().until(() -> text(By.cssSelector("pre.log")).contains("COPY busybox /bin/busybox"));
        assertThat(text(By.id("log-title"))).contains("(pushed)");
        await().until(() -> !browser.findElements(By.cssSelector("figure.layers")).isEmpty());
        assertThat(text(By.cssSelector("figure.layers figcaption"))).contains("in 1 layer,");
        assertThat(text(By.cssSelector("table.findings"))).as("the shell-form ENTRYPOINT").contains("DL3025");
        screenshot("console-build");
    }

    @Test
    void createReviewApplyAPlanAndWatchItFinish() throws Exception {
        String repository = "console-" + run + "/shop-app";
        OciImages images = new OciImages(Registries.registry().url());
        List<String> digests = images.pushOld(Registries.registry().host(), repository, 6, Duration.ofDays(40));
        // what the retention-service has taken in, a plan deletes
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String plan = firstId(send(retention, "POST", "/api/v1/retention/plans", null).body());
            return send(retention, "GET", "/api/v1/retention/plans/" + plan + "/groups?action=DELETE&repository="
                    + repository, null).body().contains("\"items\":6");
        });

        signInWith(ApiTokens.OPERATOR);
        browser.findElement(By.linkText("Retention")).click();
        await().until(() -> text(By.cssSelector("table.policies")).contains("keep the newest 2 used unlabelled"));
        assertThat(text(By.cssSelector("table.policies"))).contains("default").contains("built-in");
        browser.findElement(By.xpath("//button[text()='Compute a plan']")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> text(By.id("plan-state")).equals("planned"));

        choose("Action", "delete");
        browser.findElement(By.xpath("//label[contains(., 'Repository')]//input")).sendKeys(run);
        By group = By.cssSelector("tr.group[data-repository='" + repository + "']");
        await().until(() -> browser.findElements(By.cssSelector("tr.group")).size() == 1
                && text(group).contains("never deployed"));
        assertThat(text(group)).contains("delete").contains(" 6 ");
        assertThat(text(By.id("groups-total"))).startsWith("6 artifacts,");
        screenshot("console-retention-review");

        browser.findElement(By.cssSelector("tr.group[data-repository='" + repository + "'] button")).click();
        await().until(() -> browser.findElements(By.cssSelector("table.items tbody tr")).size() == 6);
        assertThat(text(By.cssSelector("table.items"))).contains("never deployed, pushed 40 days ago");
        browser.findElement(By.xpath("//table[contains(@class,'items')]//tr[td[3][text()='old-0']]//button"))
                .click();
        await().until(() -> text(By.cssSelector("table.items")).contains("held: skipped when applied"));

        browser.findElement(By.xpath("//button[text()='Apply…']")).click();
        WebElement delete = browser.findElement(By.cssSelector("button.danger"));
        assertThat(delete.getText()).isEqualTo("Delete 6");
        delete.click();
        await().until(() -> text(By.id("plan-state")).equals("applying"));
        browser.findElement(By.xpath("//button[text()='Pause']")).click();
        await().until(() -> text(By.id("plan-state")).equals("paused"));
        assertThat(text(By.id("plan-progress-text"))).contains("to go");
        screenshot("console-retention-paused");
        browser.findElement(By.xpath("//button[text()='Resume']")).click();

        await().atMost(Duration.ofSeconds(60)).until(() -> text(By.id("plan-state")).equals("applied"));
        await().until(() -> text(By.id("plan-progress-text")).startsWith("6 of 6 done: 5 deleted, 1 skipped"));
        await().until(() -> browser.findElements(By.cssSelector("table.audit tbody tr")).size() == 6);
        assertThat(text(By.cssSelector("table.audit"))).contains("kept now: held");
        assertThat(text(group)).contains("5 deleted, 1 skipped");
        screenshot("console-retention-applied");

        assertThat(images.digestOf(repository, digests.get(0))).as("the held image").isPresent();
        for (String digest : digests.subList(1, digests.size())) {
            assertThat(images.digestOf(repository, digest)).as("deleted %s", digest).isEmpty();
        }

        assertThat(text(By.cssSelector("table.items"))).contains("restorable until");
        browser.findElement(By.xpath("//table[contains(@class,'items')]//tr[td[3][text()='old-1']]"
                + "//button[text()='Restore']")).click();
        await().until(() -> text(By.id("plan-notice")).equals("Restored 1 artifact."));
        await().until(() -> text(group).contains("1 restored"));
        assertThat(images.digestOf(repository, "old-1")).as("restored with its tag").contains(digests.get(1));
        browser.findElement(By.xpath("//button[text()='Restore all…']")).click();
        browser.findElement(By.xpath("//p[@aria-label='Confirm the restore']//button[text()='Restore']")).click();
        await().until(() -> text(By.id("plan-notice")).equals("Restored 4 artifacts."));
        await().until(() -> text(By.id("plan-progress-text")).contains("5 restored"));
        screenshot("console-retention-restored");
        for (int i = 1; i < digests.size(); i++) {
            assertThat(images.digestOf(repository, "old-" + i)).as("restored old-%d", i).contains(digests.get(i));
        }
    }

    @Test
    void everyAreaIsReachedAndUsedByKeyboardWithAVisibleFocus() throws IOException {
        openSignedOut();
        assertThat(activeElement("id")).as("the token field has the focus").isEqualTo("token");
        new Actions(browser).sendKeys(ApiTokens.VIEWER, Keys.ENTER).perform();
        await().until(() -> !browser.findElements(By.cssSelector("table.matrix")).isEmpty());

        tabTo("a", "Catalog");
        assertThat(focusRing()).as("the focused link's outline").isEqualTo("solid");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                !browser.findElements(By.cssSelector("svg .node.group [role=button]")).isEmpty());
        int folded = browser.findElements(By.cssSelector("svg .node.group")).size();
        tabTo("g", null);
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return getComputedStyle(document.activeElement.querySelector('rect')).strokeWidth"))
                .as("the focused box's ring").isEqualTo("3px");
        screenshot("console-keyboard-graph");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                browser.findElements(By.cssSelector("svg .node.group")).size() == folded - 1);

        tabTo("a", "Retention");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        await().until(() -> !browser.findElements(By.id("retention-title")).isEmpty());
        tabTo("button", "history");
        assertThat(focusRing()).as("the focused button's outline").isEqualTo("solid");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        await().until(() -> text(By.cssSelector("table.policies")).contains("No earlier version."));
    }

    /**
     * Presses Tab until the focus is on a {@code tag} element whose text is {@code text} (any text when null):
     * failing when it is not reached in 200 presses.
     */
    private void tabTo(String tag, String text) {
        for (int presses = 0; presses < 200; presses++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            if (tag.equalsIgnoreCase(activeElement("tagName"))
                    && (text == null || text.equals(activeElement("textContent").strip()))) {
                return;
            }
        }
        throw new AssertionError("Tab never reached <" + tag + "> " + text);
    }

    private String activeElement(String property) {
        return String.valueOf(((JavascriptExecutor) browser).executeScript("return document.activeElement[arguments[0]]",
                property));
    }

    private String focusRing() {
        return String.valueOf(((JavascriptExecutor) browser).executeScript(
                "return getComputedStyle(document.activeElement).outlineStyle"));
    }

    /** A busybox image from scratch, as the build tests make their base; the build's id, not waiting for it. */
    private String submitABusyboxBuild() throws Exception {
        byte[] context = ContextArchives.tar(Map.of("Dockerfile", """
                FROM scratch
                COPY busybox /bin/busybox
                ENTRYPOINT /bin/busybox
                """.getBytes(StandardCharsets.UTF_8), "busybox", Files.readAllBytes(Path.of("/bin/busybox"))));
        HttpResponse<String> upload = HTTP.send(ApiTokens.request(URI.create(build.base() + "/api/v1/contexts"))
                .header("Content-Type", "application/x-tar")
                .POST(HttpRequest.BodyPublishers.ofByteArray(context)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        String contextId = firstId(upload.body());
        HttpResponse<String> submitted = send(build, "POST", "/api/v1/builds", """
                {"repository": "base/busybox-%s", "tags": ["1"], "context": {"id": "%s"}, "requestedBy": "alice"}"""
                .formatted(run, contextId));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        return firstId(submitted.body());
    }

    private static String firstId(String json) {
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(id.find()).as(json).isTrue();
        return id.group(1);
    }

    private static final List<String> TEAMS = List.of("checkout", "payments", "search", "identity", "logistics",
            "data", "mobile", "platform-apps", "marketing", "support", "billing", "catalog-team", "risk", "growth");
    private static final int TOOLING = 40;

    /**
     * 3 OS bases, 12 runtimes, 40 tooling images and 945 applications of 14 teams and one without a team, each on
     * the newest image below it — the shape of a company of that size. Answers how many applications.
     */
    private int feedATreeOfAThousandRepositories() throws Exception {
        List<String> os = new ArrayList<>();
        List<String> runtimes = new ArrayList<>();
        List<String> tooling = new ArrayList<>();
        int apps = 1_000 - 3 - 12 - TOOLING;
        try (EventStream events = EventStream.onTestBroker()) {
            for (int i = 0; i < 3; i++) {
                os.add(built(events, "os/base-" + run + "-" + i, null));
            }
            for (int i = 0; i < 12; i++) {
                runtimes.add(built(events, "runtime/lang-" + run + "-" + i, os.get(i % os.size())));
            }
            for (int i = 0; i < TOOLING; i++) {
                tooling.add(built(events, "tooling/kit-" + run + "-" + i, runtimes.get(i % runtimes.size())));
            }
            for (int i = 0; i < apps; i++) {
                built(events, "apps/svc-" + run + "-" + i, tooling.get(i % tooling.size()));
            }
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> send(catalog, "GET",
                "/api/v1/graph/export?format=json", null).body().split("\"id\"").length > 1_000);
        for (int i = 0; i < apps; i++) {
            if (i % (TEAMS.size() + 1) < TEAMS.size()) {
                owns("apps/svc-" + run + "-" + i, TEAMS.get(i % (TEAMS.size() + 1)));
            }
        }
        return apps;
    }

    /** Announces an image of {@code repository} built on the image of repository {@code base}; its digest. */
    private String built(EventStream events, String repository, String base) {
        String digest = imageDigest(repository);
        List<Map<String, Object>> bases = base == null
                ? List.of(Map.of("stageIndex", 0, "reference", "scratch", "finalStage", true))
                : List.of(Map.of("stageIndex", 0, "reference", REGISTRY + "/" + base + ":1", "finalStage", true,
                "digest", imageDigest(base)));
        events.publish(Samples.event(EventTypes.IMAGE_BUILT, "image-built--from-scratch", Map.of(
                "/registry", REGISTRY, "/repository", repository, "/digest", digest, "/baseImages", bases)));
        return repository;
    }

    /** The digest of the one image the tree has of {@code repository}. */
    private static String imageDigest(String repository) {
        return "sha256:" + UUID.nameUUIDFromBytes(repository.getBytes()).toString().replace("-", "").repeat(2);
    }

    /**
     * Labels that overlap another label or leave their own box, in the layout's own units (whatever the zoom): each
     * label's box is its text's extent plus the node's place.
     */
    private List<String> labelOverlaps() {
        Object found = ((JavascriptExecutor) browser).executeScript("""
                const labels = [...document.querySelectorAll('svg g.node')].map(node => {
                  const place = node.transform.baseVal.consolidate().matrix;
                  const text = node.querySelector('text').getBBox();
                  const box = node.querySelector('rect').getBBox();
                  return {id: node.dataset.id, left: place.e + text.x, right: place.e + text.x + text.width,
                          top: place.f + text.y, bottom: place.f + text.y + text.height,
                          outside: text.x < box.x || text.x + text.width > box.x + box.width
                                   || text.y < box.y || text.y + text.height > box.y + box.height};
                }).sort((a, b) => a.left - b.left);
                const bad = labels.filter(label => label.outside).map(label => label.id + ' leaves its box');
                for (let i = 0; i < labels.length; i++) {
                  for (let j = i + 1; j < labels.length && labels[j].left < labels[i].right; j++) {
                    if (labels[j].top < labels[i].bottom && labels[i].top < labels[j].bottom) {
                      bad.push(labels[i].id + ' overlaps ' + labels[j].id);
                    }
                  }
                }
                return bad;""");
        return ((List<?>) found).stream().map(String::valueOf).toList();
    }

    /** Signed in afresh with the viewer token, on the first area (what runs where). */
    private void signInAsAViewer() {
        signInWith(ApiTokens.VIEWER);
    }

    private void signInWith(String token) {
        openSignedOut();
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        await().until(() -> !browser.findElements(By.cssSelector("table.matrix")).isEmpty());
    }

    /**
     * The page with nobody signed in: the tab's stored token forgotten first, on a page of the same origin that
     * runs no script (forgetting it under a signed-in page would send its pending calls without a token).
     */
    private void openSignedOut() {
        browser.get("http://127.0.0.1:" + console.getPort() + "/health");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get("http://127.0.0.1:" + console.getPort() + "/");
        await().until(() -> !browser.findElements(By.id("token")).isEmpty());
    }

    @Test
    void aServiceThatCannotBeReachedIsAMessageAndNothingLeavesTheApiOrBreaksASignIn() throws Exception {
        try (EmbeddedServer beforeADeadService = ApplicationContext.run(EmbeddedServer.class,
                new HashMap<String, Object>(services("http://127.0.0.1:9")))) {
            HttpResponse<String> down = HTTP.send(ApiTokens.request(URI.create(beforeADeadService.getURI()
                    + "/proxy/retention/api/v1/holds")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(down.statusCode()).isEqualTo(502);
            assertThat(down.body()).contains("the retention-service cannot be reached").doesNotContain("Exception")
                    .doesNotContain("127.0.0.1");
        }
        for (String token : List.of("", "two words", "line\\nbreak", "é")) {
            HttpResponse<String> signIn = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + console.getPort() + "/console/sign-in")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\": \"" + token + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).as(token).isEqualTo(200);
            assertThat(signIn.body()).as(token).contains("\"signedIn\":false");
        }
        for (String path : List.of("/proxy/promotion/health", "/proxy/promotion/api/../prometheus",
                "/proxy/registry/api/v1/anything", "/proxy/promotion")) {
            HttpResponse<String> refused = HTTP.send(ApiTokens.request(URI.create("http://127.0.0.1:"
                    + console.getPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(path).isEqualTo(404);
        }
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
