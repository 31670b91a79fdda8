package org.ffmas.crm.campaign;

import org.ffmas.crm.partner.Audience;

/** A contact a segment reaches, with what templates may say about them. */
public record Recipient(long contactId, long companyId, String email, String civility, String firstName, String lastName, String jobTitle,
                        String companyName, String companyCity) {

    static Recipient of(Audience.Member m) {
        return new Recipient(m.contactId(), m.companyId(), m.email(), m.civility(), m.firstName(), m.lastName(), m.jobTitle(),
                m.companyName(), m.companyCity());
    }

    /** The same recipient written to at another address. */
    Recipient at(String address) {
        return new Recipient(contactId, companyId, address, civility, firstName, lastName, jobTitle, companyName, companyCity);
    }
}
