package org.ffmas.crm.imports;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file as people really send them: UTF-8 (with or without a BOM) or Windows-1252 (Excel
 * for France), {@code ;}, {@code ,} or tab between cells. Read row by row.
 */
final class CsvFile implements AutoCloseable {

    /** The file is not something we can read as CSV. */
    static final class UnreadableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableException(String message) {
            super(message);
        }
    }

    /** Rows committed together: one commit per chunk, not per row, each row still undone alone if it fails. */
    static final int CHUNK = 1000;

    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final List<String> headers;
    private final String encoding;
    private final char separator;

    private CsvFile(CSVParser parser, List<String> headers, String encoding, char separator) {
        this.parser = parser;
        this.rows = parser.iterator();
        this.headers = headers;
        this.encoding = encoding;
        this.separator = separator;
    }

    static CsvFile open(Path file) throws IOException, UnreadableException {
        byte[] head = new byte[(int) Math.min(Files.size(file), 64 * 1024)];
        try (var in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            if (n < head.length) {
                head = Arrays.copyOf(head, n);
            }
        }
        if (head.length == 0) {
            throw new UnreadableException("the file is empty");
        }
        for (byte b : head) {
            if (b == 0) {
                throw new UnreadableException("the file is not text (it holds NUL bytes: a spreadsheet or UTF-16 file? save it as CSV)");
            }
        }
        boolean bom = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF;
        Charset charset = bom || isUtf8(file) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
        String sample = new String(head, charset);
        if (bom) {
            sample = sample.substring(1);
        }
        String firstLine = sample.lines().findFirst().orElse("");
        char separator = separator(firstLine);
        Reader reader = Files.newBufferedReader(file, charset);
        if (bom) {
            reader.read();
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        CSVParser parser = CSVParser.parse(reader, format);
        Iterator<CSVRecord> it = parser.iterator();
        if (!it.hasNext()) {
            parser.close();
            throw new UnreadableException("the file has no header line");
        }
        List<String> headers = new ArrayList<>();
        it.next().forEach(headers::add);
        return new CsvFile(parser, headers, charset.name(), separator);
    }

    private static boolean isUtf8(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            byte[] buffer = in.readNBytes(4 * 1024 * 1024);
            try {
                decoder.decode(ByteBuffer.wrap(buffer));
                return true;
            } catch (CharacterCodingException e) {
                // a multi-byte character cut by the end of the sample is still UTF-8
                return buffer.length == 4 * 1024 * 1024 && endsInsideCharacter(buffer);
            }
        }
    }

    private static boolean endsInsideCharacter(byte[] b) {
        int i = b.length - 1;
        while (i > b.length - 4 && (b[i] & 0xC0) == 0x80) {
            i--;
        }
        return (b[i] & 0x80) != 0;
    }

    /** The separator used most in the header line. */
    static char separator(String headerLine) {
        char best = ';';
        long most = -1;
        for (char c : new char[] {';', ',', '\t'}) {
            long n = headerLine.chars().filter(x -> x == c).count();
            if (n > most) {
                most = n;
                best = c;
            }
        }
        return best;
    }

    List<String> headers() {
        return headers;
    }

    String encoding() {
        return encoding;
    }

    char separator() {
        return separator;
    }

    /** The next row with its line number, or null at the end. */
    CSVRecord next() {
        return rows.hasNext() ? rows.next() : null;
    }

    /** The next {@link #CHUNK} rows (fewer at the end of the file; none after it). */
    List<CSVRecord> nextChunk() {
        List<CSVRecord> chunk = new ArrayList<>(CHUNK);
        CSVRecord next;
        while (chunk.size() < CHUNK && (next = next()) != null) {
            chunk.add(next);
        }
        return chunk;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
