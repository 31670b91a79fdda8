package org.ffmas.crm.plugins.webhooks;

import java.util.List;
import org.ffmas.crm.api.CrmPlugin;
import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.SettingSpec;

/**
 * Sends the platform's domain events to the configured URLs. With no URL configured it is
 * started and sends nothing.
 */
public class WebhooksPlugin extends CrmPlugin {

    static final String URLS = "urls";
    static final String SECRET = "secret";
    static final String MAX_ATTEMPTS = "maxAttempts";
    static final String INITIAL_DELAY_MS = "initialDelayMs";
    static final String TIMEOUT_MS = "timeoutMs";

    @Override
    public List<SettingSpec> settings() {
        return List.of(
                new SettingSpec(URLS, SettingSpec.Type.URLS, null, false, false, "where to send events, comma-separated"),
                new SettingSpec(SECRET, SettingSpec.Type.TEXT, null, false, true, "key of the HMAC-SHA256 signature receivers check"),
                new SettingSpec(MAX_ATTEMPTS, SettingSpec.Type.INTEGER, "6", false, false, "attempts per delivery before it is a dead letter"),
                new SettingSpec(INITIAL_DELAY_MS, SettingSpec.Type.INTEGER, "1000", false, false, "wait before the first retry, doubled at each one"),
                new SettingSpec(TIMEOUT_MS, SettingSpec.Type.INTEGER, "10000", false, false, "how long a receiver has to answer"));
    }

    @Override
    public void start(PluginContext context) {
        boolean hasUrls = context.settings().get(URLS).map(u -> !u.isBlank()).orElse(false);
        boolean hasSecret = context.settings().get(SECRET).map(s -> !s.isBlank()).orElse(false);
        if (hasUrls && !hasSecret) {
            throw new IllegalStateException("setting " + SECRET + " is required when " + URLS + " is set: receivers must be able to check the signature");
        }
        if (context.settings().integer(MAX_ATTEMPTS) < 1 || context.settings().integer(INITIAL_DELAY_MS) < 0) {
            throw new IllegalStateException(MAX_ATTEMPTS + " must be at least 1 and " + INITIAL_DELAY_MS + " at least 0");
        }
    }
}
