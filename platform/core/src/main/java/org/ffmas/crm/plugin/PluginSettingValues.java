package org.ffmas.crm.plugin;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.ffmas.crm.api.PluginSettings;
import org.ffmas.crm.api.SettingSpec;
import org.ffmas.crm.common.FieldError;

/**
 * A plugin's settings: declared specs, values from {@code config/plugins/<id>.properties},
 * overridden by values set through the API (kept in {@code <data>/plugins/<id>/settings.properties}).
 */
final class PluginSettingValues implements PluginSettings {

    /** Shown instead of a secret's value. */
    static final String MASK = "********";

    private final List<SettingSpec> specs;
    private final Path configFile;
    private final Path overrideFile;

    PluginSettingValues(List<SettingSpec> specs, Path configFile, Path overrideFile) {
        this.specs = List.copyOf(specs);
        this.configFile = configFile;
        this.overrideFile = overrideFile;
    }

    private Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        read(configFile).forEach(v::put);
        read(overrideFile).forEach(v::put);
        return v;
    }

    private static Map<String, String> read(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        if (file != null && Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k).strip()));
        }
        return out;
    }

    /** Every problem of the current values (an unknown key, a missing required one, a bad value). */
    List<FieldError> problems() {
        return problems(values());
    }

    List<FieldError> problems(Map<String, String> values) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : values.keySet()) {
            if (spec(key).isEmpty()) {
                errors.add(new FieldError(key, "unknown setting"));
            }
        }
        for (SettingSpec s : specs) {
            String value = values.getOrDefault(s.key(), s.defaultValue());
            if (value == null || value.isBlank()) {
                if (s.required()) {
                    errors.add(new FieldError(s.key(), "is required"));
                }
                continue;
            }
            check(s, value).ifPresent(m -> errors.add(new FieldError(s.key(), m)));
        }
        return errors;
    }

    private static Optional<String> check(SettingSpec s, String value) {
        return switch (s.type()) {
            case INTEGER -> value.matches("-?\\d{1,9}") ? Optional.empty() : Optional.of("must be a whole number");
            case BOOLEAN -> value.equals("true") || value.equals("false") ? Optional.empty() : Optional.of("must be true or false");
            case URLS, ENDPOINT -> {
                if (s.type() == SettingSpec.Type.ENDPOINT && value.contains(",")) {
                    yield Optional.of("must be one http(s) URL");
                }
                for (String u : value.split(",")) {
                    try {
                        URI uri = new URI(u.strip());
                        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                            yield Optional.of("must be http(s) URLs separated by commas");
                        }
                    } catch (Exception e) {
                        yield Optional.of("must be http(s) URLs separated by commas");
                    }
                }
                yield Optional.empty();
            }
            case TEXT -> Optional.empty();
        };
    }

    private Optional<SettingSpec> spec(String key) {
        return specs.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    /** The effective values, secrets masked: what the API shows. */
    Map<String, Object> shown() {
        Map<String, String> values = values();
        Map<String, Object> out = new LinkedHashMap<>();
        for (SettingSpec s : specs) {
            String v = values.getOrDefault(s.key(), s.defaultValue());
            out.put(s.key(), s.secret() && v != null && !v.isEmpty() ? MASK : v);
        }
        return out;
    }

    /**
     * What a change of settings did: the problems that refused it (then nothing was stored), and
     * the secrets cleared because an {@link SettingSpec.Type#ENDPOINT} changed.
     */
    record Outcome(List<FieldError> problems, List<String> clearedSecrets) {}

    /**
     * Stores values set through the API, after checking them with the rest; a secret sent back
     * as the mask keeps its value. A new endpoint clears the secrets not given in the same change,
     * so that they are never sent to an address they were not entered for. Nothing is stored when
     * there is a problem.
     */
    Outcome override(Map<String, String> changes) throws IOException {
        Map<String, String> before = values();
        Map<String, String> overrides = read(overrideFile);
        for (var e : changes.entrySet()) {
            if (keepsSecret(e.getKey(), e.getValue())) {
                continue;
            }
            if (e.getValue() == null) {
                overrides.remove(e.getKey());
            } else {
                overrides.put(e.getKey(), e.getValue());
            }
        }
        Map<String, String> merged = new LinkedHashMap<>(read(configFile));
        merged.putAll(overrides);
        List<String> cleared = new ArrayList<>();
        Optional<String> endpoint = changedEndpoint(before, merged);
        if (endpoint.isPresent()) {
            for (SettingSpec s : specs) {
                boolean given = changes.containsKey(s.key()) && !keepsSecret(s.key(), changes.get(s.key()));
                if (s.secret() && !given && !effective(s, merged).isEmpty()) {
                    overrides.put(s.key(), "");
                    merged.put(s.key(), "");
                    cleared.add(s.key());
                }
            }
        }
        List<FieldError> errors = problems(merged).stream()
                .map(e -> cleared.contains(e.field()) ? new FieldError(e.field(), "is required: it was cleared because "
                        + endpoint.orElseThrow() + " changed; give it again with the new address") : e)
                .toList();
        if (!errors.isEmpty()) {
            return new Outcome(errors, List.of());
        }
        store(overrides);
        return new Outcome(List.of(), List.copyOf(cleared));
    }

    private boolean keepsSecret(String key, String value) {
        return MASK.equals(value) && spec(key).map(SettingSpec::secret).orElse(false);
    }

    /** The first endpoint setting whose effective value differs between the two. */
    private Optional<String> changedEndpoint(Map<String, String> before, Map<String, String> after) {
        return specs.stream().filter(s -> s.type() == SettingSpec.Type.ENDPOINT)
                .filter(s -> !endpointOf(effective(s, before)).equals(endpointOf(effective(s, after))))
                .map(SettingSpec::key).findFirst();
    }

    private static String effective(SettingSpec s, Map<String, String> values) {
        String v = values.get(s.key());
        if (v == null || v.isBlank()) {
            v = s.defaultValue();
        }
        return v == null ? "" : v.strip();
    }

    private static String endpointOf(String url) {
        return url.replaceAll("/+$", "");
    }

    /** Writes the overrides, readable by the platform's user only from the start (they hold secrets). */
    private void store(Map<String, String> overrides) throws IOException {
        Files.createDirectories(overrideFile.getParent());
        Properties p = new Properties();
        p.putAll(overrides);
        Path tmp = overrideFile.resolveSibling(overrideFile.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            p.store(w, "set through the admin API");
        }
        Files.move(tmp, overrideFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the values set through the API (secrets among them): the plugin is removed. */
    void deleteOverrides() throws IOException {
        Files.deleteIfExists(overrideFile);
        Files.deleteIfExists(overrideFile.resolveSibling(overrideFile.getFileName() + ".tmp"));
    }

    @Override
    public Optional<String> get(String key) {
        String v = values().get(key);
        if (v == null || v.isEmpty()) {
            v = spec(key).map(SettingSpec::defaultValue).orElse(null);
        }
        return Optional.ofNullable(v);
    }

    @Override
    public String text(String key) {
        return get(key).orElseThrow(() -> new IllegalStateException("setting " + key + " has no value"));
    }

    @Override
    public int integer(String key) {
        return Integer.parseInt(text(key));
    }

    @Override
    public boolean bool(String key) {
        return Boolean.parseBoolean(text(key));
    }
}
