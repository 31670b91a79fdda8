package org.ffmas.crm.storage;

import java.nio.file.Path;
import java.util.Optional;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.config.PlatformSettings.DatabaseSettings;
import org.ffmas.crm.config.PlatformSettings.ExternalDatabase;

/** The database: opened (the embedded server started if none is configured) and migrated first, closed last. */
public final class StorageModule implements Managed {

    private final Optional<ExternalDatabase> external;
    private final Path dataDir;
    private final int poolSize;
    private final int timeoutSeconds;
    private Database database;

    public StorageModule(DatabaseSettings settings, Path dataDir) {
        this.external = settings.external();
        this.dataDir = dataDir;
        this.poolSize = settings.poolSize();
        this.timeoutSeconds = settings.timeoutSeconds();
    }

    @Override
    public void start() throws Exception {
        database = Database.open(external, dataDir, poolSize, timeoutSeconds);
        database.migrate();
    }

    /** The open database; only after {@link #start()}. */
    public Database database() {
        if (database == null) {
            throw new IllegalStateException("the database is not open");
        }
        return database;
    }

    public DatabaseHealth health() {
        return new DatabaseHealth(database());
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
