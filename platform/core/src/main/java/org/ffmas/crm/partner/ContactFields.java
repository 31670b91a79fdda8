package org.ffmas.crm.partner;

import java.time.Instant;
import java.util.Set;
import org.ffmas.crm.common.BodyReader;
import org.ffmas.crm.common.Patch;
import org.ffmas.crm.common.Enums;
import org.ffmas.crm.common.JsonFields;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.partner.CompanyEnums.Civility;
import org.ffmas.crm.partner.CompanyEnums.EmailStatus;
import org.ffmas.crm.partner.CompanyEnums.Function;
import org.ffmas.crm.partner.CompanyEnums.Language;

/** A contact's editable fields as a create or a change sends them: each absent or sent (see {@link Patch}). */
public record ContactFields(Patch<Civility> civility, Patch<String> firstName, Patch<String> lastName, Patch<String> jobTitle,
                            Patch<Function> function, Patch<String> email, Patch<String> phone, Patch<Language> language,
                            Patch<EmailStatus> emailStatus, Patch<String> consentSource, Patch<Instant> consentAt) {

    /** The JSON names a create or a change may send. */
    static final Set<String> NAMES = Set.of("civility", "firstName", "lastName", "jobTitle", "function", "email", "phone",
            "language", "emailStatus", "consentSource", "consentAt");
    /** The JSON names the API shows but refuses in a create or a change. */
    static final Set<String> READ_ONLY = Set.of("id", "companyId", "archived", "createdAt", "updatedAt");

    /** Nothing sent. */
    static final ContactFields NONE = new ContactFields(Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(),
            Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent());

    /** Reads a create's or a change's body into these fields. */
    static final BodyReader<ContactFields> BODY = new BodyReader<>(NAMES, READ_ONLY, NONE, ContactFields::read);

    /** Reads the fields of {@code f}; a field of the wrong type is sent as null, its error in {@code v}. */
    static ContactFields read(JsonFields f, Validation v) {
        Patch<Civility> civility = choice(f, v, "civility", Civility.class);
        Patch<String> firstName = text(f, "firstName");
        Patch<String> lastName = text(f, "lastName");
        Patch<String> jobTitle = text(f, "jobTitle");
        Patch<Function> function = choice(f, v, "function", Function.class);
        Patch<String> email = text(f, "email");
        Patch<String> phone = text(f, "phone");
        Patch<Language> language = choice(f, v, "language", Language.class);
        Patch<EmailStatus> emailStatus = choice(f, v, "emailStatus", EmailStatus.class);
        Patch<String> consentSource = text(f, "consentSource");
        Patch<Instant> consentAt = f.has("consentAt") ? Patch.of(v.instant("consentAt", f.text("consentAt"))) : Patch.absent();
        return new ContactFields(civility, firstName, lastName, jobTitle, function, email, phone, language, emailStatus,
                consentSource, consentAt);
    }

    private static Patch<String> text(JsonFields f, String field) {
        return f.has(field) ? Patch.of(f.text(field)) : Patch.absent();
    }

    private static <E extends Enum<E>> Patch<E> choice(JsonFields f, Validation v, String field, Class<E> type) {
        return f.has(field) ? Patch.of(Enums.parse(v, field, f.text(field), type)) : Patch.absent();
    }
}
