package org.ffmas.crm.plugins.dolibarr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.config.PlatformSettings;
import org.ffmas.crm.testkit.Numbers;
import org.ffmas.crm.testkit.PluginJarBuilder;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.AfterAll;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dolibarr plugin, packed from this module's classes, in a real platform, syncing with a
 * local server that behaves like Dolibarr's REST API. The tests follow one story, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DolibarrSyncTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withPluginsDir(pluginUnderTest())
            // the fake service is on this machine: allowed, as an administrator would allow one on the local network
            .withHttp(new PlatformSettings.HttpSettings("127.0.0.1", 0).withOutboundAllowlist(List.of("127.0.0.1")));

    static FakeDolibarr dolibarr;
    static ApiClient api;
    static String staff;
    static long acme;          // in both, same SIREN, same values
    static long bureau;        // only here at first
    static long dolibarrAcme;
    static long dolibarrNova;  // only there at first
    static long dolibarrAtelier;

    private static Path pluginUnderTest() {
        try {
            return PluginJarBuilder.packClasses(Path.of("target", "classes"), Files.createTempDirectory("dolibarr-plugin"), "dolibarr.jar").getParent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void connect() throws Exception {
        dolibarr = new FakeDolibarr();
        api = crm.client();
        String admin = crm.adminToken();
        staff = api.post("/api/tokens", admin, json("name", "staff", "role", "STAFF")).json().path("secret").asText();
        Answer notReady = api.post("/api/sync/dolibarr/run", staff, "{}");
        assertThat(notReady.status()).isEqualTo(409);
        assertThat(notReady.json().path("detail").asText()).contains("apiKey");
        Answer set = api.call("PUT", "/api/plugins/dolibarr/settings", admin,
                json("baseUrl", dolibarr.baseUrl(), "apiKey", FakeDolibarr.KEY, "pageSize", 2, "timeoutSeconds", 1));
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(api.get("/api/plugins/dolibarr", admin).json().path("state").asText()).isEqualTo("STARTED");
    }

    @AfterAll
    static void disconnect() {
        dolibarr.close();
    }

    static JsonNode runToTheEnd() {
        Answer start = api.post("/api/sync/dolibarr/run", staff, "{}");
        assertThat(start.status()).as(start.raw().body()).isEqualTo(202);
        long id = start.json().path("id").asLong();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = api.get("/api/sync/runs/" + id, staff).json();
            if (!run.path("status").asText().equals("RUNNING")) {
                return run;
            }
            sleep(50);
        }
        throw new AssertionError("sync run " + id + " did not finish");
    }

    static JsonNode company(long id) {
        return api.get("/api/companies/" + id, staff).json();
    }

    @Test
    @Order(1)
    void firstRunLinksTheSameCompanyCreatesWhatIsMissingOnEachSideAndPagesThroughEverything() {
        String acmeSiren = Numbers.siren(1);
        acme = api.post("/api/companies", staff, json("legalName", "ACME Secrétariat", "siren", acmeSiren,
                "address", java.util.Map.of("postalCode", "69003", "city", "Lyon"))).json().path("id").asLong();
        bureau = api.post("/api/companies", staff, json("legalName", "Bureau Services Plus", "siren", Numbers.siren(2),
                "status", "PARTNER")).json().path("id").asLong();
        dolibarrAcme = dolibarr.add("ACME Secrétariat", acmeSiren, "", "69003", "Lyon");
        dolibarrNova = dolibarr.add("Nova Assistance", Numbers.siren(3), "", "33000", "Bordeaux");
        for (int i = 4; i < 7; i++) {
            dolibarr.add("Cabinet " + i, Numbers.siren(i), "", "75011", "Paris");
        }

        JsonNode run = runToTheEnd();

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("pulled").asInt()).isEqualTo(4);      // Nova and the three Cabinets; ACME was linked, not duplicated
        assertThat(run.path("pushed").asInt()).isEqualTo(1);      // Bureau Services Plus
        assertThat(run.path("conflicts").asInt()).isZero();
        assertThat(run.path("trigger").asText()).isEqualTo("REQUEST");
        assertThat(dolibarr.requests).anyMatch(r -> r.startsWith("GET /api/index.php/thirdparties?") && r.contains("page=2"));
        JsonNode found = api.get("/api/companies?q=" + Numbers.siren(3), staff).json();
        assertThat(found.path("items")).hasSize(1);
        assertThat(found.path("items").get(0).path("legalName").asText()).isEqualTo("Nova Assistance");
        assertThat(api.get("/api/companies?q=" + acmeSiren, staff).json().path("items")).hasSize(1);
        assertThat(dolibarr.count()).isEqualTo(6);
        JsonNode pushed = dolibarr.get(6);
        assertThat(pushed.path("name").asText()).isEqualTo("Bureau Services Plus");
        assertThat(pushed.path("idprof1").asText()).isEqualTo(Numbers.siren(2));
        assertThat(pushed.path("client").asInt()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aSecondRunWithNothingNewChangesNothingOnEitherSide() {
        long versionBefore = company(bureau).path("version").asLong();
        int writesBefore = (int) dolibarr.requests.stream().filter(r -> r.startsWith("POST") || r.startsWith("PUT")).count();

        JsonNode run = runToTheEnd();

        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("pulled").asInt()).isZero();
        assertThat(run.path("pushed").asInt()).isZero();
        assertThat(company(bureau).path("version").asLong()).isEqualTo(versionBefore);
        assertThat(dolibarr.requests.stream().filter(r -> r.startsWith("POST") || r.startsWith("PUT")).count()).isEqualTo(writesBefore);
    }

    @Test
    @Order(3)
    void aChangeOnOneSideGoesToTheOther() {
        dolibarr.edit(dolibarrAcme, "town", "Villeurbanne");
        dolibarr.edit(dolibarrAcme, "zip", "69100");
        JsonNode b = company(bureau);
        api.call("PATCH", "/api/companies/" + bureau, staff, json("version", b.path("version").asLong(), "legalName", "Bureau Services Plus SAS"));

        JsonNode run = runToTheEnd();

        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("pulled").asInt()).isEqualTo(1);
        assertThat(run.path("pushed").asInt()).isEqualTo(1);
        assertThat(company(acme).path("address").path("city").asText()).isEqualTo("Villeurbanne");
        assertThat(dolibarr.get(6).path("name").asText()).isEqualTo("Bureau Services Plus SAS");
        JsonNode audit = api.get("/api/audit?entityType=company&entityId=" + acme, crm.adminToken()).json();
        assertThat(audit.toString()).contains("sync:dolibarr");
    }

    @Test
    @Order(4)
    void whenBothSidesChangedTheSameCompanyStaffDecideAndNeitherSideIsOverwrittenMeanwhile() {
        dolibarr.edit(dolibarrNova, "name", "Nova Assistance Groupe");
        long nova = api.get("/api/companies?q=" + Numbers.siren(3), staff).json().path("items").get(0).path("id").asLong();
        JsonNode n = company(nova);
        api.call("PATCH", "/api/companies/" + nova, staff, json("version", n.path("version").asLong(), "legalName", "Nova Assistance SA"));

        JsonNode run = runToTheEnd();

        assertThat(run.path("conflicts").asInt()).isEqualTo(1);
        assertThat(company(nova).path("legalName").asText()).isEqualTo("Nova Assistance SA");
        assertThat(dolibarr.get(dolibarrNova).path("name").asText()).isEqualTo("Nova Assistance Groupe");
        JsonNode conflicts = api.get("/api/sync/conflicts", staff).json().path("items");
        assertThat(conflicts).hasSize(1);
        JsonNode conflict = conflicts.get(0);
        assertThat(conflict.path("companyId").asLong()).isEqualTo(nova);
        assertThat(conflict.path("local").path("legalName").asText()).isEqualTo("Nova Assistance SA");
        assertThat(conflict.path("remote").path("legalName").asText()).isEqualTo("Nova Assistance Groupe");

        // a run meanwhile leaves both sides as they are
        runToTheEnd();
        assertThat(dolibarr.get(dolibarrNova).path("name").asText()).isEqualTo("Nova Assistance Groupe");

        Answer bad = api.post("/api/sync/conflicts/" + conflict.path("id").asLong() + "/resolve", staff, json("keep", "mine"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw().body()).contains("keep");
        Answer readOnly = api.post("/api/sync/conflicts/" + conflict.path("id").asLong() + "/resolve",
                api.post("/api/tokens", crm.adminToken(), json("name", "reader", "role", "READ_ONLY")).json().path("secret").asText(),
                json("keep", "local"));
        assertThat(readOnly.status()).isEqualTo(403);

        Answer resolved = api.post("/api/sync/conflicts/" + conflict.path("id").asLong() + "/resolve", staff, json("keep", "local"));
        assertThat(resolved.status()).as(resolved.raw().body()).isEqualTo(200);
        assertThat(resolved.json().path("resolution").asText()).isEqualTo("LOCAL");
        assertThat(dolibarr.get(dolibarrNova).path("name").asText()).isEqualTo("Nova Assistance SA");
        assertThat(api.get("/api/sync/conflicts", staff).json().path("items")).isEmpty();
        assertThat(api.post("/api/sync/conflicts/" + conflict.path("id").asLong() + "/resolve", staff, json("keep", "remote")).status())
                .isEqualTo(409);

        JsonNode after = runToTheEnd();
        assertThat(after.path("conflicts").asInt()).isZero();
        assertThat(after.path("pushed").asInt()).isZero();
        assertThat(company(nova).path("legalName").asText()).isEqualTo("Nova Assistance SA");
    }

    @Test
    @Order(5)
    void aConflictResolvedForTheRemoteSideTakesItsValuesHere() {
        dolibarr.edit(dolibarrAcme, "name", "ACME Secrétariat et Conseil");
        JsonNode a = company(acme);
        api.call("PATCH", "/api/companies/" + acme, staff, json("version", a.path("version").asLong(), "legalName", "ACME Conseil"));
        runToTheEnd();
        long id = api.get("/api/sync/conflicts", staff).json().path("items").get(0).path("id").asLong();

        Answer resolved = api.post("/api/sync/conflicts/" + id + "/resolve", staff, json("keep", "remote"));

        assertThat(resolved.status()).as(resolved.raw().body()).isEqualTo(200);
        assertThat(company(acme).path("legalName").asText()).isEqualTo("ACME Secrétariat et Conseil");
        JsonNode after = runToTheEnd();
        assertThat(after.path("pushed").asInt()).isZero();
        assertThat(after.path("conflicts").asInt()).isZero();
    }

    @Test
    @Order(6)
    void aDolibarrThatFailsMakesTheRunFailCleanlyAndTheNextRunCatchesUpWithoutLosingAnything() {
        for (FakeDolibarr.Trouble trouble : new FakeDolibarr.Trouble[] {FakeDolibarr.Trouble.ERROR_500, FakeDolibarr.Trouble.GARBAGE,
                FakeDolibarr.Trouble.SILENCE}) {
            JsonNode before = api.get("/api/sync/connectors", staff).json().path("items").get(0);
            dolibarr.edit(dolibarrNova, "town", "Talence " + trouble);
            dolibarr.trouble.set(trouble);
            dolibarr.troubleFor.set(-1);

            JsonNode failed = runToTheEnd();

            assertThat(failed.path("status").asText()).as(trouble.name()).isEqualTo("FAILED");
            assertThat(failed.path("failure").asText()).as(trouble.name()).isNotBlank();
            assertThat(failed.path("attempts").asInt()).as("retries").isEqualTo(2);
            assertThat(api.get("/api/sync/connectors", staff).json().path("items").get(0).path("cursor").asText())
                    .isEqualTo(before.path("cursor").asText());
            assertThat(api.get("/api/sync/runs?status=FAILED&connector=dolibarr", staff).json().path("items").get(0).path("id").asLong())
                    .isEqualTo(failed.path("id").asLong());

            dolibarr.trouble.set(FakeDolibarr.Trouble.NONE);
            JsonNode next = runToTheEnd();
            assertThat(next.path("status").asText()).isEqualTo("SUCCEEDED");
            long nova = api.get("/api/companies?q=" + Numbers.siren(3), staff).json().path("items").get(0).path("id").asLong();
            assertThat(company(nova).path("address").path("city").asText()).isEqualTo("Talence " + trouble);
        }
        assertThat(dolibarr.get(dolibarrNova).path("town").asText()).isEqualTo("Talence SILENCE");
    }

    @Test
    @Order(7)
    void aPassingHiccupIsRetriedWithinTheRun() {
        dolibarr.trouble.set(FakeDolibarr.Trouble.ERROR_500);
        dolibarr.troubleFor.set(1);

        JsonNode run = runToTheEnd();

        assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.path("attempts").asInt()).isEqualTo(1);
        dolibarr.trouble.set(FakeDolibarr.Trouble.NONE);
    }

    @Test
    @Order(8)
    void aConnectorRunsOnceAtATime() {
        dolibarr.trouble.set(FakeDolibarr.Trouble.SILENCE);
        dolibarr.troubleFor.set(1);
        Answer first = api.post("/api/sync/dolibarr/run", staff, "{}");
        Answer second = api.post("/api/sync/dolibarr/run", staff, "{}");

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.raw().headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(second.json().path("detail").asText()).contains("already running");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (api.get("/api/sync/runs/" + first.json().path("id").asLong(), staff).json().path("status").asText().equals("RUNNING")
                && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
        dolibarr.trouble.set(FakeDolibarr.Trouble.NONE);
        assertThat(api.get("/api/sync/runs/" + first.json().path("id").asLong(), staff).json().path("status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    @Order(9)
    void aWrongApiKeyFailsTheRunWithDolibarrsReasonAndAnUnknownConnectorIs404() throws Exception {
        String admin = crm.adminToken();
        api.call("PUT", "/api/plugins/dolibarr/settings", admin, json("apiKey", "wrong-key"));

        JsonNode run = runToTheEnd();

        assertThat(run.path("status").asText()).isEqualTo("FAILED");
        assertThat(run.path("failure").asText()).contains("401").contains("Unauthorized");
        api.call("PUT", "/api/plugins/dolibarr/settings", admin, json("apiKey", FakeDolibarr.KEY));
        assertThat(api.post("/api/sync/salesforce/run", staff, "{}").status()).isEqualTo(404);
        assertThat(api.get("/api/sync/runs?status=DONE", staff).status()).isEqualTo(400);
    }

    static JsonNode contactsOf(long companyId) {
        return api.get("/api/contacts?companyId=" + companyId, staff).json().path("items");
    }

    static long novaId() {
        return api.get("/api/companies?q=" + Numbers.siren(3), staff).json().path("items").get(0).path("id").asLong();
    }

    @Test
    @Order(10)
    void contactsGoBothWaysUnderTheirCompaniesAndAPersonAtNoCompanyThereIsLeftOut() {
        long claire = dolibarr.addContact(dolibarrNova, "Claire", "Martin", "claire.martin@nova-assistance.fr", "05 56 12 34 56");
        dolibarr.addContact(0, "Jean", "Sanssociété", "jean@example.org", "");
        Answer paul = api.post("/api/companies/" + bureau + "/contacts", staff,
                json("firstName", "Paul", "lastName", "Durand", "email", "paul.durand@bureau-services.fr"));
        assertThat(paul.status()).as(paul.raw().body()).isEqualTo(201);

        JsonNode run = runToTheEnd();

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("pulled").asInt()).isEqualTo(1);
        assertThat(run.path("pushed").asInt()).isEqualTo(1);
        assertThat(run.path("errors").asInt()).as(run.toString()).isZero();
        JsonNode here = contactsOf(novaId());
        assertThat(here).hasSize(1);
        assertThat(here.get(0).path("lastName").asText()).isEqualTo("Martin");
        assertThat(here.get(0).path("email").asText()).isEqualTo("claire.martin@nova-assistance.fr");
        assertThat(here.get(0).path("phone").asText()).isEqualTo("+33556123456");
        assertThat(api.get("/api/contacts?q=Sanssociété", staff).json().path("items")).isEmpty();
        JsonNode there = dolibarr.contacts().stream().filter(c -> c.path("lastname").asText().equals("Durand")).findFirst().orElseThrow();
        assertThat(there.path("socid").asText()).isEqualTo("6"); // Bureau Services Plus there
        assertThat(there.path("email").asText()).isEqualTo("paul.durand@bureau-services.fr");

        JsonNode again = runToTheEnd();
        assertThat(again.path("pulled").asInt()).isZero();
        assertThat(again.path("pushed").asInt()).isZero();

        dolibarr.editContact(claire, "email", "c.martin@nova-assistance.fr");
        JsonNode p = api.get("/api/contacts/" + paul.json().path("id").asLong(), staff).json();
        api.call("PATCH", "/api/contacts/" + p.path("id").asLong(), staff, json("version", p.path("version").asLong(), "lastName", "Durand-Leroy"));

        JsonNode changes = runToTheEnd();

        assertThat(changes.path("pulled").asInt()).isEqualTo(1);
        assertThat(changes.path("pushed").asInt()).isEqualTo(1);
        assertThat(contactsOf(novaId()).get(0).path("email").asText()).isEqualTo("c.martin@nova-assistance.fr");
        assertThat(dolibarr.contact(there.path("id").asLong()).path("lastname").asText()).isEqualTo("Durand-Leroy");
    }

    @Test
    @Order(11)
    void aContactChangedOnBothSidesBecomesAConflictAndKeepingDolibarrsSideTakesItsValuesHere() {
        long claireThere = dolibarr.contacts().stream().filter(c -> c.path("lastname").asText().equals("Martin")).findFirst()
                .orElseThrow().path("id").asLong();
        JsonNode claire = contactsOf(novaId()).get(0);
        dolibarr.editContact(claireThere, "lastname", "Martin-Roy");
        api.call("PATCH", "/api/contacts/" + claire.path("id").asLong(), staff,
                json("version", claire.path("version").asLong(), "lastName", "Martin Roy"));

        JsonNode run = runToTheEnd();

        assertThat(run.path("conflicts").asInt()).isEqualTo(1);
        assertThat(dolibarr.contact(claireThere).path("lastname").asText()).isEqualTo("Martin-Roy");
        JsonNode conflict = api.get("/api/sync/conflicts", staff).json().path("items").get(0);
        assertThat(conflict.path("contactId").asLong()).isEqualTo(claire.path("id").asLong());
        assertThat(conflict.path("local").path("lastName").asText()).isEqualTo("Martin Roy");
        assertThat(conflict.path("remote").path("lastName").asText()).isEqualTo("Martin-Roy");

        // the contact's conflict holds back that contact only, not its company's own changes
        JsonNode n = company(novaId());
        api.call("PATCH", "/api/companies/" + novaId(), staff, json("version", n.path("version").asLong(),
                "address", java.util.Map.of("postalCode", "33400", "city", "Talence")));
        assertThat(runToTheEnd().path("pushed").asInt()).isEqualTo(1);
        assertThat(dolibarr.get(dolibarrNova).path("zip").asText()).isEqualTo("33400");

        Answer resolved = api.post("/api/sync/conflicts/" + conflict.path("id").asLong() + "/resolve", staff, json("keep", "remote"));

        assertThat(resolved.status()).as(resolved.raw().body()).isEqualTo(200);
        assertThat(api.get("/api/contacts/" + claire.path("id").asLong(), staff).json().path("lastName").asText()).isEqualTo("Martin-Roy");
        JsonNode after = runToTheEnd();
        assertThat(after.path("conflicts").asInt()).isZero();
        assertThat(after.path("pushed").asInt()).isZero();
        assertThat(api.get("/api/sync/conflicts", staff).json().path("items")).isEmpty();
    }

    @Test
    @Order(12)
    void anArchivedContactIsMarkedInactiveThere() {
        JsonNode paul = api.get("/api/contacts?q=Durand-Leroy", staff).json().path("items").get(0);
        assertThat(api.call("DELETE", "/api/contacts/" + paul.path("id").asLong(), staff, null).status()).isEqualTo(200);

        JsonNode run = runToTheEnd();

        assertThat(run.path("pushed").asInt()).isEqualTo(1);
        JsonNode there = dolibarr.contacts().stream().filter(c -> c.path("lastname").asText().equals("Durand-Leroy")).findFirst().orElseThrow();
        assertThat(there.path("statut").asInt()).isZero();
        assertThat(runToTheEnd().path("pushed").asInt()).isZero();
    }

    @Test
    @Order(13)
    void aPersonNoLongerInUseThereIsNotBroughtInAndASyncedOneIsArchived() {
        dolibarr.addContact(dolibarrNova, "Ancien", "Salarié", "ancien@nova-assistance.fr", "");
        long inactive = dolibarr.contacts().stream().filter(c -> c.path("lastname").asText().equals("Salarié")).findFirst()
                .orElseThrow().path("id").asLong();
        dolibarr.editContact(inactive, "statut", "0");
        long claireThere = dolibarr.contacts().stream().filter(c -> c.path("lastname").asText().equals("Martin-Roy")).findFirst()
                .orElseThrow().path("id").asLong();
        dolibarr.editContact(claireThere, "statut", "0");

        JsonNode run = runToTheEnd();

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(api.get("/api/contacts?q=Salarié", staff).json().path("items")).isEmpty();
        assertThat(contactsOf(novaId())).as("Claire is archived here too").isEmpty();
        assertThat(runToTheEnd().path("pulled").asInt()).isZero();
    }

    @Test
    @Order(14)
    void aPersonWhoseCompanyWasRefusedIsBroughtInOnceTheCompanyIsFixedThereThoughThePersonDidNotChange() {
        String valid = Numbers.siren(7);
        String wrong = valid.substring(0, 8) + (char) ('0' + (valid.charAt(8) - '0' + 1) % 10); // check digit off by one
        long atelier = dolibarr.add("Atelier Secrétaires Réunies", wrong, "", "44000", "Nantes");
        dolibarrAtelier = atelier;
        dolibarr.addContact(atelier, "Odile", "Perrin", "odile.perrin@atelier-reunies.fr", "");
        // a later change elsewhere: the next pull of persons starts after Odile's
        dolibarr.addContact(dolibarrNova, "Hugo", "Lemaire", "hugo.lemaire@nova-assistance.fr", "");

        JsonNode refused = runToTheEnd();

        assertThat(refused.path("status").asText()).as(refused.toString()).isEqualTo("SUCCEEDED");
        assertThat(refused.path("errors").asInt()).as("the company, then its person").isEqualTo(2);
        assertThat(refused.toString()).contains("SIREN").contains("not synced yet");
        assertThat(api.get("/api/contacts?q=Perrin", staff).json().path("items")).isEmpty();
        assertThat(api.get("/api/contacts?q=Lemaire", staff).json().path("items")).hasSize(1);

        dolibarr.edit(atelier, "idprof1", valid); // fixed there; the person is not touched

        JsonNode fixed = runToTheEnd();

        assertThat(fixed.path("errors").asInt()).as(fixed.toString()).isZero();
        assertThat(fixed.path("pulled").asInt()).as("the company and its person").isEqualTo(2);
        JsonNode odile = api.get("/api/contacts?q=Perrin", staff).json().path("items");
        assertThat(odile).hasSize(1);
        assertThat(odile.get(0).path("email").asText()).isEqualTo("odile.perrin@atelier-reunies.fr");
        assertThat(odile.get(0).path("companyId").asLong())
                .isEqualTo(api.get("/api/companies?q=" + valid, staff).json().path("items").get(0).path("id").asLong());
        JsonNode after = runToTheEnd();
        assertThat(after.path("pulled").asInt()).isZero();
        assertThat(after.path("errors").asInt()).isZero();
    }

    @Test
    @Order(15)
    void aPersonWhoMovedToAnotherCompanyThereMovesHereToo() {
        long hugoThere = dolibarr.contacts().stream().filter(c -> c.path("lastname").asText().equals("Lemaire")).findFirst()
                .orElseThrow().path("id").asLong();
        JsonNode hugo = api.get("/api/contacts?q=Lemaire", staff).json().path("items").get(0);
        long atelierHere = api.get("/api/companies?q=" + Numbers.siren(7), staff).json().path("items").get(0).path("id").asLong();
        assertThat(hugo.path("companyId").asLong()).isEqualTo(novaId());
        dolibarr.editContact(hugoThere, "socid", String.valueOf(dolibarrAtelier));

        JsonNode run = runToTheEnd();

        assertThat(run.path("errors").asInt()).as(run.toString()).isZero();
        assertThat(run.path("pulled").asInt()).isEqualTo(1);
        JsonNode moved = api.get("/api/contacts/" + hugo.path("id").asLong(), staff).json();
        assertThat(moved.path("companyId").asLong()).isEqualTo(atelierHere);
        assertThat(moved.path("email").asText()).as("the same person, not a copy").isEqualTo("hugo.lemaire@nova-assistance.fr");
        assertThat(contactsOf(novaId()).toString()).doesNotContain("Lemaire");
        assertThat(api.get("/api/companies/" + novaId() + "/timeline", staff).json().toString()).contains("contact.moved");
        JsonNode again = runToTheEnd();
        assertThat(again.path("pulled").asInt()).isZero();
        assertThat(again.path("pushed").asInt()).as("the move made here for Dolibarr is not sent back to it").isZero();
    }

    @Test
    @Order(16)
    void whatAFailingDolibarrAnswersIsNeverRepeatedInTheApiOrTheLog() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        try {
            for (FakeDolibarr.Trouble trouble : new FakeDolibarr.Trouble[] {FakeDolibarr.Trouble.ERROR_500, FakeDolibarr.Trouble.GARBAGE}) {
                dolibarr.trouble.set(trouble);
                dolibarr.troubleFor.set(-1);
                JsonNode failed = runToTheEnd();
                assertThat(failed.path("status").asText()).isEqualTo("FAILED");
                assertThat(failed.toString()).as(trouble.name()).doesNotContain(FakeDolibarr.MARKER);
                assertThat(api.get("/api/sync/runs?connector=dolibarr", staff).raw().body()).doesNotContain(FakeDolibarr.MARKER);
                assertThat(failed.path("failure").asText()).as("the status instead")
                        .contains(trouble == FakeDolibarr.Trouble.ERROR_500 ? "500 Internal Server Error" : "not JSON");
            }
        } finally {
            dolibarr.trouble.set(FakeDolibarr.Trouble.NONE);
            root.detachAppender(logs);
        }
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent e : logs.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(FakeDolibarr.MARKER);
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(FakeDolibarr.MARKER);
            }
        }
    }

    @Test
    @Order(17)
    void aNewAddressClearsTheApiKeySoItIsNeverSentToAServerItWasNotEnteredFor() throws Exception {
        String admin = crm.adminToken();
        Path stored = crm.dataDir().resolve("plugins").resolve("dolibarr").resolve("settings.properties");
        assertThat(Files.readString(stored)).contains(FakeDolibarr.KEY);
        assertThat(Files.getPosixFilePermissions(stored)).as("owner only")
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        int before = dolibarr.requests.size();

        Answer moved = api.call("PUT", "/api/plugins/dolibarr/settings", admin, json("baseUrl", "http://127.0.0.1:9/api/index.php"));

        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
        assertThat(moved.json().path("clearedSecrets").toString()).isEqualTo("[\"apiKey\"]");
        assertThat(moved.json().path("notice").asText()).contains("apiKey").contains("cleared");
        assertThat(moved.json().path("values").path("apiKey").asText()).isEmpty();
        assertThat(Files.readString(stored)).doesNotContain(FakeDolibarr.KEY);
        Answer notReady = api.post("/api/sync/dolibarr/run", staff, "{}");
        assertThat(notReady.status()).as("no key: no call").isEqualTo(409);

        Answer back = api.call("PUT", "/api/plugins/dolibarr/settings", admin, json("baseUrl", dolibarr.baseUrl(), "apiKey", FakeDolibarr.KEY));
        assertThat(back.json().path("clearedSecrets").isMissingNode()).as("a key given with the address is kept").isTrue();
        assertThat(back.json().path("values").path("apiKey").asText()).isEqualTo("********");
        Answer sameAddress = api.call("PUT", "/api/plugins/dolibarr/settings", admin, json("baseUrl", dolibarr.baseUrl() + "/", "pageSize", 3));
        assertThat(sameAddress.json().path("values").path("apiKey").asText()).as("the same address").isEqualTo("********");
        assertThat(runToTheEnd().path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(dolibarr.requests.size()).isGreaterThan(before);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
