package org.ffmas.crm.campaign;

import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.extension.MailTransport;
import org.ffmas.crm.api.model.OutgoingMail;

/** A plugin's mail service: refused messages ({@link IllegalArgumentException}) fail, other errors are retried. */
final class PluginChannel implements MailChannel {

    private final MailTransport transport;
    private final PluginContext context;

    PluginChannel(MailTransport transport, PluginContext context) {
        this.transport = transport;
        this.context = context;
    }

    @Override
    public String send(OutgoingMail mail) throws MailFailure {
        try {
            transport.send(mail, context);
            return "accepted by " + transport.name();
        } catch (IllegalArgumentException refused) {
            throw new MailFailure(transport.name() + " refused the message: " + refused.getMessage(), true, false, refused);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailFailure("interrupted", false, true, e);
        } catch (Exception e) {
            throw new MailFailure(transport.name() + " failed: " + e.getMessage(), false, true, e);
        }
    }

    @Override
    public void close() {
        // the plugin manages its own connections
    }
}
