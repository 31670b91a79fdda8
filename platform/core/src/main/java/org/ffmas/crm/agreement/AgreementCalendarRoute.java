package org.ffmas.crm.agreement;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Activates and expires agreements on their dates, on a timer, with no one looking; also
 * reachable at {@code direct:agreements-calendar} to run it at once.
 */
public final class AgreementCalendarRoute extends RouteBuilder {

    static final String NOW = "direct:agreements-calendar";

    private final AgreementService service;
    private final int periodSeconds;

    public AgreementCalendarRoute(AgreementService service, int periodSeconds) {
        this.service = service;
        this.periodSeconds = periodSeconds;
    }

    @Override
    public void configure() {
        from("timer:agreements-calendar?delay=1000&period=" + periodSeconds * 1000L).routeId("agreements-calendar-timer")
                .to(NOW);
        from(NOW).routeId("agreements-calendar")
                .process(exchange -> exchange.getIn().setBody(service.applyCalendar()))
                .log(LoggingLevel.DEBUG, "agreements calendar: ${body} move(s)");
    }
}
