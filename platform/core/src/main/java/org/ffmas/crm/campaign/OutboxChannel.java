package org.ffmas.crm.campaign;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.ffmas.crm.api.model.OutgoingMail;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/** No mail server configured: each message is written to {@code <data>/outbox/} as an .eml file to open. */
final class OutboxChannel implements MailChannel {

    private final Path outbox;
    private final Session session = Session.getInstance(new Properties());
    private final Optional<DkimSigner> dkim;

    OutboxChannel(Path outbox, Optional<DkimSigner> dkim) {
        this.outbox = outbox;
        this.dkim = dkim;
    }

    @Override
    public String send(OutgoingMail mail) throws MailFailure {
        String name = mail.messageId().replaceAll("[^A-Za-z0-9.@-]", "") + ".eml";
        try {
            Files.createDirectories(outbox);
            Path tmp = Files.createTempFile(outbox, ".writing", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                MimeMessages.of(mail, session, dkim).writeTo(out);
            }
            Files.move(tmp, outbox.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return "written to outbox/" + name;
        } catch (MessagingException e) {
            throw new MailFailure("the message could not be built: " + e.getMessage(), true, false, e);
        } catch (IOException e) {
            throw MailFailure.unreachable("the outbox cannot be written: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // nothing kept open
    }
}
