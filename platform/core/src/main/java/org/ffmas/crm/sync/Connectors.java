package org.ffmas.crm.sync;

import java.util.List;
import org.ffmas.crm.api.extension.SyncConnector;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.extension.Extension;
import org.ffmas.crm.extension.Extensions;

/** The sync connectors of the started plugins. */
final class Connectors {

    private final Extensions extensions;

    Connectors(Extensions extensions) {
        this.extensions = extensions;
    }

    List<Extension<SyncConnector>> all() {
        return extensions.of(SyncConnector.class);
    }

    Extension<SyncConnector> named(String name) {
        return all().stream().filter(e -> e.extension().system().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("No started plugin provides the sync connector '" + name + "'."));
    }
}
