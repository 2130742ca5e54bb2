package io.layerline.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback ports. */
public final class Ports {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Below the ports a Linux kernel hands to outgoing connections unless configured otherwise. */
    private static final int DEFAULT_EPHEMERAL_START = 32768;
    private static final int LOWEST = 10_000;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /**
     * A port that was free on the loopback interface a moment ago, for a server started soon after. It is taken
     * below the kernel's ephemeral range: a port from that range may be given to an outgoing connection (a Kafka or
     * PostgreSQL client) between this answer and the server's bind. A port is given once per JVM.
     */
    public static int free() {
        int ephemeralStart = ephemeralStart();
        for (int attempt = 0; attempt < 500 && ephemeralStart - LOWEST > 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralStart);
            if (!GIVEN.contains(port) && bindable(port) && GIVEN.add(port)) {
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int ephemeralStart() {
        try {
            return Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}
