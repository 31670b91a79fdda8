package org.ffmas.crm.partner;

import java.time.Instant;
import org.ffmas.crm.partner.CompanyEnums.ActivityKind;

/**
 * An entry of a company's timeline: something staff noted, or (kind SYSTEM) something the
 * platform did, named by {@code systemEvent} such as {@code company.created}.
 */
public record Activity(long id, long companyId, Long contactId, ActivityKind kind, String systemEvent, String text,
                       Instant dueAt, Instant doneAt, Long authorId, Instant createdAt) {}
