package org.ffmas.crm.campaign;

/** A contact a segment reaches, with what templates may say about them. */
public record Recipient(long contactId, long companyId, String email, String civility, String firstName, String lastName, String jobTitle,
                        String companyName, String companyCity) {}
