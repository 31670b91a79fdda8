package org.ffmas.crm.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends many rows to a table with {@code LOAD DATA LOCAL INFILE} fed from memory, in the
 * caller's transaction: imports write thousands of rows a second, and building a multi-row
 * INSERT (in jOOQ and in the driver) costs more than the server's own work. A server that does
 * not allow it is remembered, and callers then insert the usual way.
 */
public final class BulkLoad {

    private static final Logger log = LoggerFactory.getLogger(BulkLoad.class);
    /** Tab-separated, backslash escapes, {@code \N} for NULL: what LOAD DATA reads by default. */
    private static final CSVFormat TSV = CSVFormat.MYSQL;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    /** Kept in the jOOQ configuration, so per database. */
    private static final String REFUSED = "crm.bulkLoad.refused";

    private BulkLoad() {}

    /**
     * Loads {@code rows} (values in the order of {@code columns}) into {@code table}. Returns the
     * first generated id (0 for a table without one), or empty when the server refuses LOAD DATA
     * LOCAL, nothing being written then. A row the server had to alter or drop (a warning) is an
     * error: the caller's transaction must not keep a half-loaded chunk.
     */
    public static OptionalLong load(DSLContext db, Table<?> table, List<? extends Field<?>> columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return OptionalLong.of(0);
        }
        if (Boolean.TRUE.equals(db.configuration().data(REFUSED))) {
            return OptionalLong.empty();
        }
        byte[] data = tsv(rows);
        String sql = "LOAD DATA LOCAL INFILE '" + table.getName() + ".tsv' INTO TABLE " + db.render(table)
                + " CHARACTER SET utf8mb4 (" + columns.stream().map(f -> db.render(f.getUnqualifiedName())).collect(Collectors.joining(", ")) + ")";
        return db.connectionResult(connection -> {
            // a big chunk may keep the server busy longer than the pool's timeout for a frozen server
            int timeout = connection.getNetworkTimeout();
            connection.setNetworkTimeout(Runnable::run, Database.LONG_WORK_TIMEOUT_MS);
            try (Statement st = connection.createStatement()) {
                st.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(new ByteArrayInputStream(data));
                long loaded;
                try {
                    loaded = st.executeUpdate(sql);
                } catch (SQLException e) {
                    if (!refusal(e)) {
                        throw e;
                    }
                    db.configuration().data(REFUSED, true);
                    log.warn("the database does not allow LOAD DATA LOCAL INFILE ({}): bulk writes use INSERT statements", e.getMessage());
                    return OptionalLong.empty();
                }
                if (loaded != rows.size() || st.getWarnings() != null) {
                    throw new DataAccessException("loading " + rows.size() + " rows into " + table.getName() + " stored " + loaded
                            + (st.getWarnings() == null ? "" : ", with warnings: " + st.getWarnings().getMessage()));
                }
                try (var rs = st.executeQuery("SELECT LAST_INSERT_ID()")) {
                    rs.next();
                    return OptionalLong.of(rs.getLong(1));
                }
            } finally {
                connection.setNetworkTimeout(Runnable::run, timeout);
            }
        });
    }

    /** The server (local_infile=OFF) or the connection saying LOAD DATA LOCAL is not allowed. */
    private static boolean refusal(SQLException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return e.getErrorCode() == 1148 || e.getErrorCode() == 4166 || e.getErrorCode() == 3948 || message.contains("local infile")
                || message.contains("load data local");
    }

    private static byte[] tsv(List<Object[]> rows) {
        // printed into memory, encoded once: through an OutputStreamWriter each value was encoded on its own
        StringBuilder out = new StringBuilder(rows.size() * 256);
        try (CSVPrinter printer = new CSVPrinter(out, TSV)) {
            // the rows of a chunk mostly share their timestamps: each is formatted once
            LocalDateTime lastTime = null;
            String lastText = null;
            for (Object[] row : rows) {
                for (Object value : row) {
                    if (value instanceof LocalDateTime t) {
                        if (!t.equals(lastTime)) {
                            lastTime = t;
                            lastText = TIMESTAMP.format(t);
                        }
                        printer.print(lastText);
                    } else {
                        printer.print(value instanceof Boolean b ? (b ? 1 : 0) : value);
                    }
                }
                printer.println();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
