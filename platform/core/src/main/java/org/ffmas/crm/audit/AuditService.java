package org.ffmas.crm.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.Page;

/**
 * The audit log every feature writes to: who changed what, when, from where. Call it in the
 * same transaction as the change it records when there is one.
 */
public final class AuditService {

    private final AuditRepository repository;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public AuditService(AuditRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Records one action of {@code actor} (from its address) on one target. */
    public void record(Actor actor, String action, String targetType, Object targetId, Map<String, ?> details) {
        String detailsJson;
        try {
            detailsJson = details == null || details.isEmpty() ? null : json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details must be JSON-serialisable", e);
        }
        String name = actor.name() == null ? null : actor.name().substring(0, Math.min(100, actor.name().length()));
        repository.insert(new AuditEntry(0, clock.instant(), actor.userIdOrNull(), name, action, targetType,
                targetId == null ? null : String.valueOf(targetId), actor.address(), detailsJson));
    }

    /** The same action on several targets at once (an import's chunk): target id → its details. */
    public void recordAll(Actor actor, String action, String targetType, Map<?, ? extends Map<String, ?>> detailsByTarget) {
        Instant now = clock.instant();
        String name = actor.name() == null ? null : actor.name().substring(0, Math.min(100, actor.name().length()));
        List<AuditEntry> entries = new ArrayList<>(detailsByTarget.size());
        for (Map.Entry<?, ? extends Map<String, ?>> e : detailsByTarget.entrySet()) {
            try {
                entries.add(new AuditEntry(0, now, actor.userIdOrNull(), name, action, targetType, String.valueOf(e.getKey()), actor.address(),
                        e.getValue() == null || e.getValue().isEmpty() ? null : json.writeValueAsString(e.getValue())));
            } catch (JsonProcessingException x) {
                throw new IllegalArgumentException("audit details must be JSON-serialisable", x);
            }
        }
        repository.insertAll(entries);
    }

    public Page<AuditEntry> search(AuditQuery query, int page, int size) {
        return repository.search(query, page, size);
    }
}
