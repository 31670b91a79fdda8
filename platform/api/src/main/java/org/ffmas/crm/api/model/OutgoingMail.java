package org.ffmas.crm.api.model;

import java.util.Map;

/**
 * A message ready to send: rendered, addressed, with its headers (List-Unsubscribe...).
 *
 * @param messageId the platform's id for this delivery, to match bounces and replies
 */
public record OutgoingMail(String messageId, String fromAddress, String fromName, String replyTo, String to, String subject,
                           String html, String text, Map<String, String> headers) {}
