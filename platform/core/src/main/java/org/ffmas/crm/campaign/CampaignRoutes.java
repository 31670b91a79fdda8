package org.ffmas.crm.campaign;

import org.apache.camel.builder.RouteBuilder;

/**
 * The campaigns' routes: the dispatcher's turn every half second or so (woken at once when a
 * campaign is sent or resumed), and the mailbox read every
 * {@code imap.poll.seconds} when one is configured.
 */
public final class CampaignRoutes extends RouteBuilder {

    private final CampaignDispatcher dispatcher;
    private final InboxReader inbox;
    private final int imapPollSeconds;

    /** {@code inbox} null: no mailbox is configured. */
    CampaignRoutes(CampaignDispatcher dispatcher, InboxReader inbox, int imapPollSeconds) {
        this.dispatcher = dispatcher;
        this.inbox = inbox;
        this.imapPollSeconds = imapPollSeconds;
    }

    /** Lets the dispatcher finish the message in hand and record its batch. */
    public void stop() {
        dispatcher.stop();
    }

    @Override
    public void configure() {
        // each turn also waits a quarter of a second for a campaign to be sent: it then starts at once
        from("timer:campaign-dispatch?delay=1000&period=250").routeId("campaign-dispatch")
                .process(exchange -> dispatcher.tick());
        if (inbox != null) {
            from("timer:campaign-mailbox?delay=2000&period=" + imapPollSeconds * 1000L).routeId("campaign-mailbox")
                    .process(exchange -> inbox.poll());
        }
    }
}
