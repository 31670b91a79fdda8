package org.ffmas.crm.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Arrays;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/** The campaigns' mail server in tests (GreenMail: SMTP in, the contact@ffmas.org mailbox over IMAP) and what arrives there. */
final class MailboxKit {

    static final String MAILBOX = "contact@ffmas.org";

    private MailboxKit() {
    }

    /** Waits up to 30 s for {@code condition}, failing with {@code what}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as(what + " within 30 s").isTrue();
    }

    /** A GreenMail with SMTP and IMAP on these ports (0: free ones) and the mailbox {@link #MAILBOX}. */
    static GreenMail start(int smtpPort, int imapPort, String password) {
        GreenMail g = new GreenMail(new ServerSetup[] {new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        g.start();
        g.setUser(MAILBOX, MAILBOX, password);
        return g;
    }

    /** The first message the server received for {@code to}. */
    static MimeMessage received(GreenMail mail, String to) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(to);
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no message to " + to));
    }

    /** Mails {@code m} to the mailbox through the server's SMTP port, as anyone on the internet can. */
    static void sendToMailbox(int smtpPort, MimeMessage m) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(smtpPort));
        Transport t = Session.getInstance(p).getTransport("smtp");
        t.connect();
        try {
            t.sendMessage(m, new InternetAddress[] {new InternetAddress(MAILBOX)});
        } finally {
            t.close();
        }
    }

    /** A delivery status notification as a receiving server sends it back: human part, status part, the original's headers. */
    static MimeMessage deliveryReport(Session session, String messageId, String recipient, String action, String code,
                                      String diagnostic) throws Exception {
        MimeMessage dsn = new MimeMessage(session);
        dsn.setFrom(new InternetAddress("MAILER-DAEMON@mx.example.test"));
        dsn.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(MAILBOX));
        dsn.setSubject("Undelivered Mail Returned to Sender");
        MimeMultipart report = new MimeMultipart("report; report-type=delivery-status");
        MimeBodyPart human = new MimeBodyPart();
        human.setText("Your message could not be delivered.", "UTF-8");
        MimeBodyPart status = new MimeBodyPart();
        status.setContent("Reporting-MTA: dns; mx.example.test\r\n\r\nFinal-Recipient: rfc822; " + recipient + "\r\n"
                + "Action: " + action + "\r\nStatus: " + code + "\r\n" + (diagnostic == null ? "" : "Diagnostic-Code: " + diagnostic + "\r\n"),
                "message/delivery-status");
        MimeBodyPart headers = new MimeBodyPart();
        headers.setContent("Message-ID: " + messageId + "\r\n", "text/rfc822-headers");
        report.addBodyPart(human);
        report.addBodyPart(status);
        report.addBodyPart(headers);
        dsn.setContent(report);
        dsn.saveChanges();
        return dsn;
    }
}
