package org.ffmas.crm.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.ffmas.crm.common.Actor;
import org.ffmas.crm.common.Page;
import org.ffmas.crm.common.Validation;

/**
 * The federation's file of companies, as other features use it: create, change, archive, find
 * duplicates, merge, import, timeline. Each is the work of one of the partner classes this
 * hands over to ({@link CompanyEditor}, {@link CompanyDuplicates}, {@link CompanyMerge},
 * {@link CompanyImports}, {@link CompanyTimeline}).
 */
public final class CompanyService {

    /** What an imported row did. */
    public enum ImportOutcome { CREATED, UPDATED, UNCHANGED }

    /** An imported row's outcome and the record it concerned. */
    public record ImportResult(ImportOutcome outcome, long id) {}

    /** What one row of an import chunk did, or why it was refused. */
    public record RowOutcome(ImportResult result, RuntimeException refusal) {}

    /**
     * An import chunk validated and keyed, made without the database: the rows refused already,
     * the drafts of the others and their natural keys ({@code siren:…}, {@code siret:…},
     * {@code name:…}).
     */
    public static final class PreparedRows {
        final List<NewCompany> rows;
        final RowOutcome[] out;
        final CompanyDraft[] drafts;
        final String[] nameKeys;
        final Set<String> keys = new HashSet<>();

        PreparedRows(List<NewCompany> rows) {
            this.rows = rows;
            this.out = new RowOutcome[rows.size()];
            this.drafts = new CompanyDraft[rows.size()];
            this.nameKeys = new String[rows.size()];
        }

        /** The natural keys of the chunk's valid rows: two chunks sharing none can be stored side by side. */
        public Set<String> keys() {
            return keys;
        }
    }

    private final CompanyRepository companies;
    private final CompanyEditor editor;
    private final CompanyDuplicates duplicates;
    private final CompanyMerge merge;
    private final CompanyImports imports;
    private final CompanyTimeline timeline;

    CompanyService(CompanyRepository companies, CompanyEditor editor, CompanyDuplicates duplicates, CompanyMerge merge,
                   CompanyImports imports, CompanyTimeline timeline) {
        this.companies = companies;
        this.editor = editor;
        this.duplicates = duplicates;
        this.merge = merge;
        this.imports = imports;
        this.timeline = timeline;
    }

    /** A live company; 404 when there is none, 404 with {@code mergedInto} when it was merged. */
    public Company get(long id) {
        return editor.get(id);
    }

    public Page<Company> list(CompanyQuery query, int page, int size) {
        return companies.search(query, page, size);
    }

    public void forEach(CompanyQuery query, Consumer<Company> each) {
        companies.forEach(query, 1000, each);
    }

    /** Creates a company; 400 with every field at fault, 409 when its SIREN or SIRET is another live company's. */
    public Company create(Actor by, NewCompany company) {
        return editor.create(by, company);
    }

    /**
     * The bridge for the features that build a company's fields as JSON (the UI's forms, sync,
     * plugins): {@code body} read as {@link NewCompany#from} reads an API body, then created.
     */
    public Company create(Actor by, JsonNode body) {
        return create(by, NewCompany.from(body));
    }

    /** Changes a company at the version read; 409 when it is stale. A change that changes nothing writes nothing. */
    public Company update(Actor by, long id, CompanyChange change) {
        return editor.update(by, id, change);
    }

    /** The bridge for JSON built by other features: {@code body} read as {@link CompanyChange#from}, then applied. */
    public Company update(Actor by, long id, JsonNode body) {
        return update(by, id, CompanyChange.from(body));
    }

    /** Archives (DELETE): the company and its history stay, out of everyday lists. */
    public Company archive(Actor by, long id) {
        return editor.archive(by, id);
    }

    /** Whether this change would change the company: false when it already says the same (its version is not looked at). */
    public boolean wouldChange(long id, CompanyChange change) {
        return editor.wouldChange(id, change);
    }

    /** The bridge for JSON built by other features: {@code patch} read as {@link CompanyChange#withoutVersion}. */
    public boolean wouldChange(long id, JsonNode patch) {
        return wouldChange(id, CompanyChange.withoutVersion(patch));
    }

