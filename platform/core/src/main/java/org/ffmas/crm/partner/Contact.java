package org.ffmas.crm.partner;

import java.time.Instant;
import org.ffmas.crm.partner.CompanyEnums.Civility;
import org.ffmas.crm.partner.CompanyEnums.EmailStatus;
import org.ffmas.crm.partner.CompanyEnums.Function;
import org.ffmas.crm.partner.CompanyEnums.Language;

/**
 * A person at a company. {@code phone} is E.164; {@code consentSource} and {@code consentAt}
 * prove where and when the person agreed to receive mail.
 */
public record Contact(long id, long companyId, Civility civility, String firstName, String lastName, String jobTitle,
                      Function function, String email, String phone, Language language, EmailStatus emailStatus,
                      String consentSource, Instant consentAt, boolean archived, long version, Instant createdAt, Instant updatedAt) {}
