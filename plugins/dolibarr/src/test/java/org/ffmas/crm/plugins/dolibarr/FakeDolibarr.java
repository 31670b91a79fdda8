package org.ffmas.crm.plugins.dolibarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local server that answers like Dolibarr's REST API for third parties and contacts, as its
 * documentation and its code describe it: {@code DOLAPIKEY} required (401 otherwise),
 * {@code GET /thirdparties} and {@code GET /contacts}
 * with {@code limit}, {@code page} (from 0), {@code sortfield}, {@code sqlfilters} on {@code t.tms},
 * a 404 error object for an empty list, {@code POST} answering the new id, {@code PUT} answering
 * the record, contacts tied to their third party by {@code socid}, {@code date_modification} in
 * epoch seconds, errors as
 * {@code {"error":{"code":...,"message":...}}}. It can be told to fail: 500s, garbage, silence.
 */
final class FakeDolibarr implements AutoCloseable {

    enum Trouble { NONE, ERROR_500, GARBAGE, SILENCE }

    static final String KEY = "dolibarr-test-key-123";
    /** What its error answers say: the platform must never repeat it. */
    static final String MARKER = "DOLIBARR-SAYS-4b2d8";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TMS_FILTER = Pattern.compile("\\(t\\.tms:>=:'([0-9: -]+)'\\)");

    private final HttpServer server;
    /** A kind of record the API serves: its path, the field a new one needs, and how it names it in errors. */
    private record Kind(String path, String required, String notFound, String noneFound) {}

    private static final Kind THIRD_PARTIES = new Kind("thirdparties", "name", "Thirdparty not found", "No third parties found");
    private static final Kind CONTACTS = new Kind("contacts", "lastname", "Contact not found", "No contacts found");

    private final Map<Kind, Map<Long, ObjectNode>> records = Map.of(THIRD_PARTIES, new TreeMap<>(), CONTACTS, new TreeMap<>());
    private final Map<Kind, Long> nextIds = new HashMap<>(Map.of(THIRD_PARTIES, 1L, CONTACTS, 1L));
    private long clock = 1_760_000_000L; // epoch seconds, moved on by each write
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicReference<Trouble> trouble = new AtomicReference<>(Trouble.NONE);
    /** How many requests the trouble lasts for; negative: until told otherwise. */
    final AtomicInteger troubleFor = new AtomicInteger(-1);

