package org.ffmas.crm.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ffmas.crm.api.extension.CompanyEnricher;
import org.ffmas.crm.api.extension.SyncConnector;
import org.junit.jupiter.api.Test;

/** What features see of the plugins: only the started ones' extensions, of the type asked. */
class ContributedExtensionsTest {

    private final ContributedExtensions extensions = new ContributedExtensions();

    @Test
    void featuresSeeTheExtensionsOfStartedPluginsOnlyAndOfTheTypeAsked() {
        Object enricher = "an enricher";
        assertThat(extensions.of(String.class)).as("before any plugin starts").isEmpty();

        extensions.add("sirene", null, type -> type == String.class ? List.of(enricher) : List.of());
        extensions.add("dolibarr", null, type -> type == Integer.class ? List.of(42) : List.of());

        assertThat(extensions.of(String.class)).containsExactly(new Extension<>("sirene", "an enricher", null));
        assertThat(extensions.of(Integer.class)).extracting(Extension::pluginId).containsExactly("dolibarr");
        assertThat(extensions.of(SyncConnector.class)).isEmpty();

        extensions.remove("sirene");
        assertThat(extensions.of(String.class)).as("a stopping plugin's extensions are gone").isEmpty();
        assertThat(extensions.of(CompanyEnricher.class)).isEmpty();
        assertThat(Extensions.NONE.of(String.class)).isEmpty();
    }
}
