package org.ffmas.crm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.ffmas.crm.common.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The modules started so far, stopped in the reverse order of their starts. */
final class StartedModules {

    private static final Logger log = LoggerFactory.getLogger(StartedModules.class);

    private final Deque<Managed> started = new ArrayDeque<>();

    /** Starts a module; it is stopped with the others even if its own start fails half-way. */
    <M extends Managed> M start(M module) throws Exception {
        started.push(module);
        module.start();
        return module;
    }

    /** Stops every started module, last started first; one that fails to stop does not keep the others running. */
    void stopAll() {
        while (!started.isEmpty()) {
            Managed module = started.pop();
            try {
                module.stop();
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly: {}", module.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    boolean isEmpty() {
        return started.isEmpty();
    }

    /** The web resources of the started modules, in the order they started. */
    List<Object> webResources() {
        List<Object> out = new ArrayList<>();
        for (Iterator<Managed> i = started.descendingIterator(); i.hasNext(); ) {
            out.addAll(i.next().webResources());
        }
        return out;
    }
}
