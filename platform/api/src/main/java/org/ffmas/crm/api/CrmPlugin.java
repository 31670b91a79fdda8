package org.ffmas.crm.api;

import java.util.List;
import org.pf4j.Plugin;

/**
 * The base class of a plugin's main class (named by {@code Plugin-Class} in its descriptor).
 * Override {@link #settings()} to declare settings, and {@link #start(PluginContext)} /
 * {@link #stop()} for work of your own; extensions are found and wired by the platform.
 */
public abstract class CrmPlugin extends Plugin {

    private PluginContext context;

    /** The settings this plugin reads; values are checked against them before it starts. */
    public List<SettingSpec> settings() {
        return List.of();
    }

    /** Called by the platform before {@link #start()}: the plugin's context. */
    public final void attach(PluginContext newContext) {
        this.context = newContext;
    }

    /** The context given at start; null before. */
    public PluginContext context() {
        return context;
    }

    /** Called when the plugin starts, after its settings were validated. Throwing marks it FAILED. */
    public void start(PluginContext context) throws Exception {
        // nothing by default
    }

    @Override
    public final void start() {
        try {
            start(context);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
