package org.ffmas.crm.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.TooManyRequestsException;
import org.ffmas.crm.partner.CompanyEnums.EmailStatus;
import org.ffmas.crm.partner.ContactService;
import org.ffmas.crm.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of test messages, which go to any address typed in: never to an address that
 * bounced or unsubscribed, at most {@code mail.testSendsPerHour} per staff user and clock hour
 * (counted in the database, so that every node counts alike), each one in the audit log.
 */
final class TestSends {

    private static final Logger log = LoggerFactory.getLogger(TestSends.class);

    private final Database database;
    private final TestSendRepository counts;
    private final MailboxRepository mailbox;
    private final ContactService contacts;
    private final AuditService audit;
    private final Clock clock;
    private final int perHour;

    TestSends(Database database, TestSendRepository counts, MailboxRepository mailbox, ContactService contacts, AuditService audit, Clock clock,
              int perHour) {
        this.database = database;
        this.counts = counts;
        this.mailbox = mailbox;
        this.contacts = contacts;
        this.audit = audit;
        this.clock = clock;
        this.perHour = perHour;
    }

    /** Takes one test send of {@code by}'s hour for {@code address}; 400 naming {@code to} for a suppressed address, 429 past the limit. */
    void take(Actor by, long campaignId, String address) {
        boolean optedOut = contacts.findByEmail(address)
                .map(c -> c.emailStatus() == EmailStatus.UNSUBSCRIBED || c.emailStatus() == EmailStatus.BOUNCED).orElse(false);
        if (optedOut || mailbox.suppressed(address)) {
            throw new InvalidInputException("to", "is an address that bounced or unsubscribed: no message may be sent to it, not even a test");
        }
        Instant now = clock.instant();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        database.inTransaction(() -> {
            if (counts.countOne(by.userId(), hour) > perHour) {
                log.warn("test message of campaign {} refused to user {}: {} sent this hour already", campaignId, by.userId(), perHour);
                // thrown inside the transaction: the refused one is not counted
                throw new TooManyRequestsException("At most " + perHour + " test messages may be sent per hour (mail.testSendsPerHour): "
                        + "try again after " + hour.plus(Duration.ofHours(1)) + ".", Duration.between(now, hour.plus(Duration.ofHours(1))));
            }
            return null;
        });
    }

    /** Records a test send in the audit log, sent or not. */
    void audited(Actor by, long campaignId, String address, Long contactId, boolean sent) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("to", address);
        if (contactId != null) {
            details.put("contactId", contactId);
        }
        details.put("sent", sent);
        audit.record(by, "campaign.test_sent", "campaign", campaignId, details);
    }
}
