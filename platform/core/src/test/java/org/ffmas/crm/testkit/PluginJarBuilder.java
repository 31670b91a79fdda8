package org.ffmas.crm.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds a real plugin jar in a test: compiles the given sources against the platform API (the
 * test's class path, so PF4J's annotation processor writes the extension index) and packs them
 * with a PF4J descriptor in the manifest.
 *
 * <pre>{@code
 * Path jar = PluginJarBuilder.plugin("hello", "1.0.0", "demo.HelloPlugin")
 *         .source("demo.HelloPlugin", "package demo; public class HelloPlugin extends org.ffmas.crm.api.CrmPlugin {}")
 *         .buildInto(pluginsDir);
 * }</pre>
 */
public final class PluginJarBuilder {

    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private String fileName;

    private PluginJarBuilder(String id, String version, String pluginClass) {
        manifest.put("Plugin-Id", id);
        manifest.put("Plugin-Version", version);
        manifest.put("Plugin-Provider", "FFMAS tests");
        manifest.put("Plugin-Description", "test plugin " + id);
        manifest.put("Plugin-License", "Apache-2.0");
        manifest.put("Plugin-Requires", ">=1.0.0");
        if (pluginClass != null) {
            manifest.put("Plugin-Class", pluginClass);
        }
        fileName = id + "-" + version + ".jar";
    }

    public static PluginJarBuilder plugin(String id, String version, String pluginClass) {
        return new PluginJarBuilder(id, version, pluginClass);
    }

    /** Sets (or, with null, removes) a descriptor entry such as {@code Plugin-Requires}. */
    public PluginJarBuilder descriptor(String name, String value) {
        if (value == null) {
            manifest.remove(name);
        } else {
            manifest.put(name, value);
        }
        return this;
    }

    public PluginJarBuilder source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    public PluginJarBuilder fileName(String name) {
        this.fileName = name;
        return this;
    }

    /**
     * Packs a compiled plugin (a module's {@code target/classes}, with its {@code plugin.properties}
     * descriptor) into a jar in {@code dir}: how a plugin's own tests load the plugin under test.
     */
    public static Path packClasses(Path classesDir, Path dir, String fileName) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return pack(classesDir, dir.resolve(fileName), mf);
    }

    private static Path pack(Path classesDir, Path jar, Manifest mf) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, mf);
             Stream<Path> files = Files.walk(classesDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                jarOut.putNextEntry(new JarEntry(classesDir.relativize(f).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(f));
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    /** Compiles and packs the plugin into {@code dir}; returns the jar. */
    public Path buildInto(Path dir) throws IOException {
        Path classes = Files.createTempDirectory("plugin-classes");
        compile(classes);
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
        return pack(classes, dir.resolve(fileName), mf);
    }

    private void compile(Path out) {
        if (sources.isEmpty()) {
            return;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///" + name.replace('.', '/') + JavaFileObject.Kind.SOURCE.extension), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        }));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(), "--release", "17");
        boolean ok = compiler.getTask(null, null, diagnostics, options, null, units).call();
        if (!ok) {
            throw new IllegalStateException("plugin sources do not compile: " + diagnostics.getDiagnostics());
        }
    }
}
