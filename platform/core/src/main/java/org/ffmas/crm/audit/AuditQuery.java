package org.ffmas.crm.audit;

import java.time.Instant;

/** Filters of an audit search; null means "any". An action ending in {@code .*} matches a prefix. */
public record AuditQuery(String action, Long actorId, String targetType, String targetId, Instant from, Instant to) {}
