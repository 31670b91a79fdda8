package org.ffmas.crm.audit;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.web.Paging;

/** {@code GET /api/audit}: the audit log, newest first, for admins. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @Allowed(Role.ADMIN)
    public Page<AuditEntry> search(@QueryParam("action") String action, @QueryParam("actorId") String actorId,
                                   @QueryParam("targetType") String targetType, @QueryParam("targetId") String targetId,
                                   @QueryParam("entityType") String entityType, @QueryParam("entityId") String entityId,
                                   @QueryParam("from") String from, @QueryParam("to") String to,
                                   @QueryParam("page") @DefaultValue("1") String page, @QueryParam("size") @DefaultValue("50") String size) {
        Validation v = new Validation();
        Long actor = null;
        if (actorId != null) {
            try {
                actor = Long.parseLong(actorId);
            } catch (NumberFormatException e) {
                v.error("actorId", "must be a user id");
            }
        }
        Instant fromAt = v.instant("from", from);
        Instant toAt = v.instant("to", to);
        v.throwIfAny();
        Paging p = Paging.of(page, size);
        // entityType/entityId are the names the companies API documents for targetType/targetId
        return audit.search(new AuditQuery(action, actor, targetType != null ? targetType : entityType,
                targetId != null ? targetId : entityId, fromAt, toAt), p.page(), p.size());
    }
}
