package org.ffmas.crm.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contacts API, end to end on a real database. */
@Tag("database")
class ContactApiTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform();

    static ApiClient api;
    static String staff;
    static long company;
    static long belgianCompany;

    @BeforeAll
    static void companies() {
        api = crm.client();
        staff = api.post("/api/tokens", crm.adminToken(), json("name", "staff", "role", "STAFF")).json().path("secret").asText();
        company = api.post("/api/companies", staff, json("legalName", "Iota Assistance")).json().path("id").asLong();
        belgianCompany = api.post("/api/companies", staff, "{\"legalName\":\"Kappa SPRL\",\"address\":{\"country\":\"BE\"}}")
                .json().path("id").asLong();
    }

    private static Answer add(long companyId, String body) {
        return api.post("/api/companies/" + companyId + "/contacts", staff, body);
    }

    @Test
    void aContactIsCreatedWithItsPhoneInE164AndItsEmailDomainLowerCased() {
        Answer a = add(company, json("civility", "MME", "firstName", "Nadia", "lastName", "Benali", "jobTitle", "Assistante de direction",
                "function", "ASSISTANT", "email", "Nadia.Benali@IOTA-Assistance.FR", "phone", "06 12 34 56 78"));

        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        JsonNode c = a.json();
        assertThat(a.header("Location")).endsWith("/api/contacts/" + c.path("id").asLong());
        assertThat(c.path("email").asText()).isEqualTo("Nadia.Benali@iota-assistance.fr");
        assertThat(c.path("phone").asText()).isEqualTo("+33612345678");
        assertThat(c.path("language").asText()).isEqualTo("fr");
        assertThat(c.path("emailStatus").asText()).isEqualTo("NOT_ASKED");
        assertThat(c.path("companyId").asLong()).isEqualTo(company);

        Answer belgian = add(belgianCompany, json("lastName", "Peeters", "phone", "02 551 18 11"));
        assertThat(belgian.json().path("phone").asText()).as("the company's country is the default region").startsWith("+32");
    }

    @Test
    void invalidContactsAreRefusedFieldByField() {
        Answer a = add(company, json("firstName", "x".repeat(101), "email", "pas-une-adresse", "phone", "12", "function", "CEO",
                "language", "de", "emailStatus", "SUBSCRIBED"));

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("firstName", "lastName", "email",
                "phone", "function", "language", "consentSource");
        assertThat(api.get("/api/companies/" + company + "/contacts", staff).raw().body()).doesNotContain("pas-une-adresse");
        assertThat(add(999999, json("lastName", "Nobody")).status()).isEqualTo(404);
    }

    @Test
    void aContactWhoChangedEmployerIsMovedWithItsHistoryAndBothCompaniesSayIt() {
        long other = api.post("/api/companies", staff, json("legalName", "Lambda Secrétariat")).json().path("id").asLong();
        JsonNode c = add(company, json("firstName", "Rémi", "lastName", "Vasseur", "email", "remi.vasseur@iota.fr")).json();
        long id = c.path("id").asLong();

        Answer missing = api.post("/api/contacts/" + id + "/move", staff, json("companyId", other));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").findValuesAsText("field")).containsExactly("version");
        Answer nowhere = api.post("/api/contacts/" + id + "/move", staff, json("companyId", 999999, "version", c.path("version").asLong()));
        assertThat(nowhere.status()).isEqualTo(400);
        assertThat(nowhere.json().path("errors").get(0).path("field").asText()).isEqualTo("companyId");
        assertThat(api.post("/api/contacts/" + id + "/move", staff, json("companyId", other, "version", c.path("version").asLong() + 1)).status())
                .as("a stale version").isEqualTo(409);

        Answer moved = api.post("/api/contacts/" + id + "/move", staff, json("companyId", other, "version", c.path("version").asLong()));

        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
        assertThat(moved.json().path("companyId").asLong()).isEqualTo(other);
        assertThat(moved.json().path("email").asText()).isEqualTo("remi.vasseur@iota.fr");
        assertThat(api.get("/api/companies/" + company + "/contacts", staff).raw().body()).doesNotContain("Vasseur");
        assertThat(api.get("/api/companies/" + other + "/contacts", staff).raw().body()).contains("Vasseur");
        assertThat(api.get("/api/companies/" + company + "/timeline", staff).raw().body()).contains("contact.moved").contains("Lambda Secrétariat");
        assertThat(api.get("/api/companies/" + other + "/timeline", staff).raw().body()).contains("contact.moved").contains("Iota Assistance");
        assertThat(api.get("/api/audit?action=contact.moved", crm.adminToken()).json().path("items").get(0).path("details").asText())
                .contains("\"toCompanyId\":" + other);
        assertThat(api.get("/api/contacts?q=Vasseur&companyId=" + other, staff).json().path("items")).hasSize(1);
    }

    @Test
    void subscribingKeepsProofOfConsent() {
        Answer a = add(company, json("lastName", "Lefèvre", "email", "c.lefevre@iota.fr", "emailStatus", "SUBSCRIBED",
                "consentSource", "Formulaire salon Assistantes 2026"));

        assertThat(a.status()).as(a.raw().body()).isEqualTo(201);
        assertThat(a.json().path("consentSource").asText()).isEqualTo("Formulaire salon Assistantes 2026");
        assertThat(Instant.parse(a.json().path("consentAt").asText())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void anEmailBelongsToOneActiveContactOnly() {
        long first = add(company, json("lastName", "Moreau", "email", "moreau@iota.fr")).json().path("id").asLong();

        Answer dup = add(belgianCompany, json("lastName", "Moreau bis", "email", "MOREAU@iota.fr".toLowerCase()));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().path("existingType").asText()).isEqualTo("contact");
        assertThat(dup.json().path("existingId").asLong()).isEqualTo(first);

        Answer archived = api.call("DELETE", "/api/contacts/" + first, staff, null);
        assertThat(archived.status()).isEqualTo(200);
        assertThat(archived.json().path("archived").asBoolean()).isTrue();
        assertThat(add(belgianCompany, json("lastName", "Moreau bis", "email", "moreau@iota.fr")).status())
                .as("archiving frees the address").isEqualTo(201);
        assertThat(api.get("/api/companies/" + company + "/contacts", staff).json().path("items").findValuesAsText("lastName"))
                .doesNotContain("Moreau");
        assertThat(api.get("/api/companies/" + company + "/contacts?includeArchived=true", staff).json().path("items")
                .findValuesAsText("lastName")).contains("Moreau");
    }

    @Test
    void changesNeedTheVersionAndAreAudited() {
        JsonNode c = add(company, json("lastName", "Petit", "email", "petit@iota.fr")).json();
        long id = c.path("id").asLong();

        Answer ok = api.call("PATCH", "/api/contacts/" + id, staff, json("version", 1, "function", "HR", "firstName", "Lucie"));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
        assertThat(ok.json().path("email").asText()).isEqualTo("petit@iota.fr");

        Answer stale = api.call("PATCH", "/api/contacts/" + id, staff, json("version", 1, "jobTitle", "DRH"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("currentVersion").asLong()).isEqualTo(2);

        Answer moved = api.call("PATCH", "/api/contacts/" + id, staff, json("version", 2, "companyId", belgianCompany));
        assertThat(moved.json().path("errors").get(0).path("message").asText()).isEqualTo("is read-only");

        JsonNode audit = api.get("/api/audit?entityType=contact&entityId=" + id, crm.adminToken()).json();
        assertThat(audit.path("items").findValuesAsText("action")).containsExactly("contact.updated", "contact.created");
        assertThat(audit.path("items").get(0).path("details").asText())
                .contains("\"function\":{\"from\":null,\"to\":\"HR\"}").contains("\"firstName\":{\"from\":null,\"to\":\"Lucie\"}");
    }

    @Test
    void contactsAreSearchedByNameAndEmailAndFiltered() {
        add(company, json("firstName", "Élodie", "lastName", "Garnier", "email", "egarnier@iota.fr", "function", "DIRECTION",
                "language", "en"));

        Answer byName = api.get("/api/contacts?q=garnier", staff);
        assertThat(byName.json().path("items").findValuesAsText("lastName")).containsExactly("Garnier");
        assertThat(api.get("/api/contacts?q=egarnier@iota", staff).json().path("total").asLong()).isEqualTo(1);
        assertThat(api.get("/api/contacts?function=DIRECTION&language=en&companyId=" + company, staff).json()
                .path("items").findValuesAsText("lastName")).containsExactly("Garnier");
        Answer bad = api.get("/api/contacts?function=BOSS&companyId=abc", staff);
        assertThat(bad.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("function", "companyId");
        assertThat(api.get("/api/contacts/999999", staff).status()).isEqualTo(404);
    }

    @Test
    void companySearchFindsContactsAddedLater() {
        long other = api.post("/api/companies", staff, json("legalName", "Lambda Office")).json().path("id").asLong();
        add(other, json("lastName", "Quintard", "email", "quintard@lambda.fr"));

        assertThat(api.get("/api/companies?q=quintard", staff).json().path("items").findValuesAsText("legalName"))
                .containsExactly("Lambda Office");
        assertThat(api.get("/api/companies/" + other, staff).json().path("legalName").asText()).isEqualTo("Lambda Office");
    }
}
