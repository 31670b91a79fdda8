package org.ffmas.crm.api.extension;

import org.ffmas.crm.api.PluginContext;
import org.ffmas.crm.api.model.OutgoingMail;
import org.pf4j.ExtensionPoint;

/** Another way to deliver mail (an e-mail service's HTTP API), used instead of SMTP when configured. */
public interface MailTransport extends ExtensionPoint {

    /** The name to configure it by. */
    String name();

    /** Delivers one message; throws when the service refused it or could not be reached. */
    void send(OutgoingMail mail, PluginContext context) throws Exception;
}
