package org.ffmas.crm.agreement;

import java.util.List;
import java.util.Optional;
import org.ffmas.crm.api.Agreements;
import org.ffmas.crm.api.model.AgreementData;

/** The agreements as plugins read them: the API's {@link AgreementData}, never the platform's own types. */
final class PluginAgreements implements Agreements {

    private final AgreementRepository agreements;

    PluginAgreements(AgreementRepository agreements) {
        this.agreements = agreements;
    }

    @Override
    public Optional<AgreementData> find(long id) {
        return agreements.find(id).map(PluginAgreements::data);
    }

    @Override
    public List<AgreementData> ofCompany(long companyId) {
        return agreements.search(AgreementQuery.ofCompany(companyId), 1, 500)
                .items().stream().map(PluginAgreements::data).toList();
    }

    private static AgreementData data(Agreement a) {
        return new AgreementData(a.id(), a.companyId(), a.kind().name(), a.tier(), a.title(), a.amountCents(),
                a.currency(), a.startDate(), a.endDate(), a.status().name(), a.signedOn(), a.version());
    }
}
