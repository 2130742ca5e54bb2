package io.layerline.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Whether a Layerline service answers its health endpoint with UP: how the launcher, and tests, know it is ready. */
public final class Health {

    private Health() {
    }

    public static boolean isUp(HttpClient client, URI health) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(health)
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
