/**
 * Domain events: what plugins' {@code DomainEventListener}s and Camel routes react to. Each is
 * published once, after the transaction that made the change has committed.
 */
package org.ffmas.crm.api.event;
