package org.ffmas.crm.agreement;

import static org.ffmas.crm.storage.jooq.Tables.AGREEMENT_DOCUMENT;
import static org.ffmas.crm.storage.jooq.Tables.RECEIPT_COUNTER;
import static org.ffmas.crm.storage.jooq.Tables.TAX_RECEIPT;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.ffmas.crm.common.Clocks;
import org.ffmas.crm.common.DuplicateException;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

/** Documents and tax receipts of agreements. */
public final class PaperworkRepository {

    /** A receipt issued: its number in its year, and the PDF's hash. */
    record Receipt(long agreementId, int year, int number, long amountCents, LocalDate paidOn, String sha256, Instant issuedAt) {
        String label() {
            return year + "-" + String.format("%04d", number);
        }
    }

    private final DSLContext db;

    public PaperworkRepository(DSLContext db) {
        this.db = db;
    }

    long addDocument(long agreementId, String fileName, long size, String sha256, Long by, Instant now) {
        return db.insertInto(AGREEMENT_DOCUMENT).set(AGREEMENT_DOCUMENT.AGREEMENT_ID, agreementId)
                .set(AGREEMENT_DOCUMENT.FILE_NAME, fileName).set(AGREEMENT_DOCUMENT.SIZE_BYTES, size)
                .set(AGREEMENT_DOCUMENT.SHA256, sha256).set(AGREEMENT_DOCUMENT.UPLOADED_BY, by)
                .set(AGREEMENT_DOCUMENT.UPLOADED_AT, Clocks.utc(now))
                .returningResult(AGREEMENT_DOCUMENT.ID).fetchOne().value1();
    }

    List<AgreementDocument> documents(long agreementId) {
        return db.selectFrom(AGREEMENT_DOCUMENT).where(AGREEMENT_DOCUMENT.AGREEMENT_ID.eq(agreementId)).orderBy(AGREEMENT_DOCUMENT.ID)
                .fetch(r -> new AgreementDocument(r.getId(), r.getAgreementId(), r.getFileName(), r.getSizeBytes(), r.getSha256(),
                        r.getUploadedBy(), Clocks.instant(r.getUploadedAt())));
    }

    Optional<AgreementDocument> document(long agreementId, long documentId) {
        return documents(agreementId).stream().filter(d -> d.id() == documentId).findFirst();
    }

    Optional<Receipt> receiptOf(long agreementId) {
        return db.selectFrom(TAX_RECEIPT).where(TAX_RECEIPT.AGREEMENT_ID.eq(agreementId))
                .fetchOptional(r -> new Receipt(r.getAgreementId(), r.getYear(), r.getNumber(), r.getAmountCents(), r.getPaidOn(),
                        r.getSha256(), Clocks.instant(r.getIssuedAt())));
    }

    /**
     * The next number of the year, in the caller's transaction: the counter row stays locked
     * until it commits, so concurrent receipts take one number each, and a rolled back one
     * gives its number back.
     */
    int nextNumber(int year) {
        int last = db.select(RECEIPT_COUNTER.LAST_NUMBER).from(RECEIPT_COUNTER).where(RECEIPT_COUNTER.YEAR.eq(year)).forUpdate()
                .fetchOne(RECEIPT_COUNTER.LAST_NUMBER);
        db.update(RECEIPT_COUNTER).set(RECEIPT_COUNTER.LAST_NUMBER, last + 1).where(RECEIPT_COUNTER.YEAR.eq(year)).execute();
        return last + 1;
    }

    /**
     * Makes sure the year's counter exists. Called outside the numbering transaction: an insert
     * there, before the locking read, makes concurrent transactions deadlock on the same row.
     */
    void ensureCounter(int year) {
        db.insertInto(RECEIPT_COUNTER).set(RECEIPT_COUNTER.YEAR, year).set(RECEIPT_COUNTER.LAST_NUMBER, 0).onDuplicateKeyIgnore().execute();
    }

    /** Records a receipt; an agreement that has one already is a {@link DuplicateException} (its transaction must roll back). */
    void addReceipt(Receipt r) {
        try {
            insertReceipt(r);
        } catch (IntegrityConstraintViolationException e) {
            throw new DuplicateException("Agreement " + r.agreementId() + " has its receipt already.", "agreement",
                    r.agreementId());
        }
    }

    private void insertReceipt(Receipt r) {
        db.insertInto(TAX_RECEIPT).set(TAX_RECEIPT.AGREEMENT_ID, r.agreementId()).set(TAX_RECEIPT.YEAR, r.year())
                .set(TAX_RECEIPT.NUMBER, r.number()).set(TAX_RECEIPT.AMOUNT_CENTS, r.amountCents()).set(TAX_RECEIPT.PAID_ON, r.paidOn())
                .set(TAX_RECEIPT.SHA256, r.sha256()).set(TAX_RECEIPT.ISSUED_AT, Clocks.utc(r.issuedAt())).execute();
    }

    /** The numbers given in a year, in order (for checks). */
    List<Integer> numbers(int year) {
        return db.select(TAX_RECEIPT.NUMBER).from(TAX_RECEIPT).where(TAX_RECEIPT.YEAR.eq(year)).orderBy(TAX_RECEIPT.NUMBER)
                .fetch(TAX_RECEIPT.NUMBER);
    }
}
