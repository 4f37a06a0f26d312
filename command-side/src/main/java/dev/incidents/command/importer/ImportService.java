package dev.incidents.command.importer;

import dev.incidents.api.error.CommandRejection;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.ImportMetaData;
import dev.incidents.api.incident.IncidentStatus;
import dev.incidents.api.incident.LifecyclePolicy;
import dev.incidents.api.incident.UserId;
import dev.incidents.command.config.LifecyclePhases;
import dev.incidents.command.config.StoreProperties;
import dev.incidents.command.incident.IncidentRuleViolation;
import dev.incidents.command.refusal.RefusalRecorder;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs imports of historical incident logs in the background. The upload is stored in the data folder first, so
 * the client's connection is not held for the whole import. Incidents are imported in parallel, each in order.
 */
@Service
public class ImportService implements SmartLifecycle {

    /** Formats this importer reads. */
    public static final String FORMAT_BPIC2013 = "bpic2013";
    public static final String FORMAT_SERVICENOW = "servicenow";

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);
    private static final int PROGRESS_LOG_INTERVAL = 10_000;
    private static final String UPLOAD_SUFFIX = ".upload";
    /** How long a stop waits for the incidents being imported, within the 30 s bin/incidents gives a stop. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final CommandGateway commandGateway;
    /** Importer of an incident in one transaction, or null when commands are handled in other processes. */
    private final IncidentTransaction incidentTransaction;
    private final LiveCommandTraffic liveCommands;
    private final ImportProperties properties;
    private final Path uploadDir;
    private final Clock clock;
    private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean stopping;
    private final ExecutorService coordinator = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "import-coordinator");
        thread.setDaemon(true);
        return thread;
    });

    ImportService(CommandGateway commandGateway, CommandBus commandBus, TransactionManager transactionManager,
                  LiveCommandTraffic liveCommands, ImportProperties properties, StoreProperties store, Clock clock) {
        this.commandGateway = commandGateway;
        // Through Axon Server a command runs on another thread or process, outside the importing thread's
        // transaction, so an incident there is imported one command at a time.
        this.incidentTransaction = commandBus instanceof SimpleCommandBus
                ? new IncidentTransaction(transactionManager) : null;
        this.liveCommands = liveCommands;
        this.properties = properties;
        this.uploadDir = store.dataDir().resolve("imports");
        this.clock = clock;
    }

    /**
     * Stores the uploaded log and starts importing it.
     *
     * @param reopenAfterClosure overrides the configured policy for this import when not null
     * @param zone               overrides the configured time zone of logs with local times when not null
     * @param workers            overrides the configured number of incidents imported at once when not null
     * @param startedBy          the user who started the import; the imported commands carry the log's own actors
     */
    public ImportProgress start(String format, InputStream upload, Boolean reopenAfterClosure, ZoneId zone,
                                Integer workers, UserId startedBy) throws IOException {
        if (!FORMAT_BPIC2013.equals(format) && !FORMAT_SERVICENOW.equals(format)) {
            throw new IllegalArgumentException("unknown import format '" + format + "': use " + FORMAT_BPIC2013
                    + " or " + FORMAT_SERVICENOW);
        }
        String importId = UUID.randomUUID().toString();
        Files.createDirectories(uploadDir);
        Path file = uploadDir.resolve(importId + UPLOAD_SUFFIX);
        long bytes;
        try {
            bytes = Files.copy(upload, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            long received = Files.exists(file) ? Files.size(file) : 0;
            deleteQuietly(file);
            throw new UploadInterruptedException(received, e);
        }
        if (bytes == 0) {
            Files.delete(file);
            throw new IllegalArgumentException("the uploaded file is empty: send the log file as the request body");
        }

        LifecyclePolicy configured = properties.policy();
        LifecyclePolicy policy = reopenAfterClosure == null ? configured
                : new LifecyclePolicy(reopenAfterClosure, configured.handOverWhenResolved());
        ZoneId sourceZone = zone == null ? properties.sourceZone() : zone;
        ImportJob job = new ImportJob(importId, format, policy, startedBy, clock.instant());
        jobs.put(importId, job);
        int parallel = workers == null ? properties.workers() : workers;
        log.info("Import {} started by {}: {} bytes of {} with {}, local times in {}, {} workers, {}", importId,
                startedBy, bytes, format, policy, sourceZone, parallel,
                incidentTransaction != null ? "one transaction per incident" : "one transaction per command");
        coordinator.submit(() -> run(job, file, formatOf(job, sourceZone), parallel));
        return job.progress(clock.instant());
    }

    /**
     * Accepts imports once the application has started, after deleting the uploads that a previous run of the
     * command side left behind when it was killed: their imports were kept in memory and cannot continue.
     */
    @Override
    public void start() {
        deleteLeftUploads();
        running = true;
    }

    private void deleteLeftUploads() {
        if (!Files.isDirectory(uploadDir)) {
            return;
        }
        try (var files = Files.list(uploadDir)) {
            List<Path> left = files.filter(file -> file.getFileName().toString().endsWith(UPLOAD_SUFFIX)).toList();
            left.forEach(ImportService::deleteQuietly);
            if (!left.isEmpty()) {
                log.info("Deleted {} uploads of imports that an earlier run did not finish from {}", left.size(),
                        uploadDir);
            }
        } catch (IOException e) {
            log.warn("Could not list the import uploads in {}: {}", uploadDir, e.toString());
        }
    }

    /**
     * Stops a running import before Axon unsubscribes the command handlers: no further incident is started, and the
     * incidents being imported finish, so no worker sends a command that nothing would handle any more.
     */
    @Override
    public void stop() {
        stopping = true;
        coordinator.shutdown();
        try {
            if (!coordinator.awaitTermination(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("An import was still running {} s after the command side began to stop",
                        STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops with the deadline scheduler, before Axon and the database close. */
    @Override
    public int getPhase() {
        return LifecyclePhases.BEFORE_AXON_STOPS;
    }

    public Optional<ImportProgress> progress(String importId) {
        return Optional.ofNullable(jobs.get(importId)).map(job -> job.progress(clock.instant()));
    }

    private static ImportFormat formatOf(ImportJob job, ZoneId zone) {
        if (FORMAT_SERVICENOW.equals(job.format())) {
            return ImportFormat.serviceNow(new ServiceNowCsvReader(zone), new ServiceNowIncidentImporter(job.policy()));
        }
        return ImportFormat.bpic2013(new Bpic2013TraceImporter(job.policy()));
    }

    private void run(ImportJob job, Path file, ImportFormat format, int parallel) {
        ExecutorService workers = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "import-" + job.importId().substring(0, 8));
            thread.setDaemon(true);
            return thread;
        });
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            job.totalRecords(format.countRecords(file));
            Semaphore queued = new Semaphore(parallel * 4);
            format.readIncidents(file, incident -> {
                if (stopping) {
                    throw new ImportStopped();
                }
                if (failure.get() != null) {
                    return;
                }
                acquire(queued);
                workers.submit(() -> {
                    try {
                        importIncident(job, incident);
                        logProgress(job);
                    } catch (RuntimeException | Error e) {
                        // The executor would keep an error to itself, and the import would end as completed without
                        // the records of this incident.
                        log.error("Import {} failed on incident {}", job.importId(), incident.incidentId(), e);
                        failure.compareAndSet(null, e);
                    } finally {
                        queued.release();
                    }
                });
            });
            workers.shutdown();
            workers.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
            finish(job, failure.get());
        } catch (ImportStopped e) {
            awaitWorkers(workers);
            ImportProgress stopped = job.progress(clock.instant());
            log.info("Import {} stopped with the command side after {} of {} records", job.importId(),
                    stopped.sourceRecords(), stopped.totalRecords());
            job.fail("the command side stopped during the import. Run the same import again to continue; records"
                    + " already applied are skipped.", clock.instant());
        } catch (IOException e) {
            // An unreadable upload needs a fixed file, not a fixed server, and its message names the fix.
            log.warn("Import {} failed: {}", job.importId(), e.getMessage());
            job.fail(e.getMessage(), clock.instant());
        } catch (RuntimeException e) {
            log.error("Import {} failed", job.importId(), e);
            job.fail(e.getMessage(), clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.fail("interrupted while waiting for the import workers", clock.instant());
        } finally {
            workers.shutdownNow();
            deleteQuietly(file);
        }
    }

    /**
     * Imports one incident in one transaction where it can, else one command at a time. While live commands run, each
     * imported command keeps its own transaction: the fewer commits of whole incidents let the import and the query
     * side following it take more processor time from the live commands. In the benchmark of live commands during
     * an import their p99 latency rose from 1.6 to 5.2 s with whole incidents.
     */
    private void importIncident(ImportJob job, ImportFormat.IncidentRecords incident) {
        JobCommandSender sender = new JobCommandSender(job);
        if (incidentTransaction != null && !liveCommands.liveRecently()
                && incidentTransaction.tryImport(job.importId(), incident, sender, job.tally())) {
            return;
        }
        incident.importInto(sender, job.tally());
    }

    private void finish(ImportJob job, Throwable failure) {
        if (failure != null) {
            job.fail("import stopped after an error: " + failure.getMessage()
                    + ". Run the same import again to continue; records already applied are skipped.", clock.instant());
            return;
        }
        job.complete(clock.instant());
        ImportProgress done = job.progress(clock.instant());
        log.info("Import {} completed: {} records ({} applied, skipped {}, rejected {}), {} incidents, {} s",
                job.importId(), done.sourceRecords(), done.appliedRecords(), done.skippedRecords(),
                done.rejectedRecords(), done.incidents(), done.elapsedSeconds());
    }

    private IncidentStatus send(ImportJob job, Object command, long position, String sourceStatus) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(ImportMetaData.SOURCE, job.format());
        metaData.put(ImportMetaData.POSITION, position);
        if (sourceStatus != null) {
            metaData.put(ImportMetaData.SOURCE_STATUS, sourceStatus);
        }
        try {
            return liveCommands.sendImported(() -> commandGateway.<IncidentStatus>sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).withMetaData(metaData)));
        } catch (CommandExecutionException failure) {
            // Through Axon Server a rule violation arrives as its details, and the importers count it by its code.
            // An unknown incident stays a failure, as the local AggregateNotFoundException is.
            CommandRejection rejection = RefusalRecorder.rejectionOf(failure)
                    .filter(found -> found.code() != ErrorCode.INCIDENT_NOT_FOUND)
                    .orElseThrow(() -> failure);
            throw new IncidentRuleViolation(rejection);
        }
    }

    /** Sends the commands of one import job, with the job's format as the import source. */
    private final class JobCommandSender implements IncidentCommandSender {

        private final ImportJob job;

        JobCommandSender(ImportJob job) {
            this.job = job;
        }

        @Override
        public IncidentStatus send(Object command, long position) {
            return ImportService.this.send(job, command, position, null);
        }

        @Override
        public IncidentStatus send(Object command, long position, String sourceStatus) {
            return ImportService.this.send(job, command, position, sourceStatus);
        }
    }

    private void logProgress(ImportJob job) {
        long records = job.tally().records();
        // Several workers can pass the same boundary; an extra log line now and then does no harm.
        if (records % PROGRESS_LOG_INTERVAL < 10) {
            ImportProgress progress = job.progress(clock.instant());
            log.info("Import {}: {} of {} records, {} records/s", job.importId(), progress.sourceRecords(),
                    progress.totalRecords(), progress.recordsPerSecond());
        }
    }

    /** Waits for the incidents the workers have begun, so that their commands reach the handlers. */
    private void awaitWorkers(ExecutorService workers) {
        workers.shutdown();
        try {
            workers.awaitTermination(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the reading of an import file when the command side stops. */
    private static final class ImportStopped extends RuntimeException {

        ImportStopped() {
            super("the command side is stopping", null, false, false);
        }
    }

    private static void acquire(Semaphore semaphore) {
        try {
            semaphore.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the import file", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the uploaded import file {}", file, e);
        }
    }
}
