package org.ffmas.crm.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ffmas.crm.ApiClient.json;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.ffmas.crm.ApiClient;
import org.ffmas.crm.ApiClient.Answer;
import org.ffmas.crm.TestPlatform;
import org.ffmas.crm.config.PlatformSettings.ReceiptIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signed documents and tax receipts of agreements, through the API. */
@Tag("database")
class PaperworkTest {

    /** The federation as its receipts name it. */
    static final ReceiptIssuer ISSUER = new ReceiptIssuer("FFMAS", "12 rue des Assistantes, 75010 Paris",
            "Promotion des métiers de l'assistanat et du secrétariat", "Association d'intérêt général", "Claire Martin, présidente", "Paris");

    @RegisterExtension
    static final TestPlatform crm = new TestPlatform().withReceiptIssuer(ISSUER);

    static ApiClient api;
    static String staff;

    @BeforeAll
    static void token() {
        api = crm.client();
        staff = api.post("/api/tokens", crm.adminToken(), json("name", "staff", "role", "STAFF")).json().path("secret").asText();
    }

    static long signedAgreement(String kind, boolean paid) {
        return signedAgreement(api, staff, kind, paid);
    }

    /** A signed agreement of {@code kind} starting today, its one instalment paid or not, made through the API as {@code staff}. */
    static long signedAgreement(ApiClient api, String staff, String kind, boolean paid) {
        long c = api.post("/api/companies", staff, json("legalName", "Donateur " + System.nanoTime(), "siren", null,
                "address", Map.of("line1", "3 place du Mécénat", "postalCode", "69002", "city", "Lyon"))).json().path("id").asLong();
        String today = java.time.LocalDate.now(AgreementService.ZONE).toString();
        long id = api.post("/api/agreements", staff, json("companyId", c, "kind", kind, "title", "Don", "amountCents", 250_050,
                "startDate", today, "endDate", java.time.LocalDate.now(AgreementService.ZONE).plusYears(1).toString(),
                "instalments", List.of(Map.of("dueDate", today, "amountCents", 250_050)))).json().path("id").asLong();
        api.post("/api/agreements/" + id + "/transitions", staff, json("to", "SENT"));
        api.post("/api/agreements/" + id + "/transitions", staff, json("to", "SIGNED"));
        if (paid) {
            long instalment = api.get("/api/agreements/" + id, staff).json().path("instalments").get(0).path("id").asLong();
            api.post("/api/agreements/" + id + "/instalments/" + instalment + "/paid", staff, json("reference", "VIR-" + id));
        }
        return id;
    }

