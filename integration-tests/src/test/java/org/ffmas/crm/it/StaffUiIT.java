package org.ffmas.crm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The staff interface in a real browser (Debian's headless chromium, through its chromedriver),
 * on the packaged platform, sending to a real SMTP server (GreenMail). One staff member's day, in
 * order; a screenshot of each main page goes to {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffUiIT {

    private static final String ADMIN_PASSWORD = "Interface-Staff-Test-2026!";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    static GreenMail smtp;
    static PlatformProcess platform;
    static WebDriver browser;
    static WebDriverWait wait;
    static String base;
    static String companyUrl;

    @BeforeAll
    static void start(@org.junit.jupiter.api.io.TempDir Path dataDir) throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        int port = PlatformProcess.freePort();
        base = "http://127.0.0.1:" + port;
        platform = PlatformProcess.start(Path.of("target", "it-logs"), "staff-ui", Map.of("CRM_DATA_DIR", dataDir.toString(),
                "CRM_HTTP_PORT", String.valueOf(port), "CRM_ADMIN_PASSWORD", ADMIN_PASSWORD, "CRM_SMTP_HOST", "127.0.0.1",
                "CRM_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()), "CRM_SMTP_TLS", "none", "CRM_PUBLIC_URL", base));
        platform.awaitHealthy(Duration.ofSeconds(120));
        Files.createDirectories(SCREENSHOTS);

        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=fr-FR");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (platform != null) {
            platform.close();
        }
        smtp.stop();
    }

    static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    static void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    static void login(String username, String password) {
        browser.get(base + "/login");
        type("username", username);
        type("password", password);
        clickAndLoad(By.id("login"));
    }

    /**
     * Clicks what posts a form or follows a link, then waits for the next page to have replaced this
     * one: a click returns before the navigation it starts, and on a slow machine a look-up made at
     * once still sees the old page. The old document is marked before the click and the wait ends on a
     * complete document without the mark: chromium answers a check on an element of a document being
     * replaced with a generic error rather than a stale-element one, so element staleness is not used.
     */
    static void clickAndLoad(By target) {
        ((JavascriptExecutor) browser).executeScript("document.crmLeaving = true");
        browser.findElement(target).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .ignoring(WebDriverException.class)
                .until(driver -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                        "return document.crmLeaving === undefined && document.readyState === 'complete'")));
    }

    @Test
    @Order(1)
    void staffLogInAfterAWrongPassword() throws Exception {
        browser.get(base + "/companies");
        assertThat(browser.getCurrentUrl()).as("a page without a session sends to the login form").contains("/login?next=");
        type("username", "admin");
        type("password", "pas le bon");
        clickAndLoad(By.id("login"));
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("incorrect");
        assertThat(browser.findElement(By.id("username")).getAttribute("value")).as("what was typed is kept").isEqualTo("admin");
        screenshot("01-login");

        type("password", ADMIN_PASSWORD);
        clickAndLoad(By.id("login"));
        wait.until(ExpectedConditions.urlContains("/companies"));
        browser.get(base + "/");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tableau de bord");
        screenshot("02-dashboard");
    }

    @Test
    @Order(2)
    void aCompanyIsCreatedAfterFixingAFieldErrorThenAContact() throws Exception {
        browser.get(base + "/companies");
        clickAndLoad(By.id("new-company"));
        type("legalName", "Cabinet Interface Test");
        type("siren", "123 456");
        new Select(browser.findElement(By.id("status"))).selectByValue("PARTNER");
        type("address.postalCode", "69003");
        type("address.city", "Lyon");
        clickAndLoad(By.id("save"));

        WebElement error = browser.findElement(By.id("siren-error"));
        assertThat(error.getText()).contains("SIREN");
        assertThat(browser.findElement(By.id("siren")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("legalName")).getAttribute("value")).as("the other fields keep what was typed")
                .isEqualTo("Cabinet Interface Test");
        assertThat(browser.findElement(By.id("address.city")).getAttribute("value")).isEqualTo("Lyon");
        screenshot("03-company-form-error");

        type("siren", "443061841");
        clickAndLoad(By.id("save"));
        wait.until(ExpectedConditions.urlMatches(".*/companies/\\d+$"));
        companyUrl = browser.getCurrentUrl();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Cabinet Interface Test");

        clickAndLoad(By.id("new-contact"));
        type("firstName", "Élise");
        type("lastName", "Garnier");
        type("email", "elise.garnier@interface.test");
        new Select(browser.findElement(By.id("emailStatus"))).selectByValue("SUBSCRIBED");
        clickAndLoad(By.id("save"));
        assertThat(browser.findElement(By.id("consentSource-error")).getText()).as("a subscribed contact needs the consent's origin").isNotBlank();
        assertThat(browser.findElement(By.id("email")).getAttribute("value")).isEqualTo("elise.garnier@interface.test");
        screenshot("05-contact-form");
        type("consentSource", "Salon de l'assistanat 2026");
        clickAndLoad(By.id("save"));
        wait.until(ExpectedConditions.urlContains("/companies/"));
        assertThat(browser.findElement(By.id("contacts")).getText()).contains("Élise Garnier").contains("elise.garnier@interface.test");
        screenshot("04-company");

        clickAndLoad(By.cssSelector("#contacts .edit-contact"));
        assertThat(browser.findElement(By.id("lastName")).getAttribute("value")).isEqualTo("Garnier");
        type("jobTitle", "Assistante de direction");
        type("lastName", "");
        clickAndLoad(By.id("save"));
        assertThat(browser.findElement(By.id("lastName-error")).getText()).as("an emptied required field is refused beside it").isNotBlank();
        assertThat(browser.findElement(By.id("jobTitle")).getAttribute("value")).isEqualTo("Assistante de direction");
        type("lastName", "Garnier-Roy");
        clickAndLoad(By.id("save"));
        wait.until(ExpectedConditions.urlContains("#contacts"));
        assertThat(browser.findElement(By.id("contacts")).getText()).contains("Élise Garnier-Roy").contains("Assistante de direction");

        clickAndLoad(By.id("edit-company"));
        assertThat(browser.findElement(By.id("siren")).getAttribute("value")).isEqualTo("443061841");
        type("address.city", "Villeurbanne");
        type("address.postalCode", "69100");
        clickAndLoad(By.id("save"));
        wait.until(ExpectedConditions.urlMatches(".*/companies/\\d+$"));
        assertThat(browser.findElement(By.cssSelector("dl.details")).getText()).contains("69100 Villeurbanne");
        assertThat(browser.findElement(By.id("audit")).getText()).contains("company.updated");
    }

    @Test
    @Order(3)
    void anAgreementIsSignedWithTheTransitionButtons() throws Exception {
        browser.get(companyUrl);
        clickAndLoad(By.id("new-agreement"));
        type("title", "Mécénat 2026");
        new Select(browser.findElement(By.id("kind"))).selectByValue("MECENAT_FINANCIER");
        type("amountEuros", "2 500");
        clickAndLoad(By.id("save"));
        wait.until(ExpectedConditions.urlMatches(".*/agreements/\\d+$"));
        assertThat(browser.findElements(By.id("move-SIGNED"))).as("only the allowed moves are offered").isEmpty();
        clickAndLoad(By.id("move-SENT"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("move-SIGNED"))).click();
        // signed after its start date, the agreement is active at once
        wait.until(ExpectedConditions.or(ExpectedConditions.textToBe(By.id("agreement-status"), "Signée"),
                ExpectedConditions.textToBe(By.id("agreement-status"), "Active")));
        assertThat(browser.findElements(By.id("move-SIGNED"))).isEmpty();
        assertThat(browser.findElement(By.id("counterparts")).getText()).contains("Contreparties");
        assertThat(browser.findElements(By.id("receipt"))).as("no tax receipt before the mécénat is paid").isEmpty();
        screenshot("06-agreement");
    }

    @Test
    @Order(4)
    void theCompaniesListSearchesAsYouType() throws Exception {
        browser.get(base + "/companies");
        browser.findElement(By.id("q")).sendKeys("interface");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("total"), "1 "));
        assertThat(browser.findElement(By.id("results")).getText()).contains("Cabinet Interface Test").contains("Partenaire");
        browser.findElement(By.id("department")).sendKeys("13");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("total"), "0 "));
        browser.findElement(By.id("department")).clear();
        browser.findElement(By.id("department")).sendKeys("69");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("total"), "1 "));
        screenshot("07-companies");

        // a tablet held upright: nothing wider than the screen
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(820, 1180));
        browser.get(base + "/companies");
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow at tablet width").isLessThanOrEqualTo(0);
        screenshot("07b-companies-tablet");
        browser.get(companyUrl);
        screenshot("04b-company-tablet");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
    }

    @Test
    @Order(5)
    void aCampaignIsBuiltPreviewedSentAndSeenCompleted() throws Exception {
        browser.get(base + "/campaigns");
        clickAndLoad(By.id("new-campaign"));
        type("name", "Invitation interface");
        type("subject", "Bonjour {{contact.firstName}}");
        wait.until(ExpectedConditions.textToBe(By.id("reach"), "1"));
        // the segment builder counts again as it changes
        type("departments", "13");
        wait.until(ExpectedConditions.textToBe(By.id("reach"), "0"));
        type("departments", "69");
        wait.until(ExpectedConditions.textToBe(By.id("reach"), "1"));
        screenshot("08-campaign-editor");
        clickAndLoad(By.id("save"));
        wait.until(ExpectedConditions.urlMatches(".*/campaigns/\\d+$"));
        assertThat(browser.findElement(By.id("preview-subject")).getText()).isEqualTo("Bonjour Élise");
        assertThat(browser.findElement(By.id("reach-count")).getText()).isEqualTo("1");

        clickAndLoad(By.id("edit-campaign"));
        WebElement template = browser.findElement(By.id("htmlTemplate"));
        template.clear();
        template.sendKeys("<p>Bonjour {{contact.prenom}},</p>\n<p>Rendez-vous le 12 mars.</p>");
        clickAndLoad(By.id("save"));
        assertThat(browser.findElement(By.id("htmlTemplate-error")).getText()).contains("line 1, column 12").contains("contact.prenom");
        assertThat(browser.findElement(By.id("htmlTemplate")).getAttribute("value")).as("the template typed is kept").contains("Rendez-vous le 12 mars");
        template = browser.findElement(By.id("htmlTemplate"));
        template.clear();
        template.sendKeys("<p>Bonjour {{contact.firstName}},</p>\n<p>Rendez-vous le 12 mars.</p>");
        clickAndLoad(By.id("save"));
        wait.until(ExpectedConditions.urlMatches(".*/campaigns/\\d+$"));

        browser.findElement(By.id("send")).click();
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.textToBe(By.id("campaign-status"), "Envoyée"));
        assertThat(browser.findElement(By.id("stat-sent")).getText()).isEqualTo("1");
        screenshot("09-campaign-report");
        browser.get(base + "/campaigns");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Invitation interface");
        screenshot("08b-campaigns");
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Bonjour Élise");

        // the recipient's unsubscribe link opens the confirmation page, styled like the rest
        String header = smtp.getReceivedMessages()[0].getHeader("List-Unsubscribe")[0];
        browser.get(header.substring(1, header.indexOf('>')));
        assertThat(browser.findElement(By.tagName("button")).getText()).isEqualTo("Me désinscrire");
        screenshot("14-unsubscribe");
    }

    @Test
    @Order(6)
    void aCsvWithABadRowIsImportedAndItsRejectedRowOffered() throws Exception {
        Path csv = Files.createTempFile("partenaires", ".csv");
        Files.writeString(csv, "Raison sociale;SIREN;Code postal;Ville\r\nAtelier Secrétariat Import;552120222;44000;Nantes\r\n"
                + "Ligne Fausse;12345;99999;Nulle part\r\n", StandardCharsets.UTF_8);
        browser.get(base + "/imports");
        browser.findElement(By.id("upload")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".invalid .error")));
        assertThat(browser.findElement(By.cssSelector(".invalid .error")).getText()).as("no file chosen: said beside the field").isNotBlank();
        screenshot("10a-imports");
        new Select(browser.findElement(By.id("entity"))).selectByValue("companies");
        browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("upload")).click();
        wait.until(ExpectedConditions.textToBe(By.id("import-status"), "DONE"));
        assertThat(browser.findElement(By.id("import-created")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("import-rejected")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("rejected-csv")).getAttribute("href")).endsWith("/rejected.csv");
        screenshot("10-import");
        Object rejected = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById('rejected-csv').href).then(function (r) { return r.text(); }).then(done);");
        assertThat((String) rejected).as("the rejected row, ready to fix").contains("Ligne Fausse").contains("SIREN");
    }

    @Test
    @Order(7)
    void aPluginIsStoppedAndStartedAgain() throws Exception {
        browser.get(base + "/plugins");
        assertThat(browser.findElement(By.cssSelector("#plugin-webhooks .state")).getText()).startsWith("STARTED");
        clickAndLoad(By.id("toggle-webhooks"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#plugin-webhooks .state"), "STOPPED"));
        clickAndLoad(By.id("toggle-webhooks"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#plugin-webhooks .state"), "STARTED"));
        screenshot("11-plugins");
        clickAndLoad(By.linkText("sirene"));
        assertThat(browser.findElement(By.id("s-requestsPerSecond")).getAttribute("value")).isEqualTo("7");
        type("s-requestsPerSecond", "beaucoup");
        clickAndLoad(By.id("save-settings"));
        assertThat(browser.findElement(By.cssSelector(".invalid .error")).getText()).as("a bad setting is refused beside its field").isNotBlank();
        assertThat(browser.findElement(By.id("s-requestsPerSecond")).getAttribute("value")).as("what was typed is kept").isEqualTo("beaucoup");
        screenshot("11b-plugin-settings");
        browser.get(base + "/plugins/dolibarr");
        type("s-apiKey", "cle-de-test");
        clickAndLoad(By.id("save-settings"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Réglages enregistrés.");
        type("s-baseUrl", "https://erp.example.org/api/index.php");
        clickAndLoad(By.id("save-settings"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).as("a new address clears the key, and says so")
                .contains("Réglages enregistrés.").contains("effacés").contains("apiKey");
        browser.get(base + "/sync");
        screenshot("12-sync");
        browser.get(base + "/users");
        assertThat(new Select(browser.findElement(By.id("role-1"))).getFirstSelectedOption().getText())
                .as("each user's menu shows their role").isEqualTo("ADMIN");
        type("token-name", "comptabilite");
        clickAndLoad(By.cssSelector("form[action='/users/tokens'] button"));
        assertThat(browser.findElement(By.id("token-secret")).getText()).startsWith("crm_");
        screenshot("12b-users");
        browser.get(base + "/lang/en?back=/");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        browser.get(base + "/lang/fr?back=/");
    }

    @Test
    @Order(8)
    void aReadOnlyUserSeesNoEditButtonsAndCannotPost() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String admin = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("token").asText();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/users")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"lecteur\",\"displayName\":\"Lecteur\",\"email\":\"lecteur@ffmas.org\",\"role\":\"READ_ONLY\",\"password\":\"Consultation-Seule-2026!\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        browser.manage().deleteAllCookies();
        login("lecteur", "Consultation-Seule-2026!");
        browser.get(companyUrl);
        assertThat(browser.findElements(By.id("new-contact"))).isEmpty();
        assertThat(browser.findElements(By.id("new-agreement"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("form[action$='/activities']"))).isEmpty();
        browser.get(base + "/companies");
        assertThat(browser.findElements(By.id("new-company"))).isEmpty();
        browser.get(base + "/plugins");
        assertThat(browser.findElements(By.id("toggle-webhooks"))).isEmpty();
        browser.get(base + "/campaigns");
        assertThat(browser.findElements(By.id("new-campaign"))).isEmpty();
        browser.get(base + "/imports");
        assertThat(browser.findElements(By.id("import-form"))).isEmpty();
        browser.get(companyUrl);
        clickAndLoad(By.cssSelector("#agreements a"));
        wait.until(ExpectedConditions.urlMatches(".*/agreements/\\d+$"));
        assertThat(browser.findElements(By.cssSelector("[id^='move-']"))).as("no transition buttons").isEmpty();
        assertThat(browser.findElements(By.cssSelector("form[action$='/documents']"))).isEmpty();
        screenshot("13-read-only");

        // a form posted anyway (with the session's own CSRF token) is refused
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "var csrf = (document.cookie.match(/crm_csrf=([^;]+)/) || [])[1] || '';"
                        + "fetch('/companies', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                        + " body: 'csrf=' + encodeURIComponent(csrf) + '&legalName=Intrus'}).then(function (r) { done(r.status); });");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        // and a staff page answers it with a page saying why, not with the API's JSON
        Object page = ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "var csrf = (document.cookie.match(/crm_csrf=([^;]+)/) || [])[1] || '';"
                        + "fetch('/companies', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                        + " body: 'csrf=' + encodeURIComponent(csrf) + '&legalName=Intrus'})"
                        + ".then(function (r) { return r.text().then(function (t) { done(r.headers.get('Content-Type') + '\\n' + t); }); });");
        assertThat((String) page).startsWith("text/html").contains("Action non autorisée").contains("READ_ONLY");
        JsonNode list = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/companies?q=Intrus"))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(list.path("items")).isEmpty();
    }
}
