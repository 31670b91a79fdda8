package org.ffmas.crm.agreement;

import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.ffmas.crm.config.PlatformSettings.ReceiptIssuer;

/**
 * The tax receipt of a company donation (reçu au titre des dons, article 238 bis du CGI, with
 * the fields of cerfa form n° 16216), as a one-page PDF.
 */
final class ReceiptPdf {

    /** What the receipt says. */
    record Content(String number, ReceiptIssuer issuer, String donorName, String donorSiren, String donorAddress, long amountCents,
                   LocalDate paidOn, Agreement.Kind kind, LocalDate issuedOn, Instant issuedAt) {}

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private ReceiptPdf() {}

    static byte[] render(Content c) throws IOException {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"B", "Reçu au titre des dons à certains organismes d'intérêt général"});
        lines.add(new String[] {"", "Article 238 bis du code général des impôts - modèle cerfa n° 16216"});
        lines.add(new String[] {"B", "Reçu n° " + c.number()});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"B", "Bénéficiaire des versements"});
        lines.add(new String[] {"", "Dénomination : " + c.issuer().name()});
        lines.add(new String[] {"", "Adresse : " + c.issuer().address()});
        lines.add(new String[] {"", "Objet : " + c.issuer().object()});
        lines.add(new String[] {"", "Qualité : " + c.issuer().quality()});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"B", "Donateur"});
        lines.add(new String[] {"", "Dénomination sociale : " + c.donorName()});
        lines.add(new String[] {"", "SIREN : " + (c.donorSiren() == null ? "non renseigné" : c.donorSiren())});
        lines.add(new String[] {"", "Adresse : " + c.donorAddress()});
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", "Le bénéficiaire reconnaît avoir reçu au titre des dons et versements ouvrant droit à"});
        lines.add(new String[] {"", "réduction d'impôt (article 238 bis du CGI) la somme de :"});
        lines.add(new String[] {"B", AgreementDraft.euros(c.amountCents()).replace('\u202f', ' ')});
        lines.add(new String[] {"", "Somme en toutes lettres : " + inWords(c.amountCents())});
        lines.add(new String[] {"", "Date du versement ou du don : " + DATE.format(c.paidOn())});
        lines.add(new String[] {"", "Forme du don : déclaration de don manuel"});
        boolean money = c.kind() == Agreement.Kind.MECENAT_FINANCIER;
        lines.add(new String[] {"", "Nature du don : " + (money ? "numéraire" : c.kind() == Agreement.Kind.MECENAT_NATURE
                ? "autres (don en nature, valorisé)" : "autres (mécénat de compétences, valorisé)")});
        if (money) {
            lines.add(new String[] {"", "Mode de versement : virement, prélèvement ou carte bancaire"});
        }
        lines.add(new String[] {"", ""});
        lines.add(new String[] {"", "Fait à " + c.issuer().place() + ", le " + DATE.format(c.issuedOn())});
        lines.add(new String[] {"", "Signature : " + c.issuer().signatory()});

        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                text.beginText();
                text.newLineAtOffset(56, 780);
                for (String[] line : lines) {
                    text.setFont(line[0].equals("B") ? bold : regular, line[0].equals("B") ? 12 : 10);
                    text.showText(line[1]);
                    text.newLineAtOffset(0, -18);
                }
                text.endText();
            }
            // fixed metadata: the receipt asked again is the same file
            PDDocumentInformation info = doc.getDocumentInformation();
            Calendar issued = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            issued.setTimeInMillis(c.issuedAt().toEpochMilli());
            info.setCreationDate(issued);
            info.setModificationDate(issued);
            info.setTitle("Reçu fiscal " + c.number());
            info.setProducer("FFMAS partner CRM");
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** 2 500,50 € → "deux mille cinq cents euros et cinquante centimes". */
    static String inWords(long cents) {
        RuleBasedNumberFormat spell = new RuleBasedNumberFormat(ULocale.FRANCE, RuleBasedNumberFormat.SPELLOUT);
        long euros = cents / 100;
        long rest = cents % 100;
        String words = spell.format(euros) + (euros > 1 ? " euros" : " euro");
        if (rest > 0) {
            words += " et " + spell.format(rest) + (rest > 1 ? " centimes" : " centime");
        }
        return words;
    }
}
