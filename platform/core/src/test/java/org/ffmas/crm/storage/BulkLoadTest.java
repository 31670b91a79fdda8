package org.ffmas.crm.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bulk writes with LOAD DATA LOCAL INFILE: what goes in comes out, and a server or connection that refuses it is said so. */
@Tag("database")
class BulkLoadTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final Table<Record> ROWS = DSL.table(DSL.name("bulk_rows"));
    static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    static final Field<String> TEXT = DSL.field(DSL.name("text"), SQLDataType.VARCHAR(20));
    static final Field<Long> NUMBER = DSL.field(DSL.name("number"), SQLDataType.BIGINT);
    static final Field<LocalDateTime> AT = DSL.field(DSL.name("at"), SQLDataType.LOCALDATETIME(6));

    @BeforeAll
    static void table() throws SQLException {
        try (Connection c = connect(true); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE bulk_rows (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, text VARCHAR(20) NULL, number BIGINT NULL,"
                    + " at TIMESTAMP(6) NULL)");
        }
    }

    static Connection connect(boolean localInfile) throws SQLException {
        Connection c = DriverManager.getConnection(db.connection().url() + "?allowLocalInfile=" + localInfile, db.connection().user(),
                db.connection().password());
        try (Statement st = c.createStatement()) {
            st.execute("SET time_zone = '+00:00'");
        }
        return c;
    }

    @Test
    void whatIsLoadedIsReadBackAsItWasEscapesAndNullsIncluded() throws SQLException {
        LocalDateTime at = LocalDateTime.of(2026, 12, 2, 9, 30, 15, 123_456_000);
        List<String> texts = List.of("tab\there", "line\nbreak", "cr\rhere", "back\\slash", "\\N", "", "Société Écoles ☕", "\"quoted\"");
        List<Object[]> rows = new ArrayList<>();
        for (String t : texts) {
            rows.add(new Object[] {t, (long) t.length(), at});
        }
        rows.add(new Object[] {null, null, null});
        try (Connection c = connect(true)) {
            DSLContext dsl = DSL.using(c, SQLDialect.MARIADB);
            long first = BulkLoad.load(dsl, ROWS, List.of(TEXT, NUMBER, AT), rows).orElseThrow();

            var stored = dsl.select(ID, TEXT, NUMBER, AT).from(ROWS).where(ID.ge(first)).orderBy(ID).fetch();
            assertThat(stored).hasSize(texts.size() + 1);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(stored.get(i).value2()).isEqualTo(texts.get(i));
                assertThat(stored.get(i).value3()).isEqualTo((long) texts.get(i).length());
                assertThat(stored.get(i).value4()).isEqualTo(at);
            }
            assertThat(stored.get(texts.size()).value2()).isNull();
            assertThat(stored.get(texts.size()).value3()).isNull();
            assertThat(stored.get(0).value1()).isEqualTo(first);
        }
    }

    @Test
    void aValueTheServerWouldCutIsAnErrorAndTheTransactionKeepsNothing() throws SQLException {
        try (Connection c = connect(true)) {
            c.setAutoCommit(false);
            DSLContext dsl = DSL.using(c, SQLDialect.MARIADB);
            int before = dsl.fetchCount(ROWS);
            List<Object[]> rows = List.<Object[]>of(new Object[] {"fits", 1L, null}, new Object[] {"much longer than twenty characters", 2L, null});
            assertThatThrownBy(() -> BulkLoad.load(dsl, ROWS, List.of(TEXT, NUMBER, AT), rows)).hasMessageContaining("bulk_rows");
            c.rollback();
            assertThat(dsl.fetchCount(ROWS)).isEqualTo(before);
        }
    }

    @Test
    void aConnectionThatMayNotSendFilesIsRememberedAndCallersInsertTheUsualWay() throws SQLException {
        try (Connection c = connect(false)) {
            DSLContext dsl = DSL.using(c, SQLDialect.MARIADB);
            int before = dsl.fetchCount(ROWS);
            List<Object[]> rows = List.<Object[]>of(new Object[] {"refused", 1L, null});
            assertThat(BulkLoad.load(dsl, ROWS, List.of(TEXT, NUMBER, AT), rows)).isEmpty();
            assertThat(BulkLoad.load(dsl, ROWS, List.of(TEXT, NUMBER, AT), rows)).isEmpty();
            assertThat(dsl.fetchCount(ROWS)).isEqualTo(before);
        }
    }
}
