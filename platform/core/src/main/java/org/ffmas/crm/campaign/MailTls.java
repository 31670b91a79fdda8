package org.ffmas.crm.campaign;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a mail connection (SMTP or IMAP) is secured: {@code none}, {@code starttls} (required, not
 * attempted) or {@code tls}; the server's name always checked against its certificate, and the
 * certificate checked against the configured ones when given, else against the JVM's authorities.
 */
final class MailTls {

    private MailTls() {}

    /** Sets {@code p} for {@code protocol} ("smtp", "imap" or "imaps") secured as {@code tls} says. */
    static void configure(Properties p, String protocol, String tls, List<X509Certificate> trust) {
        if (tls.equals("starttls")) {
            p.put("mail." + protocol + ".starttls.enable", "true");
            p.put("mail." + protocol + ".starttls.required", "true");
        } else if (tls.equals("tls") && protocol.equals("smtp")) {
            p.put("mail.smtp.ssl.enable", "true");
        }
        if (tls.equals("none")) {
            return;
        }
        p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        if (!trust.isEmpty()) {
            // used for implicit TLS and for the STARTTLS upgrade alike
            p.put("mail." + protocol + ".ssl.socketFactory", socketFactory(trust));
        }
    }

    private static SSLSocketFactory socketFactory(List<X509Certificate> trust) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < trust.size(); i++) {
                store.setCertificateEntry("trusted-" + i, trust.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the trusted mail certificates cannot be used: " + e.getMessage(), e);
        }
    }
}
