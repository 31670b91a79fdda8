package org.ffmas.crm.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import java.time.LocalDate;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tax receipt numbers are taken only by issuing one ({@code POST …/receipts}): downloading the
 * PDF, as a browser prefetching a link or anyone with a read would, never takes a number.
 */
@Tag("database")
class ReceiptIssuingTest {

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withReceiptIssuer(PaperworkTest.ISSUER);

    @Test
    void readingAReceiptBeforeItIsIssuedIs404AndTakesNoNumber() throws Exception {
        ApiClient api = crm.client();
        String staff = api.post("/api/tokens", crm.adminToken(), json("name", "staff", "role", "STAFF")).json().path("secret").asText();
        long first = PaperworkTest.signedAgreement(api, staff, "MECENAT_FINANCIER", true);
        long second = PaperworkTest.signedAgreement(api, staff, "MECENAT_FINANCIER", true);

        for (int i = 0; i < 3; i++) {
            for (long id : new long[] {first, second}) {
                Answer read = api.get("/api/agreements/" + id + "/receipt.pdf", staff);
                assertThat(read.status()).as("read " + i + " of agreement " + id).isEqualTo(404);
                assertThat(read.header("Content-Type")).contains("application/problem+json");
                assertThat(read.json().path("detail").asText()).contains("POST /api/agreements/" + id + "/receipts");
            }
        }

        int year = LocalDate.now(AgreementService.ZONE).getYear();
        Answer issued = api.post("/api/agreements/" + second + "/receipts", staff, null);
        assertThat(issued.status()).as(issued.raw().body()).isEqualTo(201);
        assertThat(issued.json().path("number").asText()).as("the reads took no number").isEqualTo(year + "-0001");
        assertThat(api.get("/api/agreements/" + second + "/receipt.pdf", staff).raw().headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"recu-fiscal-" + year + "-0001.pdf\"");
        assertThat(api.post("/api/agreements/" + second + "/receipts", staff, null).json().path("number").asText())
                .as("issuing again takes no number").isEqualTo(year + "-0001");
        assertThat(api.post("/api/agreements/" + first + "/receipts", staff, null).json().path("number").asText()).isEqualTo(year + "-0002");
        assertThat(api.get("/api/audit?action=agreement.receipt_issued", crm.adminToken()).json().path("items").size()).isEqualTo(2);
    }
}
