package org.ffmas.crm.api.model;

/**
 * A person at a company, as plugins see it.
 *
 * @param emailStatus one of SUBSCRIBED, NOT_ASKED, UNSUBSCRIBED, BOUNCED
 * @param phone E.164, or null
 * @param version to send back when changing the contact
 */
public record ContactData(long id, long companyId, String firstName, String lastName, String email, String phone,
                          String function, String emailStatus, boolean archived, long version) {}
