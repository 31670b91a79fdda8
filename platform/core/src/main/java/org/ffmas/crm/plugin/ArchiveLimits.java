package org.ffmas.crm.plugin;

import jakarta.ws.rs.ClientErrorException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.ffmas.crm.common.InvalidInputException;

/**
 * The bounds of an uploaded plugin archive, checked before the plugin loader opens it (a zip is
 * unpacked by PF4J, a jar read by its class loader): entries, total bytes once inflated, and how
 * much each entry inflates. The bytes are counted while inflating, as sizes in headers can lie,
 * both as the central directory says (what jar class loaders read) and entry after entry (what unzipping reads).
 */
final class ArchiveLimits {

    static final int MAX_ENTRIES = 10_000;
    static final long MAX_INFLATED_BYTES = 200L * 1024 * 1024;
    /** An entry may inflate this many times its compressed size (beyond {@link #RATIO_FREE_BYTES}). */
    static final long MAX_RATIO = 100;
    static final long RATIO_FREE_BYTES = 1024 * 1024;

    private ArchiveLimits() {}

    /**
     * @throws InvalidInputException (400) when it is no zip, has too many entries or an entry inflates too much
     * @throws ClientErrorException (413) when its content is larger than allowed once inflated
     */
    static void check(Path archive) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw tooManyEntries();
            }
            long total = 0;
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                try (InputStream in = zip.getInputStream(e)) {
                    total += inflated(in, e.getCompressedSize(), MAX_INFLATED_BYTES - total);
                }
            }
        } catch (ZipException e) {
            throw new InvalidInputException("file", "is not a jar or zip file");
        }
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            long total = 0;
            int count = 0;
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (++count > MAX_ENTRIES) {
                    throw tooManyEntries();
                }
                total += inflated(zip, e.getCompressedSize(), MAX_INFLATED_BYTES - total);
            }
        } catch (ZipException e) {
            throw new InvalidInputException("file", "is not a jar or zip file");
        }
    }

    /** The bytes of one entry, read to its end or until a bound is passed. */
    private static long inflated(InputStream in, long compressed, long left) throws IOException {
        long ratioBound = compressed < 0 ? Long.MAX_VALUE : Math.max(RATIO_FREE_BYTES, compressed * MAX_RATIO);
        byte[] buffer = new byte[64 * 1024];
        long n = 0;
        for (int read; (read = in.read(buffer)) != -1; ) {
            n += read;
            if (n > left) {
                throw new ClientErrorException("The plugin file holds more than " + MAX_INFLATED_BYTES / (1024 * 1024)
                        + " MB once unpacked.", 413);
            }
            if (n > ratioBound) {
                throw new InvalidInputException("file", "has an entry that unpacks to more than " + MAX_RATIO
                        + " times its packed size (a zip bomb?)");
            }
        }
        return n;
    }

    private static InvalidInputException tooManyEntries() {
        return new InvalidInputException("file", "has more than " + MAX_ENTRIES + " entries");
    }
}
