package kz.clinicai.console.web;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.clinicai.console.spend.OrgCostsClient;
import kz.clinicai.console.spend.SpendService;
import kz.clinicai.shared.usage.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: balance, 30-day spend (platform metering by channel, OpenAI organisation costs), daily table. */
@Controller
class DashboardController {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardController.class);
    static final int DAYS = 30;

    private final SpendService spend;

    DashboardController(SpendService spend) {
        this.spend = spend;
    }

    @GetMapping("/console/dashboard")
    String dashboard(Model model) {
        SpendService.Daily daily = spend.daily(DAYS);
        model.addAttribute("daily", daily);
        model.addAttribute("chart", spend.chart(daily));
        model.addAttribute("channels", List.of(Usage.Channel.values()));
        model.addAttribute("dayOrder", Comparator.comparing(SpendService.DayRow::day).reversed());
        model.addAttribute("balance", spend.balance().orElse(null));
        model.addAttribute("orgConfigured", spend.orgCostsConfigured());
        Map<LocalDate, String> orgByDay = new HashMap<>();
        double orgTotal = 0;
        try {
            var costs = spend.orgCosts(daily.days().get(0).day());
            if (costs.isPresent()) {
                for (OrgCostsClient.DailyCost c : costs.get()) {
                    orgByDay.put(c.day(), SpendService.usd(c.usd()));
                    orgTotal += c.usd();
                }
            }
        } catch (Exception e) {
            LOG.warn("organisation costs unavailable: {}", e.toString());
            model.addAttribute("error", "Не удалось получить расходы OpenAI: " + e.getMessage());
        }
        model.addAttribute("orgByDay", orgByDay);
        model.addAttribute("orgTotal", SpendService.usd(orgTotal));
        return "dashboard";
    }
}
