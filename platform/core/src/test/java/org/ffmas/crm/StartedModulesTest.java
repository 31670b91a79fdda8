package org.ffmas.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.ffmas.crm.common.Managed;
import org.junit.jupiter.api.Test;

/** The platform's life cycle without a database or a server: modules stop in the reverse order of their starts. */
class StartedModulesTest {

    private final List<String> journal = new ArrayList<>();
    private final StartedModules modules = new StartedModules();

    /** A module that writes its starts and stops to the journal, and may fail. */
    private Managed module(String name, boolean failsToStart, boolean failsToStop) {
        return new Managed() {
            @Override
            public void start() {
                journal.add("start " + name);
                if (failsToStart) {
                    throw new IllegalStateException(name + " cannot start");
                }
            }

            @Override
            public void stop() {
                journal.add("stop " + name);
                if (failsToStop) {
                    throw new IllegalStateException(name + " cannot stop");
                }
            }

            @Override
            public List<Object> webResources() {
                return List.of(name + "-resource");
            }
        };
    }

    @Test
    void modulesStopInTheReverseOrderOfTheirStarts() throws Exception {
        modules.start(module("storage", false, false));
        modules.start(module("plugins", false, false));
        modules.start(module("web", false, false));

        modules.stopAll();

        assertThat(journal).containsExactly("start storage", "start plugins", "start web", "stop web", "stop plugins", "stop storage");
        assertThat(modules.isEmpty()).isTrue();
    }

    @Test
    void aStartThatFailsHalfWayStopsWhatStartedAndTheFailingModuleItself() throws Exception {
        modules.start(module("storage", false, false));
        assertThatThrownBy(() -> modules.start(module("camel", true, false))).hasMessage("camel cannot start");

        modules.stopAll();

        assertThat(journal).containsExactly("start storage", "start camel", "stop camel", "stop storage");
    }

    @Test
    void aModuleThatFailsToStopDoesNotKeepTheOthersRunning() throws Exception {
        modules.start(module("storage", false, false));
        modules.start(module("sync", false, true));
        modules.start(module("web", false, false));

        modules.stopAll();
        modules.stopAll();

        assertThat(journal).containsExactly("start storage", "start sync", "start web", "stop web", "stop sync", "stop storage");
    }

    @Test
    void webResourcesComeInTheOrderTheModulesStarted() throws Exception {
        modules.start(module("security", false, false));
        modules.start(module("partner", false, false));

        assertThat(modules.webResources()).containsExactly("security-resource", "partner-resource");
    }
}
