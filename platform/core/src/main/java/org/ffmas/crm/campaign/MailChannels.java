package org.ffmas.crm.campaign;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ffmas.crm.api.extension.MailTransport;
import org.ffmas.crm.api.model.OutgoingMail;
import org.ffmas.crm.config.PlatformSettings.MailSettings;
import org.ffmas.crm.extension.Extensions;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/** The ways out for campaign messages, as configured: a plugin's transport, SMTP connections, or the outbox folder. */
final class MailChannels {

    private final MailSettings settings;
    private final Path outbox;
    private final Extensions extensions;
    private final Optional<DkimSigner> dkim;

    MailChannels(MailSettings settings, Path outbox, Extensions extensions) {
        this.settings = settings;
        this.outbox = outbox;
        this.extensions = extensions;
        this.dkim = MimeMessages.signer(settings.sender().dkim());
    }

    /**
     * {@code n} ways out to send on at once: that many SMTP connections (each opened at its first
     * message); a plugin's transport or the outbox is used on one only.
     */
    List<MailChannel> open(int n) {
        if (settings.outgoing().transport().isBlank() && settings.outgoing().smtp().isPresent() && n > 1) {
            List<MailChannel> channels = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                // a signer of its own per connection: DkimSigner keeps its digest and signature state
                channels.add(new SmtpChannel(settings.outgoing().smtp().get(), i == 0 ? dkim : MimeMessages.signer(settings.sender().dkim()), settings.tlsTrust()));
            }
            return channels;
        }
        return List.of(open());
    }

    /** The configured way out: a plugin's transport by name, else SMTP, else the outbox folder. */
    MailChannel open() {
        if (!settings.outgoing().transport().isBlank()) {
            return extensions.of(MailTransport.class).stream().filter(e -> e.extension().name().equals(settings.outgoing().transport()))
                    .findFirst().<MailChannel>map(e -> new PluginChannel(e.extension(), e.context()))
                    .orElseGet(() -> new MailChannel() {
                        @Override
                        public String send(OutgoingMail mail) throws MailFailure {
                            throw MailFailure.unreachable("no started plugin provides the mail transport '" + settings.outgoing().transport() + "'", null);
                        }

                        @Override
                        public void close() {
                        }
                    });
        }
        return settings.outgoing().smtp().<MailChannel>map(server -> new SmtpChannel(server, dkim, settings.tlsTrust())).orElseGet(() -> new OutboxChannel(outbox, dkim));
    }
}