    FakeDolibarr() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/index.php/thirdparties", exchange -> handle(exchange, THIRD_PARTIES));
        server.createContext("/api/index.php/contacts", exchange -> handle(exchange, CONTACTS));
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/index.php";
    }

    /** A third party entered in Dolibarr by its users. */
    synchronized long add(String name, String siren, String siret, String zip, String town) {
        ObjectNode t = JSON.createObjectNode();
        long id = nextId(THIRD_PARTIES);
        t.put("id", String.valueOf(id));
        t.put("name", name);
        t.put("idprof1", siren == null ? "" : siren);
        t.put("idprof2", siret == null ? "" : siret);
        t.put("idprof3", "");
        t.put("address", "");
        t.put("zip", zip);
        t.put("town", town);
        t.put("client", "2");
        records.get(THIRD_PARTIES).put(id, t);
        touch(t);
        return id;
    }

    /** A contact of third party {@code socid} (0: of none) entered in Dolibarr by its users. */
    synchronized long addContact(long socid, String firstname, String lastname, String email, String phonePro) {
        ObjectNode c = JSON.createObjectNode();
        long id = nextId(CONTACTS);
        c.put("id", String.valueOf(id));
        if (socid > 0) {
            c.put("socid", String.valueOf(socid));
        } else {
            c.putNull("socid");
        }
        c.put("firstname", firstname);
        c.put("lastname", lastname);
        c.put("email", email);
        c.put("phone_pro", phonePro);
        c.put("phone_mobile", "");
        c.put("statut", "1");
        records.get(CONTACTS).put(id, c);
        touch(c);
        return id;
    }

    /** A change made in Dolibarr by its users. */
    synchronized void edit(long id, String field, String value) {
        ObjectNode t = records.get(THIRD_PARTIES).get(id);
        t.put(field, value);
        touch(t);
    }

    synchronized void editContact(long id, String field, String value) {
        ObjectNode c = records.get(CONTACTS).get(id);
        c.put(field, value);
        touch(c);
    }

    synchronized JsonNode get(long id) {
        return records.get(THIRD_PARTIES).get(id).deepCopy();
    }

    synchronized JsonNode contact(long id) {
        return records.get(CONTACTS).get(id).deepCopy();
    }

    synchronized int count() {
        return records.get(THIRD_PARTIES).size();
    }

    /** The contacts there, by id. */
    synchronized List<JsonNode> contacts() {
        return records.get(CONTACTS).values().stream().map(c -> (JsonNode) c.deepCopy()).toList();
    }

    private long nextId(Kind kind) {
        long id = nextIds.get(kind);
        nextIds.put(kind, id + 1);
        return id;
    }

    private void touch(ObjectNode t) {
        clock += 5;
        t.put("date_modification", clock);
    }

    private void handle(HttpExchange exchange, Kind kind) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath().substring(("/api/index.php/" + kind.path()).length());
        Map<Long, ObjectNode> all = records.get(kind);
        requests.add(method + " " + exchange.getRequestURI());
        try (exchange) {
            if (troubleFor.get() != 0 && trouble.get() != Trouble.NONE) {
                troubleFor.decrementAndGet();
                switch (trouble.get()) {
                    case ERROR_500 -> respond(exchange, 500, error(500, "Internal Server Error: database is unavailable " + MARKER));
                    case GARBAGE -> respond(exchange, 200, "<html><body>Maintenance en cours " + MARKER + "</body></html>");
                    case SILENCE -> sleep(3_000);
                    default -> { }
                }
                return;
            }
            if (!KEY.equals(exchange.getRequestHeaders().getFirst("DOLAPIKEY"))) {
                respond(exchange, 401, error(401, "Unauthorized: Failed to login to API. No parameter 'HTTP_DOLAPIKEY' on HTTP header"));
                return;
            }
            synchronized (this) {
                if (method.equals("GET") && path.isEmpty()) {
                    list(exchange, kind);
                } else if (method.equals("GET") && path.matches("/\\d+")) {
                    ObjectNode t = all.get(Long.parseLong(path.substring(1)));
                    if (t == null) {
                        respond(exchange, 404, error(404, kind.notFound()));
                    } else {
                        respond(exchange, 200, t.toString());
                    }
                } else if (method.equals("POST") && path.isEmpty()) {
                    JsonNode body = JSON.readTree(exchange.getRequestBody());
                    if (body.path(kind.required()).asText("").isBlank()) {
                        respond(exchange, 400, error(400, kind.required() + " field missing"));
                        return;
                    }
                    ObjectNode t = (ObjectNode) body;
                    long id = nextId(kind);
                    t.put("id", String.valueOf(id));
                    if (kind == THIRD_PARTIES) {
                        t.remove("code_client");
                        t.put("code_client", "CU2611-" + String.format("%05d", id));
                    }
                    all.put(id, t);
                    touch(t);
                    respond(exchange, 200, String.valueOf(id));
                } else if (method.equals("PUT") && path.matches("/\\d+")) {
                    ObjectNode t = all.get(Long.parseLong(path.substring(1)));
                    if (t == null) {
                        respond(exchange, 404, error(404, kind.notFound()));
                        return;
                    }
                    JsonNode body = JSON.readTree(exchange.getRequestBody());
                    body.fields().forEachRemaining(f -> {
                        if (!f.getKey().equals("id")) {
                            t.set(f.getKey(), f.getValue());
                        }
                    });
                    touch(t);
                    respond(exchange, 200, t.toString());
                } else {
                    respond(exchange, 501, error(501, "not served by this fake"));
                }
            }
        }
    }

    private void list(HttpExchange exchange, Kind kind) throws IOException {
        Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
        int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
        int page = Integer.parseInt(q.getOrDefault("page", "0"));
        long since = Long.MIN_VALUE;
        if (q.containsKey("sqlfilters")) {
            Matcher m = TMS_FILTER.matcher(q.get("sqlfilters"));
            if (!m.matches()) {
                respond(exchange, 400, error(400, "Error when validating parameter sqlfilters -> Bad syntax of the search string"));
                return;
            }
            since = LocalDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).toEpochSecond(ZoneOffset.UTC);
        }
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode t : records.get(kind).values()) { // by rowid
            if (t.path("date_modification").asLong() >= since) {
                matching.add(t);
            }
        }
        List<ObjectNode> slice = matching.subList(Math.min(matching.size(), page * limit), Math.min(matching.size(), (page + 1) * limit));
        if (slice.isEmpty()) {
            respond(exchange, 404, error(404, kind.noneFound()));
            return;
        }
        ArrayNode out = JSON.createArrayNode();
        slice.forEach(out::add);
        respond(exchange, 200, out.toString());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String part : raw.split("&")) {
                String[] kv = part.split("=", 2);
                q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }

    private static String error(int code, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.putObject("error").put("code", code).put("message", message);
        return e.toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
