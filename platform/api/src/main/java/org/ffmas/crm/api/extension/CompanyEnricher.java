package org.ffmas.crm.api.extension;

import java.util.Optional;
import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.model.CompanyEnrichment;
import org.pf4j.ExtensionPoint;

/** Fills a company's fields from a registry, given its SIREN. */
public interface CompanyEnricher extends ExtensionPoint {

    /** The registry's name, shown to staff (e.g. "API Recherche d'entreprises"). */
    String name();

    /** What the registry knows of the company with this SIREN; empty when it knows nothing. */
    Optional<CompanyEnrichment> enrich(String siren, PluginContext context) throws Exception;
}
