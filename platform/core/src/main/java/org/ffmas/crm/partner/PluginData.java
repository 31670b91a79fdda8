package org.ffmas.crm.partner;

import org.ffmas.crm.api.model.CompanyData;
import org.ffmas.crm.api.model.ContactData;

/** Companies and contacts as plugins see them: the plugin contract's records. */
public final class PluginData {

    private PluginData() {}

    /** A company as plugins see it. */
    public static CompanyData of(Company c) {
        return new CompanyData(c.id(), c.legalName(), c.tradeName(), c.siren(), c.siret(), c.nafCode(), c.legalForm(),
                c.address().line1(), c.address().postalCode(), c.address().city(), c.address().country(), c.website(), c.phone(),
                c.status().name(), c.tags(), c.version(), c.updatedAt());
    }

    /** A contact as plugins see it. */
    public static ContactData of(Contact c) {
        return new ContactData(c.id(), c.companyId(), c.firstName(), c.lastName(), c.email(), c.phone(),
                c.function() == null ? null : c.function().name(), c.emailStatus().name(), c.archived(), c.version());
    }
}
