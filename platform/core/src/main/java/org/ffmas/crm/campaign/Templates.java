package org.ffmas.crm.campaign;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.ffmas.crm.common.Validation;

/**
 * Campaign templates: logic-less Mustache with a fixed set of merge fields. Checked before use
 * (unknown fields, unclosed tags and sections are reported with line and column); values are
 * HTML-escaped in HTML, written as they are in the subject and the text part.
 */
final class Templates {

    /** The merge fields staff may use; sections ({{#contact.firstName}}...{{/contact.firstName}}) test them. */
    static final Set<String> FIELDS = Set.of("contact.civility", "contact.firstName", "contact.lastName", "contact.email",
            "contact.jobTitle", "company.name", "company.city", "campaign.name", "unsubscribeUrl");

    private static final AtomicLong NAMES = new AtomicLong();
    private static final DefaultMustacheFactory HTML = new DefaultMustacheFactory();
    private static final DefaultMustacheFactory PLAIN = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private Templates() {
    }

    /** A template ready to render: HTML-escaping or not. */
    record Compiled(Mustache mustache) {
        String render(Map<String, Object> scope) {
            StringWriter out = new StringWriter();
            mustache.execute(out, scope);
            return out.toString();
        }
    }

    /** Checks a template, reporting each problem to {@code v} under {@code field} with its line and column. */
    static void check(Validation v, String field, String template) {
        if (template == null) {
            return;
        }
        Deque<String[]> open = new ArrayDeque<>(); // name, line, column
        int i = 0;
        while (true) {
            int start = template.indexOf("{{", i);
            if (start < 0) {
                break;
            }
            String at = position(template, start);
            boolean triple = template.startsWith("{{{", start);
            int end = template.indexOf(triple ? "}}}" : "}}", start);
            if (end < 0) {
                v.error(field, at + ": the tag opened here is never closed with }}");
                return;
            }
            String tag = template.substring(start + (triple ? 3 : 2), end).strip();
            i = end + (triple ? 3 : 2);
            if (triple || tag.startsWith("&")) {
                v.error(field, at + ": unescaped values ({{{...}}} or {{&...}}) are not allowed; write {{" + tag.replaceAll("^[&{]", "").strip() + "}}");
                continue;
            }
            if (tag.startsWith("!")) {
                continue; // a comment
            }
            if (tag.startsWith(">") || tag.startsWith("=")) {
                v.error(field, at + ": partials and delimiter changes are not supported");
                continue;
            }
            char sigil = tag.isEmpty() ? ' ' : tag.charAt(0);
            String name = sigil == '#' || sigil == '^' || sigil == '/' ? tag.substring(1).strip() : tag;
            if (!FIELDS.contains(name)) {
                v.error(field, at + ": unknown merge field {{" + name + "}}; known fields are " + String.join(", ", new TreeSet<>(FIELDS)));
                continue;
            }
            if (sigil == '#' || sigil == '^') {
                open.push(new String[] {name, at});
            } else if (sigil == '/') {
                if (open.isEmpty() || !open.peek()[0].equals(name)) {
                    v.error(field, at + ": {{/" + name + "}} closes no open {{#" + name + "}}");
                } else {
                    open.pop();
                }
            }
        }
        for (String[] unclosed : open) {
            v.error(field, unclosed[1] + ": the section {{#" + unclosed[0] + "}} is never closed with {{/" + unclosed[0] + "}}");
        }
        if (!v.has(field)) {
            try {
                compile(template, true);
            } catch (MustacheException e) {
                v.error(field, "is not a valid template: " + e.getMessage());
            }
        }
    }

    /** Compiles a checked template; {@code html} escapes values for HTML. */
    static Compiled compile(String template, boolean html) {
        DefaultMustacheFactory factory = html ? HTML : PLAIN;
        return new Compiled(factory.compile(new StringReader(template), "t" + NAMES.incrementAndGet()));
    }

    private static String position(String text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < index; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return "line " + line + ", column " + (index - lineStart + 1);
    }
}
