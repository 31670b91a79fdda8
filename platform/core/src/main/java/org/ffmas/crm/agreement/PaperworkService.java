package org.ffmas.crm.agreement;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.ffmas.crm.agreement.Agreement.Instalment;
import org.ffmas.crm.audit.AuditService;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.ConflictException;
import org.ffmas.crm.common.DuplicateException;
import org.ffmas.crm.common.InvalidInputException;
import org.ffmas.crm.common.NotFoundException;
import org.ffmas.crm.config.PlatformSettings.ReceiptIssuer;
import org.ffmas.crm.config.Setting;
import org.ffmas.crm.partner.Company;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.storage.Database;
import org.ffmas.crm.storage.FileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The paperwork of agreements: signed PDFs, and tax receipts for paid mécénat. */
public final class PaperworkService {

    private static final Logger log = LoggerFactory.getLogger(PaperworkService.class);

    /** The largest document accepted. */
    public static final long MAX_DOCUMENT_BYTES = 20L * 1024 * 1024;

    /** A receipt's PDF and its number. */
    public record ReceiptFile(String number, Path pdf) {}

    /** A tax receipt, and whether this request issued it (false: it had been issued before, and is the same). */
    public record Issued(TaxReceipt receipt, boolean created) {}

    private final Database database;
    private final PaperworkRepository paperwork;
    private final AgreementService agreements;
    private final CompanyService companies;
    private final FileStore files;
    private final AuditService audit;
    private final Clock clock;
    private final ReceiptIssuer issuer;

    public PaperworkService(Database database, PaperworkRepository paperwork, AgreementService agreements, CompanyService companies,
                            FileStore files, AuditService audit, Clock clock, ReceiptIssuer issuer) {
        this.database = database;
        this.paperwork = paperwork;
        this.agreements = agreements;
        this.companies = companies;
        this.files = files;
        this.audit = audit;
        this.clock = clock;
        this.issuer = issuer;
    }

    /** Adds a PDF (checked by its content, not its name) to an agreement; the file is kept as received, forever. */
    public AgreementDocument addDocument(Actor by, long agreementId, InputStream content, String fileName) throws IOException {
        Agreement a = agreements.get(agreementId);
        if (content == null) {
            throw new InvalidInputException("file", "is required: send the PDF as the multipart part named file");
        }
        String name = fileName == null || fileName.isBlank() ? "document.pdf" : Path.of(fileName.replace('\\', '/')).getFileName().toString();
        if (name.length() > 255) {
            name = name.substring(name.length() - 255);
        }
        Path received;
        try {
            received = files.receive(content, MAX_DOCUMENT_BYTES);
        } catch (FileStore.TooLargeException e) {
            throw new InvalidInputException("file", "is larger than 20 MB");
        }
        try {
            if (!isPdf(received)) {
                throw new InvalidInputException("file", "is not a PDF document");
            }
            FileStore.Stored stored = files.keep(received);
            Instant now = clock.instant();
            String documentName = name;
            long id = database.inTransaction(() -> {
                long docId = paperwork.addDocument(agreementId, documentName, stored.size(), stored.sha256(),
                        by.userId() == 0 ? null : by.userId(), now);
                audit.record(by, "agreement.document_added", "agreement", agreementId,
                        Map.of("documentId", docId, "fileName", documentName, "sha256", stored.sha256(), "sizeBytes", stored.size()));
                companies.recordSystemEvent(a.companyId(), "agreement.document_added", documentName, by.userId() == 0 ? null : by.userId());
                return docId;
            });
            log.info("document {} added to agreement {} by user {}", id, agreementId, by.userId());
            return paperwork.document(agreementId, id).orElseThrow();
        } finally {
            Files.deleteIfExists(received);
        }
    }

