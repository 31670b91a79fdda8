package org.ffmas.crm.audit;

import java.time.Instant;

/**
 * One line of the audit log: who ({@code actorId}, {@code actorName} as it was then), did what
 * ({@code action}, e.g. {@code auth.login.failure}), to what ({@code targetType}/{@code targetId}),
 * when, from which address, with details as a JSON object.
 */
public record AuditEntry(long id, Instant at, Long actorId, String actorName, String action, String targetType,
                         String targetId, String address, String details) {}
