package org.ffmas.crm.campaign;

import org.ffmas.crm.api.model.OutgoingMail;

/** Where messages go: an SMTP server, a plugin's mail service, or the outbox folder. */
interface MailChannel extends AutoCloseable {

    /** Sends one message; returns the server's reply. */
    String send(OutgoingMail mail) throws MailFailure;

    /** Lets go of connections kept open between messages. */
    @Override
    void close();
}
