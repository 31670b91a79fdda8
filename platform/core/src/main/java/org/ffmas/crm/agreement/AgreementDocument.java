package org.ffmas.crm.agreement;

import java.time.Instant;

/** A document of an agreement (the signed PDF), kept by its SHA-256 and never overwritten. */
public record AgreementDocument(long id, long agreementId, String fileName, long sizeBytes, String sha256, Long uploadedBy,
                                Instant uploadedAt) {}
