package dev.feedctl.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recording format, written ({@link #frameLine}, {@link #closeLine}) and read ({@link #parse}) here only.
 * One line of a recorded session, in any of the forms feedctl reads back:
 * <ul>
 * <li>{@code {"received_at":"<RFC 3339>","connection":N,"frame":"<raw text>"}}: a frame as received (a
 * {@code subscribe --annotate} line, whose {@code frame} is the parsed object or whose {@code raw} is the text, too);</li>
 * <li>{@code {"received_at":…,"closed":{"code":1001,"reason":"…","by":"server"}}}: where the connection ended;</li>
 * <li>anything else: the line is itself a raw frame, and its envelope {@code timestamp} (if any) stands in for the
 * receive time.</li>
 * </ul>
 *
 * @param receivedAt null when the line says nothing of time
 * @param connection the recorded connection's id, "" when not recorded
 * @param frame      the frame text, or null for a close
 * @param shard      the recorded shard ({@code tail}'s connections of one shard follow one another), "" when not
 *                   recorded
 * @param raw        the line is a bare frame: the recording says nothing of receive times, connections or closes
 */
public record RecordedLine(Instant receivedAt, String connection, String frame, int closeCode, String closeReason,
                           boolean closedByServer, String shard, boolean raw) {

    /** Nine fraction digits always: the receive order of two frames in one microsecond stays visible. */
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'")
            .withZone(ZoneOffset.UTC);

    public boolean isClose() {
        return frame == null;
    }

    /** {@code {"received_at":…,"connection":N,"shard":S,"frame":"<text as received>"}}, to the nanosecond. */
    public static String frameLine(Instant receivedAt, long connection, int shard, String raw) {
        Map<String, Object> m = envelope(NANOS.format(receivedAt), connection, shard);
        m.put("frame", raw);
        return Json.COMPACT.toJson(m);
    }

    /** Where connection {@code connection} of {@code shard} ended; {@code by} is {@code server} or {@code client}. */
    public static String closeLine(Instant at, long connection, int shard, int code, String reason, String by) {
        return closeLine(envelope(NANOS.format(at), connection, shard), code, reason, by);
    }

    /** Where the one connection of a recording that does not number them ({@code subscribe --annotate}) ended. */
    public static String closeLine(Instant at, int code, String reason, String by) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received_at", at.toString());
        return closeLine(m, code, reason, by);
    }

    private static Map<String, Object> envelope(String receivedAt, long connection, int shard) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received_at", receivedAt);
        m.put("connection", connection);
        m.put("shard", shard);
        return m;
    }

    private static String closeLine(Map<String, Object> envelope, int code, String reason, String by) {
        Map<String, Object> close = new LinkedHashMap<>();
        close.put("code", code);
        close.put("reason", reason);
        close.put("by", by);
        envelope.put("closed", close);
        return Json.COMPACT.toJson(envelope);
    }

    public static RecordedLine parse(String line) {
        JsonObject o = object(line);
        if (o != null && o.has("received_at") && (o.has("frame") || o.has("raw") || o.has("closed"))) {
            String conn = o.has("connection") ? o.get("connection").toString() : "";
            String shard = o.has("shard") ? o.get("shard").toString() : "";
            Instant at = time(o.get("received_at"));
            if (o.has("closed") && o.get("closed").isJsonObject()) {
                JsonObject c = o.getAsJsonObject("closed");
                int code = c.has("code") && c.get("code").isJsonPrimitive() && c.get("code").getAsJsonPrimitive()
                        .isNumber() ? c.get("code").getAsInt() : 1005;
                String reason = c.has("reason") && c.get("reason").isJsonPrimitive() ? c.get("reason").getAsString()
                        : "";
                boolean byServer = !(c.has("by") && c.get("by").isJsonPrimitive()
                        && "client".equals(c.get("by").getAsString()));
                return new RecordedLine(at, conn, null, code, reason, byServer, shard, false);
            }
            JsonElement f = o.has("frame") ? o.get("frame") : o.get("raw");
            String text = f.isJsonPrimitive() ? f.getAsString() : Json.COMPACT.toJson(f);
            return new RecordedLine(at, conn, text, 0, "", false, shard, false);
        }
        return new RecordedLine(o != null ? time(o.get("timestamp")) : null, "", line, 0, "", false, "", true);
    }

    private static JsonObject object(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            JsonElement e = Json.parse(line);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static Instant time(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? DecimalsAndTimes.time(e.getAsString())
                : null;
    }
}
