package org.ffmas.crm.extension;

import java.util.List;

/**
 * What the started plugins contribute, as the features that use it see it. The plugin module
 * implements it; a feature depends on this narrow view, never on the plugin host, so that
 * features can be built before plugins start and plugins can come and go while they run.
 */
public interface Extensions {

    /** Nothing contributed: a platform without plugins, or a test. */
    Extensions NONE = new Extensions() {
        @Override
        public <T> List<Extension<T>> of(Class<T> type) {
            return List.of();
        }
    };

    /** The extensions of this type of every plugin started now (empty before plugins start). */
    <T> List<Extension<T>> of(Class<T> type);
}
