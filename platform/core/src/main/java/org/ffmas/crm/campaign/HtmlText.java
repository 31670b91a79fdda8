package org.ffmas.crm.campaign;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/** The text part of a message made from its HTML: paragraphs and line breaks kept, links written out. */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
            "table", "tr", "blockquote", "section", "header", "footer");

    private HtmlText() {
    }

    static String of(String html) {
        StringBuilder out = new StringBuilder();
        Jsoup.parse(html).body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.text());
                } else if (node instanceof Element e) {
                    switch (e.normalName()) {
                        case "br" -> out.append('\n');
                        case "li" -> out.append("\n- ");
                        default -> {
                            if (BLOCKS.contains(e.normalName())) {
                                out.append("\n\n");
                            }
                        }
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.normalName().equals("a")) {
                    String href = e.attr("href");
                    if (!href.isBlank() && !href.startsWith("mailto:") && !e.text().strip().equals(href)) {
                        out.append(" <").append(href).append('>');
                    }
                }
            }
        });
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip() + "\n";
    }
}
