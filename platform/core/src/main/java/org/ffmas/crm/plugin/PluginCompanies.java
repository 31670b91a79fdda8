package org.ffmas.crm.plugin;

import org.ffmas.crm.common.Actor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ffmas.crm.api.Companies;
import org.ffmas.crm.api.model.CompanyData;
import org.ffmas.crm.api.model.ContactData;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.MergedException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.partner.CompanyQuery;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.partner.PluginData;

/** The companies service as a plugin sees it: the platform's services, acting as {@code plugin:<id>}. */
public final class PluginCompanies implements Companies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CompanyService companies;
    private final ContactService contacts;
    private final Actor caller;

    public PluginCompanies(CompanyService companies, ContactService contacts, Actor caller) {
        this.companies = companies;
        this.contacts = contacts;
        this.caller = caller;
    }

    @Override
    public Optional<CompanyData> find(long id) {
        try {
            return Optional.of(PluginData.of(companies.get(id)));
        } catch (NotFoundException | MergedException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<CompanyData> findBySiren(String siren) {
        return search(siren, 1).stream().filter(c -> siren.equals(c.siren())).findFirst();
    }

    @Override
    public List<CompanyData> search(String text, int limit) {
        CompanyQuery all = CompanyQuery.all();
        CompanyQuery q = new CompanyQuery(text, all.statuses(), all.tags(), all.sectors(), all.sizeBrackets(), all.departments(),
                all.regions(), null, null, "name");
        return companies.list(q, 1, Math.max(1, Math.min(limit, 500))).items().stream().map(PluginData::of).toList();
    }

    @Override
    public List<ContactData> contacts(long companyId) {
        return contacts.ofCompany(companyId, false).stream().map(PluginData::of).toList();
    }

    @Override
    public CompanyData update(long id, long version, Map<String, Object> fields) {
        ObjectNode body = JSON.valueToTree(fields);
        body.put("version", version);
        try {
            return PluginData.of(companies.update(caller, id, body));
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.errors().toString(), e);
        }
    }
}
