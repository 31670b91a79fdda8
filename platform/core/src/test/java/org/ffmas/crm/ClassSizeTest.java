package org.ffmas.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No source file of the platform's main code is longer than {@value #MAX_LINES} lines (ArchUnit cannot count lines). */
class ClassSizeTest {

    private static final int MAX_LINES = 350;

    /** Relative to the module's basedir, Surefire's working directory. */
    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");

    @Test
    void noMainSourceFileIsLongerThan350Lines() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
        assertThat(sources).as("the main sources under " + MAIN_SOURCES.toAbsolutePath())
                .contains(MAIN_SOURCES.resolve(Path.of("org", "ffmas", "crm", "Platform.java")));

        List<String> tooLong = sources.stream()
                .map(f -> Map.entry(MAIN_SOURCES.relativize(f), lines(f)))
                .filter(file -> file.getValue() > MAX_LINES)
                .map(file -> file.getKey() + ": " + file.getValue() + " lines")
                .collect(Collectors.toList());

        assertThat(tooLong)
                .withFailMessage("%d main source files are longer than %d lines; split them:%n  %s",
                        tooLong.size(), MAX_LINES, String.join(System.lineSeparator() + "  ", tooLong))
                .isEmpty();
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
