package org.ffmas.crm.agreement;

import java.time.Clock;
import java.time.LocalDate;
import org.ffmas.crm.common.NotFoundException;

/** An agreement by id (404 when there is none) and today's date in the federation's zone: what every part of the agreements service reads. */
final class AgreementLookup {

    private final AgreementRepository agreements;
    private final Clock clock;

    AgreementLookup(AgreementRepository agreements, Clock clock) {
        this.agreements = agreements;
        this.clock = clock;
    }

    Agreement get(long id) {
        return agreements.find(id).orElseThrow(() -> new NotFoundException("No agreement with id " + id + "."));
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(AgreementService.ZONE));
    }
}
