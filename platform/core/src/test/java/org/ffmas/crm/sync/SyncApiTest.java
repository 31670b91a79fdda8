package org.ffmas.crm.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@code /api/sync} refuses, without a connector: the requests' checks come before any lookup. */
@Tag("database")
class SyncApiTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform();

    static ApiClient api;
    static String admin;

    @BeforeAll
    static void loginAsAdmin() {
        api = crm.client();
        admin = crm.adminToken();
    }

    private static void assertFieldError(Answer a, String field, String message) {
        assertThat(a.status()).as(a.raw().body()).isEqualTo(400);
        assertThat(a.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(a.json().path("errors")).hasSize(1);
        assertThat(a.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(a.json().path("errors").get(0).path("message").asText()).isEqualTo(message);
    }

    @Test
    void aResolutionWithoutATextKeepIsRefusedAsMissing() {
        for (String body : new String[] {"", "null", "{}", "{\"keep\": null}", "{\"keep\": 5}", "{\"keep\": true}", "{\"keep\": {}}",
                "{\"keep\": [\"local\"]}", "\"local\"", "[]", "7"}) {
            Answer a = api.post("/api/sync/conflicts/999999/resolve", admin, body);
            assertFieldError(a, "keep", "is required: local or remote");
        }
    }

    @Test
    void aResolutionKeepingNeitherSideIsRefused() {
        assertFieldError(api.post("/api/sync/conflicts/999999/resolve", admin, "{\"keep\": \"mine\"}"), "keep",
                "must be local (push this company's values there) or remote (take that system's values)");
        assertFieldError(api.post("/api/sync/conflicts/999999/resolve", admin, "{\"keep\": \"LOCAL\"}"), "keep",
                "must be local (push this company's values there) or remote (take that system's values)");
    }

    @Test
    void aResolutionOfNoConflictIsNotFoundAndOtherFieldsAreIgnored() {
        Answer a = api.post("/api/sync/conflicts/999999/resolve", admin, "{\"keep\": \"remote\", \"note\": \"why not\"}");
        assertThat(a.status()).as(a.raw().body()).isEqualTo(404);
        assertThat(a.json().path("detail").asText()).isEqualTo("There is no sync conflict 999999.");
    }

    @Test
    void malformedIdsAndParametersAreRefusedByName() {
        assertFieldError(api.post("/api/sync/conflicts/abc/resolve", admin, "{\"keep\": \"local\"}"), "id", "must be an id (a whole number)");
        assertFieldError(api.get("/api/sync/runs/abc", admin), "id", "must be an id (a whole number)");
        assertFieldError(api.get("/api/sync/runs?status=DONE", admin), "status", "must be one of RUNNING, SUCCEEDED, FAILED");
        assertFieldError(api.get("/api/sync/runs?size=0", admin), "size", "must be a whole number between 1 and 500");
        assertFieldError(api.get("/api/sync/conflicts?open=maybe", admin), "open", "must be true or false");
        assertThat(api.get("/api/sync/runs/999999", admin).status()).isEqualTo(404);
        Answer unknown = api.post("/api/sync/nowhere/run", admin, "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asText()).isEqualTo("No started plugin provides the sync connector 'nowhere'.");
    }

    @Test
    void malformedJsonIsRefused() {
        Answer a = api.post("/api/sync/conflicts/999999/resolve", admin, "{\"keep\": ");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(a.json().path("detail").asText()).startsWith("The request body is not valid JSON");
    }
}
