package dev.feedctl.auth;

import dev.feedctl.protocol.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads a CDP key from a key file or from {@code COINBASE_API_KEY} + {@code COINBASE_API_SECRET}, and says
 * precisely what is wrong with a bad one (the key doctor of docs/protocol.md §6).
 */
public final class KeyLoader {

    public static final String ENV_NAME = "COINBASE_API_KEY";
    public static final String ENV_SECRET = "COINBASE_API_SECRET";

    private static final Pattern KEY_NAME = Pattern.compile("organizations/[^/\\s]+/apiKeys/[^/\\s]+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private KeyLoader() {
    }

    /** The key from a CDP key JSON file ({@code {"name"|"id", "privateKey"}}); its secrets go to {@code redactor}. */
    public static CdpKey fromFile(Path file, Redactor redactor) throws KeyProblem {
        String text;
        try {
            text = readSmallRegularFile(file);
        } catch (IOException e) {
            throw new KeyProblem("cannot read key file " + file + ": " + e.getMessage());
        }
        redactor.register(text.trim());
        JsonObject json;
        try {
            JsonElement root = Json.parse(text);
            if (!root.isJsonObject()) {
                throw new KeyProblem(file + " is not a CDP key file: expected a JSON object with \"name\" and "
                        + "\"privateKey\"");
            }
            json = root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new KeyProblem(file + " is not JSON: a CDP key file looks like {\"name\": \"organizations/…/"
                    + "apiKeys/…\", \"privateKey\": \"-----BEGIN EC PRIVATE KEY-----…\"}");
        }
        rejectLegacyShapes(json, file.toString());
        String name = firstString(json, "name", "id", "apiKeyName");
        String secret = firstString(json, "privateKey", "private_key");
        for (String field : new String[] {"privateKey", "private_key"}) {
            JsonElement e = json.get(field);
            if (secret == null && e != null && !(e.isJsonPrimitive() && e.getAsJsonPrimitive().isString())) {
                throw new KeyProblem(file + ": \"" + field + "\" must be a string (the PEM text, or base64 for "
                        + "Ed25519), not " + (e.isJsonNull() ? "null" : e.isJsonObject() ? "an object" : e.isJsonArray()
                        ? "an array" : e.getAsJsonPrimitive().isNumber() ? "a number" : "a boolean")
                        + ": download the key again from the CDP portal");
            }
        }
        if (name == null || secret == null) {
            throw new KeyProblem(file + " lacks " + (name == null ? "\"name\" (or \"id\")" : "\"privateKey\"")
                    + ": download the key again from the CDP portal");
        }
        List<String> warnings = new ArrayList<>();
        permissionWarning(file).ifPresent(warnings::add);
        return build(name, secret, warnings, redactor);
    }

    /** A CDP key file is under 1 KiB: anything over {@value #MAX_KEY_FILE} bytes is not one. */
    static final int MAX_KEY_FILE = 64 * 1024;

    /**
     * The file's text, refusing what cannot be a key file before reading it: not a regular file (a FIFO would hang,
     * /dev/zero never end) or larger than {@link #MAX_KEY_FILE}.
     */
    private static String readSmallRegularFile(Path file) throws IOException, KeyProblem {
        if (!Files.exists(file)) {
            throw new KeyProblem("key file " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new KeyProblem("key file " + file + " is not a regular file (a directory, device or pipe)");
        }
        if (Files.size(file) > MAX_KEY_FILE) {
            throw new KeyProblem("key file " + file + " is " + Files.size(file) + " bytes; a CDP key file is under 1 KB");
        }
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_KEY_FILE + 1);
            if (bytes.length > MAX_KEY_FILE) {
                throw new KeyProblem("key file " + file + " grew past " + MAX_KEY_FILE + " bytes while read");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The key from the environment, or null when neither variable is set. */
    public static CdpKey fromEnvironment(Map<String, String> env, Redactor redactor) throws KeyProblem {
        String name = env.get(ENV_NAME);
        String secret = env.get(ENV_SECRET);
        if (name == null && secret == null) {
            return null;
        }
        if (name == null || secret == null) {
            throw new KeyProblem((name == null ? ENV_NAME : ENV_SECRET) + " is not set: both " + ENV_NAME + " and "
                    + ENV_SECRET + " are needed");
        }
        return build(name.trim(), secret, new ArrayList<>(), redactor);
    }

    private static CdpKey build(String name, String secret, List<String> warnings, Redactor redactor)
            throws KeyProblem {
        redactor.register(secret.trim());
        if (name.contains("BEGIN") && name.contains("KEY")) {
            throw new KeyProblem("the key name holds a PEM key: the name is the \"organizations/…/apiKeys/…\" "
                    + "string, and the private key goes in privateKey / " + ENV_SECRET);
        }
        if (!KEY_NAME.matcher(name).matches() && !UUID.matcher(name).matches()) {
            // never echoed: a name that is not of the form may be key material in the wrong variable
            warnings.add("the key name (" + name.length() + " characters) is not of the form "
                    + "organizations/{org}/apiKeys/{key}" + (name.length() > 60 ? "; it looks like key material: the "
                    + "private key belongs in privateKey / " + ENV_SECRET : ""));
        } else if (UUID.matcher(name).matches()) {
            warnings.add("key name is a bare UUID; CDP ECDSA keys are named organizations/{org}/apiKeys/{key}");
        }
        String normalised = secret.replace("\\n", "\n").trim();
        if (normalised.startsWith("\"") && normalised.endsWith("\"") && normalised.length() > 1) {
            normalised = normalised.substring(1, normalised.length() - 1).trim();
        }
        redactor.register(normalised);
        return PrivateKeys.parse(name, normalised, warnings).reporting(redactor::registerRecent);
    }

    private static void rejectLegacyShapes(JsonObject json, String where) throws KeyProblem {
        if (json.has("passphrase") || (json.has("key") && json.has("secret"))) {
            throw new KeyProblem(where + " looks like a legacy Exchange/Pro API key (key + secret + passphrase): "
                    + "Advanced Trade does not accept it; create a CDP API key (ECDSA) in the CDP portal");
        }
        if (json.has("apiKey") && json.has("apiSecret")) {
            throw new KeyProblem(where + " looks like a retired Coinbase App HMAC key (key + secret): Advanced "
                    + "Trade takes CDP API keys; create one (ECDSA) in the CDP portal");
        }
    }

    private static String firstString(JsonObject o, String... fields) {
        for (String f : fields) {
            JsonElement e = o.get(f);
            if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                return e.getAsString();
            }
        }
        return null;
    }

    private static java.util.Optional<String> permissionWarning(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
                return java.util.Optional.of("key file " + file + " is readable by other users; chmod 600 " + file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing to say
        }
        return java.util.Optional.empty();
    }
}
