package org.openahi.server.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers of {@code /_openahi/health/live} (the process answers) and {@code /_openahi/health/ready} (every
 * dependency answered a cheap call within {@link #TIMEOUT}). Each dependency's check runs on its own virtual thread
 * and the request waits for it at most {@link #TIMEOUT}, so a hung database or blob store makes the node DOWN instead
 * of hanging the load balancer's request; a check still running from an earlier request is waited for again rather
 * than started twice, so a hung dependency holds one thread, not one per poll.
 */
public final class Health implements AutoCloseable {
    /** Within what a load balancer waits (AWS ELB's default health check timeout is 5 s). */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(Health.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A cheap call to one dependency: returns when it answered, throws when it did not. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    /** An answer: whether the node is UP, and its JSON. */
    public record Answer(boolean up, byte[] json) {}

    private final String node;
    private final String version;
    private final Map<String, Check> checks;
    private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /** {@code checks} by dependency name, in the order the answer lists them. */
    public Health(String node, String version, Map<String, Check> checks) {
        this.node = node;
        this.version = version;
        this.checks = new LinkedHashMap<>(checks);
    }

    /** The version the jar's manifest names, or "development" when run from classes. */
    public static String version() {
        String version = Health.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    public Answer live() {
        return answer(true, identity());
    }

    public Answer ready() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Map<String, Future<?>> started = new LinkedHashMap<>();
        checks.forEach((name, check) -> started.put(
                name,
                running.compute(
                        name,
                        (key, earlier) -> earlier == null || earlier.isDone()
                                ? threads.submit(() -> {
                                    check.run();
                                    return null;
                                })
                                : earlier)));
        ObjectNode body = identity();
        ObjectNode states = body.putObject("checks");
        boolean up = true;
        for (Map.Entry<String, Future<?>> check : started.entrySet()) {
            String problem = problem(check.getValue(), deadline);
            states.put(check.getKey(), problem == null ? "UP" : "DOWN: " + problem);
            if (problem != null) {
                up = false;
                LOG.warn("Readiness: {} is down: {}", check.getKey(), problem);
            }
        }
        body.put("status", up ? "UP" : "DOWN");
        return answer(up, body);
    }

    /** Null when the check answered in time, else what went wrong. */
    private static String problem(Future<?> check, long deadline) {
        try {
            check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (TimeoutException e) {
            return "no answer within " + TIMEOUT.toSeconds() + " s";
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private ObjectNode identity() {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "UP");
        body.put("node", node);
        body.put("version", version);
        return body;
    }

    private static Answer answer(boolean up, ObjectNode body) {
        try {
            return new Answer(up, JSON.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a health answer", e);
        }
    }

    /** Stops checks still waiting on a dependency. */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
