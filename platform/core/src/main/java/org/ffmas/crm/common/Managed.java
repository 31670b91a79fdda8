package org.ffmas.crm.common;

import java.util.List;

/**
 * A feature module of the platform: built from what it needs (the services of the modules
 * before it), then started; stopped in the reverse order of the starts, also when a later
 * module failed to start. {@code Platform} lists the modules once, in that order.
 */
public interface Managed {

    /** Starts what the module runs on its own: routes, threads, servers. */
    default void start() throws Exception {}

    /** Stops what {@link #start()} started; called once, never throws. */
    default void stop() {}

    /** The JAX-RS resources the module serves over HTTP (mounted by the web module). */
    default List<Object> webResources() {
        return List.of();
    }
}
