package org.ffmas.crm.plugins.sirene;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.extension.CompanyEnricher;
import org.ffmas.crm.api.http.OutboundRequest;
import org.ffmas.crm.api.http.OutboundResponse;
import org.ffmas.crm.api.model.CompanyEnrichment;
import org.pf4j.Extension;

/**
 * Looks a SIREN up with {@code GET <baseUrl>/search?q=<siren>&page=1&per_page=1} of the API
 * Recherche d'entreprises: legal name, NAF code, legal form, workforce bracket, head office's SIRET
 * and address. Respects the API's rate limit, retries once on 429, and keeps answers for a while.
 */
@Extension
public class SireneEnricher implements CompanyEnricher {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** INSEE's legal categories most seen among partners; others are shown by their code. */
    private static final Map<String, String> LEGAL_FORMS = Map.ofEntries(
            Map.entry("5710", "SAS"), Map.entry("5720", "SASU"), Map.entry("5499", "SARL"), Map.entry("5498", "EURL"),
            Map.entry("5599", "SA à conseil d'administration"), Map.entry("5699", "SA à directoire"), Map.entry("5202", "SNC"),
            Map.entry("6540", "SCI"), Map.entry("1000", "Entrepreneur individuel"), Map.entry("9220", "Association déclarée"),
            Map.entry("9210", "Association non déclarée"), Map.entry("9300", "Fondation"), Map.entry("7210", "Commune"),
            Map.entry("7389", "Établissement public national à caractère administratif"), Map.entry("8510", "Mutuelle"),
            Map.entry("5410", "SARL nationale"), Map.entry("5785", "SELAS"), Map.entry("5485", "SELARL"));

    private record Cached(Optional<CompanyEnrichment> value, Instant until) {}

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile RateLimiter limiter;

    @Override
    public String name() {
        return "API Recherche d'entreprises";
    }

    @Override
    public Optional<CompanyEnrichment> enrich(String siren, PluginContext context) throws Exception {
        Cached hit = cache.get(siren);
        if (hit != null && hit.until().isAfter(Instant.now())) {
            return hit.value();
        }
        Optional<CompanyEnrichment> found = lookUp(siren, context);
        cache.put(siren, new Cached(found, Instant.now().plus(Duration.ofMinutes(context.settings().integer(SirenePlugin.CACHE_MINUTES)))));
        return found;
    }

    private Optional<CompanyEnrichment> lookUp(String siren, PluginContext context) throws IOException, InterruptedException {
        String base = context.settings().text(SirenePlugin.BASE_URL).replaceAll("/+$", "");
        OutboundRequest request = OutboundRequest.get(URI.create(base + "/search?q=" + siren + "&page=1&per_page=1"))
                .withTimeout(Duration.ofSeconds(10)).withHeader("Accept", "application/json");
        for (int attempt = 1; ; attempt++) {
            limiter(context).acquire();
            OutboundResponse response = context.http().send(request);
            if (response.status() == 429 && attempt < 3) {
                long seconds = response.header("Retry-After").map(SireneEnricher::seconds).orElse(1L);
                context.logger().warn("registry rate limit reached; retrying in {} s", seconds);
                Thread.sleep(Math.min(seconds, 10) * 1000);
                continue;
            }
            if (response.status() != 200) {
                throw new IOException("the registry answered " + response.statusLine() + " for SIREN " + siren);
            }
            return parse(siren, json(response));
        }
    }

    /** The answer as JSON; what is not JSON is named so, without quoting it (Jackson's message would). */
    private static JsonNode json(OutboundResponse response) throws IOException {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IOException("the registry answered something that is not JSON");
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private RateLimiter limiter(PluginContext context) {
        RateLimiter l = limiter;
        if (l == null) {
            synchronized (this) {
                if (limiter == null) {
                    limiter = new RateLimiter(context.settings().integer(SirenePlugin.REQUESTS_PER_SECOND));
                }
                l = limiter;
            }
        }
        return l;
    }

    /** The result whose SIREN is the one asked (a full-text search may return neighbours). */
    static Optional<CompanyEnrichment> parse(String siren, JsonNode body) {
        for (JsonNode r : body.path("results")) {
            if (!siren.equals(r.path("siren").asText())) {
                continue;
            }
            JsonNode siege = r.path("siege");
            String legalName = text(r, "nom_raison_sociale").or(() -> text(r, "nom_complet")).orElse(null);
            String nature = text(r, "nature_juridique").orElse(null);
            String street = String.join(" ", java.util.stream.Stream.of(text(siege, "numero_voie"), text(siege, "type_voie"),
                    text(siege, "libelle_voie")).flatMap(Optional::stream).toList());
            return Optional.of(new CompanyEnrichment(legalName,
                    text(r, "activite_principale").or(() -> text(siege, "activite_principale")).orElse(null),
                    nature == null ? null : LEGAL_FORMS.getOrDefault(nature, "catégorie juridique " + nature),
                    text(r, "tranche_effectif_salarie").filter(t -> !t.equals("NN")).orElse(null),
                    text(siege, "siret").orElse(null),
                    street.isBlank() ? null : street,
                    text(siege, "code_postal").orElse(null),
                    text(siege, "libelle_commune").orElse(null)));
        }
        return Optional.empty();
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode n = node.path(field);
        return n.isTextual() && !n.asText().isBlank() ? Optional.of(n.asText().strip()) : Optional.empty();
    }
}
