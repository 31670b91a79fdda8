package org.ffmas.crm.plugins.webhooks;

import java.time.Instant;

/**
 * One event for one URL. Kept as a dead letter when every attempt failed.
 *
 * @param id also sent as {@code X-CRM-Delivery}, so that a receiver can ignore a duplicate
 */
public record Delivery(String id, String url, String eventType, String body, Instant createdAt, int attempts, String lastError,
                       Instant failedAt) {}