    private static boolean isPdf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(5);
            if (!new String(head, StandardCharsets.US_ASCII).equals("%PDF-")) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        try (var doc = Loader.loadPDF(file.toFile())) {
            return doc.getNumberOfPages() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    public List<AgreementDocument> documents(long agreementId) {
        agreements.get(agreementId);
        return paperwork.documents(agreementId);
    }

    public Path documentFile(long agreementId, long documentId) {
        AgreementDocument d = paperwork.document(agreementId, documentId)
                .orElseThrow(() -> new NotFoundException("Agreement " + agreementId + " has no document " + documentId + "."));
        return files.find(d.sha256()).orElseThrow(() -> new IllegalStateException("document " + documentId + " is missing from the store"));
    }

    public AgreementDocument document(long agreementId, long documentId) {
        return paperwork.document(agreementId, documentId)
                .orElseThrow(() -> new NotFoundException("Agreement " + agreementId + " has no document " + documentId + "."));
    }

    /** Whether the agreement gives a tax receipt: a signed mécénat, every instalment paid. */
    public static boolean givesReceipt(Agreement a) {
        return a.kind().isMecenat() && Lifecycle.wasSigned(a.status()) && !a.instalments().isEmpty()
                && a.instalments().stream().allMatch(i -> i.paidAt() != null);
    }

    /** The agreement's tax receipt, if one was issued. */
    public Optional<TaxReceipt> receipt(long agreementId) {
        return paperwork.receiptOf(agreementId).map(PaperworkService::view);
    }

    /** The PDF of the agreement's tax receipt; 404 until one is issued (reading never takes a number). */
    public ReceiptFile receiptFile(long agreementId) {
        return paperwork.receiptOf(agreementId).map(this::file).orElseThrow(() -> new NotFoundException("Agreement " + agreementId
                + " has no tax receipt: issue it with POST /api/agreements/" + agreementId + "/receipts."));
    }

    /**
     * Issues the tax receipt of a paid mécénat agreement: numbers it (per year, no gap, no reuse)
     * and keeps its PDF. Idempotent: once issued, the same receipt is given back and no number taken.
     */
    public Issued issueReceipt(Actor by, long agreementId) throws IOException {
        var existing = paperwork.receiptOf(agreementId);
        if (existing.isPresent()) {
            return new Issued(view(existing.get()), false);
        }
        Agreement a = agreements.get(agreementId);
        if (!a.kind().isMecenat()) {
            throw new ConflictException("Agreement " + agreementId + " is a " + a.kind() + ": only mécénat gives a tax receipt.", null);
        }
        if (!Lifecycle.wasSigned(a.status())) {
            throw new ConflictException("Agreement " + agreementId + " is " + a.status() + ": only a signed, paid mécénat gives a receipt.", null);
        }
        if (a.instalments().isEmpty() || a.instalments().stream().anyMatch(i -> i.paidAt() == null)) {
            throw new ConflictException("Agreement " + agreementId + " is not fully paid: record each payment as a paid instalment first.", null);
        }
        for (var required : List.of(Map.entry(Setting.RECEIPT_ISSUER_ADDRESS, issuer.address()),
                Map.entry(Setting.RECEIPT_ISSUER_OBJECT, issuer.object()), Map.entry(Setting.RECEIPT_SIGNATORY, issuer.signatory()))) {
            if (required.getValue() == null || required.getValue().isBlank()) {
                throw new ConflictException("Receipts need the setting " + required.getKey().envName() + " (" + required.getKey().key()
                        + ") in config/platform.properties.", null);
            }
        }
        Company donor = companies.get(a.companyId());
        long amount = a.instalments().stream().mapToLong(Instalment::amountCents).sum();
        LocalDate paidOn = a.instalments().stream().map(Instalment::paidAt).max(LocalDate::compareTo).orElseThrow();
        Instant now = clock.instant();
        LocalDate today = agreements.today();
        paperwork.ensureCounter(today.getYear());
        try {
            PaperworkRepository.Receipt receipt = database.inTransaction(() -> {
                int number = paperwork.nextNumber(today.getYear());
                String label = today.getYear() + "-" + String.format("%04d", number);
                byte[] pdf;
                FileStore.Stored stored;
                try {
                    pdf = ReceiptPdf.render(new ReceiptPdf.Content(label, issuer, donor.legalName(), donor.siren(), address(donor), amount,
                            paidOn, a.kind(), today, now));
                    stored = files.keep(pdf);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                PaperworkRepository.Receipt r = new PaperworkRepository.Receipt(agreementId, today.getYear(), number, amount, paidOn,
                        stored.sha256(), now);
                paperwork.addReceipt(r);
                audit.record(by, "agreement.receipt_issued", "agreement", agreementId,
                        Map.of("number", label, "amountCents", amount));
                return r;
            });
            log.info("tax receipt {} issued for agreement {}", receipt.label(), agreementId);
            return new Issued(view(receipt), true);
        } catch (DuplicateException e) {
            // another request issued this agreement's receipt at the same moment: its number stands, ours was rolled back
            return paperwork.receiptOf(agreementId).map(r -> new Issued(view(r), false)).orElseThrow(() -> e);
        }
    }

    private static String address(Company c) {
        var a = c.address();
        StringBuilder s = new StringBuilder();
        for (String part : new String[] {a.line1(), a.line2(), a.postalCode() == null ? null : a.postalCode() + " " + (a.city() == null ? "" : a.city())}) {
            if (part != null && !part.isBlank()) {
                s.append(s.length() == 0 ? "" : ", ").append(part.strip());
            }
        }
        return s.length() == 0 ? "non renseignée" : s.toString();
    }

    private static TaxReceipt view(PaperworkRepository.Receipt r) {
        return new TaxReceipt(r.agreementId(), r.label(), r.amountCents(), r.paidOn(), r.issuedAt());
    }

    private ReceiptFile file(PaperworkRepository.Receipt r) {
        return new ReceiptFile(r.label(), files.find(r.sha256()).orElseThrow(() -> new IllegalStateException("receipt " + r.label() + " is missing")));
    }
}
