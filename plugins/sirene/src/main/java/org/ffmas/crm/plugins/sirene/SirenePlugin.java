package org.ffmas.crm.plugins.sirene;

import java.util.List;
import org.ffmas.crm.api.CrmPlugin;
import org.ffmas.crm.api.SettingSpec;

/** The public French company registry as a company enricher. */
public class SirenePlugin extends CrmPlugin {

    static final String BASE_URL = "baseUrl";
    static final String REQUESTS_PER_SECOND = "requestsPerSecond";
    static final String CACHE_MINUTES = "cacheMinutes";

    @Override
    public List<SettingSpec> settings() {
        return List.of(
                new SettingSpec(BASE_URL, SettingSpec.Type.ENDPOINT, "https://recherche-entreprises.api.gouv.fr", false, false,
                        "base URL of the API Recherche d'entreprises"),
                new SettingSpec(REQUESTS_PER_SECOND, SettingSpec.Type.INTEGER, "7", false, false,
                        "calls per second at most (the API's published limit is 7)"),
                new SettingSpec(CACHE_MINUTES, SettingSpec.Type.INTEGER, "1440", false, false,
                        "how long an answer is reused (minutes)"));
    }
}
