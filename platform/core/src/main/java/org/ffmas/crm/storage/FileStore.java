package org.ffmas.crm.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Files kept by their SHA-256 under {@code <data>/documents}: the same content is stored once,
 * and a stored file is never overwritten nor changed.
 */
public final class FileStore {

    /** A file written: its hash and size. */
    public record Stored(String sha256, long size) {}

    /** The content was larger than allowed. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long max) {
            super("larger than " + max + " bytes");
        }
    }

    private final Path root;

    public FileStore(Path root) {
        this.root = root;
    }

    /** Copies {@code content} into a temporary file, refusing more than {@code maxBytes}; the caller checks it, then {@link #keep}s it. */
    public Path receive(InputStream content, long maxBytes) throws IOException {
        Files.createDirectories(root.resolve("incoming"));
        Path tmp = Files.createTempFile(root.resolve("incoming"), "upload-", ".part");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = content.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    /** Moves a received file into the store under its hash (kept once); the temporary file is gone afterwards. */
    public Stored keep(Path received) throws IOException {
        String sha = sha256(received);
        long size = Files.size(received);
        Path target = path(sha);
        Files.createDirectories(target.getParent());
        try {
            Files.move(received, target, StandardCopyOption.ATOMIC_MOVE);
            target.toFile().setWritable(false, false);
        } catch (FileAlreadyExistsException sameContent) {
            Files.deleteIfExists(received);
        }
        if (Files.exists(received)) {
            // a file system that replaces on move: keep what was there first, never overwrite
            Files.deleteIfExists(received);
        }
        return new Stored(sha, size);
    }

    /** Stores bytes made by the platform (a receipt). */
    public Stored keep(byte[] content) throws IOException {
        Files.createDirectories(root.resolve("incoming"));
        Path tmp = Files.createTempFile(root.resolve("incoming"), "made-", ".part");
        Files.write(tmp, content);
        return keep(tmp);
    }

    public Optional<Path> find(String sha256) {
        Path p = path(sha256);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    private Path path(String sha) {
        if (!sha.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256: " + sha);
        }
        return root.resolve(sha.substring(0, 2)).resolve(sha);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
             DigestOutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(digest);
            return HexFormat.of().formatHex(digest.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
