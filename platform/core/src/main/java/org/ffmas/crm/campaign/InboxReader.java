package org.ffmas.crm.campaign;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ffmas.crm.config.PlatformSettings.MailServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the campaigns' mailbox (IMAP): delivery status notifications (RFC 3464) mark bounces,
 * "unsubscribe-&lt;token&gt;" mails (the List-Unsubscribe mailto) unsubscribe, other mails from
 * contacts go on their company's timeline. Each message is flagged \Seen once processed and its
 * id recorded, so none is processed twice.
 */
final class InboxReader {

    private static final Logger log = LoggerFactory.getLogger(InboxReader.class);
    /** A delivery's Message-ID, its bounce tag optional here so that reports without it (forged, or older mail) are seen and set aside. */
    private static final Pattern DELIVERY = Pattern.compile("campaign\\.(\\d{1,18})\\.delivery\\.(\\d{1,18})(?:\\.([a-z2-7]{"
            + BounceTags.LENGTH + "}))?@", Pattern.CASE_INSENSITIVE);
    private static final Pattern RECIPIENT = Pattern.compile("(?im)^(?:Final|Original)-Recipient:\\s*rfc822\\s*;\\s*<?([^\\s<>]+)>?");
    private static final Pattern STATUS = Pattern.compile("(?im)^Status:\\s*([245])\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern ACTION = Pattern.compile("(?im)^Action:\\s*(\\w+)");
    private static final Pattern DIAGNOSTIC = Pattern.compile("(?im)^Diagnostic-Code:\\s*(.+)$");
    private static final Pattern UNSUBSCRIBE = Pattern.compile("unsubscribe-(\\d{1,18}\\.[A-Za-z0-9_-]{20,60})");
    private static final int MAX_READ = 2_000_000;
    /** Polls a message that fails (the database away, say) is tried in before it is set aside as ERROR. */
    private static final int TRIES = 3;

    private final RecipientActions actions;
    private final MailboxRepository mailbox;
    private final Clock clock;
    private final MailServer server;
    private final String folderName;
    private final List<X509Certificate> trust;
    /** Failed tries per message not yet processed, by message key. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    InboxReader(RecipientActions actions, MailboxRepository mailbox, Clock clock, MailServer server, String folderName,
                List<X509Certificate> trust) {
        this.actions = actions;
        this.mailbox = mailbox;
        this.clock = clock;
        this.server = server;
        this.folderName = folderName;
        this.trust = trust;
    }

    /** Processes the unseen messages; returns how many. */
    int poll() throws MessagingException {
        Properties p = new Properties();
        String protocol = server.tls().equals("tls") ? "imaps" : "imap";
        p.put("mail." + protocol + ".connectiontimeout", "10000");
        p.put("mail." + protocol + ".timeout", "30000");
        MailTls.configure(p, protocol, server.tls(), trust);
        Store store = Session.getInstance(p).getStore(protocol);
        store.connect(server.host(), server.port(), server.user(), server.password());
        int processed = 0;
        try {
            Folder folder = store.getFolder(folderName);
            folder.open(Folder.READ_WRITE);
            try {
                for (Message m : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    String key = key(folder, m);
                    if (!mailbox.inboundSeen(key)) {
                        String outcome = process(m, key);
                        if (outcome.equals("ERROR") && failures.merge(key, 1, Integer::sum) < TRIES) {
                            m.setFlag(Flags.Flag.SEEN, false); // reading it marked it seen: unseen again, the next poll tries it
                            continue;
                        }
                        failures.remove(key);
                        mailbox.inbound(key, outcome, null, clock.instant());
                        processed++;
                    }
                    m.setFlag(Flags.Flag.SEEN, true);
                }
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
        if (processed > 0) {
            log.info("{} inbound message(s) processed from the mailbox", processed);
        }
        return processed;
    }

    private static String key(Folder folder, Message m) throws MessagingException {
        String[] ids = m.getHeader("Message-ID");
        if (ids != null && ids.length > 0 && !ids[0].isBlank()) {
            return ids[0].strip();
        }
        if (folder instanceof UIDFolder uids) {
            return "uid:" + uids.getUIDValidity() + ":" + uids.getUID(m);
        }
        return "received:" + m.getReceivedDate() + ":" + m.getSubject();
    }

    private String process(Message m, String key) {
        try {
            if (m.isMimeType("multipart/report")) {
                return bounce(m, key);
            }
            String subject = Optional.ofNullable(m.getSubject()).orElse("");
            Matcher u = UNSUBSCRIBE.matcher(subject);
            if (u.find()) {
                OptionalLong delivery = actions.verify(u.group(1));
                if (delivery.isPresent() && delivery.getAsLong() > 0) {
                    actions.unsubscribe(delivery.getAsLong(), "mail");
                    return "UNSUBSCRIBE";
                }
                return "UNSUBSCRIBE_INVALID";
            }
            return actions.reply(from(m), subject) ? "REPLY" : "IGNORED";
        } catch (MessagingException | IOException | RuntimeException e) {
            log.warn("an inbound message could not be processed: {}", e.getMessage());
            return "ERROR";
        }
    }

    private static String from(Message m) throws MessagingException {
        return m.getFrom() != null && m.getFrom().length > 0 && m.getFrom()[0] instanceof InternetAddress a ? a.getAddress() : null;
    }

    private String bounce(Message m, String key) throws MessagingException, IOException {
        String status = "";
        StringBuilder original = new StringBuilder();
        if (m.getContent() instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                Part part = parts.getBodyPart(i);
                if (part.isMimeType("message/delivery-status")) {
                    status = read(part.getInputStream());
                } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
                    original.append(read(part.getInputStream()));
                }
            }
        }
        Matcher delivery = DELIVERY.matcher(original.length() > 0 ? original : status);
        if (!delivery.find()) {
            return "BOUNCE_UNMATCHED";
        }
        long campaignId = Long.parseLong(delivery.group(1));
        long deliveryId = Long.parseLong(delivery.group(2));
        // anyone can write to the mailbox: a report counts only if it names the address the delivery went to
        List<String> recipients = new ArrayList<>();
        for (Matcher r = RECIPIENT.matcher(status); r.find(); ) {
            recipients.add(r.group(1));
        }
        Matcher s = STATUS.matcher(status);
        Matcher a = ACTION.matcher(status);
        String action = a.find() ? a.group(1).toLowerCase(Locale.ROOT) : "";
        if (!s.find()) {
            return "BOUNCE_WITHOUT_STATUS";
        }
        String code = s.group(1) + "." + s.group(2) + "." + s.group(3);
        Matcher d = DIAGNOSTIC.matcher(status);
        String reason = code + (d.find() ? " " + d.group(1).strip() : "");
        RecipientActions.BounceReport report = new RecipientActions.BounceReport(key, from(m), campaignId, deliveryId, delivery.group(3),
                recipients, reason);
        if (action.equals("failed") && s.group(1).equals("5")) {
            return outcome(actions.bounce(report, true), "HARD_BOUNCE");
        }
        if (s.group(1).equals("4") || action.equals("delayed") || action.equals("failed")) {
            return outcome(actions.bounce(report, false), "SOFT_BOUNCE");
        }
        return "DSN_" + action.toUpperCase(Locale.ROOT);
    }

    private static String outcome(RecipientActions.BounceOutcome outcome, String counted) {
        return switch (outcome) {
            case COUNTED -> counted;
            case MISMATCH -> "BOUNCE_MISMATCH";
            case UNVERIFIED -> "BOUNCE_UNVERIFIED";
        };
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0 && out.size() < MAX_READ) {
                out.write(buf, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
