package org.ffmas.crm.partner;

import static org.ffmas.crm.ApiClient.json;
import static org.ffmas.crm.storage.jooq.Tables.COMPANY;
import static org.ffmas.crm.storage.jooq.Tables.COMPANY_TAG;
import static org.ffmas.crm.storage.jooq.Tables.CONTACT;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Not a test: loads 100,000 companies and 250,000 contacts, then times the company list (text
 * search and filters) and a company page's data through the HTTP API, and prints p50/p99.
 * Run it with {@code mvn -pl platform/api,platform/core test -Dtest=CompanyBenchmark -Dcrm.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class CompanyBenchmark {

    private static final int COMPANIES = 100_000;
    private static final int CONTACTS = 250_000;
    private static final int SAMPLES = 200;

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform();

    private static final String[] WORDS = {"Conseil", "Services", "Assistance", "Bureau", "Gestion", "Secrétariat", "Office", "Formation",
            "Atlantique", "Provence", "Lumière", "Horizon", "Avenir", "Solutions", "Étoile", "Industrie", "Transports", "Santé", "Numérique",
            "Bâtiment", "Logistique", "Énergie", "Habitat", "Médical", "Juridique", "Comptable", "Immobilier", "Voyages", "Agricole", "Textile"};
    private static final String[] FORMS = {"SAS", "SARL", "SA", "EURL", "Association", ""};
    private static final String[] FIRST = {"Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sophie", "Valérie", "Christine",
            "Sandrine", "Céline", "Julie", "Camille", "Laura", "Léa", "Chloé", "Thomas", "Nicolas", "Julien", "Pierre", "Hélène"};
    private static final String[] LAST = {"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
            "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
            "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez"};
    private static final String[] CITIES = {"75008 Paris", "69002 Lyon", "13001 Marseille", "31000 Toulouse", "33000 Bordeaux",
            "44000 Nantes", "35000 Rennes", "59000 Lille", "67000 Strasbourg", "34000 Montpellier", "06000 Nice", "20000 Ajaccio",
            "97400 Saint-Denis", "21000 Dijon", "45000 Orléans"};
    private static final String[] STATUSES = {"PROSPECT", "PROSPECT", "PROSPECT", "IN_DISCUSSION", "PARTNER", "FORMER_PARTNER"};
    private static final String[] TAGS = {"mécène", "salon 2026", "observatoire", "newsletter", "VIP", "région", "adhérent", "presse"};

    @Test
    void listAndPageFigures() {
        Random random = new Random(42);
        long t0 = System.nanoTime();
        load(random);
        System.out.printf("%nloaded %,d companies and %,d contacts in %.1f s%n", COMPANIES, CONTACTS, (System.nanoTime() - t0) / 1e9);

        ApiClient api = crm.client();
        String token = api.post("/api/tokens", crm.adminToken(), json("name", "bench", "role", "READ_ONLY")).json().path("secret").asText();
        api.get("/api/companies?q=conseil", token);

        System.out.println();
        System.out.println("| request | p50 (ms) | p99 (ms) | max (ms) | results (first) |");
        System.out.println("|---|---:|---:|---:|---:|");
        measure(api, token, "q: one word", i -> "/api/companies?" + q(WORDS[i % WORDS.length]));
        measure(api, token, "q: two words", i -> "/api/companies?" + q(WORDS[i % WORDS.length] + " " + WORDS[(i * 7 + 3) % WORDS.length]));
        measure(api, token, "q: contact name", i -> "/api/companies?" + q(LAST[i % LAST.length] + " " + FIRST[i % FIRST.length]));
        measure(api, token, "q: SIREN typed with spaces", i -> "/api/companies?" + q(String.format("%09d", 100_000_000 + ((i * 331) % COMPANIES) * 7)
                .replaceAll("(\\d{3})(?=\\d)", "$1 ")));
        measure(api, token, "filter: status+department", i -> "/api/companies?status=PARTNER&department="
                + FrenchGeography.place(CITIES[i % CITIES.length].substring(0, 5)).orElseThrow().department());
        measure(api, token, "filter: tag+region, sorted", i -> "/api/companies?tag=" + enc(TAGS[i % TAGS.length]) + "&region=84&sort=-updatedAt");
        measure(api, token, "list: page 200 by name", i -> "/api/companies?page=" + (200 + i % 50));
        measure(api, token, "company page (overview)", i -> "/api/companies/" + (1 + (i * 331L) % COMPANIES) + "/overview");
        // the staff's pages, rendered: the same queries plus the templates
        measure(api, token, "staff page: companies, one word", i -> "/companies?" + q(WORDS[i % WORDS.length]));
        measure(api, token, "staff page: companies, page 200", i -> "/companies?page=" + (200 + i % 50));
        measure(api, token, "staff page: a company", i -> "/companies/" + (1 + (i * 331L) % COMPANIES));
        measure(api, token, "staff page: dashboard", i -> "/");
    }

    private static String q(String text) {
        return "q=" + enc(text);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void measure(ApiClient api, String token, String label, IntFunction<String> path) {
        long[] ms = new long[SAMPLES];
        long firstTotal = -1;
        for (int i = 0; i < SAMPLES; i++) {
            long t = System.nanoTime();
            Answer a = api.get(path.apply(i), token);
            ms[i] = (System.nanoTime() - t) / 1000;
            if (a.status() != 200) {
                throw new IllegalStateException(label + ": " + a.status() + " " + a.raw().body());
            }
            if (i == 0 && a.json() != null) { // pages are HTML: no count to show
                firstTotal = a.json().has("total") ? a.json().path("total").asLong() : a.json().path("contacts").size();
            }
        }
        Arrays.sort(ms);
        System.out.printf("| %s | %.1f | %.1f | %.1f | %d |%n", label, ms[SAMPLES / 2] / 1000.0, ms[(int) (SAMPLES * 0.99) - 1] / 1000.0,
                ms[SAMPLES - 1] / 1000.0, firstTotal);
    }

    private static void load(Random random) {
        DSLContext db = crm.platform().database().dsl();
        LocalDateTime now = LocalDateTime.now();
        List<String[]> contactsOf = new ArrayList<>();
        for (int batch = 0; batch < COMPANIES; batch += 1000) {
            var insert = db.insertInto(COMPANY, COMPANY.LEGAL_NAME, COMPANY.SIREN, COMPANY.POSTAL_CODE, COMPANY.CITY, COMPANY.DEPARTMENT,
                    COMPANY.REGION, COMPANY.STATUS, COMPANY.SEARCH_TEXT, COMPANY.NAME_KEY, COMPANY.CREATED_AT, COMPANY.UPDATED_AT,
                    COMPANY.COUNTRY, COMPANY.SECTOR);
            List<Object[]> tagRows = new ArrayList<>();
            contactsOf.clear();
            for (int i = batch; i < batch + 1000; i++) {
                long id = i + 1;
                String name = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " "
                        + LAST[random.nextInt(LAST.length)] + " " + FORMS[random.nextInt(FORMS.length)];
                String siren = String.format("%09d", 100_000_000 + i * 7);
                String[] city = CITIES[random.nextInt(CITIES.length)].split(" ", 2);
                FrenchGeography.Place place = FrenchGeography.place(city[0]).orElseThrow();
                StringBuilder search = new StringBuilder(SearchText.normalize(name + " " + siren + " " + city[1] + " " + city[0]));
                int contacts = i < CONTACTS % COMPANIES ? 3 : 2;
                for (int k = 0; k < contacts; k++) {
                    String first = FIRST[random.nextInt(FIRST.length)];
                    String last = LAST[random.nextInt(LAST.length)];
                    String email = SearchText.normalize(first).replace(" ", "") + "." + SearchText.normalize(last).replace(" ", "")
                            + "." + id + "." + k + "@example.fr";
                    contactsOf.add(new String[] {String.valueOf(id), first, last, email});
                    search.append(' ').append(SearchText.normalize(first + " " + last + " " + email));
                }
                insert = insert.values(name.strip(), siren, city[0], city[1], place.department(), place.region(),
                        STATUSES[random.nextInt(STATUSES.length)], search.toString(), SearchText.nameKey(name), now.minusMinutes(i), now.minusMinutes(i),
                        "FR", random.nextBoolean() ? "PRIVATE" : "ASSOCIATION");
                tagRows.add(new Object[] {id, TAGS[random.nextInt(TAGS.length)]});
            }
            insert.execute();
            var tagInsert = db.insertInto(COMPANY_TAG, COMPANY_TAG.COMPANY_ID, COMPANY_TAG.TAG);
            for (Object[] t : tagRows) {
                tagInsert = tagInsert.values((Long) t[0], (String) t[1]);
            }
            tagInsert.execute();
            var contactInsert = db.insertInto(CONTACT, CONTACT.COMPANY_ID, CONTACT.FIRST_NAME, CONTACT.LAST_NAME, CONTACT.EMAIL,
                    CONTACT.ACTIVE_EMAIL, CONTACT.LANGUAGE, CONTACT.EMAIL_STATUS, CONTACT.CREATED_AT, CONTACT.UPDATED_AT);
            for (String[] c : contactsOf) {
                contactInsert = contactInsert.values(Long.parseLong(c[0]), c[1], c[2], c[3], c[3], "fr", "NOT_ASKED", now, now);
            }
            contactInsert.execute();
        }
        db.execute("ANALYZE TABLE company, contact, company_tag");
    }
}
