package org.ffmas.crm.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.ffmas.crm.api.ApiVersion;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.NotFoundException;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins folder as PF4J loads it: its plugin files, the files that are not loadable plugins
 * (with the reason), uploaded files checked before they join, and files removed. Called under
 * {@link PluginHost}'s lock.
 */
final class PluginFolder {

    private static final Logger log = LoggerFactory.getLogger(PluginFolder.class);

    /** An uploaded file in the folder, checked to be a plugin, not loaded yet. */
    record Upload(Path file, String fileName, Optional<String> replaces) {}

    private final Path pluginsDir;
    private final CrmPluginManager manager;
    private final PluginFailures failures;
    /** Files in the plugins folder that are not loadable plugins → why. */
    private final Map<String, String> brokenFiles = new ConcurrentHashMap<>();

    PluginFolder(Path pluginsDir, CrmPluginManager manager, PluginFailures failures) {
        this.pluginsDir = pluginsDir;
        this.manager = manager;
        this.failures = failures;
    }

    /** Loads every plugin file of the folder; a missing folder means no plugins. */
    void loadAll() {
        if (!Files.isDirectory(pluginsDir)) {
            log.info("no plugins folder at {}; running without plugins", pluginsDir);
            return;
        }
        try (Stream<Path> files = Files.list(pluginsDir)) {
            for (Path file : files.filter(PluginFolder::isPluginFile).sorted().toList()) {
                load(file);
            }
        } catch (IOException e) {
            log.error("cannot read the plugins folder {}: {}", pluginsDir, e.getMessage());
        }
    }

    private static boolean isPluginFile(Path p) {
        String name = p.getFileName().toString();
        return Files.isDirectory(p) || name.endsWith(".jar") || name.endsWith(".zip");
    }

    /** Loads one plugin file; a file that is not a plugin is remembered as broken, with the reason. */
    private void load(Path file) {
        try {
            String id = manager.loadPlugin(file);
            brokenFiles.remove(file.getFileName().toString());
            checkApiVersion(manager.getPlugin(id));
        } catch (RuntimeException e) {
            String reason = PluginFailures.reason(e);
            brokenFiles.put(file.getFileName().toString(), reason);
            log.error("plugin file {} cannot be loaded: {}", file.getFileName(), reason);
        }
    }

    private void checkApiVersion(PluginWrapper p) {
        if (!apiVersionFits(p)) {
            failures.fail(p, "needs platform API " + p.getDescriptor().getRequires() + "; this platform implements " + ApiVersion.CURRENT, null);
        }
    }

    /** Whether the plugin's {@code requires} range contains this platform's API version (no range: any). */
    boolean apiVersionFits(PluginWrapper p) {
        String requires = p.getDescriptor().getRequires();
        return requires == null || requires.isBlank() || "*".equals(requires.strip())
                || manager.getVersionManager().checkVersionConstraint(ApiVersion.CURRENT, requires);
    }

    /** The loaded plugins, then the broken files (FAILED, named by file). */
    List<PluginInfo> list() {
        List<PluginInfo> out = new ArrayList<>();
        for (PluginWrapper p : manager.getPlugins()) {
            var d = p.getDescriptor();
            out.add(new PluginInfo(p.getPluginId(), d.getVersion(), state(p), d.getPluginDescription(), d.getProvider(), d.getLicense(),
                    d.getRequires(), extensionNames(p), failures.reason(p.getPluginId())));
        }
        brokenFiles.forEach((file, reason) -> out.add(new PluginInfo(file, null, "FAILED", null, null, null, null, List.of(), reason)));
        return out;
    }

    private String state(PluginWrapper p) {
        if (failures.failed(p.getPluginId())) {
            return "FAILED";
        }
        return switch (p.getPluginState()) {
            case STARTED -> "STARTED";
            case DISABLED -> "DISABLED";
            case FAILED -> "FAILED";
            default -> "STOPPED";
        };
    }

