package org.ffmas.crm.partner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.audit.AuditRepository;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Actor;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where LOAD DATA LOCAL INFILE is refused (a server with {@code local_infile} off, a connection
 * that may not send files), an import's bulk writes fall back to INSERT statements: the companies,
 * their tags, their timeline and their audit are all there, as the platform reads them.
 */
@Tag("database")
class BulkWritesWithoutLoadDataTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform();

    static CompanyDraft draft(String name, String postalCode, String city, List<String> tags) {
        CompanyDraft d = new CompanyDraft();
        d.legalName = name;
        d.postalCode = postalCode;
        d.city = city;
        d.tags = tags;
        return d;
    }

    @Test
    void companiesTheirTagsTimelineAndAuditAreWrittenWithInserts() throws Exception {
        ApiClient api = crm.client();
        String admin = crm.adminToken();
        var db = crm.database();
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        try (Connection c = DriverManager.getConnection(db.url() + "?allowLocalInfile=false", db.user(), db.password())) {
            try (Statement st = c.createStatement()) {
                st.execute("SET time_zone = '+00:00'");
            }
            DSLContext dsl = DSL.using(c, SQLDialect.MARIADB);

            List<Company> created = new CompanyBulkInserts(dsl).insertAll(
                    List.of(draft("Repli Secrétariat", "75011", "Paris", List.of("salon", "mécène")), draft("Repli Assistance", "69003", "Lyon", List.of())),
                    List.of("repli secretariat", "repli assistance"), List.of("repli secretariat 75011 paris", "repli assistance 69003 lyon"), now);
            List<Long> ids = created.stream().map(Company::id).toList();
            new ActivityRepository(dsl).insertSystemEvents(ids, "company.created", null, now);
            new AuditService(new AuditRepository(dsl), Clock.fixed(now, ZoneOffset.UTC)).recordAll(Actor.system("import:7", Role.STAFF),
                    "company.created", "company", Map.of(ids.get(0), Map.of("line", 2), ids.get(1), Map.of("line", 3)));

            assertThat(created).extracting(Company::legalName).containsExactly("Repli Secrétariat", "Repli Assistance");
            assertThat(ids.get(1)).isGreaterThan(ids.get(0));
        }

        JsonNode first = api.get("/api/companies/" + created(api, admin, "Secrétariat"), admin).json();
        assertThat(first.path("address").path("city").asText()).isEqualTo("Paris");
        assertThat(first.path("tags").toString()).contains("salon").contains("mécène");
        long second = created(api, admin, "Assistance");
        assertThat(api.get("/api/companies/" + second, admin).json().path("tags")).isEmpty();
        assertThat(api.get("/api/companies/" + second + "/timeline", admin).raw().body()).contains("company.created");
        JsonNode audit = api.get("/api/audit?entityType=company&entityId=" + second, admin).json().path("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).path("actorName").asText()).isEqualTo("import:7");
        assertThat(audit.get(0).path("details").asText()).contains("\"line\":3");
    }

    /** The id of the one company found by this word of its name. */
    static long created(ApiClient api, String token, String word) {
        JsonNode items = api.get("/api/companies?q=" + URLEncoder.encode("Repli " + word, StandardCharsets.UTF_8), token)
                .json().path("items");
        assertThat(items).as(word).hasSize(1);
        return items.get(0).path("id").asLong();
    }
}