    static byte[] pdf(String text) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.getDocumentInformation().setTitle(text);
            doc.save(out);
            return out.toByteArray();
        }
    }

    static Answer upload(long agreementId, String fileName, byte[] content) {
        String boundary = "----crm" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(api.request("/api/agreements/" + agreementId + "/documents").header("Authorization", "Bearer " + staff)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    static HttpResponse<byte[]> download(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(api.request(path).header("Authorization", "Bearer " + staff).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aSignedPdfIsKeptByItsHashAndDownloadedAsUploaded() throws Exception {
        long id = signedAgreement("PARTENARIAT", false);
        byte[] content = pdf("Convention signée");

        Answer up = upload(id, "convention-signée.pdf", content);
        assertThat(up.status()).as(up.raw().body()).isEqualTo(201);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(up.json().path("sha256").asText()).isEqualTo(sha);
        assertThat(up.json().path("fileName").asText()).isEqualTo("convention-signée.pdf");

        HttpResponse<byte[]> down = download("/api/agreements/" + id + "/documents/" + up.json().path("id").asLong());
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(down.body()).isEqualTo(content);

        Answer again = upload(id, "convention-signée.pdf", pdf("Avenant"));
        assertThat(again.status()).isEqualTo(201);
        assertThat(api.get("/api/agreements/" + id + "/documents", staff).json().path("items").size()).as("never overwritten").isEqualTo(2);
        assertThat(download("/api/agreements/" + id + "/documents/" + up.json().path("id").asLong()).body()).isEqualTo(content);
    }

    @Test
    void whatIsNotAPdfIsRefusedWhateverItsName() {
        long id = signedAgreement("PARTENARIAT", false);
        Answer fake = upload(id, "convention.pdf", "PNG\u0089 not a pdf".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(fake.status()).isEqualTo(400);
        assertThat(fake.json().path("errors").get(0).path("message").asText()).isEqualTo("is not a PDF document");
        Answer truncated = upload(id, "tronque.pdf", "%PDF-1.7\n1 0 obj".getBytes(StandardCharsets.US_ASCII));
        assertThat(truncated.status()).isEqualTo(400);
        byte[] huge = new byte[21 * 1024 * 1024];
        System.arraycopy("%PDF-".getBytes(StandardCharsets.US_ASCII), 0, huge, 0, 5);
        Answer tooBig = upload(id, "gros.pdf", huge);
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().path("errors").get(0).path("message").asText()).contains("20 MB");
        assertThat(api.get("/api/agreements/" + id + "/documents", staff).json().path("items").size()).isZero();
    }

    @Test
    void aPaidMecenatGetsItsReceiptTheSameFileEachTime() throws Exception {
        long id = signedAgreement("MECENAT_FINANCIER", true);

        Answer issued = api.post("/api/agreements/" + id + "/receipts", staff, null);
        assertThat(issued.status()).as(issued.raw().body()).isEqualTo(201);
        assertThat(issued.header("Location")).endsWith("/api/agreements/" + id + "/receipt.pdf");
        String number = issued.json().path("number").asText();
        assertThat(number).matches("\\d{4}-\\d{4}");
        assertThat(issued.json().path("amountCents").asLong()).isEqualTo(250_050);
        HttpResponse<byte[]> first = download("/api/agreements/" + id + "/receipt.pdf");
        assertThat(first.statusCode()).as(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Disposition").orElseThrow()).isEqualTo("attachment; filename=\"recu-fiscal-" + number + ".pdf\"");
        try (PDDocument doc = Loader.loadPDF(first.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("cerfa n° 16216").contains("238 bis").contains("FFMAS").contains("12 rue des Assistantes")
                    .contains("2 500,50 €").contains("deux mille cinq cents euros et cinquante centimes").contains("numéraire")
                    .contains("Claire Martin");
        }
        HttpResponse<byte[]> again = download("/api/agreements/" + id + "/receipt.pdf");
        assertThat(again.body()).as("reproduced identically").isEqualTo(first.body());
        assertThat(again.headers().firstValue("Content-Disposition")).isEqualTo(first.headers().firstValue("Content-Disposition"));
        Answer reissued = api.post("/api/agreements/" + id + "/receipts", staff, null);
        assertThat(reissued.status()).as("issuing again gives the same receipt").isEqualTo(200);
        assertThat(reissued.json().path("number").asText()).isEqualTo(number);

        assertThat(api.post("/api/agreements/" + signedAgreement("PARTENARIAT", true) + "/receipts", staff, null).status())
                .as("a partnership is not a gift").isEqualTo(409);
        assertThat(api.post("/api/agreements/" + signedAgreement("MECENAT_FINANCIER", false) + "/receipts", staff, null).status())
                .as("not paid yet").isEqualTo(409);
    }

    @Test
    void concurrentReceiptsTakeOneNumberEachWithNoGap() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(signedAgreement("MECENAT_FINANCIER", true));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> numbers = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (long id : ids) {
                Callable<String> call = () -> {
                    Answer r = api.post("/api/agreements/" + id + "/receipts", staff, null);
                    assertThat(r.status()).isIn(200, 201);
                    return id + "=" + r.json().path("number").asText();
                };
                numbers.add(pool.submit(call));
            }
        }
        Map<Long, String> byAgreement = new java.util.HashMap<>();
        for (Future<String> f : numbers) {
            String[] kv = f.get().split("=");
            String previous = byAgreement.putIfAbsent(Long.parseLong(kv[0]), kv[1]);
            assertThat(previous == null || previous.equals(kv[1])).as("one number per agreement").isTrue();
        }
        pool.shutdown();
        TreeSet<Integer> taken = new TreeSet<>();
        byAgreement.values().forEach(n -> taken.add(Integer.parseInt(n.substring(5))));
        assertThat(taken).as("no duplicate").hasSize(8);
        assertThat(taken.last() - taken.first()).as("no gap").isEqualTo(7);
    }
}
