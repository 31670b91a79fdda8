package org.ffmas.crm.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;
import static org.ffmas.crm.storage.jooq.Tables.CONTACT;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.api.model.OutgoingMail;
import org.ffmas.crm.config.PlatformSettings.MailServer;
import org.ffmas.crm.config.PlatformSettings.MailSettings;
import org.ffmas.crm.testkit.LiveHeap;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Campaign throughput to a local SMTP server (a sink that keeps nothing, so that its memory is not
 * counted), against a plain Jakarta Mail loop
 * sending the same messages over one connection to the same server in the same run; and the
 * heap used while sending, for a small and a large campaign. A first large campaign and a first
 * loop warm the JVM up (a platform that has run a while has its code compiled). Prints figures; run with
 * {@code -Dtest=CampaignBenchmark -Dcrm.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class CampaignBenchmark {

    static final int LARGE = Integer.getInteger("crm.bench.recipients", 20_000);
    static final int SMALL = 2_000;
    static final int ROUNDS = Integer.getInteger("crm.bench.rounds", 3);
    static SmtpSink smtp = SmtpSink.open();

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withMail(MailSettings.DEFAULTS
            .withSmtp(new MailServer("127.0.0.1", smtp.port(), "", "", "none")).withRate(100_000).withSmtpConnections(Integer.getInteger("crm.bench.connections", 2)));

    @AfterAll
    static void stop() throws Exception {
        smtp.close();
    }

    @Test
    void throughputAgainstAPlainJakartaMailLoop() throws Exception {
        ApiClient api = crm.client();
        String admin = crm.adminToken();
        long small = recipients(api, admin, "Petite", SMALL);
        long first = recipients(api, admin, "Grande", LARGE);

        Run smallRun = send(api, admin, small, SMALL);
        // a platform that has run for a while has its code compiled: a first large campaign and a
        // first loop warm it up (their rates are printed too); then rounds of a campaign and a
        // loop, one after the other, so that a slow moment of the machine weighs on both sides
        Run firstRun = send(api, admin, first, LARGE);
        double plainFirst = plainLoop(LARGE / 4);
        System.out.printf("campaign of %,d: %.0f msg/s, live heap while sending at most %d MB above the start%n", SMALL, smallRun.rate(), smallRun.heapMb());
        System.out.printf("first campaign of %,d (warm-up): %.0f msg/s; first plain loop of %,d: %.0f msg/s%n", LARGE, firstRun.rate(), LARGE / 4,
                plainFirst);
        double[] campaigns = new double[ROUNDS];
        double[] plains = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            Run run = send(api, admin, campaign(api, admin, "Grande " + (round + 2), "2B"), LARGE);
            campaigns[round] = run.rate();
            plains[round] = plainLoop(LARGE);
            System.out.printf("round %d: campaign of %,d: %.0f msg/s (live heap at most %d MB above the start); plain Jakarta Mail loop, "
                    + "one connection: %.0f msg/s; ratio %.2f%n", round + 1, LARGE, run.rate(), run.heapMb(), plains[round], run.rate() / plains[round]);
        }
        System.out.printf("median of %d rounds: campaign %.0f msg/s, plain loop %.0f msg/s, ratio campaign / plain loop: %.2f%n", ROUNDS,
                median(campaigns), median(plains), median(campaigns) / median(plains));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    record Run(double rate, long heapMb) {}

    /** A company with {@code n} contacts in a department of its own, written straight to the database. */
    static long recipients(ApiClient api, String admin, String name, int n) {
        String department = name.equals("Petite") ? "2A" : "2B";
        long company = api.post("/api/companies", admin, json("legalName", name + " campagne", "status", "PARTNER",
                "address", Map.of("postalCode", department.equals("2A") ? "20000" : "20200", "city", "Ajaccio"))).json().path("id").asLong();
        DSLContext db = crm.platform().database().dsl();
        LocalDateTime now = LocalDateTime.now();
        for (int from = 0; from < n; from += 1000) {
            var insert = db.insertInto(CONTACT, CONTACT.COMPANY_ID, CONTACT.FIRST_NAME, CONTACT.LAST_NAME, CONTACT.EMAIL, CONTACT.ACTIVE_EMAIL,
                    CONTACT.LANGUAGE, CONTACT.EMAIL_STATUS, CONTACT.CREATED_AT, CONTACT.UPDATED_AT);
            for (int i = from; i < Math.min(n, from + 1000); i++) {
                String email = name.toLowerCase() + i + "@bench.test";
                insert = insert.values(company, "Prénom" + i, "Nom" + i, email, email, "fr", "NOT_ASKED", now, now);
            }
            insert.execute();
        }
        return campaign(api, admin, name, department);
    }

    /** A campaign to the contacts of one department. */
    static long campaign(ApiClient api, String admin, String name, String department) {
        return api.post("/api/campaigns", admin, json("name", name, "subject", "Lettre de la FFMAS — {{contact.firstName}}",
                "htmlTemplate", "<h1>Lettre d'information</h1><p>Bonjour {{contact.firstName}} {{contact.lastName}},</p>"
                        + "<p>Les nouvelles de la fédération pour {{company.name}}.</p>".repeat(5),
                "segment", Map.of("departments", List.of(department)))).json().path("id").asLong();
    }

    static Run send(ApiClient api, String admin, long campaign, int n) throws InterruptedException {
        long before = smtp.accepted.get();
        LiveHeap heap = new LiveHeap();
        long t0 = System.nanoTime();
        assertThat(api.post("/api/campaigns/" + campaign + "/send", admin, null).status()).isEqualTo(200);
        while (!api.get("/api/campaigns/" + campaign, admin).json().path("status").asText().equals("SENT")) {
            heap.sample();
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(smtp.accepted.get() - before).isEqualTo(n);
        return new Run(n / seconds, heap.maxAboveBaselineMb());
    }

    /** The same shape of message, rendered beforehand, sent in a loop over one connection. */
    static double plainLoop(int n) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(smtp.port()));
        Session session = Session.getInstance(p);
        long t0 = System.nanoTime();
        try (Transport t = session.getTransport("smtp")) {
            t.connect();
            for (int i = 0; i < n; i++) {
                OutgoingMail m = new OutgoingMail("<plain." + i + "@ffmas.org>", "contact@ffmas.org", "FFMAS", null, "plain" + i + "@bench.test",
                        "Lettre de la FFMAS — Prénom" + i, "<h1>Lettre d'information</h1><p>Bonjour Prénom" + i + " Nom" + i + ",</p>"
                                + "<p>Les nouvelles de la fédération pour Grande campagne.</p>".repeat(5),
                        "Lettre d'information\n\nBonjour Prénom" + i, Map.of("Precedence", "bulk"));
                MimeMessage message = MimeMessages.of(m, session);
                t.sendMessage(message, message.getAllRecipients());
            }
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }
}
