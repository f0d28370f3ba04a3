package kz.clinicai.local.sandbox.uis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.clinicai.local.sandbox.SandboxContext;
import kz.clinicai.local.sandbox.SandboxExchange;
import kz.clinicai.local.sandbox.SandboxService;

/**
 * UIS simulator, split by concern: the Data API ({@code POST /v2.0}, {@link UisJsonRpc}), recording downloads
 * (here), the control API ({@code /_control/…}, {@link UisControl}) and a page ({@code /ui}, {@link UisPage}).
 * Recordings, as UIS serves them without a token: {@code GET /system/media/talk/{communication_id}/{hash}/} (mp3,
 * one per operator leg that talked: the mixed conversation of that leg), {@code /system/media/wav/{communication_id}/
 * {wav hash}/} (wav, its own hashes: one track per leg that talked, the client's leg included, each with that
 * party's voice) and {@code /media/{communication_id}/{hash}} (the full record); 404 until the call's recording delay
 * has passed. {@code get.calls_report} lists the mp3s of the operator legs and the wav tracks of all legs (client
 * first); {@code get.call_legs_report} gives each leg its own ones.
 *
 * <p>Modelled from public evidence (a Novofon client; Novofon runs the same platform and Data API): wav records are
 * usually two for a simple call, one per leg, one almost entirely the customer's voice and the other our side;
 * mp3 records are the mixed conversation. Unconfirmed and chosen by us: a track's exact content (the party's own
 * speech, the other party as faint crosstalk, silence between legs), that a track starts at its leg's
 * {@code connect_time} and lasts to the leg's end (the client's to the session's end), and the WAV format
 * (PCM 16-bit, 8 kHz, mono).
 */
public final class UisService implements SandboxService {

    public static final String NAME = "uis";
    private static final Pattern RECORD = Pattern.compile("/system/media/(talk|wav)/(\\d+)/([0-9a-f]+)/?");
    private static final Pattern FULL = Pattern.compile("/media/(\\d+)/([0-9a-f]+)/?");

    private final Clock clock;
    private final int callsPerDay;
    private UisAccount account;
    private UisLimits limits;
    private UisJsonRpc rpc;
    private UisControl control;
    private UisPage page;

    public UisService() {
        this(Clock.systemUTC(), UisSeed.TEMPLATE_SIZE);
    }

    /** {@code callsPerDay} seeded calls for each day (at most 99; the first ten are the varied day). */
    public UisService(Clock clock, int callsPerDay) {
        if (callsPerDay < 0 || callsPerDay > 99) {
            throw new IllegalArgumentException("callsPerDay must be 0..99");
        }
        this.clock = clock;
        this.callsPerDay = callsPerDay;
        wire("http://127.0.0.1/" + NAME);
    }

    private void wire(String recordsBaseUrl) {
        account = new UisAccount(clock, callsPerDay);
        limits = new UisLimits(clock, account::timezone);
        UisRows rows = new UisRows(account, recordsBaseUrl);
        rpc = new UisJsonRpc(account, limits, rows);
        control = new UisControl(account, limits, rows);
        page = new UisPage(account, rows, recordsBaseUrl);
    }

    @Override
    public void start(SandboxContext context) {
        // full_record_file_link is an absolute URL, so the rows need the address the sandbox listens on.
        wire(context.httpBaseUrl() + "/" + NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "UIS Data API v2.0 simulator (calls and legs reports, account, tags, comments; mixed mp3 recordings "
                + "and per-leg wav tracks carrying their speech)";
    }

    @Override
    public Map<String, String> settings(String mountedBaseUrl) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("uis.baseUrl", mountedBaseUrl + "/v2.0");
        out.put("uis.accessToken", UisJsonRpc.TOKEN);
        out.put("uis.recordsBaseUrl", mountedBaseUrl);
        return out;
    }

    @Override
    public Map<String, String> pages() {
        return Map.of("UIS calls", "ui");
    }

    @Override
    public void handle(SandboxExchange exchange) throws IOException {
        String path = exchange.path();
        String method = exchange.method();
        if (method.equals("POST") && (path.equals("/v2.0") || path.equals("/v2.0/"))) {
            JsonNode request;
            try {
                request = exchange.bodyJson();
            } catch (JsonProcessingException e) {
                UisJson.send(exchange, 200, UisJsonRpc.error(NullNode.getInstance(),
                        UisRpcError.of(-32700, "parse_error", "Invalid JSON was received by the server."), null));
                return;
            }
            UisJson.send(exchange, 200, rpc.answer(request));
            return;
        }
        if (path.startsWith("/_control/") && control.handle(exchange, path.substring("/_control".length()))) {
            return;
        }
        if (method.equals("GET") && (path.equals("/ui") || path.equals("/ui/"))) {
            exchange.html(page.render(exchange.query().get("date")));
            return;
        }
        Matcher record = RECORD.matcher(path);
        Matcher full = FULL.matcher(path);
        if (method.equals("GET") && record.matches()) {
            long id = Long.parseLong(record.group(2));
            boolean mp3 = record.group(1).equals("talk");
            String hash = record.group(3);
            Optional<UisCall> call = account.call(id).filter(account::recordsAvailable)
                    .filter(c -> mp3 || !account.tracksWithheld(c.id()));
            Optional<UisLeg> leg = call.flatMap(c -> mp3 ? c.legByRecord(hash) : c.legByWav(hash));
            if (leg.isEmpty()) {
                notFound(exchange);
                return;
            }
            // Built per request (an hour-long track is about 58 MB; nothing is kept in memory between requests).
            byte[] audio = mp3 ? leg.get().mp3() : call.get().track(leg.get());
            exchange.respond(200, mp3 ? "audio/mpeg" : "audio/wav", audio,
                    Map.of("Content-Disposition", "attachment; filename=\"" + id + "_" + hash + (mp3 ? ".mp3\"" : ".wav\"")));
        } else if (method.equals("GET") && full.matches()) {
            long id = Long.parseLong(full.group(1));
            Optional<UisCall> call = account.call(id).filter(account::recordsAvailable)
                    .filter(c -> full.group(2).equals(c.fullRecordHash()));
            if (call.isEmpty()) {
                notFound(exchange);
                return;
            }
            exchange.respond(200, "audio/mpeg", call.get().fullMp3(),
                    Map.of("Content-Disposition", "attachment; filename=\"" + id + ".mp3\""));
        }
    }

    private static void notFound(SandboxExchange exchange) throws IOException {
        exchange.text(404, "text/html; charset=utf-8", "<html><body><h1>404 Not Found</h1></body></html>");
    }

    @Override
    public void reset() {
        account.reset();
        limits.reset();
    }
}
