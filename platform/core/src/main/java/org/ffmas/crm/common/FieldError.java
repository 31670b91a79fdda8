package org.ffmas.crm.common;

/** One field's fault in invalid input, as shown to the client beside that field. */
public record FieldError(String field, String message) {}
