package org.ffmas.crm.accounting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVPrinter;
import org.ffmas.crm.agreement.OverdueInstalment;
import org.ffmas.crm.agreement.AgreementService;
import org.ffmas.crm.common.ExcelCsv;
import org.ffmas.crm.partner.CompanyCsv;
import org.ffmas.crm.partner.CompanyEnums.Status;
import org.ffmas.crm.partner.CompanyQuery;
import org.ffmas.crm.partner.CompanyService;

/**
 * The files the accounting office gets, for site routes ({@code bean:exports?method=...} in
 * {@code config/routes/*.yaml}): CSV for Excel in French, like every export of the platform.
 */
public final class AccountingExports {

    private final CompanyService companies;
    private final AgreementService agreements;

    public AccountingExports(CompanyService companies, AgreementService agreements) {
        this.companies = companies;
        this.agreements = agreements;
    }

    /** Every company that is a partner now (with an active agreement). */
    public byte[] activePartnersCsv() throws IOException {
        CompanyQuery all = CompanyQuery.all();
        CompanyQuery partners = new CompanyQuery(null, List.of(Status.PARTNER), all.tags(), all.sectors(), all.sizeBrackets(),
                all.departments(), all.regions(), null, null, "name");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CompanyCsv csv = new CompanyCsv(out)) {
            companies.forEach(partners, csv::write);
        }
        return out.toByteArray();
    }

    /** Unpaid instalments due within 30 days, and those overdue. */
    public byte[] instalmentsDueCsv() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CSVPrinter printer = ExcelCsv.printer(out)) {
            printer.printRecord("Convention", "Entreprise", "Intitulé", "Échéance", "Montant (EUR)", "Référence");
            for (OverdueInstalment i : agreements.unpaidDueBefore(agreements.today().plusDays(31))) {
                printer.printRecord(i.agreementId(), i.companyId(), ExcelCsv.safe(i.title()), i.instalment().dueDate(),
                        String.format(Locale.FRANCE, "%.2f", i.instalment().amountCents() / 100.0),
                        ExcelCsv.safe(i.instalment().reference()));
            }
        }
        return out.toByteArray();
    }
}
