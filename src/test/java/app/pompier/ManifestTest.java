package app.pompier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two ways to create the Slack app describe one app: same commands, scopes and events, two transports. */
class ManifestTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static JsonNode manifest(String file) throws IOException {
        return YAML.readTree(Path.of("manifest", file).toFile());
    }

    /** Every request URL in the manifest, by where it is. */
    static List<String> urls(JsonNode node, String at) {
        List<String> found = new ArrayList<>();
        node.fields().forEachRemaining(field -> {
            if (field.getKey().equals("url") || field.getKey().equals("request_url")) {
                found.add(at + "/" + field.getKey());
            }
            found.addAll(urls(field.getValue(), at + "/" + field.getKey()));
        });
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            found.addAll(urls(node.get(i), at + "[" + i + "]"));
        }
        return found;
    }

    static JsonNode withoutTransport(JsonNode manifest) {
        JsonNode copy = manifest.deepCopy();
        copy.path("features").path("slash_commands").forEach(c -> ((ObjectNode) c).remove("url"));
        ((ObjectNode) copy.path("settings").path("event_subscriptions")).remove("request_url");
        ((ObjectNode) copy.path("settings").path("interactivity")).remove("request_url");
        ((ObjectNode) copy.path("settings")).remove("socket_mode_enabled");
        return copy;
    }

    @Test
    void the_socket_mode_manifest_has_socket_mode_on_and_no_request_url() throws IOException {
        JsonNode socketMode = manifest("pompier-socket-mode.yaml");
        assertTrue(socketMode.path("settings").path("socket_mode_enabled").asBoolean());
        assertEquals(List.of(), urls(socketMode, ""));
    }

    @Test
    void the_http_manifest_sends_every_request_to_slack_events() throws IOException {
        JsonNode http = manifest("pompier.yaml");
        assertEquals(false, http.path("settings").path("socket_mode_enabled").asBoolean());
        List<String> urls = urls(http, "");
        assertEquals(5, urls.size(), urls.toString()); // three commands, events, interactivity
        http.path("features").path("slash_commands").forEach(c ->
                assertEquals("https://pompier.example.com/slack/events", c.path("url").asText()));
    }

    @Test
    void both_manifests_describe_the_same_app_apart_from_the_transport() throws IOException {
        assertEquals(withoutTransport(manifest("pompier.yaml")), withoutTransport(manifest("pompier-socket-mode.yaml")));
    }
}
