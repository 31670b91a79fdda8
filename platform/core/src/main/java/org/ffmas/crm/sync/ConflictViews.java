package org.ffmas.crm.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ffmas.crm.common.Json;

/** What a conflict shows of the record here, beside the one there. */
final class ConflictViews {

    private static final ObjectMapper JSON = Json.newMapper();

    private ConflictViews() {}

    /** The company's (or contact's) values for the fields the record there has, and its version. */
    static ObjectNode local(Object record, long version, ObjectNode patch) {
        ObjectNode all = JSON.valueToTree(record);
        ObjectNode view = JSON.createObjectNode();
        patch.fieldNames().forEachRemaining(f -> view.set(f, all.get(f)));
        if (patch.has("address") && all.get("address") instanceof ObjectNode address) {
            ObjectNode a = view.putObject("address");
            patch.get("address").fieldNames().forEachRemaining(f -> a.set(f, address.get(f)));
        }
        view.put("version", version);
        return view;
    }
}