    private List<String> extensionNames(PluginWrapper p) {
        try {
            return manager.getExtensionClassNames(p.getPluginId()).stream().map(n -> n.substring(n.lastIndexOf('.') + 1)).sorted().toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** A loaded plugin; 404 when there is none with this id. */
    PluginWrapper wrapper(String id) {
        PluginWrapper p = manager.getPlugin(id);
        if (p == null) {
            throw new NotFoundException("No plugin with id " + id + ".");
        }
        return p;
    }

    /**
     * Puts an uploaded jar or zip into the folder once it reads as a plugin. The same version of an
     * installed plugin is refused; another version is to replace it. What is refused leaves the folder as it was.
     */
    Upload receive(InputStream content, String fileName) throws IOException {
        String name = fileName == null ? "" : Path.of(fileName).getFileName().toString();
        if (!name.matches("[A-Za-z0-9._-]+\\.(jar|zip)")) {
            throw new InvalidInputException("fileName", "must be the name of a .jar or .zip file (letters, digits, '.', '_', '-')");
        }
        Files.createDirectories(pluginsDir);
        Path target = pluginsDir.resolve(name);
        if (Files.exists(target)) {
            throw new ConflictException("A plugin file named " + name + " is already installed; delete that plugin first.", null);
        }
        Path tmp = Files.createTempFile(pluginsDir, ".upload-", ".part");
        try {
            Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
            ArchiveLimits.check(tmp);
            Files.move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        PluginDescriptor descriptor;
        try {
            descriptor = manager.descriptorOf(target);
        } catch (RuntimeException e) {
            Files.deleteIfExists(target);
            throw new InvalidInputException("file", "is not a plugin: " + PluginFailures.reason(e));
        }
        PluginWrapper existing = manager.getPlugin(descriptor.getPluginId());
        if (existing == null) {
            return new Upload(target, name, Optional.empty());
        }
        if (existing.getDescriptor().getVersion().equals(descriptor.getVersion())) {
            Files.deleteIfExists(target);
            throw new ConflictException("Plugin " + descriptor.getPluginId() + " " + descriptor.getVersion() + " is already installed.", null);
        }
        // an upgrade (or a downgrade): the installed version goes, the uploaded one takes its place
        log.info("plugin {} {} replaces version {}", descriptor.getPluginId(), descriptor.getVersion(), existing.getDescriptor().getVersion());
        return new Upload(target, name, Optional.of(descriptor.getPluginId()));
    }

    /** Loads an uploaded plugin and checks its API version; a file that does not load is deleted. Returns its id. */
    String load(Upload upload) throws IOException {
        String id;
        try {
            id = manager.loadPlugin(upload.file());
        } catch (RuntimeException e) {
            Files.deleteIfExists(upload.file());
            throw new InvalidInputException("file", "is not a plugin: " + PluginFailures.reason(e));
        }
        checkApiVersion(manager.getPlugin(id));
        return id;
    }

    /** Deletes a broken plugin file named so; false when there is none. */
    boolean deleteBroken(String fileName) throws IOException {
        if (brokenFiles.remove(fileName) == null) {
            return false;
        }
        Files.deleteIfExists(pluginsDir.resolve(fileName));
        return true;
    }

    /** Unloads a plugin (its wiring already taken out) and deletes its file. */
    void delete(String id) throws IOException {
        PluginWrapper p = wrapper(id);
        Path file = p.getPluginPath();
        if (!manager.deletePlugin(id)) {
            throw new ConflictException("Plugin " + id + " could not be removed.", null);
        }
        Files.deleteIfExists(file);
        failures.clear(id);
        log.info("plugin {} removed", id);
    }

    /** A loaded plugin's class loader. */
    Optional<ClassLoader> classLoader(String id) {
        return Optional.ofNullable(manager.getPlugin(id)).map(PluginWrapper::getPluginClassLoader);
    }
}
