package org.ffmas.crm.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;

/** Uploads a CSV through the API and waits for its import to end. */
final class Uploads {

    private Uploads() {}

    static long upload(ApiClient api, String token, String entity, byte[] csv, String fileName) {
        Answer a = api.send(api.request("/api/imports?entity=" + entity + "&fileName=" + fileName).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(csv)));
        assertThat(a.status()).as(a.raw().body()).isEqualTo(202);
        return a.json().path("id").asLong();
    }

    /** The import's report once it is DONE or FAILED. */
    static JsonNode finished(ApiClient api, String token, long id) throws InterruptedException {
        await(() -> Stream.of("DONE", "FAILED").anyMatch(api.get("/api/imports/" + id, token).json().path("status").asText()::equals));
        return api.get("/api/imports/" + id, token).json();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("within 30 s").isTrue();
    }
}
