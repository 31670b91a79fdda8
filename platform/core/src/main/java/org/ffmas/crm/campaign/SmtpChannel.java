package org.ffmas.crm.campaign;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.ffmas.crm.api.model.OutgoingMail;
import org.ffmas.crm.config.PlatformSettings.MailServer;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/** An SMTP server, through one connection kept open from message to message (reopened when lost). */
final class SmtpChannel implements MailChannel {

    private final MailServer server;
    private final Session session;
    private final Optional<DkimSigner> dkim;
    private Transport transport;

    SmtpChannel(MailServer server, Optional<DkimSigner> dkim,
                List<X509Certificate> trust) {
        this.server = server;
        this.dkim = dkim;
        Properties p = new Properties();
        p.put("mail.smtp.host", server.host());
        p.put("mail.smtp.port", String.valueOf(server.port()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "30000");
        // no mail.smtp.writetimeout: Angus Mail then schedules a timer task for every write, which
        // halved the throughput; a message is a few kilobytes, and the read timeout catches a hung server
        p.put("mail.smtp.auth", String.valueOf(!server.user().isBlank()));
        MailTls.configure(p, "smtp", server.tls(), trust);
        this.session = Session.getInstance(p);
    }

    Session session() {
        return session;
    }

    @Override
    public String send(OutgoingMail mail) throws MailFailure {
        MimeMessage message;
        try {
            message = MimeMessages.of(mail, session, dkim);
        } catch (MessagingException | IllegalArgumentException e) {
            throw new MailFailure("the message could not be built: " + e.getMessage(), true, false, e);
        }
        for (int attempt = 1; ; attempt++) {
            boolean connecting = false;
            try {
                if (transport == null) {
                    connecting = true;
                    transport = session.getTransport("smtp");
                    transport.connect(server.host(), server.port(), server.user().isBlank() ? null : server.user(),
                            server.user().isBlank() ? null : server.password());
                    connecting = false;
                }
                transport.sendMessage(message, message.getAllRecipients());
                return ((SMTPTransport) transport).getLastServerResponse();
            } catch (MessagingException | IllegalStateException e) {
                int code = returnCode(e);
                if (code >= 500) {
                    throw new MailFailure(reply(e), true, false, e);
                }
                if (code >= 400) {
                    if (code == 421) {
                        close(); // the server closes this connection: the next message opens another
                    }
                    throw new MailFailure(reply(e), false, code == 421, e);
                }
                // no SMTP answer: the connection was lost (or never made); a kept connection may have timed out
                close();
                if (attempt >= 2) {
                    String reply = "the mail server " + server.host() + ":" + server.port() + " cannot be reached: " + e.getMessage();
                    // refused before the message was handed over: it was not tried; lost during it: it was
                    throw connecting ? MailFailure.unreachable(reply, e) : new MailFailure(reply, false, true, e);
                }
            }
        }
    }

    private static int returnCode(Exception e) {
        Exception x = e;
        while (x != null) {
            if (x instanceof SMTPSendFailedException f) {
                return f.getReturnCode();
            }
            if (x instanceof SMTPAddressFailedException f) {
                return f.getReturnCode();
            }
            if (x instanceof SMTPSenderFailedException f) {
                return f.getReturnCode();
            }
            x = x instanceof MessagingException m ? m.getNextException() : null;
        }
        return -1;
    }

    /** The server's own words: a refused recipient's reply is nested under Jakarta Mail's "Invalid Addresses". */
    private static String reply(Exception e) {
        Exception x = e;
        while (x != null) {
            if (x instanceof SMTPAddressFailedException || x instanceof SMTPSendFailedException || x instanceof SMTPSenderFailedException) {
                String m = x.getMessage();
                return m == null ? x.getClass().getSimpleName() : m.strip();
            }
            x = x instanceof MessagingException m ? m.getNextException() : null;
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.strip();
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException ignored) {
                // the connection is gone either way
            }
            transport = null;
        }
    }
}
