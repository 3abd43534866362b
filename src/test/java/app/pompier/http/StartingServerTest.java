package app.pompier.http;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP server listens before Pompier is wired: it says it is alive, not ready, and asks Slack to retry. */
class StartingServerTest {
    final HttpClient client = HttpClient.newHttpClient();

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void before_it_is_wired_it_is_alive_not_ready_and_tells_slack_to_come_back() throws Exception {
        HttpServer http = new HttpServer().start(0);
        try {
            String base = "http://127.0.0.1:" + http.port();
            assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/livez"))).statusCode());
            HttpResponse<String> ready = send(HttpRequest.newBuilder(URI.create(base + "/readyz")));
            assertEquals(503, ready.statusCode());
            assertTrue(ready.body().contains("starting"), ready.body());
            HttpResponse<String> event = send(HttpRequest.newBuilder(URI.create(base + "/slack/events"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"event_callback\"}")));
            assertEquals(503, event.statusCode(), "Slack delivers an event answered 503 again later");
            assertTrue(event.body().contains("starting"), event.body());
            assertEquals(503, send(HttpRequest.newBuilder(URI.create(base + "/api/tickets"))).statusCode());
        } finally {
            http.stop();
        }
    }
}
