package kz.clinicai.console.clinics;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the clinic form posts, as typed (strings), so that a form with mistakes is shown again exactly as it was.
 * Working hours are one row per weekday: "works" ticked with an opening and a closing time, or not ticked (a day
 * off); a time that does not parse is an error, never a day off.
 */
public final class ClinicForm {

    /** One weekday's row of the form. */
    public static final class Day {
        private boolean works;
        private String open = "";
        private String close = "";

        public boolean isWorks() {
            return works;
        }

        public void setWorks(boolean works) {
            this.works = works;
        }

        public String getOpen() {
            return open;
        }

        public void setOpen(String open) {
            this.open = open == null ? "" : open.strip();
        }

        public String getClose() {
            return close;
        }

        public void setClose(String close) {
            this.close = close == null ? "" : close.strip();
        }
    }

    private String slug = "";
    private String infoClinicaUrl = "";
    private String branchId = "";
    private String timeZone = "Asia/Almaty";
    private final Map<DayOfWeek, Day> hours = new EnumMap<>(DayOfWeek.class);
    private String onlineType = "0";
    private String forwardedHost = "";
    private String allowedSourceIps = "";
    private String perMinute = "";
    private String perMinutePerIp = "";
    private String connectTimeoutMs = "";
    private String requestTimeoutMs = "";
    private String assistantName = "";

    public ClinicForm() {
        for (DayOfWeek d : DayOfWeek.values()) {
            hours.put(d, new Day());
        }
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = clean(slug);
    }

    public String getInfoClinicaUrl() {
        return infoClinicaUrl;
    }

    public void setInfoClinicaUrl(String infoClinicaUrl) {
        this.infoClinicaUrl = clean(infoClinicaUrl);
    }

    public String getBranchId() {
        return branchId;
    }

    public void setBranchId(String branchId) {
        this.branchId = clean(branchId);
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = clean(timeZone);
    }

    public Map<DayOfWeek, Day> getHours() {
        return hours;
    }

    public Day day(DayOfWeek d) {
        return hours.get(d);
    }

    public String getOnlineType() {
        return onlineType;
    }

    public void setOnlineType(String onlineType) {
        this.onlineType = clean(onlineType);
    }

    public String getForwardedHost() {
        return forwardedHost;
    }

    public void setForwardedHost(String forwardedHost) {
        this.forwardedHost = clean(forwardedHost);
    }

    public String getAllowedSourceIps() {
        return allowedSourceIps;
    }

    public void setAllowedSourceIps(String allowedSourceIps) {
        this.allowedSourceIps = clean(allowedSourceIps);
    }

    public String getPerMinute() {
        return perMinute;
    }

    public void setPerMinute(String perMinute) {
        this.perMinute = clean(perMinute);
    }

    public String getPerMinutePerIp() {
        return perMinutePerIp;
    }

    public void setPerMinutePerIp(String perMinutePerIp) {
        this.perMinutePerIp = clean(perMinutePerIp);
    }

    public String getConnectTimeoutMs() {
        return connectTimeoutMs;
    }

    public void setConnectTimeoutMs(String connectTimeoutMs) {
        this.connectTimeoutMs = clean(connectTimeoutMs);
    }

    public String getRequestTimeoutMs() {
        return requestTimeoutMs;
    }

    public void setRequestTimeoutMs(String requestTimeoutMs) {
        this.requestTimeoutMs = clean(requestTimeoutMs);
    }

    public String getAssistantName() {
        return assistantName;
    }

    public void setAssistantName(String assistantName) {
        this.assistantName = clean(assistantName);
    }
}
