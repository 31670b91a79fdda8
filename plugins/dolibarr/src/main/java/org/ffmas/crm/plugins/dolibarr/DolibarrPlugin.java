package org.ffmas.crm.plugins.dolibarr;

import java.util.List;
import org.ffmas.crm.api.CrmPlugin;
import org.ffmas.crm.api.SettingSpec;

/** Dolibarr ERP/CRM as a sync connector: its third parties are the federation's companies. */
public class DolibarrPlugin extends CrmPlugin {

    static final String BASE_URL = "baseUrl";
    static final String API_KEY = "apiKey";
    static final String PAGE_SIZE = "pageSize";
    static final String TIMEOUT_SECONDS = "timeoutSeconds";

    @Override
    public List<SettingSpec> settings() {
        return List.of(
                new SettingSpec(BASE_URL, SettingSpec.Type.ENDPOINT, "http://localhost/dolibarr/api/index.php", false, false,
                        "the REST API's address, ending in /api/index.php"),
                new SettingSpec(API_KEY, SettingSpec.Type.TEXT, "", false, true,
                        "the API key of the Dolibarr user the sync acts as (sent as DOLAPIKEY); the sync does not run without it"),
                new SettingSpec(PAGE_SIZE, SettingSpec.Type.INTEGER, "100", false, false, "third parties asked for per page"),
                new SettingSpec(TIMEOUT_SECONDS, SettingSpec.Type.INTEGER, "30", false, false,
                        "how long to wait for an answer before trying again"));
    }
}
