package org.ffmas.crm.campaign;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP server that accepts every message and keeps none, only counting them: for measuring
 * the sender's speed and memory without the receiver's store in the way, and for refusing some
 * recipients as a real server would (RFC 5321's commands
 * a client sends to deliver a message; no extensions beyond 8BITMIME and PIPELINING-free flow).
 */
final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smtp-sink");
        t.setDaemon(true);
        return t;
    });
    final AtomicLong accepted = new AtomicLong();
    /** Replies to RCPT TO for some addresses: each address's replies are used up one by one, then it is accepted. */
    final java.util.Map<String, java.util.Deque<String>> refusals = new java.util.concurrent.ConcurrentHashMap<>();
    /** Every message's arrival time in nanoseconds, for checking the sender's pace. */
    final java.util.List<Long> arrivals = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    /** Connections opened so far. */
    final java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();

    SmtpSink() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        connections.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    connections.execute(() -> serve(s));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    /** A sink on a free loopback port, for a static field. */
    static SmtpSink open() {
        try {
            return new SmtpSink();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
             OutputStream out = socket.getOutputStream()) {
            opened.incrementAndGet();
            reply(out, "220 sink ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line.toUpperCase(java.util.Locale.ROOT);
                switch (command) {
                    case "EHLO" -> reply(out, "250-sink\r\n250 8BITMIME");
                    case "RCPT" -> {
                        String to = line.replaceAll("(?i)^RCPT TO:\\s*<?([^>\\s]+)>?.*$", "$1").toLowerCase(java.util.Locale.ROOT);
                        java.util.Deque<String> left = refusals.get(to);
                        String refusal = left == null ? null : left.poll();
                        reply(out, refusal == null ? "250 OK" : refusal);
                    }
                    case "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        String body;
                        while ((body = in.readLine()) != null && !body.equals(".")) {
                            // discarded
                        }
                        arrivals.add(System.nanoTime());
                        reply(out, "250 OK queued as " + accepted.incrementAndGet());
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException ignored) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
