package org.ffmas.crm.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.MutableClock;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.agreement.Lifecycle.Status;
import org.ffmas.crm.config.PlatformSettings.AgreementSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Agreements through the API, on a clock the test moves, with the calendar route every second. */
@Tag("database")
class AgreementApiTest {

    static final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withClock(clock)
            .withAgreements(new AgreementSettings(new java.util.LinkedHashMap<>(Map.of("OR", 500_000L, "ARGENT", 250_000L)), 1, List.of(90, 30)));

    static ApiClient api;
    static String staff;

    @BeforeAll
    static void token() {
        api = crm.client();
        staff = api.post("/api/tokens", crm.adminToken(), json("name", "staff", "role", "STAFF")).json().path("secret").asText();
    }

    static LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), AgreementService.ZONE);
    }

    static long company(String name) {
        return api.post("/api/companies", staff, json("legalName", name)).json().path("id").asLong();
    }

    static JsonNode create(long companyId, Object... extra) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("companyId", companyId, "kind", "MECENAT_FINANCIER",
                "title", "Mécénat " + companyId, "tier", "ARGENT", "startDate", today().plusDays(10).toString(),
                "endDate", today().plusDays(375).toString()));
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        Answer a = api.post("/api/agreements", staff, new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(body).toString());
        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        return a.json();
    }

    static Answer move(long id, String to, Object... extra) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("to", to));
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return api.post("/api/agreements/" + id + "/transitions", staff,
                new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(body).toString());
    }

    static String companyStatus(long id) {
        return api.get("/api/companies/" + id, staff).json().path("status").asText();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("within 10 s").isTrue();
    }

    @Test
    void aTierGivesItsDefaultAmountAndBadTermsAreRefusedAllAtOnce() {
        long c = company("Alpha Mécène");
        JsonNode a = create(c);
        assertThat(a.path("amountCents").asLong()).isEqualTo(250_000);
        assertThat(a.path("status").asText()).isEqualTo("DRAFT");
        assertThat(a.path("allowedTransitions").toString()).contains("SENT", "CANCELLED");

        Answer bad = api.post("/api/agreements", staff, """
                {"companyId": %d, "kind": "MECENAT_FINANCIER", "title": "Mauvais", "tier": "PLATINE", "amountCents": -5,
                 "startDate": "2027-01-01", "endDate": "2026-12-31",
                 "instalments": [{"dueDate": "2027-01-15", "amountCents": 100}]}""".formatted(c));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").findValuesAsText("field")).contains("tier", "amountCents", "endDate");

        Answer sums = api.post("/api/agreements", staff, json("companyId", c, "kind", "PARTENARIAT", "title", "Échéancier faux",
                "amountCents", 300_000, "startDate", "2027-01-01", "endDate", "2027-12-31",
                "instalments", List.of(Map.of("dueDate", "2027-01-15", "amountCents", 100_000), Map.of("dueDate", "2027-06-15", "amountCents", 100_000))));
        assertThat(sums.json().path("errors").get(0).path("field").asText()).isEqualTo("instalments");
        // French number format: a narrow no-break space groups the thousands
        assertThat(sums.json().path("errors").get(0).path("message").asText().replace('\u202f', ' ').replace('\u00a0', ' '))
                .contains("2 000,00 €").contains("3 000,00 €");
    }

    @Test
    void mecenatCounterpartsAreCappedAtAQuarterButPartnershipsAreNot() {
        long c = company("Contreparties SA");
        List<Map<String, Object>> generous = List.of(Map.of("label", "Stand au salon", "valueCents", 50_000),
                Map.of("label", "Logo sur le site", "valueCents", 20_000));
        Answer refused = api.post("/api/agreements", staff, json("companyId", c, "kind", "MECENAT_NATURE", "title", "Trop",
                "amountCents", 250_000, "startDate", "2027-01-01", "endDate", "2027-12-31", "counterparts", generous));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("counterparts");
        assertThat(refused.json().path("errors").get(0).path("message").asText()).contains("25 %");

        Answer partnership = api.post("/api/agreements", staff, json("companyId", c, "kind", "PARTENARIAT", "title", "Partenariat",
                "amountCents", 250_000, "startDate", "2027-01-01", "endDate", "2027-12-31", "counterparts", generous));
        assertThat(partnership.status()).as(partnership.raw().body()).isEqualTo(201);
        assertThat(partnership.json().path("counterparts").size()).isEqualTo(2);
    }

    /** Puts a fresh agreement in the given state, by the API's own moves. */
    static long inState(Status state) throws InterruptedException {
        long c = company("Matrice " + state + " " + System.nanoTime());
        long id = create(c).path("id").asLong();
        switch (state) {
            case DRAFT -> { }
            case SENT -> move(id, "SENT");
            case CANCELLED -> move(id, "CANCELLED");
            case SIGNED -> {
                move(id, "SENT");
                move(id, "SIGNED");
            }
            case ACTIVE, EXPIRED, RENEWED, TERMINATED -> {
                move(id, "SENT");
                move(id, "SIGNED");
                move(id, "ACTIVE");
                if (state == Status.EXPIRED) {
                    move(id, "EXPIRED");
                } else if (state == Status.RENEWED) {
                    move(id, "RENEWED");
                } else if (state == Status.TERMINATED) {
                    move(id, "TERMINATED", "reason", "fin anticipée");
                }
            }
            default -> throw new IllegalArgumentException(state.name());
        }
        assertThat(api.get("/api/agreements/" + id, staff).json().path("status").asText()).isEqualTo(state.name());
        return id;
    }

    @Test
    void everyLegalMoveIsMadeAndEveryIllegalOneRefusedListingTheAllowed() throws InterruptedException {
        for (Status from : Status.values()) {
            for (Status to : Status.values()) {
                long id = inState(from);
                Answer a = move(id, to.name(), "reason", "test");
                if (Lifecycle.canMove(from, to)) {
                    assertThat(a.status()).as(from + " -> " + to + ": " + a.raw().body()).isEqualTo(200);
                    assertThat(a.json().path("status").asText()).as(from + " -> " + to).isEqualTo(to.name());
                } else {
                    assertThat(a.status()).as(from + " -> " + to).isEqualTo(409);
                    assertThat(a.json().path("detail").asText()).as(from + " -> " + to).contains("allowed: ");
                    for (Status ok : Lifecycle.allowed(from)) {
                        assertThat(a.json().path("detail").asText()).contains(ok.name());
                    }
                }
            }
        }
        long id = inState(Status.ACTIVE);
        Answer noReason = api.post("/api/agreements/" + id + "/transitions", staff, json("to", "TERMINATED"));
        assertThat(noReason.json().path("errors").get(0).path("field").asText()).isEqualTo("reason");
    }

    @Test
    void theCalendarActivatesAndExpiresOnTheirDatesAndTheCompanyStatusFollows() throws InterruptedException {
        long c = company("Calendrier SAS");
        long id = create(c, "startDate", today().plusDays(10).toString(), "endDate", today().plusDays(40).toString()).path("id").asLong();
        move(id, "SENT");
        assertThat(move(id, "SIGNED").json().path("status").asText()).isEqualTo("SIGNED");
        assertThat(companyStatus(c)).isEqualTo("PROSPECT");

        clock.advance(Duration.ofDays(10));
        await(() -> api.get("/api/agreements/" + id, staff).json().path("status").asText().equals("ACTIVE"));
        assertThat(companyStatus(c)).isEqualTo("PARTNER");

        clock.advance(Duration.ofDays(31));
        await(() -> api.get("/api/agreements/" + id, staff).json().path("status").asText().equals("EXPIRED"));
        assertThat(companyStatus(c)).isEqualTo("FORMER_PARTNER");

        assertThat(api.get("/api/companies/" + c + "/timeline", staff).json().path("items").findValuesAsText("systemEvent"))
                .containsSubsequence("agreement.expired", "agreement.active", "agreement.signed", "agreement.sent", "agreement.created");
    }

    @Test
    void signingOnOrAfterTheStartDateActivatesAtOnce() {
        long c = company("Immédiat SA");
        long id = create(c, "startDate", today().minusDays(1).toString()).path("id").asLong();
        move(id, "SENT");
        assertThat(move(id, "SIGNED").json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(companyStatus(c)).isEqualTo("PARTNER");
    }

    @Test
    void aCompanyStaysPartnerWhileOneAgreementIsActive() throws InterruptedException {
        long c = company("Deux Conventions");
        long first = create(c, "startDate", today().minusDays(5).toString()).path("id").asLong();
        long second = create(c, "startDate", today().minusDays(5).toString()).path("id").asLong();
        for (long id : new long[] {first, second}) {
            move(id, "SENT");
            move(id, "SIGNED");
        }
        assertThat(move(first, "TERMINATED", "reason", "rupture").json().path("endReason").asText()).isEqualTo("rupture");
        assertThat(companyStatus(c)).isEqualTo("PARTNER");
        move(second, "TERMINATED", "reason", "rupture aussi");
        assertThat(companyStatus(c)).isEqualTo("FORMER_PARTNER");
    }

    @Test
    void signedTermsAreLockedButNotesAreNot() {
        long c = company("Verrouillé SA");
        JsonNode a = create(c);
        long id = a.path("id").asLong();
        assertThat(api.call("PATCH", "/api/agreements/" + id, staff, json("version", 1, "amountCents", 300_000)).status()).isEqualTo(200);
        move(id, "SENT");
        move(id, "SIGNED");
        long version = api.get("/api/agreements/" + id, staff).json().path("version").asLong();

        Answer locked = api.call("PATCH", "/api/agreements/" + id, staff, json("version", version, "amountCents", 100));
        assertThat(locked.status()).isEqualTo(409);
        assertThat(locked.json().path("detail").asText()).contains("amountCents").contains("terminate");

        Answer notes = api.call("PATCH", "/api/agreements/" + id, staff, json("version", version, "notes", "Relancer le service comptable"));
        assertThat(notes.status()).as(notes.raw().body()).isEqualTo(200);
        assertThat(notes.json().path("amountCents").asLong()).isEqualTo(300_000);
    }

    @Test
    void instalmentsArePaidAndOverdueOnesListed() {
        long c = company("Échéances SA");
        long id = create(c, "kind", "PARTENARIAT", "tier", null, "amountCents", 120_000, "startDate", today().minusDays(30).toString(),
                "instalments", List.of(Map.of("dueDate", today().minusDays(20).toString(), "amountCents", 60_000),
                        Map.of("dueDate", today().plusDays(60).toString(), "amountCents", 60_000))).path("id").asLong();
        move(id, "SENT");
        move(id, "SIGNED");
        JsonNode overdue = api.get("/api/agreements/instalments?overdue=true", staff).json().path("items");
        long firstInstalment = api.get("/api/agreements/" + id, staff).json().path("instalments").get(0).path("id").asLong();
        assertThat(overdue.findValues("agreementId").stream().map(JsonNode::asLong)).contains(id);

        Answer paid = api.post("/api/agreements/" + id + "/instalments/" + firstInstalment + "/paid", staff,
                json("paidAt", today().toString(), "reference", "VIR-2026-118"));
        assertThat(paid.status()).as(paid.raw().body()).isEqualTo(200);
        assertThat(paid.json().path("instalments").get(0).path("reference").asText()).isEqualTo("VIR-2026-118");
        assertThat(api.get("/api/agreements/instalments?overdue=true", staff).json().path("items").findValues("agreementId").stream()
                .map(JsonNode::asLong)).doesNotContain(id);
    }

    @Test
    void agreementsMoveWithAMergeAndTheTargetBecomesPartner() {
        long target = company("Cible Fusion");
        long source = company("Source Fusion");
        long id = create(source, "startDate", today().minusDays(1).toString()).path("id").asLong();
        move(id, "SENT");
        move(id, "SIGNED");
        assertThat(companyStatus(source)).isEqualTo("PARTNER");

        Answer merged = api.post("/api/companies/" + target + "/merge", staff, json("sourceId", source));
        assertThat(merged.status()).as(merged.raw().body()).isEqualTo(200);
        assertThat(api.get("/api/agreements/" + id, staff).json().path("companyId").asLong()).isEqualTo(target);
        assertThat(companyStatus(target)).isEqualTo("PARTNER");
        assertThat(api.get("/api/companies?hasActiveAgreement=true&q=" + "Cible", staff).json().path("total").asLong()).isEqualTo(1);
    }

    @Test
    void aRenewalCarriesTheTermsForwardAndSigningItRenewsTheOriginal() {
        long c = company("Renouvellement SA");
        LocalDate start = today().minusDays(10);
        long id = create(c, "startDate", start.toString(), "endDate", start.plusDays(364).toString(),
                "instalments", List.of(Map.of("dueDate", start.plusDays(30).toString(), "amountCents", 250_000))).path("id").asLong();
        move(id, "SENT");
        move(id, "SIGNED");

        Answer renewed = api.post("/api/agreements/" + id + "/renew", staff, null);
        assertThat(renewed.status()).as(renewed.raw().body()).isEqualTo(201);
        JsonNode r = renewed.json();
        assertThat(r.path("status").asText()).isEqualTo("DRAFT");
        assertThat(r.path("renewalOfId").asLong()).isEqualTo(id);
        assertThat(r.path("startDate").asText()).isEqualTo(start.plusDays(365).toString());
        assertThat(r.path("endDate").asText()).isEqualTo(start.plusDays(729).toString());
        assertThat(r.path("instalments").get(0).path("dueDate").asText()).isEqualTo(start.plusDays(395).toString());
        assertThat(r.path("amountCents").asLong()).isEqualTo(250_000);

        Answer twice = api.post("/api/agreements/" + id + "/renew", staff, null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("existingId").asLong()).isEqualTo(r.path("id").asLong());

        move(r.path("id").asLong(), "SENT");
        assertThat(move(r.path("id").asLong(), "SIGNED").json().path("status").asText()).isEqualTo("SIGNED");
        assertThat(api.get("/api/agreements/" + id, staff).json().path("status").asText()).isEqualTo("RENEWED");
        assertThat(companyStatus(c)).as("the renewed agreement runs to its end").isEqualTo("PARTNER");
        assertThat(api.post("/api/agreements/" + r.path("id").asLong() + "/renew", staff, null).status())
                .as("a signed renewal can itself be renewed").isEqualTo(201);
    }

    @Test
    void renewalRemindersGoOnTheTimelineOnceForEachLeadTime() throws InterruptedException {
        long c = company("Rappels SARL");
        long id = create(c, "startDate", today().minusDays(200).toString(), "endDate", today().plusDays(95).toString()).path("id").asLong();
        move(id, "SENT");
        move(id, "SIGNED");
        java.util.function.Supplier<Long> reminders = () -> {
            long n = 0;
            for (JsonNode e : api.get("/api/companies/" + c + "/timeline", staff).json().path("items")) {
                if ("agreement.renewal_reminder".equals(e.path("systemEvent").asText())) {
                    n++;
                }
            }
            return n;
        };
        Thread.sleep(1500);
        assertThat(reminders.get()).as("95 days before: not yet").isZero();

        clock.advance(Duration.ofDays(6));
        await(() -> reminders.get() == 1);
        JsonNode task = api.get("/api/companies/" + c + "/timeline", staff).json().path("items").get(0);
        assertThat(task.path("kind").asText()).isEqualTo("TASK");
        assertThat(task.path("text").asText()).contains("Renouvellement").contains("89 jours");
        assertThat(api.get("/api/agreements/expiring?days=90", staff).json().path("items").findValues("id").stream().map(JsonNode::asLong))
                .contains(id);
        Thread.sleep(2500);
        assertThat(reminders.get()).as("once").isEqualTo(1);

        clock.advance(Duration.ofDays(60));
        await(() -> reminders.get() == 2);
        Thread.sleep(2000);
        assertThat(reminders.get()).isEqualTo(2);
    }

    @Test
    void theSummaryAddsUpTheYear() {
        int year = today().getYear();
        long before = api.get("/api/agreements/summary?year=" + year, staff).json().path("signedAmountCents").asLong();
        long c = company("Bilan SA");
        long id = create(c, "tier", "OR", "startDate", today().minusDays(1).toString(), "endDate", today().plusDays(300).toString())
                .path("id").asLong();
        move(id, "SENT");
        move(id, "SIGNED");

        JsonNode summary = api.get("/api/agreements/summary?year=" + year, staff).json();
        assertThat(summary.path("year").asInt()).isEqualTo(year);
        assertThat(summary.path("signedAmountCents").asLong() - before).isEqualTo(500_000);
        assertThat(summary.path("signed").toString()).contains("\"tier\":\"OR\"");
        assertThat(summary.path("activeCount").asInt()).isPositive();
        assertThat(api.get("/api/agreements/summary?year=deux-mille", staff).status()).isEqualTo(400);
    }
}
