package org.ffmas.crm.campaign;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.ffmas.crm.api.model.OutgoingMail;
import org.ffmas.crm.config.PlatformSettings.Dkim;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimException;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/** Turns an {@link OutgoingMail} into a MIME message: multipart/alternative, UTF-8, its headers and Message-ID. */
final class MimeMessages {

    static {
        // Jakarta Mail 2.1 finds its StreamProvider with a ServiceLoader scan at every header and
        // part it encodes (jakartaee/mail-api#861); naming the provider makes it a class lookup
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private MimeMessages() {
    }

    /** The message, signed with DKIM when a key is configured. */
    static MimeMessage of(OutgoingMail mail, Session session, Optional<DkimSigner> dkim)
            throws MessagingException {
        MimeMessage message = of(mail, session);
        return dkim.isPresent() ? new DkimMessage(message, dkim.get()) : message;
    }

    /** A signer for these settings: relaxed canonicalisation of headers and body, as large providers expect. */
    static Optional<DkimSigner> signer(Optional<Dkim> dkim) {
        return dkim.map(d -> {
            try {
                DkimSigner signer = new DkimSigner(d.domain(), d.selector(), d.key());
                signer.setHeaderCanonicalization(Canonicalization.RELAXED);
                signer.setBodyCanonicalization(Canonicalization.RELAXED);
                // not a DNS lookup per message: publishing the public key is the operator's part
                signer.setCheckDomainKey(false);
                for (String header : new String[] {"List-Unsubscribe", "List-Unsubscribe-Post"}) {
                    signer.addHeaderToSign(header);
                }
                return signer;
            } catch (DkimException e) {
                throw new IllegalStateException("the DKIM key cannot sign: " + e.getMessage(), e);
            }
        });
    }

    static MimeMessage of(OutgoingMail mail, Session session) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", mail.messageId());
            }
        };
        try {
            message.setFrom(new InternetAddress(mail.fromAddress(), mail.fromName(), "UTF-8"));
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        if (mail.replyTo() != null) {
            message.setReplyTo(new InternetAddress[] {new InternetAddress(mail.replyTo(), true)});
        }
        message.setSubject(mail.subject(), "UTF-8");
        message.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        for (Map.Entry<String, String> h : mail.headers().entrySet()) {
            message.setHeader(h.getKey(), h.getValue());
        }
        message.saveChanges();
        return message;
    }
}
