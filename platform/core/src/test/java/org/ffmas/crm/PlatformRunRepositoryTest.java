package org.ffmas.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.ffmas.crm.storage.Database;
import org.ffmas.crm.storage.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("database")
class PlatformRunRepositoryTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static Database database;
    static PlatformRunRepository runs;

    @BeforeAll
    static void migrate() throws Exception {
        database = db.open();
        database.migrate();
        runs = new PlatformRunRepository(database.dsl());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void recordsStartsAndCleanStopsToTheMicrosecondInUtc() {
        Instant started = Instant.parse("2026-11-25T09:15:30.123456Z");
        long first = runs.recordStart("1.0.0", "crm-host", started);
        runs.recordStop(first, started.plusSeconds(3600));
        long second = runs.recordStart("1.0.1", "crm-host", started.plusSeconds(7200));

        PlatformRun previous = runs.before(second).orElseThrow();
        assertThat(previous.id()).isEqualTo(first);
        assertThat(previous.version()).isEqualTo("1.0.0");
        assertThat(previous.startedAt()).isEqualTo(started);
        assertThat(previous.stoppedAt()).contains(started.plusSeconds(3600));
        assertThat(runs.recent(1)).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(second);
            assertThat(r.stoppedAt()).as("not stopped yet").isEmpty();
        });
        assertThat(runs.before(first)).isEmpty();
    }
}
