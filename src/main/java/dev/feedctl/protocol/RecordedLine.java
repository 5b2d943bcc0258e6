package dev.feedctl.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.time.Instant;

/**
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

    public boolean isClose() {
        return frame == null;
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
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? Texts.time(e.getAsString())
                : null;
    }
}
