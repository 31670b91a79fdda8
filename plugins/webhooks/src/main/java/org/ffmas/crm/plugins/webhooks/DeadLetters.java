package org.ffmas.crm.plugins.webhooks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Deliveries that failed every attempt, kept in the plugin's folder until replayed. */
final class DeadLetters {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path file;

    DeadLetters(Path dir) {
        this.file = dir.resolve("dead-letters.json");
    }

    synchronized List<Delivery> all() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<Delivery>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void add(Delivery d) {
        List<Delivery> list = new ArrayList<>(all());
        list.removeIf(x -> x.id().equals(d.id()));
        list.add(d);
        write(list);
    }

    synchronized Optional<Delivery> take(String id) {
        List<Delivery> list = new ArrayList<>(all());
        Optional<Delivery> found = list.stream().filter(d -> d.id().equals(id)).findFirst();
        if (found.isPresent()) {
            list.remove(found.get());
            write(list);
        }
        return found;
    }

    private void write(List<Delivery> list) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), list);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
