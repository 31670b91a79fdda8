package org.ffmas.crm.ui;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.common.FieldError;
import org.ffmas.crm.common.ForbiddenException;
import org.ffmas.crm.security.AccessFilter;
import org.ffmas.crm.security.AuthService;
import org.ffmas.crm.security.Caller;

/**
 * Renders the staff pages: Mustache templates under {@code ui/} (values HTML-escaped), inside the
 * layout, with the texts of the user's language (French, or English when chosen).
 */
public final class Views {

    static final String LANG_COOKIE = "crm_lang";

    private final DefaultMustacheFactory templates = new DefaultMustacheFactory("ui");
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> texts = Map.of("fr", load("fr"), "en", load("en"));

    private static Map<String, String> load(String lang) {
        Properties p = new Properties();
        try (InputStream in = Views.class.getResourceAsStream("/ui/texts_" + lang + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return Map.copyOf(m);
    }

    /** The language of the request: {@code crm_lang} cookie, French by default. */
    static String lang(ContainerRequestContext request) {
        Cookie c = request.getCookies().get(LANG_COOKIE);
        return c != null && c.getValue().equals("en") ? "en" : "fr";
    }

    String text(ContainerRequestContext request, String key) {
        return texts.get(lang(request)).getOrDefault(key, key);
    }

    /** A select's options: each value labelled with the text {@code prefix_value}, the {@code selected} one marked. */
    List<Map<String, Object>> options(ContainerRequestContext request, String prefix, List<String> values, String selected) {
        return values.stream().map(x -> Map.<String, Object>of("value", x, "label", text(request, prefix + "_" + x),
                "selected", x.equals(selected))).toList();
    }

    /** A page for the signed-in user, {@code status} 200 unless a form was refused. */
    Response page(ContainerRequestContext request, int status, String template, String title, Map<String, Object> model) {
        Caller caller = AccessFilter.caller(request);
        Map<String, Object> m = new HashMap<>(model);
        m.put("user", Map.of("name", caller.name(), "role", caller.role().name()));
        m.put("canEdit", caller.role() != Role.READ_ONLY);
        m.put("isAdmin", caller.role() == Role.ADMIN);
        m.put("csrf", caller.csrfToken().orElse(""));
        return render(request, status, template, title, m, true);
    }

    /** A refusal or failure shown as a page: what went wrong, and the way back. */
    Response errorPage(ContainerRequestContext request, int status, String detail, List<String> fieldErrors) {
        Map<String, Object> m = new HashMap<>();
        m.put("status", status);
        m.put("detail", detail);
        m.put("fieldErrors", fieldErrors);
        m.put("hasFieldErrors", !fieldErrors.isEmpty());
        String back = null;
        try {
            String referer = request.getHeaderString("Referer");
            back = referer == null ? null : new URI(referer).getRawPath();
        } catch (URISyntaxException malformed) {
            // back to the dashboard then
        }
        m.put("back", back == null || !back.startsWith("/") || back.startsWith("//") ? "/" : back);
        String title = text(request, status == 403 ? "error_forbidden" : status == 404 ? "error_notFound"
                : status >= 500 ? "error_unexpected" : "error_refused");
        m.put("heading", title);
        return AccessFilter.callerIfAny(request).isPresent() ? page(request, status, "error", title, m)
                : publicPage(request, status, "error", title, m);
    }

    /** A page without a session (login). */
    Response publicPage(ContainerRequestContext request, int status, String template, String title, Map<String, Object> model) {
        return render(request, status, template, title, new HashMap<>(model), false);
    }

    private Response render(ContainerRequestContext request, int status, String template, String title, Map<String, Object> m,
                            boolean signedIn) {
        String lang = lang(request);
        m.put("t", texts.get(lang));
        m.put("lang", lang);
        m.put("otherLang", lang.equals("fr") ? "en" : "fr");
        m.put("signedIn", signedIn);
        m.put("path", request.getUriInfo().getRequestUri().getRawPath());
        m.put("nav_" + template.split("-")[0], true);
        String body = render(template, m);
        m.put("title", title);
        m.put("body", body);
        return Response.status(status).type(MediaType.TEXT_HTML + ";charset=UTF-8").header("Cache-Control", "no-store")
                .entity(render("layout", m)).build();
    }

    private String render(String template, Map<String, Object> model) {
        Mustache mustache = compiled.computeIfAbsent(template, t -> templates.compile(t + ".mustache"));
        StringWriter out = new StringWriter();
        mustache.execute(out, model);
        return out.toString();
    }

    /** Field errors keyed as templates read them ({@code address.postalCode} → {@code address_postalCode}). */
    static Map<String, String> errors(List<FieldError> errors) {
        Map<String, String> m = new HashMap<>();
        for (FieldError e : errors) {
            m.merge(e.field().replace('.', '_'), e.message(), (a, b) -> a + "; " + b);
        }
        return m;
    }

    /** A form's CSRF field must be the session's token. */
    static void checkCsrf(ContainerRequestContext request, String given) {
        if (!AuthService.csrfMatches(AccessFilter.caller(request), given)) {
            throw new ForbiddenException("The form is stale or was not sent from this site: reload the page and try again.");
        }
    }
}
