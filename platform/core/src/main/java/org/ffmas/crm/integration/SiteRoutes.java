package org.ffmas.crm.integration;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Properties;
import org.ffmas.crm.common.Managed;
import org.ffmas.crm.config.PlatformSettings.Folders;

/**
 * The site's YAML routes of {@code config/routes}, with what they may use: the beans the
 * features give them by name (such as {@code exports}), and the properties {@code crm.data.dir} and {@code crm.nightly.delay} (milliseconds to
 * the next 2:00 in Paris, for a daily timer).
 */
public final class SiteRoutes implements Managed {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final CamelRuntime camel;
    private final Path routesDir;
    private final Path dataDir;
    private final Clock clock;
    private final Map<String, Object> beans;

    /** @param beans what routes may call as {@code bean:<name>}, by name */
    public SiteRoutes(CamelRuntime camel, Folders folders, Clock clock, Map<String, Object> beans) {
        this.camel = camel;
        this.routesDir = folders.routes();
        this.dataDir = folders.data();
        this.clock = clock;
        this.beans = Map.copyOf(beans);
    }

    @Override
    public void start() {
        Properties props = new Properties();
        props.setProperty("crm.data.dir", dataDir.toString().replace('\\', '/'));
        props.setProperty("crm.nightly.delay", String.valueOf(millisToNextNight()));
        camel.context().getPropertiesComponent().setInitialProperties(props);
        beans.forEach(camel.context().getRegistry()::bind);
        camel.loadRouteFiles(routesDir);
    }

    private long millisToNextNight() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(PARIS));
        ZonedDateTime next = now.toLocalDate().atTime(2, 0).atZone(PARIS);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        return Duration.between(now, next).toMillis();
    }
}