    /**
     * The one place a company's partner status follows its agreements: PARTNER while one is
     * ACTIVE; FORMER_PARTNER when none is active any more but one was signed; else unchanged.
     * Called in the transaction of every agreement transition.
     */
    public void followAgreements(Actor by, long companyId, boolean hasActiveAgreement, boolean everSigned) {
        editor.followAgreements(by, companyId, hasActiveAgreement, everSigned);
    }

    /** Recomputes what {@code q} searches: names, numbers, city, and the contacts' names and e-mails. */
    void refreshSearchText(long id) {
        editor.refreshSearchText(id);
    }

    /** Likely duplicates of a company, best first. */
    public List<DuplicateCandidate> duplicates(long id) {
        return duplicates.of(id);
    }

    /**
     * Merges {@code sourceId} into {@code targetId} in one transaction: contacts, timeline and tags
     * move; a field empty on the target takes the source's value; where both have one, the
     * target's stays unless {@code takeFromSource} names the field.
     */
    public Company merge(Actor by, long targetId, Long sourceId, List<String> takeFromSource) {
        return merge.merge(by, targetId, sourceId, takeFromSource);
    }

    /** Registers what a feature moves from a merged company to its target (e.g. agreements). */
    public void onMerge(BiConsumer<Long, Long> step) {
        merge.onMerge(step);
    }

    /**
     * Upserts a company from an import row (fields named as in the API, empty cells left out) by
     * its natural key: SIREN or SIRET, else normalised name and postal code. A row that would
     * change nothing changes nothing, so importing the same file twice is harmless.
     */
    public ImportResult importRow(Actor by, NewCompany row) {
        return imports.importRow(by, row);
    }

    /**
     * Validates a chunk of import rows for {@link #storeRows}: the bridge for the import, which
     * builds each row's fields as JSON named as in the API, each read as {@link NewCompany#from}.
     */
    public PreparedRows prepareRows(List<ObjectNode> rows) {
        return imports.prepareRows(rows.stream().map(NewCompany::from).toList());
    }

    /**
     * Upserts a prepared chunk, as {@link #importRow} does one by one, but writes the rows that
     * are new companies (no SIREN, SIRET or name key already there nor earlier in the chunk) with
     * one statement per table. Call inside a transaction. Outcomes are in the rows' order.
     */
    public List<RowOutcome> storeRows(Actor by, PreparedRows p) {
        return imports.storeRows(by, p);
    }

    /** The live company an import row names: by SIREN, else by its exact normalised name. */
    public Optional<Long> findForImport(String siren, String name, Validation v) {
        return imports.findForImport(siren, name, v);
    }

    /** The live company with this SIREN or SIRET, if any. */
    public Optional<Company> findByNumbers(String siren, String siret) {
        return imports.findByNumbers(siren, siret);
    }

    /** Puts an event of the platform (e.g. {@code agreement.signed}) on a company's timeline. */
    public void recordSystemEvent(long companyId, String event, String text, Long actorId) {
        timeline.recordSystemEvent(companyId, event, text, actorId);
    }

    /** Puts a mail sent or received by the platform (EMAIL_OUT, EMAIL_IN) on a company's timeline. */
    public void recordMail(long companyId, Long contactId, boolean outgoing, String text) {
        timeline.recordMail(companyId, contactId, outgoing, text);
    }

    /** Puts a TASK of the platform's (e.g. a renewal reminder) on a company's timeline. */
    public void addTask(long companyId, String text, Instant dueAt, Long ownerId) {
        timeline.addTask(companyId, text, dueAt, ownerId);
    }

    /** Adds a note, call, meeting, mail or task to a company's timeline. */
    public Activity addActivity(Actor by, long companyId, NewActivity activity) {
        return timeline.add(by, companyId, activity);
    }

    /** The bridge for the UI's form: {@code body} read as {@link NewActivity#from}, then added. */
    public Activity addActivity(Actor by, long companyId, JsonNode body) {
        return addActivity(by, companyId, NewActivity.from(body));
    }

    /** The timeline, newest first. */
    public Page<Activity> timeline(long companyId, int page, int size) {
        return timeline.page(companyId, page, size);
    }
}
