package org.ffmas.crm.partner;

/** The closed lists of a company's and a contact's fields. */
public final class CompanyEnums {

    private CompanyEnums() {}

    public enum Status { PROSPECT, IN_DISCUSSION, PARTNER, FORMER_PARTNER, ARCHIVED }

    public enum Sector { PRIVATE, PUBLIC, ASSOCIATION, MEDICO_SOCIAL }

    /** INSEE's size categories: très petite, petite et moyenne, de taille intermédiaire, grande entreprise. */
    public enum SizeBracket { TPE, PME, ETI, GE }

    public enum Function { DIRECTION, HR, ASSISTANT, OFFICE_MANAGER, COMMUNICATION, OTHER }

    public enum EmailStatus { SUBSCRIBED, NOT_ASKED, UNSUBSCRIBED, BOUNCED }

    /** Monsieur, Madame; absent when unknown or not wished. */
    public enum Civility { M, MME }

    public enum Language { fr, en }

    public enum ActivityKind { NOTE, CALL, MEETING, EMAIL_IN, EMAIL_OUT, TASK, SYSTEM }
}
