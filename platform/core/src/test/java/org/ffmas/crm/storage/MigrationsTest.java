package org.ffmas.crm.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("database")
class MigrationsTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Test
    void applyToAnEmptyDatabaseThenAreANoOpOnEveryRestart() throws Exception {
        long migrations = migrationFiles();
        assertThat(migrations).isPositive();

        try (Database first = db.open()) {
            assertThat(first.migrate()).as("all migrations on an empty database").isEqualTo((int) migrations);
            assertThat(first.dsl().meta().getTables()).extracting(t -> t.getName()).contains("platform_run", "flyway_schema_history");
        }
        try (Database restarted = db.open()) {
            assertThat(restarted.migrate()).as("nothing to apply after a restart").isZero();
            assertThat(restarted.dsl().fetchCount(restarted.dsl().selectFrom("flyway_schema_history").where("success = 1")))
                    .isEqualTo((int) migrations);
        }
    }

    private static long migrationFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(MigrationsTest.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
        }
    }
}
