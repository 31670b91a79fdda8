package org.ffmas.crm.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.ffmas.crm.agreement.Lifecycle.Status;

/**
 * A sponsorship or partnership agreement as the API shows it. Money is in cents;
 * {@code allowedTransitions} says which moves its status may make now.
 */
public record Agreement(long id, long companyId, Kind kind, String tier, String title, long amountCents, String currency,
                        LocalDate startDate, LocalDate endDate, boolean autoRenew, Long signatoryContactId, Long ownerId, String notes,
                        Status status, LocalDate signedOn, String endReason, Long renewalOfId, List<Counterpart> counterparts,
                        List<Instalment> instalments, Set<Status> allowedTransitions, long version, Instant createdAt, Instant updatedAt) {

    /** Mécénat financier, en nature, de compétences (tax-deductible sponsorship), or a commercial partnership. */
    public enum Kind {
        MECENAT_FINANCIER, MECENAT_NATURE, MECENAT_COMPETENCES, PARTENARIAT;

        public boolean isMecenat() {
            return this != PARTENARIAT;
        }
    }

    /** What the federation gives in return (contrepartie). */
    public record Counterpart(long id, String label, long valueCents, LocalDate dueDate, LocalDate deliveredAt) {}

    /** One payment of the schedule (échéancier). */
    public record Instalment(long id, LocalDate dueDate, long amountCents, LocalDate paidAt, String reference) {}
}
