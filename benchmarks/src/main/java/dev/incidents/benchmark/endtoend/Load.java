package dev.incidents.benchmark.endtoend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Drives an operation from several clients, either as fast as they can or at a fixed rate. */
final class Load {

    /** One request or a fixed sequence of requests; returns how many commands or queries it sent. */
    @FunctionalInterface
    interface Operation {
        int run(int client, long iteration) throws Exception;
    }

    /**
     * The outcome of one load.
     *
     * @param operations requests (or commands) completed
     * @param seconds    wall time of the measured period
     * @param failures   operations that raised; the first failure is kept in {@code firstFailure}
     */
    record Result(long operations, double seconds, long failures, String firstFailure, Latencies latencies) {

        double perSecond() {
            return operations / seconds;
        }
    }

    private Load() {
    }

    /** Runs {@code clients} loops that each repeat the operation without pause, for {@code duration}. */
    static Result closedLoop(int clients, Duration duration, Operation operation) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Latencies latencies = new Latencies();
        AtomicLong done = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        List<Future<?>> loops = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int id = client;
            loops.add(pool.submit(() -> {
                long iteration = 0;
                while (System.nanoTime() < end) {
                    long before = System.nanoTime();
                    try {
                        done.addAndGet(operation.run(id, iteration++));
                        latencies.record(System.nanoTime() - before);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                }
            }));
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 300, TimeUnit.SECONDS);
        return new Result(done.get(), Imports.seconds(started), failures.get(), firstFailure.get(), latencies);
    }

    /**
     * Starts the operation {@code perSecond} times a second for {@code duration}, whatever the earlier ones are doing,
     * and measures each latency from the instant it was due, so a stalled server shows in the figures instead of
     * slowing the load down.
     */
    static Result fixedRate(double perSecond, Duration duration, int maxInFlight, Operation operation)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(maxInFlight);
        Latencies latencies = new Latencies();
        AtomicLong done = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicInteger client = new AtomicInteger();
        long intervalNanos = (long) (1e9 / perSecond);
        long started = System.nanoTime();
        long total = (long) (perSecond * duration.toNanos() / 1e9);
        for (long iteration = 0; iteration < total; iteration++) {
            long due = started + iteration * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long number = iteration;
            pool.execute(() -> {
                try {
                    done.addAndGet(operation.run(client.getAndIncrement() % maxInFlight, number));
                    latencies.record(System.nanoTime() - due);
                } catch (Exception e) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, e.toString());
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(300, TimeUnit.SECONDS);
        return new Result(done.get(), Imports.seconds(started), failures.get(), firstFailure.get(), latencies);
    }
}
