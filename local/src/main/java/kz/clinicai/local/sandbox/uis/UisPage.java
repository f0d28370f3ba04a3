package kz.clinicai.local.sandbox.uis;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;
import kz.clinicai.local.sandbox.audio.SandboxAudio;

/**
 * The simulator's page ({@code /uis/ui?date=YYYY-MM-DD}): one day of the account's calls with their legs,
 * recordings (and whether they can be downloaded yet), the speech each recording carries, tags and comments.
 */
final class UisPage {

    private final UisAccount account;
    private final UisRows rows;
    private final String recordsBaseUrl;

    UisPage(UisAccount account, UisRows rows, String recordsBaseUrl) {
        this.account = account;
        this.rows = rows;
        this.recordsBaseUrl = recordsBaseUrl;
    }

    String render(String dateParam) {
        LocalDate day;
        try {
            day = dateParam == null || dateParam.isBlank() ? account.now().atZone(account.timezone()).toLocalDate()
                    : LocalDate.parse(dateParam);
        } catch (DateTimeParseException e) {
            day = account.now().atZone(account.timezone()).toLocalDate();
        }
        Instant from = day.atStartOfDay(account.timezone()).toInstant();
        Instant till = day.plusDays(1).atStartOfDay(account.timezone()).toInstant().minusSeconds(1);
        List<UisCall> calls = account.calls(from, till, true);
        StringBuilder h = new StringBuilder("""
                <!doctype html><html lang="ru"><head><meta charset="utf-8"><title>UIS sandbox</title>
                <style>body{font:14px sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}
                td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top}th{background:#f3f3f3}
                .lost{color:#a00}.muted{color:#777}small{color:#555}</style></head><body>
                <h1>UIS sandbox — simulated account (not the real UIS)</h1>
                """);
        h.append("<p>Account time zone <b>").append(esc(account.timezone().getId())).append("</b>; day ")
                .append("<a href=\"?date=").append(day.minusDays(1)).append("\">&larr;</a> <b>").append(day)
                .append("</b> <a href=\"?date=").append(day.plusDays(1)).append("\">&rarr;</a>; ")
                .append(calls.size()).append(" calls.</p>");
        h.append("<table><tr><th>id (= communication_id)</th><th>start</th><th>dir</th><th>contact / virtual</th>"
                + "<th>legs</th><th>recordings and speech</th><th>tags</th><th>comments</th></tr>");
        for (UisCall c : calls) {
            var row = rows.call(c);
            h.append("<tr><td>").append(c.id()).append("<br><small>").append(esc(c.label())).append("</small></td><td>")
                    .append(row.get("start_time")).append("<br><small>").append(row.get("total_duration"))
                    .append(" s</small></td><td>").append(c.direction())
                    .append(Boolean.TRUE.equals(row.get("is_lost")) ? " <span class=lost>lost</span>" : "")
                    .append("</td><td>").append(c.contactPhone()).append("<br>").append(c.virtualPhone()).append("</td><td>");
            for (UisLeg l : c.legs()) {
                h.append(l.operator() ? "operator " + esc(l.employee().fullName()) : "client").append(l.transfered()
                        ? " (transfer)" : "").append(l.talked() ? ", " + l.duration() + " s" : " <span class=lost>no answer</span>")
                        .append("<br>");
            }
            h.append("</td><td>");
            boolean available = account.recordsAvailable(c);
            if (!c.recordedLegs().isEmpty()) {
                h.append(available ? "" : "<span class=muted>available from " + rows.time(c.recordsAvailableAt())
                        + "</span><br>");
            }
            c.trackedLegs().stream().filter(l -> !l.operator()).forEach(l -> h.append("<a href=\"")
                    .append(recordsBaseUrl).append("/system/media/wav/").append(c.id()).append('/').append(l.wavHash())
                    .append("/\">wav</a> <small>client's track</small><br>"));
            for (UisLeg l : c.recordedLegs()) {
                h.append("<a href=\"").append(recordsBaseUrl).append("/system/media/talk/").append(c.id()).append('/')
                        .append(l.recordHash()).append("/\">mp3</a> <a href=\"").append(recordsBaseUrl)
                        .append("/system/media/wav/").append(c.id()).append('/').append(l.wavHash())
                        .append("/\">wav</a> <small>").append(esc(l.employee().fullName()))
                        .append(" (mp3 mixed, wav the operator's track)</small><br>");
                h.append("<small>").append(l.speech().isEmpty() ? "(silence)" : l.speech().stream()
                        .limit(8).map(u -> (SandboxAudio.CLIENT.equals(u.speaker()) ? "Клиент: " : "Оператор: ")
                                + esc(u.text())).collect(Collectors.joining("<br>"))
                        + (l.speech().size() > 8 ? "<br>… " + (l.speech().size() - 8) + " more lines" : ""))
                        .append("</small><br>");
            }
            h.append("</td><td>");
            account.marks(c.id()).forEach(m -> account.tag(m.tagId()).ifPresent(t -> h.append(esc(t.name()))
                    .append("<br>")));
            h.append("</td><td>");
            account.comments(c.id()).forEach(m -> h.append(esc(m.text())).append("<br>"));
            h.append("</td></tr>");
        }
        h.append("</table></body></html>");
        return h.toString();
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
