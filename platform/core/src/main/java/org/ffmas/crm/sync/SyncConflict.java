package org.ffmas.crm.sync;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A company both sides changed since the last sync, with different values: left for staff to
 * decide, neither side overwritten meanwhile.
 *
 * @param contactId set when the conflict is about one of the company's contacts
 * @param local the company's (or contact's) fields here when the conflict was found
 * @param remote the record's fields there
 * @param remoteHash the fingerprint of the record there, to recognise it once resolved
 * @param resolution LOCAL or REMOTE once resolved
 */
public record SyncConflict(long id, String connector, long companyId, Long contactId, String externalId, JsonNode local, JsonNode remote,
                           @JsonIgnore String remoteHash,
                           Instant detectedAt, Instant resolvedAt, String resolution, String resolvedBy) {}
