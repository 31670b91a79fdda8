package org.ffmas.crm.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ffmas.crm.config.PlatformSettings.ExternalDatabase;

/**
 * A TCP relay to the database that can be frozen: while frozen, connections stay open and
 * accepted but no byte goes through either way, as with a server stopped by SIGSTOP or a
 * network that silently drops everything. Works the same on the embedded and a shared server.
 */
public final class FreezableProxy implements AutoCloseable {

    private static final Pattern HOST_PORT = Pattern.compile("^(jdbc:mariadb://)([^/:]+)(?::(\\d+))?(/.*)$");

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;

    private FreezableProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "freezable-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    /** A relay to that database, and the same database reached through it. */
    public static FreezableProxy to(ExternalDatabase db) throws IOException {
        Matcher m = HOST_PORT.matcher(db.url());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jdbc:mariadb://host:port/ URL: " + db.url());
        }
        return new FreezableProxy(m.group(2), m.group(3) == null ? 3306 : Integer.parseInt(m.group(3)));
    }

    /**
     * A route for {@code TestPlatform.withDatabaseThrough}: one relay, made at the platform's first
     * start and kept across its restarts.
     */
    public static final class Route implements UnaryOperator<ExternalDatabase> {
        private FreezableProxy relay;

        @Override
        public synchronized ExternalDatabase apply(ExternalDatabase db) {
            try {
                if (relay == null) {
                    relay = to(db);
                }
                return relay.through(db);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The relay, once the platform has started. */
        public synchronized FreezableProxy relay() {
            return relay;
        }
    }

    /** {@code db} reached through this relay. */
    public ExternalDatabase through(ExternalDatabase db) {
        Matcher m = HOST_PORT.matcher(db.url());
        if (!m.matches()) {
            throw new IllegalArgumentException(db.url());
        }
        return new ExternalDatabase(m.group(1) + "127.0.0.1:" + listener.getLocalPort() + m.group(4), db.user(), db.password());
    }

    public void freeze() {
        frozen = true;
    }

    public void thaw() {
        frozen = false;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                Thread t = new Thread(() -> relay(client), "freezable-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try {
            awaitThaw();
            Socket server = new Socket(targetHost, targetPort);
            sockets.add(server);
            Thread back = new Thread(() -> pump(server, client), "freezable-proxy-back");
            back.setDaemon(true);
            back.start();
            pump(client, server);
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                awaitThaw();
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side closed: close the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void awaitThaw() throws InterruptedException {
        while (frozen) {
            Thread.sleep(20);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(FreezableProxy::closeQuietly);
    }
}
