package org.ffmas.crm.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import org.ffmas.crm.agreement.Lifecycle.Status;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void theMovesAreExactlyTheDocumentedOnes() {
        assertThat(Lifecycle.allowed(Status.DRAFT)).containsExactlyInAnyOrder(Status.SENT, Status.CANCELLED);
        assertThat(Lifecycle.allowed(Status.SENT)).containsExactlyInAnyOrder(Status.SIGNED, Status.CANCELLED, Status.DRAFT);
        assertThat(Lifecycle.allowed(Status.SIGNED)).containsExactlyInAnyOrder(Status.ACTIVE, Status.TERMINATED);
        assertThat(Lifecycle.allowed(Status.ACTIVE)).containsExactlyInAnyOrder(Status.EXPIRED, Status.TERMINATED, Status.RENEWED);
        assertThat(Lifecycle.allowed(Status.EXPIRED)).containsExactly(Status.RENEWED);
        assertThat(Lifecycle.allowed(Status.RENEWED)).isEmpty();
        assertThat(Lifecycle.allowed(Status.TERMINATED)).isEmpty();
        assertThat(Lifecycle.allowed(Status.CANCELLED)).isEmpty();
    }

    @Test
    void termsAreEditableUntilSigned() {
        assertThat(Lifecycle.termsEditable(Status.DRAFT)).isTrue();
        assertThat(Lifecycle.termsEditable(Status.SENT)).isTrue();
        for (Status s : new Status[] {Status.SIGNED, Status.ACTIVE, Status.EXPIRED, Status.RENEWED, Status.TERMINATED, Status.CANCELLED}) {
            assertThat(Lifecycle.termsEditable(s)).as(s.name()).isFalse();
        }
    }
}
