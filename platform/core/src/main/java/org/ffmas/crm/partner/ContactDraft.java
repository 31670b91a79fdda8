package org.ffmas.crm.partner;

import java.time.Instant;
import java.util.Objects;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.partner.CompanyEnums.Civility;
import org.ffmas.crm.partner.CompanyEnums.EmailStatus;
import org.ffmas.crm.partner.CompanyEnums.Function;
import org.ffmas.crm.partner.CompanyEnums.Language;

/** A contact's editable fields while being created or changed (see {@link CompanyDraft}). */
final class ContactDraft {

    Civility civility;
    String firstName;
    String lastName;
    String jobTitle;
    Function function;
    String email;
    String phone;
    Language language = Language.fr;
    EmailStatus emailStatus = EmailStatus.NOT_ASKED;
    String consentSource;
    Instant consentAt;

    static ContactDraft of(Contact c) {
        ContactDraft d = new ContactDraft();
        d.civility = c.civility();
        d.firstName = c.firstName();
        d.lastName = c.lastName();
        d.jobTitle = c.jobTitle();
        d.function = c.function();
        d.email = c.email();
        d.phone = c.phone();
        d.language = c.language();
        d.emailStatus = c.emailStatus();
        d.consentSource = c.consentSource();
        d.consentAt = c.consentAt();
        return d;
    }

    /** Whether both drafts would store the same contact. */
    boolean sameAs(ContactDraft o) {
        return civility == o.civility && Objects.equals(firstName, o.firstName) && Objects.equals(lastName, o.lastName)
                && Objects.equals(jobTitle, o.jobTitle) && function == o.function && Objects.equals(email, o.email)
                && Objects.equals(phone, o.phone) && language == o.language && emailStatus == o.emailStatus
                && Objects.equals(consentSource, o.consentSource);
    }

    /** Sets every field {@code c} sends. */
    void apply(ContactFields c) {
        civility = c.civility().over(civility);
        firstName = c.firstName().over(firstName);
        lastName = c.lastName().over(lastName);
        jobTitle = c.jobTitle().over(jobTitle);
        function = c.function().over(function);
        email = c.email().over(email);
        phone = c.phone().over(phone);
        language = c.language().over(language);
        emailStatus = c.emailStatus().over(emailStatus);
        consentSource = c.consentSource().over(consentSource);
        consentAt = c.consentAt().over(consentAt);
    }

    /**
     * Checks and normalises; {@code country} is the company's, the default region of phone numbers.
     * A SUBSCRIBED contact must say where consent was given; when is now unless told.
     */
    void validate(Validation v, String country, Instant now) {
        firstName = v.optionalText("firstName", firstName, 100);
        lastName = v.text("lastName", lastName, 100);
        jobTitle = v.optionalText("jobTitle", jobTitle, 150);
        email = email == null || email.isBlank() ? null : v.email("email", email);
        if (phone != null && !phone.isBlank()) {
            String typed = phone;
            phone = PhoneNumbers.e164(typed, country).orElse(null);
            if (phone == null) {
                v.error("phone", "is not a valid phone number");
            }
        } else {
            phone = null;
        }
        if (language == null) {
            language = Language.fr;
        }
        if (emailStatus == null) {
            emailStatus = EmailStatus.NOT_ASKED;
        }
        consentSource = v.optionalText("consentSource", consentSource, 200);
        if (emailStatus == EmailStatus.SUBSCRIBED) {
            if (consentSource == null) {
                v.error("consentSource", "is required for a SUBSCRIBED contact: say where consent was given");
            }
            if (consentAt == null) {
                consentAt = now;
            }
        }
        if (consentAt != null && consentAt.isAfter(now.plusSeconds(60))) {
            v.error("consentAt", "must not be in the future");
        }
        if ((emailStatus == EmailStatus.SUBSCRIBED || emailStatus == EmailStatus.BOUNCED) && email == null && !v.has("email")) {
            v.error("email", "is required for a contact whose e-mail status is " + emailStatus);
        }
    }
}
