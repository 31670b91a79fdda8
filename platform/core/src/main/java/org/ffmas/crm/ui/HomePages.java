package org.ffmas.crm.ui;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ffmas.crm.agreement.AgreementService;
import org.ffmas.crm.api.access.Allowed;
import org.ffmas.crm.api.access.Role;
import org.ffmas.crm.campaign.Campaign;
import org.ffmas.crm.campaign.CampaignService;
import org.ffmas.crm.campaign.CampaignStats;
import org.ffmas.crm.partner.CompanyEnums.Status;
import org.ffmas.crm.partner.CompanyQuery;
import org.ffmas.crm.partner.CompanyService;
import org.ffmas.crm.plugin.PluginHost;
import org.ffmas.crm.security.AccessFilter;
import org.ffmas.crm.security.AuthService;
import org.ffmas.crm.sync.SyncService;
import org.ffmas.crm.web.UiPage;

/** The dashboard, and logging out. */
@Path("/")
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class HomePages {

    private final Views views;
    private final AuthService auth;
    private final CompanyService companies;
    private final AgreementService agreements;
    private final CampaignService campaigns;
    private final SyncService sync;
    private final PluginHost plugins;

    public HomePages(Views views, AuthService auth, CompanyService companies, AgreementService agreements, CampaignService campaigns,
                     SyncService sync, PluginHost plugins) {
        this.views = views;
        this.auth = auth;
        this.companies = companies;
        this.agreements = agreements;
        this.campaigns = campaigns;
        this.sync = sync;
        this.plugins = plugins;
    }

    @GET
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Response dashboard(@Context ContainerRequestContext request) {
        Map<String, Object> m = new HashMap<>();
        List<Map<String, Object>> byStatus = new ArrayList<>();
        long max = 1;
        for (Status s : Status.values()) {
            CompanyQuery all = CompanyQuery.all();
            long n = companies.list(new CompanyQuery(null, List.of(s), all.tags(), all.sectors(), all.sizeBrackets(), all.departments(),
                    all.regions(), null, null, "name"), 1, 1).total();
            max = Math.max(max, n);
            byStatus.add(new HashMap<>(Map.of("status", views.text(request, "status_" + s.name()), "count", n)));
        }
        for (Map<String, Object> row : byStatus) {
            row.put("width", (long) row.get("count") * 100 / max);
        }
        m.put("byStatus", byStatus);
        int year = agreements.today().getYear();
        Map<String, Object> now = agreements.summary(year);
        Map<String, Object> before = agreements.summary(year - 1);
        long thisYear = (long) now.get("signedAmountCents");
        long lastYear = (long) before.get("signedAmountCents");
        long top = Math.max(1, Math.max(thisYear, lastYear));
        m.put("year", year);
        m.put("lastYear", year - 1);
        m.put("activeCount", now.get("activeCount"));
        m.put("signedThisYear", Money.euros(thisYear));
        m.put("signedLastYear", Money.euros(lastYear));
        m.put("thisYearWidth", thisYear * 100 / top);
        m.put("lastYearWidth", lastYear * 100 / top);
        m.put("expiring", agreements.expiring(90));
        m.put("overdue", agreements.overdueInstalments().stream().limit(10).toList());
        List<Map<String, Object>> recent = new ArrayList<>();
        for (Campaign c : campaigns.list(null, 1, 5).items()) {
            CampaignStats s = campaigns.stats(c.id());
            recent.add(Map.of("campaign", c, "stats", s, "bounceRate", percent(s.bounced(), s.sent()),
                    "unsubscribeRate", percent(s.unsubscribed(), s.sent())));
        }
        m.put("campaigns", recent);
        m.put("failedRuns", sync.runs(null, "FAILED", 5));
        m.put("pluginsInTrouble", plugins.list().stream().filter(p -> p.state().equals("FAILED")).toList());
        return views.page(request, 200, "dashboard", views.text(request, "nav_dashboard"), m);
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed({Role.ADMIN, Role.STAFF, Role.READ_ONLY})
    public Response logout(@FormParam("csrf") String csrf, @Context ContainerRequestContext request) {
        Views.checkCsrf(request, csrf);
        auth.logout(AccessFilter.caller(request), AccessFilter.address(request));
        return Response.seeOther(URI.create("/login"))
                .cookie(new NewCookie.Builder(AccessFilter.SESSION_COOKIE).value("").path("/").maxAge(0).httpOnly(true).build(),
                        new NewCookie.Builder(AccessFilter.CSRF_COOKIE).value("").path("/").maxAge(0).build())
                .build();
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "–" : String.format(Locale.FRANCE, "%.1f %%", part * 100.0 / whole);
    }
}
