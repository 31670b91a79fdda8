package org.ffmas.crm.partner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.ffmas.crm.api.extension.CompanyEnricher;
import org.ffmas.crm.api.model.CompanyEnrichment;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.extension.Extension;
import org.ffmas.crm.extension.Extensions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Enrich": asks the started plugins' company registries what they know of a company's SIREN,
 * and applies it as a change staff would make (validated, audited).
 */
public final class RegistryEnrichment {

    private static final Logger log = LoggerFactory.getLogger(RegistryEnrichment.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CompanyService companies;
    private final Extensions extensions;

    public RegistryEnrichment(CompanyService companies, Extensions extensions) {
        this.companies = companies;
        this.extensions = extensions;
    }

    public Company enrich(Actor by, long id) {
        Company c = companies.get(id);
        if (c.siren() == null) {
            throw new InvalidInputException("siren", "is required to look the company up in a registry");
        }
        List<Extension<CompanyEnricher>> enrichers = extensions.of(CompanyEnricher.class);
        if (enrichers.isEmpty()) {
            throw new ConflictException("No company registry is available: start a plugin that provides one (e.g. sirene).", null);
        }
        for (Extension<CompanyEnricher> e : enrichers) {
            Optional<CompanyEnrichment> found;
            try {
                found = e.extension().enrich(c.siren(), e.context());
            } catch (Exception failure) {
                log.warn("registry {} of plugin {} failed for company {}: {}", e.extension().name(), e.pluginId(), id, failure.getMessage());
                continue;
            }
            if (found.isPresent()) {
                ObjectNode patch = patch(found.get());
                patch.put("version", c.version());
                log.info("company {} enriched from {} ({})", id, e.extension().name(), e.pluginId());
                return companies.update(by, id, patch);
            }
        }
        throw new ConflictException("No registry knows SIREN " + c.siren() + ".", null);
    }

    /** The change to a company that what an external system knows of it makes (its unknown fields left out). */
    public static ObjectNode patch(CompanyEnrichment f) {
        ObjectNode p = JSON.createObjectNode();
        put(p, "legalName", f.legalName());
        put(p, "nafCode", f.nafCode());
        put(p, "legalForm", f.legalForm());
        put(p, "workforceBracket", f.workforceBracket());
        put(p, "siret", f.headOfficeSiret());
        if (f.addressLine1() != null || f.postalCode() != null || f.city() != null) {
            ObjectNode a = p.putObject("address");
            put(a, "line1", f.addressLine1());
            put(a, "postalCode", f.postalCode());
            put(a, "city", f.city());
        }
        return p;
    }

    private static void put(ObjectNode n, String field, String value) {
        if (value != null && !value.isBlank()) {
            n.put(field, value);
        }
    }
}
