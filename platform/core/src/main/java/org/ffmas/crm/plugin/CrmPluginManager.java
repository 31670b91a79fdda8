package org.ffmas.crm.plugin;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DevelopmentPluginLoader;
import org.pf4j.ExtensionFactory;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.SingletonExtensionFactory;

/**
 * PF4J's plugin manager with the platform's class loading: a plugin's own classes and
 * libraries first, except for what plugins and platform must share (the plugin API, Camel,
 * Jackson, SLF4J, JAX-RS), which always comes from the platform. Two plugins may so carry
 * different versions of the same library, and still speak the same API.
 */
final class CrmPluginManager extends DefaultPluginManager {

    static final List<String> SHARED_PACKAGES = List.of("org.ffmas.crm.api.", "org.pf4j.", "org.apache.camel.",
            "com.fasterxml.jackson.", "org.slf4j.", "jakarta.ws.rs.", "jakarta.inject.", "jakarta.annotation.");

    CrmPluginManager(Path pluginsRoot) {
        super(pluginsRoot);
    }

    /** One instance of each extension while its plugin runs: a registry client keeps its cache and its rate limit. */
    @Override
    protected ExtensionFactory createExtensionFactory() {
        return new SingletonExtensionFactory(this);
    }

    /** The descriptor of a plugin file, read without loading it. */
    PluginDescriptor descriptorOf(Path file) {
        return getPluginDescriptorFinder().find(file);
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new CompoundPluginLoader()
                .add(new DevelopmentPluginLoader(this) {
                    @Override
                    protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                        return new SharedFirstClassLoader(pluginManager, descriptor);
                    }
                }, this::isDevelopment)
                .add(new JarPluginLoader(this) {
                    @Override
                    protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                        return new SharedFirstClassLoader(pluginManager, descriptor);
                    }
                }, this::isNotDevelopment)
                .add(new DefaultPluginLoader(this) {
                    @Override
                    protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                        return new SharedFirstClassLoader(pluginManager, descriptor);
                    }
                }, this::isNotDevelopment);
    }

    /** Plugin first, then its dependencies, then the platform; shared packages from the platform only. */
    static final class SharedFirstClassLoader extends PluginClassLoader {

        SharedFirstClassLoader(PluginManager manager, PluginDescriptor descriptor) {
            super(manager, descriptor, CrmPluginManager.class.getClassLoader(), ClassLoadingStrategy.PDA);
        }

        @Override
        protected boolean shouldDelegateToParent(String className) {
            return SHARED_PACKAGES.stream().anyMatch(className::startsWith);
        }
    }
}
