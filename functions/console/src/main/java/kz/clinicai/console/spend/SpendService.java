package kz.clinicai.console.spend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import kz.clinicai.console.settings.SiteSettings;
import kz.clinicai.shared.secrets.SecretStore;
import kz.clinicai.shared.usage.Usage;
import kz.clinicai.shared.usage.UsageRepository;

/**
 * Spend as the dashboard shows it: (1) the platform's own metering — every function's model calls from the usage
 * table, priced by {@link PriceTable} — by day and channel; (2) OpenAI's organisation costs when an admin key secret
 * is configured; (3) the balance the admin entered minus the metered spend since its date; (4) the month's spend
 * against the monthly budget (80 % and 100 % banners).
 */
public final class SpendService {

    public static final String ADMIN_KEY_FIELD = "admin_key";
    private static final Duration MONTH_CACHE = Duration.ofSeconds(60);

    public record DayRow(LocalDate day, Map<Usage.Channel, Double> byChannel, double total) {
        public String totalText() {
            return usd(total);
        }

        public String text(Usage.Channel c) {
            return usd(byChannel.getOrDefault(c, 0.0));
        }
    }

    public record Daily(List<DayRow> days, Map<Usage.Channel, Double> totals, double total, List<String> unpriced) {
        public String totalText() {
            return usd(total);
        }
    }

    public record Bar(double x, double y, double width, double height, String css, String title) {
    }

    public record Chart(int width, int height, List<Bar> bars, String maxLabel) {
    }

    public record Balance(double enteredUsd, LocalDate since, double spentSinceUsd, double remainingUsd) {
        public String remainingText() {
            return usd(remainingUsd);
        }

        public String spentText() {
            return usd(spentSinceUsd);
        }
    }

    private final UsageRepository usage;
    private final PriceTable prices;
    private final SiteSettings settings;
    private final OrgCostsClient orgCosts;
    private final SecretStore secrets;
    private final Optional<String> adminKeySecret;
    private final Clock clock;
    private final BudgetAlerts alerts;
    private volatile Instant monthCachedAt = Instant.EPOCH;
    private volatile double monthCached;

    public SpendService(UsageRepository usage, PriceTable prices, SiteSettings settings, OrgCostsClient orgCosts,
                        SecretStore secrets, Optional<String> adminKeySecret, Clock clock, BudgetAlerts alerts) {
        this.usage = usage;
        this.prices = prices;
        this.settings = settings;
        this.orgCosts = orgCosts;
        this.secrets = secrets;
        this.adminKeySecret = adminKeySecret;
        this.clock = clock;
        this.alerts = alerts;
    }

    /** Cents for real money, six decimals for the fractions of a cent a test chat costs. */
    public static String usd(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 0.01 || value == 0 ? "$%.2f" : "$%.6f", value);
    }

    public PriceTable prices() {
        return prices;
    }

    /** Metered spend for the last {@code days} UTC days, oldest first, zeros where nothing was metered. */
    public Daily daily(int days) {
        LocalDate today = today();
        List<DayRow> rows = new ArrayList<>();
        Map<Usage.Channel, Double> totals = new EnumMap<>(Usage.Channel.class);
        TreeSet<String> unpriced = new TreeSet<>();
        double total = 0;
        for (int i = days - 1; i >= 0; i--) {
            LocalDate day = today.minusDays(i);
            Map<Usage.Channel, Double> byChannel = new EnumMap<>(Usage.Channel.class);
            double dayTotal = 0;
            for (Usage u : usage.day(day)) {
                if (prices.price(u.model()).isEmpty()) {
                    unpriced.add(u.model());
                }
                double cost = prices.cost(u);
                byChannel.merge(u.channel(), cost, Double::sum);
                totals.merge(u.channel(), cost, Double::sum);
                dayTotal += cost;
            }
            total += dayTotal;
            rows.add(new DayRow(day, byChannel, dayTotal));
        }
        return new Daily(rows, totals, total, List.copyOf(unpriced));
    }

    /** Stacked bars (one per day, one colour per channel) for a server-rendered SVG: no script needed. */
    public Chart chart(Daily daily) {
        int width = 720;
        int height = 200;
        double max = daily.days().stream().mapToDouble(DayRow::total).max().orElse(0);
        double scale = max > 0 ? (height - 10) / max : 0;
        double slot = (double) width / Math.max(1, daily.days().size());
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < daily.days().size(); i++) {
            DayRow row = daily.days().get(i);
            double y = height;
            for (Usage.Channel c : Usage.Channel.values()) {
                double v = row.byChannel().getOrDefault(c, 0.0);
                if (v <= 0) {
                    continue;
                }
                double h = Math.max(1, v * scale);
                y -= h;
                bars.add(new Bar(i * slot + 2, y, Math.max(1, slot - 4), h, "bar-" + c.id(),
                        row.day() + " " + c.id() + ": " + usd(v)));
            }
        }
        return new Chart(width, height, bars, usd(max));
    }

    /** OpenAI's organisation costs per day since {@code from}; empty when no admin key secret is configured. */
    public Optional<List<OrgCostsClient.DailyCost>> orgCosts(LocalDate from) throws Exception {
        if (adminKeySecret.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(orgCosts.daily(secrets.field(adminKeySecret.get(), ADMIN_KEY_FIELD), from));
    }

    public boolean orgCostsConfigured() {
        return adminKeySecret.isPresent();
    }

    public Optional<Balance> balance() {
        SiteSettings.Values v = settings.get();
        if (v.balanceUsd() == null || v.balanceDate() == null) {
            return Optional.empty();
        }
        long days = Math.max(1, Math.min(400, Duration.between(v.balanceDate().atStartOfDay(ZoneOffset.UTC).toInstant(),
                clock.instant()).toDays() + 1));
        double spent = daily((int) days).total();
        return Optional.of(new Balance(v.balanceUsd(), v.balanceDate(), spent, v.balanceUsd() - spent));
    }

    /** Month-to-date metered spend (cached for a minute: every page shows the budget banner). */
    public double monthToDate() {
        Instant now = clock.instant();
        if (Duration.between(monthCachedAt, now).compareTo(MONTH_CACHE) < 0) {
            return monthCached;
        }
        double spent = daily(today().getDayOfMonth()).total();
        monthCached = spent;
        monthCachedAt = now;
        return spent;
    }

    public void forgetCache() {
        monthCachedAt = Instant.EPOCH;
    }

    /** The banner text when this month's spend reached 80 % or 100 % of the budget. */
    public Optional<String> budgetBanner() {
        Double budget = settings.get().monthlyBudgetUsd();
        if (budget == null || budget <= 0) {
            return Optional.empty();
        }
        double spent = monthToDate();
        double share = spent / budget;
        String month = today().toString().substring(0, 7);
        if (share >= 0.8) {
            alerts.reached(share >= 1 ? 100 : 80, month, "Консоль ассистентов: израсходовано " + Math.round(share * 100)
                    + " % бюджета месяца " + month + " (" + usd(spent) + " из " + usd(budget) + ")");
        }
        if (share >= 1) {
            return Optional.of("Бюджет месяца исчерпан: " + usd(spent) + " из " + usd(budget) + " (100 %)");
        }
        if (share >= 0.8) {
            return Optional.of("Израсходовано " + Math.round(share * 100) + " % бюджета месяца: " + usd(spent)
                    + " из " + usd(budget));
        }
        return Optional.empty();
    }

    private LocalDate today() {
        return clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
