package org.ffmas.crm.campaign;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.util.Map;
import org.ffmas.crm.api.model.OutgoingMail;

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
        message.setSentDate(new java.util.Date());
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
