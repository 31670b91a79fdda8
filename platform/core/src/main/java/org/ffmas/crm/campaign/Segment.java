package org.ffmas.crm.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ffmas.crm.common.Enums;
import org.ffmas.crm.common.JsonFields;
import org.ffmas.crm.common.Validation;
import org.ffmas.crm.partner.CompanyEnums;

/**
 * Who a campaign writes to: contacts of companies matching every key given (AND), any value of a
 * key's list (OR). Unsubscribed, bounced, archived contacts and suppressed addresses are always
 * left out, whatever the segment says.
 *
 * @param tiers tiers of the company's active agreements
 * @param kinds kinds of the company's active agreements
 */
public record Segment(List<String> companyStatus, List<String> tags, List<String> tiers, List<String> kinds, Boolean hasActiveAgreement,
                      List<String> functions, List<String> departments, List<String> languages, List<Long> contactIds) {

    static final Set<String> KEYS = Set.of("companyStatus", "tags", "tiers", "kinds", "hasActiveAgreement", "functions", "departments",
            "languages", "contactIds");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a segment, every problem reported to {@code v} under {@code field}. */
    static Segment parse(JsonNode node, Validation v, String field) {
        if (node == null || node.isNull() || !node.isObject()) {
            v.error(field, "is required: a JSON object such as {\"companyStatus\": [\"PARTNER\"]}");
            return null;
        }
        if (node.isEmpty()) {
            v.error(field, "is empty: give at least one criterion, e.g. {\"companyStatus\": [\"PARTNER\"]}");
            return null;
        }
        // an empty list selects nobody: a mistake, not a wish
        node.fields().forEachRemaining(e -> {
            if (KEYS.contains(e.getKey()) && e.getValue().isArray() && e.getValue().isEmpty()) {
                v.error(field + "." + e.getKey(), "is empty: give at least one value, or leave the key out");
            }
        });
        JsonFields f = JsonFields.ofElement(node, v, field, KEYS);
        List<String> statuses = names(v, field + ".companyStatus", f.texts("companyStatus"), CompanyEnums.Status.class);
        List<String> functions = names(v, field + ".functions", f.texts("functions"), CompanyEnums.Function.class);
        List<String> languages = names(v, field + ".languages", f.texts("languages"), CompanyEnums.Language.class);
        List<String> departments = f.texts("departments");
        if (departments != null) {
            for (String d : departments) {
                if (d == null || !d.matches("\\d{2}|2[AB]|97\\d")) {
                    v.error(field + ".departments", "'" + d + "' is not a department code such as 75, 2A or 974");
                }
            }
        }
        Boolean active = null;
        JsonNode a = node.get("hasActiveAgreement");
        if (a != null && !a.isNull()) {
            if (a.isBoolean()) {
                active = a.booleanValue();
            } else {
                v.error(field + ".hasActiveAgreement", "must be true or false");
            }
        }
        List<Long> ids = null;
        JsonNode c = node.get("contactIds");
        if (c != null && !c.isNull()) {
            ids = new ArrayList<>();
            if (!c.isArray()) {
                v.error(field + ".contactIds", "must be a list of contact ids");
            } else {
                for (JsonNode id : c) {
                    if (id.canConvertToLong() && id.isIntegralNumber()) {
                        ids.add(id.longValue());
                    } else {
                        v.error(field + ".contactIds", "must be a list of contact ids");
                        break;
                    }
                }
            }
        }
        Segment s = new Segment(emptyToNull(statuses), emptyToNull(f.texts("tags")), emptyToNull(f.texts("tiers")),
                emptyToNull(f.texts("kinds")), active, emptyToNull(functions), emptyToNull(departments), emptyToNull(languages),
                ids == null || ids.isEmpty() ? null : ids);
        if (v.isEmpty() && s.equals(new Segment(null, null, null, null, null, null, null, null, null))) {
            // only nulls: it would reach every contact, which no one means by an empty filter
            v.error(field, "is empty: give at least one criterion, e.g. {\"companyStatus\": [\"PARTNER\"]}");
        }
        return s;
    }

    static Segment fromJson(String json) {
        try {
            return JSON.readValue(json, Segment.class);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable stored segment", e);
        }
    }

    String toJson() {
        ObjectNode n = JSON.valueToTree(this);
        List<String> nulls = new ArrayList<>();
        n.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                nulls.add(e.getKey());
            }
        });
        n.remove(nulls);
        return n.toString();
    }

    private static <E extends Enum<E>> List<String> names(Validation v, String field, List<String> values, Class<E> type) {
        if (values == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String value : values) {
            E e = Enums.parse(v, field, value, type);
            if (e != null) {
                out.add(e.name());
            }
        }
        return out;
    }

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : List.copyOf(list);
    }
}
